"""Every write to rule packs: atomic, audited, and refused on a stale form.

A pack is copied into a draft, edited while it is a draft, then published;
from then on it never changes (a result that names a pack version can always
be explained by it), except that it may be withdrawn, or closed the day before
a newer pack of the same scope starts. Each edit checks the draft's
`edit_version` and bumps it, and keeps the pack's data valid (`schema.parse`),
so a draft can be shown, exported or published at any time.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.dates import vn_short_date
from core.text import fold
from orgs.models import Organization
from rules.models import PackStatus, RulePack
from rules.schema import PackInvalid, Rules, parse

PACK_FIELDS = [
    "code",
    "version",
    "name",
    "description",
    "scope",
    "effective_from",
    "effective_to",
    "status",
    "based_on",
    "edit_version",
]
CODE_LENGTH = 60


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _log(actor: Any, action: str, pack: RulePack, **kwargs: Any) -> None:
    record(actor, action, pack, organization=pack.scope, object_repr=pack.label, **kwargs)


def valid_rules(data: Any) -> Rules:
    """The rules in `data`, or a ValidationError listing every mistake in Vietnamese."""
    try:
        return parse(data)
    except PackInvalid as invalid:
        raise ValidationError(invalid.errors, code="invalid") from None


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start is None:
        raise ValidationError(_("Give the day the rules come into force."), code="period")
    if end is not None and end < start:
        raise ValidationError(_("The last day in force cannot be before the first."), code="period")


def _lock(pack: RulePack, version: int | None, *, draft: bool = False) -> RulePack:
    """Re-read `pack` under a row lock; refuse a form opened on an older version, or a sealed pack if `draft`."""
    locked = RulePack.objects.select_for_update(of=("self",)).select_related("scope").get(pk=pack.pk)
    if draft and locked.is_published:
        raise ValidationError(
            _("This rule pack is in use and can no longer change: copy it to make a new version."), code="sealed"
        )
    if draft and not locked.is_draft:
        raise ValidationError(
            _("This rule pack was withdrawn and can no longer change: copy it to make a new version."), code="sealed"
        )
    if version is not None and version != locked.edit_version:
        raise ValidationError(
            _(
                "Someone changed this rule pack after you opened the page. Nothing was saved: "
                "reload the page, check the current rules and make your change again."
            ),
            code="stale",
        )
    return locked


def _bump(pack: RulePack, *fields: str) -> None:
    pack.edit_version += 1
    pack.save(update_fields=[*fields, "edit_version"])
    pack.__dict__.pop("rules", None)  # the cached parse of the old data


# --- copy ---------------------------------------------------------------------------------------


def _code_for(source: RulePack, scope: Organization) -> str:
    """The copy's code: the source's own when the organization revises its pack, else one naming the scope."""
    if source.scope_id == scope.pk:
        return source.code
    base = source.code
    if source.scope is not None:
        base = base.removeprefix(slugify(fold(source.scope.code)) + "-")
    code = slugify(fold(f"{scope.code}-{base}"))[:CODE_LENGTH].strip("-")
    # A code belongs to one scope: should another scope hold it already, number this one.
    candidate, n = code, 2
    while RulePack.objects.filter(code=candidate).exclude(scope=scope).exists():
        suffix = f"-{n}"
        candidate, n = code[: CODE_LENGTH - len(suffix)] + suffix, n + 1
    return candidate


@transaction.atomic
def do_copy_pack(actor: Any, source: RulePack, *, scope: Organization, name: str, effective_from: dt.date) -> RulePack:
    """A new draft for `scope` with the rules of `source`.

    Version numbering: a pack's code names one line of versions within one
    scope. When an organization copies its own pack, the copy is the next
    version of that code; when it copies another scope's pack (the national
    default, the province's), the copy starts a code of its own,
    "<organization code>-<source code>", whose next copies are its versions 2, 3...
    The same draft copied twice (a double submit) is made once.
    """
    Organization.objects.select_for_update().get(pk=scope.pk)  # one numbering at a time per scope
    name = name.strip()
    existing = RulePack.objects.filter(status=PackStatus.DRAFT, based_on=source, scope=scope, name=name).first()
    if existing is not None:
        return existing
    valid_rules(source.data)
    code = _code_for(source, scope)
    version = (RulePack.objects.filter(code=code).aggregate(top=Max("version"))["top"] or 0) + 1
    pack = RulePack.objects.create(
        code=code,
        version=version,
        name=name,
        description="",  # the source's describes the source; "copied from" names it
        scope=scope,
        effective_from=effective_from,
        status=PackStatus.DRAFT,
        data=copy.deepcopy(source.data),
        based_on=source,
        created_by=_actor(actor),
    )
    _log(actor, "rules.copy", pack, after=snapshot(pack, PACK_FIELDS))
    return pack


# --- edit a draft -------------------------------------------------------------------------------


@transaction.atomic
def do_update_pack(
    actor: Any,
    pack: RulePack,
    *,
    version: int,
    name: str,
    description: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    data: dict[str, Any],
) -> RulePack:
    """Save the pack's name, period and thresholds (`data` holds the whole pack, sheets included)."""
    locked = _lock(pack, version, draft=True)
    check_period(effective_from, effective_to)
    valid_rules(data)
    fields = ["name", "description", "effective_from", "effective_to", "data"]
    before = snapshot(locked, fields)
    locked.name, locked.description = name.strip(), description.strip()
    locked.effective_from, locked.effective_to, locked.data = effective_from, effective_to, data
    if before == snapshot(locked, fields):
        return locked
    _bump(locked, *fields)
    _log(actor, "rules.update", locked, before=before, after=snapshot(locked, fields))
    return locked


