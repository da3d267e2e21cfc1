"""Saving one part of the record against the version it was based on.

Every save names the part it changes and the version the page last saw. The
meeting row is locked first, so saves of one meeting are taken one at a time.
Then:

- the same content as what is stored is a retry (or a double submit): nothing
  is written and the current version is returned;
- a save based on the current version, or sent by the page that saved last
  (its earlier answer was lost), is applied and bumps the part's version;
- anything else means someone else saved in between: the save is refused
  with what they saved, and nothing is overwritten.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, MeetingStatus, Minutes, RecordStatus
from recording.models import EditVersion


class Locked(ValidationError):
    """The meeting's record can no longer be changed."""


class Conflict(Exception):
    """Someone else saved this part since the page loaded it."""

    def __init__(self, row: EditVersion, theirs: Any) -> None:
        super().__init__("conflict")
        self.version = row.version
        self.theirs = theirs
        self.saved_by = row.saved_by.get_username() if row.saved_by else ""
        self.saved_at = row.saved_at

    @property
    def message(self) -> str:
        when = timezone.localtime(self.saved_at).strftime("%H:%M") if self.saved_at else ""
        return _(
            "%(who)s saved this part at %(time)s, after your page loaded it. Nothing was overwritten: "
            "compare with their version below, then keep theirs or save yours again."
        ) % {"who": self.saved_by or _("Someone"), "time": when}


@dataclass(frozen=True)
class Saved:
    version: int
    saved_at: dt.datetime | None
    changed: bool


def is_locked(meeting: Meeting) -> bool:
    """Recording stops when the meeting is cancelled or its minutes are adopted (they are then the record)."""
    if meeting.status == MeetingStatus.CANCELLED:
        return True
    return Minutes.objects.filter(meeting_id=meeting.pk, status=RecordStatus.ADOPTED).exists()


def lock_open(meeting: Meeting) -> Meeting:
    """The meeting row, locked for this transaction; refused when its record is closed."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    locked.organization = meeting.organization
    if locked.status == MeetingStatus.CANCELLED:
        raise Locked(_("This meeting was cancelled; there is nothing to record."))
    if is_locked(locked):
        raise Locked(_("The minutes of this meeting are adopted: the record can no longer be changed."))
    return locked


def version_row(meeting: Meeting, part: str) -> EditVersion:
    """The version counter of one part (under the meeting lock, so get-or-create cannot race)."""
    row, _created = EditVersion.objects.select_related("saved_by").get_or_create(meeting=meeting, part=part)
    return row


def check(row: EditVersion, base_version: int, editor: str, theirs: Any) -> None:
    if base_version != row.version and not (editor and row.editor == editor):
        raise Conflict(row, theirs)


def bump(row: EditVersion, meeting: Meeting, actor: Any, editor: str) -> Saved:
    row.version += 1
    row.editor = editor
    row.saved_by = actor if getattr(actor, "is_authenticated", False) else None
    row.saved_at = timezone.now()
    row.save()
    touch(meeting)
    return Saved(row.version, row.saved_at, True)


def touch(meeting: Meeting) -> None:
    """The meeting's own version counts every change to it or its records (see Meeting.version)."""
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)


def unchanged(row: EditVersion) -> Saved:
    return Saved(row.version, row.saved_at, False)
