"""Shared by the preparation actions: locking the meeting and refusing changes once it is over."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from meetings.models import Meeting, MeetingStatus


def lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting row, locked for the rest of the transaction: concurrent changes queue behind it."""
    return Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)


def refuse_if_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(_("This meeting has been held: its preparation can no longer change."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))


def bump_version(meeting: Meeting, *fields: str) -> None:
    """Save `fields` of the meeting and bump its version, so forms opened before are refused."""
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
    meeting.version += 1
    if fields:
        meeting.save(update_fields=list(fields))


def renumber(items: list[Any]) -> list[Any]:
    """Give `items` the orders 1..n; return those whose order changed."""
    changed = []
    for i, item in enumerate(items, start=1):
        if item.order != i:
            item.order = i
            changed.append(item)
    return changed