def _sheets(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data.setdefault("quality", {}).setdefault("sheets", [])


def _change_sheets(actor: Any, locked: RulePack, data: dict[str, Any], action: str, before: Any, after: Any) -> None:
    valid_rules(data)
    locked.data = data
    _bump(locked, "data")
    _log(actor, action, locked, before=before, after=after)


@transaction.atomic
def do_save_sheet(actor: Any, pack: RulePack, *, version: int, number: int | None, sheet: dict[str, Any]) -> RulePack:
    """Replace sheet `number` (1-based) of a draft, or add `sheet` after the others when `number` is None."""
    locked = _lock(pack, version, draft=True)
    data = copy.deepcopy(locked.data)
    sheets = _sheets(data)
    if number is None:
        sheets.append(sheet)
        _change_sheets(actor, locked, data, "rules.sheet_add", None, {"sheet": len(sheets)} | sheet)
        return locked
    if not 1 <= number <= len(sheets):
        raise ValidationError(_("This score sheet no longer exists: reload the page."), code="stale")
    before = sheets[number - 1]
    if before == sheet:
        return locked
    sheets[number - 1] = sheet
    _change_sheets(actor, locked, data, "rules.sheet_update", {"sheet": number} | before, {"sheet": number} | sheet)
    return locked


@transaction.atomic
def do_remove_sheet(actor: Any, pack: RulePack, *, version: int, number: int) -> RulePack:
    locked = _lock(pack, version, draft=True)
    data = copy.deepcopy(locked.data)
    sheets = _sheets(data)
    if not 1 <= number <= len(sheets):
        raise ValidationError(_("This score sheet no longer exists: reload the page."), code="stale")
    removed = sheets.pop(number - 1)
    _change_sheets(actor, locked, data, "rules.sheet_remove", {"sheet": number} | removed, None)
    return locked


@transaction.atomic
def do_import_data(actor: Any, pack: RulePack, *, version: int, data: Any) -> RulePack:
    """Replace a draft's rules with uploaded JSON data, once it is valid."""
    locked = _lock(pack, version, draft=True)
    valid_rules(data)
    if data == locked.data:
        return locked
    before = locked.data
    locked.data = data
    _bump(locked, "data")
    _log(actor, "rules.import", locked, before={"data": before}, after={"data": data})
    return locked


@transaction.atomic
def do_discard_draft(actor: Any, pack: RulePack, *, version: int) -> None:
    locked = _lock(pack, version, draft=True)
    _log(actor, "rules.discard", locked, before=snapshot(locked, [*PACK_FIELDS, "data"]))
    locked.delete()


# --- publish and withdraw -----------------------------------------------------------------------


@dataclass
class PublishPlan:
    """What publishing a draft would do to the published packs of the same scope."""

    conflicts: list[RulePack] = field(default_factory=list)
    closes: RulePack | None = None

    @property
    def close_on(self) -> dt.date | None:
        return self.closes.effective_to if self.closes and self.closes.effective_to else None


def _same_scope(pack: RulePack) -> Q:
    return Q(scope__isnull=True) if pack.scope_id is None else Q(scope_id=pack.scope_id)


def plan_publish(pack: RulePack, *, lock: bool = False) -> PublishPlan:
    """The published packs of the same scope whose period overlaps the draft's.

    An older pack with no end is closed the day before the draft starts; any
    other overlap is a conflict that the office must settle first.
    """
    others = RulePack.objects.filter(_same_scope(pack), status=PackStatus.PUBLISHED).exclude(pk=pack.pk)
    if lock:
        others = others.select_for_update()
    plan = PublishPlan()
    for other in others.order_by("effective_from"):
        if not other.overlaps(pack.effective_from, pack.effective_to):
            continue
        if other.effective_to is None and other.effective_from < pack.effective_from:
            plan.closes = other
        else:
            plan.conflicts.append(other)
    return plan


def _period(pack: RulePack) -> str:
    if pack.effective_to is None:
        return _("from %(start)s, with no end") % {"start": vn_short_date(pack.effective_from)}
    return _("from %(start)s to %(end)s") % {
        "start": vn_short_date(pack.effective_from),
        "end": vn_short_date(pack.effective_to),
    }


def conflict_message(other: RulePack) -> str:
    return _(
        '"%(other)s", in force %(period)s for the same scope, overlaps these dates: change the dates of this '
        "draft, or withdraw the other pack first."
    ) % {"other": other.label, "period": _period(other)}


@transaction.atomic
def do_publish_pack(actor: Any, pack: RulePack, *, version: int) -> tuple[RulePack, RulePack | None]:
    """Put a draft in force; returns it and the older pack it closed, if any."""
    locked = _lock(pack, version, draft=True)
    valid_rules(locked.data)
    check_period(locked.effective_from, locked.effective_to)
    plan = plan_publish(locked, lock=True)
    if plan.conflicts:
        raise ValidationError([conflict_message(other) for other in plan.conflicts], code="overlap")
    closed = plan.closes
    if closed is not None:
        before = snapshot(closed, ["effective_to"])
        closed.effective_to = locked.effective_from - dt.timedelta(days=1)
        _bump(closed, "effective_to")
        _log(
            actor,
            "rules.close",
            closed,
            before=before,
            after=snapshot(closed, ["effective_to"]) | {"replaced_by": locked.label},
        )
    before = snapshot(locked, ["status"])
    locked.status, locked.published_at = PackStatus.PUBLISHED, timezone.now()
    _bump(locked, "status", "published_at")
    _log(actor, "rules.publish", locked, before=before, after=snapshot(locked, PACK_FIELDS))
    return locked, closed


@transaction.atomic
def do_withdraw_pack(actor: Any, pack: RulePack, *, version: int) -> RulePack:
    """Take a published pack out of force: meetings fall back to the next pack up the tree."""
    locked = _lock(pack, version)
    if not locked.is_published:
        raise ValidationError(_("Only a pack in use can be withdrawn."), code="not_published")
    if locked.is_national:
        others = RulePack.objects.filter(scope__isnull=True, status=PackStatus.PUBLISHED).exclude(pk=locked.pk)
        if not others.exists():
            raise ValidationError(
                _("This is the only national pack in use: publish another one before withdrawing it."),
                code="last_national",
            )
    before = snapshot(locked, ["status"])
    locked.status = PackStatus.WITHDRAWN
    _bump(locked, "status")
    _log(actor, "rules.withdraw", locked, before=before, after=snapshot(locked, ["status"]))
    return locked
