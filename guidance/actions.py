"""Every write to the commune's conferences and monthly guidance. Each is atomic and audited.

A guidance is a draft until published. After publication it can still be
corrected, but every correction is written to the audit trail under an action
starting with "guidance.correct", so that cells which already took the guidance
up are shown that it changed (see `guidance.queries.corrections`). Every change
to a guidance or its items bumps `Guidance.version`; a form opened on an older
version is refused instead of overwriting someone else's change.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.dates import vn_short_date
from guidance.models import Conference, Guidance, GuidanceItem, GuidanceStatus, month_start
from orgs.models import Organization

CORRECTION_PREFIX = "guidance.correct"
GUIDANCE_FIELDS = ["title", "summary", "conference", "status", "version"]
ITEM_FIELDS = ["kind", "title", "body", "cell_types", "file", "order"]


def _item_snapshot(item: GuidanceItem) -> dict[str, Any]:
    # The file is kept by its stored name: the audit row says which file was attached.
    return {"item": item.pk} | snapshot(item, ITEM_FIELDS) | {"file": item.file.name or ""}


def _locked(guidance: Guidance, version: int | None) -> Guidance:
    """Re-read `guidance` under a row lock and refuse a form opened on an older version."""
    locked = Guidance.objects.select_for_update().select_related("organization").get(pk=guidance.pk)
    if version is not None and version != locked.version:
        raise ValidationError(
            _(
                "Someone changed this guidance after you opened the form. Nothing was saved: "
                "reload the page, check the current text and make your change again."
            ),
            code="stale",
        )
    return locked


def _action(guidance: Guidance, change: str) -> str:
    """The audit action for `change` ("update", "item_add"...): on a published guidance, a correction."""
    if not guidance.is_published:
        return f"guidance.{change}"
    return CORRECTION_PREFIX if change == "update" else f"{CORRECTION_PREFIX}_{change}"


def _bump(guidance: Guidance) -> None:
    guidance.version += 1
    guidance.save(update_fields=["version"])


@transaction.atomic
def do_record_conference(
    actor: Any, organization: Organization, *, held_on: dt.date, attendees: str, conclusions: str
) -> Conference:
    """Record the commune's expanded conference; the same day twice is refused (a double submit)."""
    Organization.objects.select_for_update().get(pk=organization.pk)
    if Conference.objects.filter(organization=organization, held_on=held_on).exists():
        raise ValidationError(
            _("A conference held on %(date)s is already recorded.") % {"date": vn_short_date(held_on)}, code="duplicate"
        )
    conference = Conference.objects.create(
        organization=organization,
        held_on=held_on,
        attendees=attendees.strip(),
        conclusions=conclusions.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor,
        "guidance.conference_record",
        conference,
        organization=organization,
        after=snapshot(conference, ["held_on", "attendees", "conclusions"]),
        object_repr=_("Conference of %(date)s") % {"date": vn_short_date(held_on)},
    )
    return conference


@transaction.atomic
def do_update_conference(
    actor: Any, conference: Conference, *, held_on: dt.date, attendees: str, conclusions: str
) -> Conference:
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    if Conference.objects.filter(organization_id=locked.organization_id, held_on=held_on).exclude(pk=locked.pk):
        raise ValidationError(
            _("A conference held on %(date)s is already recorded.") % {"date": vn_short_date(held_on)}, code="duplicate"
        )
    fields = ["held_on", "attendees", "conclusions"]
    before = snapshot(locked, fields)
    locked.held_on, locked.attendees, locked.conclusions = held_on, attendees.strip(), conclusions.strip()
    locked.save(update_fields=fields)
    record(
        actor,
        "guidance.conference_update",
        locked,
        organization=conference.organization,
        before=before,
        after=snapshot(locked, fields),
        object_repr=_("Conference of %(date)s") % {"date": vn_short_date(held_on)},
    )
    return locked


@transaction.atomic
def do_create_guidance(
    actor: Any,
    organization: Organization,
    *,
    month: dt.date,
    title: str,
    summary: str = "",
    conference: Conference | None = None,
) -> Guidance:
    """Start the draft guidance of `month`; one per organization and month."""
    month = month_start(month)
    if organization.is_cell:
        raise ValidationError(_("Guidance is written by the commune committee, not by a cell."))
    if conference is not None and conference.organization_id != organization.pk:
        raise ValidationError(_("That conference belongs to another organization."))
    title = title.strip()
    if not title:
        raise ValidationError(_("The guidance needs a title."))
    try:
        with transaction.atomic():
            guidance = Guidance.objects.create(
                organization=organization, month=month, title=title, summary=summary.strip(), conference=conference
            )
    except IntegrityError:
        raise ValidationError(
            _("The guidance for %(month)s already exists; open it from the list.")
            % {"month": f"{month.month:02d}/{month.year}"},
            code="duplicate",
        ) from None
    record(
        actor,
        "guidance.create",
        guidance,
        organization=organization,
        after=snapshot(guidance, ["month", *GUIDANCE_FIELDS]),
    )
    return guidance


