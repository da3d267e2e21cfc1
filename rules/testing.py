"""Rule packs for tests and the permission walk, made through the same actions as the pages."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from core.testing import World
from orgs.models import Organization
from rules.actions import do_copy_pack, do_publish_pack, do_update_pack
from rules.models import RulePack

NATIONAL_CODE = "hd12-binh-thuan"
SINCE = dt.date(2020, 1, 1)


def national_pack() -> RulePack:
    """The national default shipped by the migrations."""
    return RulePack.objects.get(code=NATIONAL_CODE, version=1)


def draft_pack(
    scope: Organization,
    *,
    actor: Any = None,
    source: RulePack | None = None,
    name: str = "",
    effective_from: dt.date = SINCE,
    effective_to: dt.date | None = None,
    notice_lead_days: int | None = None,
    min_minutes: dict[str, int] | None = None,
    majority: tuple[str, bool] | None = None,
    qualified: tuple[str, bool] | None = None,
) -> RulePack:
    """A draft for `scope` copied from `source` (the national default), with the thresholds given changed."""
    source = source or national_pack()
    pack = do_copy_pack(
        actor, source, scope=scope, name=name or f"Quy định {scope.name}", effective_from=effective_from
    )
    data = copy.deepcopy(pack.data)
    if notice_lead_days is not None:
        data["meeting"]["notice_lead_days"] = notice_lead_days
    data["meeting"]["min_minutes"].update(min_minutes or {})
    for key, value in (("majority", majority), ("qualified", qualified)):
        if value is not None:
            data["votes"][key] = {"fraction": value[0], "strict": value[1]}
    return do_update_pack(
        actor,
        pack,
        version=pack.edit_version,
        name=pack.name,
        description="",
        effective_from=effective_from,
        effective_to=effective_to,
        data=data,
    )


def scoped_pack(scope: Organization, **changes: Any) -> RulePack:
    """A published pack for `scope`: the national default with the thresholds given changed (see `draft_pack`)."""
    pack = draft_pack(scope, **changes)
    published, _closed = do_publish_pack(changes.get("actor"), pack, version=pack.edit_version)
    return published


def walk_kwargs(world: World, what: str) -> dict[str, int]:
    """URL arguments for the permission walk: the national pack, or a draft or published pack of commune A."""
    if what == "national":
        return {"pack_id": national_pack().pk}
    if what == "published":
        return {"pack_id": scoped_pack(world.commune_a).pk}
    pack = draft_pack(world.commune_a, actor=world.olga)
    if what == "sheet":
        return {"pack_id": pack.pk, "number": 1}
    return {"pack_id": pack.pk}
