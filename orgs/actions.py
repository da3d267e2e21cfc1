"""Every write to the organization tree. Each function is atomic and audited."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from audit.log import record, snapshot
from orgs.models import Organization, OrgKind, OrgVersion


def _path_for(org: Organization, parent: Organization | None) -> str:
    return f"{parent.path if parent else '/'}{org.pk}/"


@transaction.atomic
def do_create_organization(
    actor: Any,
    *,
    kind: str,
    code: str,
    name: str,
    official_name: str = "",
    parent: Organization | None = None,
    cell_type: str = "",
    founded_on: dt.date = dt.date(1930, 2, 3),
) -> Organization:
    org = Organization.objects.create(
        kind=kind,
        code=code,
        name=name,
        official_name=official_name or name,
        parent=parent,
        cell_type=cell_type if kind == OrgKind.CELL else "",
        founded_on=founded_on,
    )
    org.path = _path_for(org, parent)
    org.save(update_fields=["path"])
    OrgVersion.objects.create(
        organization=org,
        parent=parent,
        name=org.name,
        official_name=org.official_name,
        valid_from=founded_on,
        reason="founded",
    )
    record(actor, "org.create", org, organization=org, after=snapshot(org))
    return org


def _open_new_version(org: Organization, day: dt.date, reason: str) -> None:
    """Close the current version on `day` and open one from the org's current fields."""
    current = (
        OrgVersion.objects.select_for_update()
        .filter(organization=org, valid_to__isnull=True)
        .first()
    )
    if current is not None:
        if current.valid_from >= day:
            # A correction on the version's own first day replaces it instead of leaving an empty period.
            current.delete()
        else:
            current.valid_to = day
            current.save(update_fields=["valid_to"])
    OrgVersion.objects.create(
        organization=org,
        parent=org.parent,
        name=org.name,
        official_name=org.official_name,
        valid_from=day,
        reason=reason,
    )


@transaction.atomic
def do_rename_organization(
    actor: Any, org: Organization, *, name: str, official_name: str, on: dt.date
) -> None:
    before = snapshot(org, ["name", "official_name"])
    org.name = name
    org.official_name = official_name or name
    org.save(update_fields=["name", "official_name"])
    _open_new_version(org, on, "renamed")
    record(
        actor,
        "org.rename",
        org,
        organization=org,
        before=before,
        after=snapshot(org, ["name", "official_name"]),
    )


def _reparent(org: Organization, new_parent: Organization) -> None:
    """Point `org` at `new_parent` and rewrite the paths of its whole subtree in one UPDATE."""
    old_path = org.path
    new_path = _path_for(org, new_parent)
    Organization.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
    )
    org.parent = new_parent
    org.path = new_path
    org.save(update_fields=["parent"])


@transaction.atomic
def do_move_organization(
    actor: Any, org: Organization, *, new_parent: Organization, on: dt.date
) -> None:
    if new_parent.path.startswith(org.path):
        raise ValueError("An organization cannot be moved under itself.")
    before = {"parent": org.parent_id, "path": org.path}
    _reparent(org, new_parent)
    _open_new_version(org, on, "moved")
    record(
        actor,
        "org.move",
        org,
        organization=org,
        before=before,
        after={"parent": new_parent.pk, "path": org.path},
    )