@transaction.atomic
def do_update_guidance(
    actor: Any,
    guidance: Guidance,
    *,
    version: int,
    title: str,
    summary: str,
    conference: Conference | None,
) -> Guidance:
    locked = _locked(guidance, version)
    if conference is not None and conference.organization_id != locked.organization_id:
        raise ValidationError(_("That conference belongs to another organization."))
    title = title.strip()
    if not title:
        raise ValidationError(_("The guidance needs a title."))
    before = snapshot(locked, GUIDANCE_FIELDS)
    locked.title, locked.summary, locked.conference = title, summary.strip(), conference
    if snapshot(locked, GUIDANCE_FIELDS) == before:
        return locked
    locked.version += 1
    locked.save(update_fields=["title", "summary", "conference", "version"])
    record(
        actor,
        _action(locked, "update"),
        locked,
        organization=locked.organization,
        before=before,
        after=snapshot(locked, GUIDANCE_FIELDS),
    )
    return locked


@transaction.atomic
def do_add_item(
    actor: Any,
    guidance: Guidance,
    *,
    version: int,
    kind: str,
    title: str,
    body: str = "",
    cell_types: list[str] | None = None,
    file: UploadedFile | None = None,
) -> GuidanceItem:
    """Add one point to the guidance.

    A second submit of the same form (same version, same text) returns the
    item the first one created instead of adding it twice.
    """
    title, body = title.strip(), body.strip()
    try:
        locked = _locked(guidance, version)
    except ValidationError:
        repeat = GuidanceItem.objects.filter(guidance=guidance, kind=kind, title=title, body=body).first()
        if repeat is not None:
            return repeat
        raise
    if not title:
        raise ValidationError(_("Each point of the guidance needs a title."))
    last = locked.items.aggregate(last=Max("order"))["last"]
    item = GuidanceItem(
        guidance=locked,
        order=(last or 0) + 1,
        kind=kind,
        title=title,
        body=body,
        cell_types=sorted(cell_types or []),
    )
    if file is not None:
        item.file = file
    item.save()
    _bump(locked)
    record(
        actor,
        _action(locked, "item_add"),
        locked,
        organization=locked.organization,
        after=_item_snapshot(item),
        object_repr=f"{locked.title} — {item.title}",
    )
    guidance.version = locked.version
    return item


@transaction.atomic
def do_update_item(
    actor: Any,
    item: GuidanceItem,
    *,
    version: int,
    kind: str,
    title: str,
    body: str = "",
    cell_types: list[str] | None = None,
    file: UploadedFile | None = None,
    remove_file: bool = False,
) -> GuidanceItem:
    """Change one point. A new file replaces the old one; the old one stays on disk for the record."""
    locked = _locked(item.guidance, version)
    current = GuidanceItem.objects.select_for_update().get(pk=item.pk)
    title = title.strip()
    if not title:
        raise ValidationError(_("Each point of the guidance needs a title."))
    before = _item_snapshot(current)
    current.kind, current.title, current.body = kind, title, body.strip()
    current.cell_types = sorted(cell_types or [])
    if file is not None:
        current.file = file
    elif remove_file:
        current.file = ""
    current.save()
    after = _item_snapshot(current)
    if after == before:
        return current
    _bump(locked)
    record(
        actor,
        _action(locked, "item_update"),
        locked,
        organization=locked.organization,
        before=before,
        after=after,
        object_repr=f"{locked.title} — {current.title}",
    )
    return current


@transaction.atomic
def do_delete_item(actor: Any, item: GuidanceItem, *, version: int) -> None:
    locked = _locked(item.guidance, version)
    current = GuidanceItem.objects.filter(pk=item.pk).first()
    if current is None:
        return
    before = _item_snapshot(current)
    current.delete()
    _bump(locked)
    record(
        actor,
        _action(locked, "item_delete"),
        locked,
        organization=locked.organization,
        before=before,
        object_repr=f"{locked.title} — {before['title']}",
    )


@transaction.atomic
def do_publish_guidance(actor: Any, guidance: Guidance, *, version: int) -> Guidance:
    """Make the guidance visible to the cells. Publishing twice (a double submit) changes nothing."""
    try:
        locked = _locked(guidance, version)
    except ValidationError:
        locked = Guidance.objects.get(pk=guidance.pk)
        if locked.is_published:
            return locked
        raise
    if locked.is_published:
        return locked
    if not locked.items.exists():
        raise ValidationError(_("Add at least one point before publishing the guidance."))
    before = snapshot(locked, GUIDANCE_FIELDS)
    locked.status = GuidanceStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.version += 1
    locked.save(update_fields=["status", "published_at", "published_by", "version"])
    record(
        actor,
        "guidance.publish",
        locked,
        organization=locked.organization,
        before=before,
        after=snapshot(locked, [*GUIDANCE_FIELDS, "published_at"]),
    )
    return locked
