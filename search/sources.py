"""What each kind of record becomes in the index: title, text, organization, date, audience.

One function per source model. Each returns `Entry` values (or none, when
the record has nothing to find, such as a task update without a file).
Files' text is not read here: `body` is None for them and search.index keeps
the text already extracted, or asks search.tasks to extract it.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from guidance.models import Guidance, GuidanceItem
from meetings.models import Meeting, MeetingDocument, Minutes, Resolution, TaskUpdate
from members.models import Member
from orgs.models import Organization
from search.models import KIND_OF_SOURCE, Audience, Source

# Enough for any minutes or resolution; a long PDF is cut rather than bloating the index.
MAX_BODY = 200_000
MAX_TITLE = 400
# C0/C1 control characters but tab and newline: never useful, and \x02/\x03 mark highlights in results.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str | None, limit: int = MAX_BODY) -> str:
    """NFC text without control characters, at most `limit` characters."""
    if not text:
        return ""
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", text))[:limit].strip()


def scope_words(source: str, object_id: int, organization_id: int, org_path: str) -> str:
    """The words that place a document in the tree, for SQLite's full-text index (see SearchDocument.scope)."""
    words = [f"o{part}" for part in org_path.strip("/").split("/") if part]
    words.append(f"i{organization_id}")
    if source == Source.MEMBER:
        words.append(f"m{object_id}")
    return " ".join(words)


@dataclass
class Entry:
    source: str
    object_id: int
    organization: Organization
    audience: str
    title: str
    body: str | None
    day: dt.date | None = None
    parent_id: int | None = None
    cell_types: str = ""
    # For files: the stored file name; the text is extracted again when it changes.
    source_version: str = ""

    @property
    def kind(self) -> str:
        return KIND_OF_SOURCE[self.source]

    @property
    def scope(self) -> str:
        return scope_words(self.source, self.object_id, self.organization.pk, self.organization.path)

    def fields(self) -> dict[str, Any]:
        """The document's columns (the text only when known)."""
        values: dict[str, Any] = {
            "kind": self.kind,
            "parent_id": self.parent_id,
            "organization": self.organization,
            "org_path": self.organization.path,
            "audience": self.audience,
            "cell_types": self.cell_types,
            "title": clean_text(self.title, MAX_TITLE),
            "day": self.day,
            "scope": self.scope,
            "source_version": self.source_version,
        }
        if self.body is not None:
            values["body"] = clean_text(self.body)
        return values


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localdate(meeting.started_at or meeting.scheduled_at)


def _with_symbol(title: str, symbol: str) -> str:
    return f"{title} ({symbol})" if symbol else title


def from_minutes(minutes: Minutes) -> list[Entry]:
    meeting = minutes.meeting
    return [
        Entry(
            Source.MINUTES,
            minutes.pk,
            meeting.organization,
            Audience.MEMBERS if minutes.is_adopted else Audience.OFFICERS,
            _with_symbol(meeting.title, minutes.symbol),
            minutes.body,
            meeting_day(meeting),
            parent_id=meeting.pk,
        )
    ]


def from_resolution(resolution: Resolution) -> list[Entry]:
    meeting = resolution.meeting
    return [
        Entry(
            Source.RESOLUTION,
            resolution.pk,
            meeting.organization,
            Audience.MEMBERS if resolution.is_adopted else Audience.OFFICERS,
            _with_symbol(resolution.title, resolution.symbol),
            resolution.body,
            meeting_day(meeting),
            parent_id=meeting.pk,
        )
    ]


def _guidance_audience(guidance: Guidance) -> str:
    return Audience.PUBLISHED if guidance.is_published else Audience.ISSUER


def from_guidance(guidance: Guidance) -> list[Entry]:
    return [
        Entry(
            Source.GUIDANCE,
            guidance.pk,
            guidance.organization,
            _guidance_audience(guidance),
            guidance.title,
            guidance.summary,
            guidance.month,
        )
    ]


def cell_types_key(types: list[str] | None) -> str:
    return f",{','.join(sorted(types))}," if types else ""


def from_guidance_item(item: GuidanceItem) -> list[Entry]:
    guidance = item.guidance
    common: dict[str, Any] = {
        "organization": guidance.organization,
        "audience": _guidance_audience(guidance),
        "day": guidance.month,
        "parent_id": guidance.pk,
        "cell_types": cell_types_key(item.cell_types),
    }
    entries = [Entry(Source.GUIDANCE_ITEM, item.pk, title=item.title, body=item.body, **common)]
    if item.file:
        entries.append(
            Entry(
                Source.GUIDANCE_FILE,
                item.pk,
                title=item.title,
                body=None,
                source_version=item.file.name or "",
                **common,
            )
        )
    return entries


def from_meeting_document(document: MeetingDocument) -> list[Entry]:
    meeting = document.meeting
    return [
        Entry(
            Source.MEETING_DOCUMENT,
            document.pk,
            meeting.organization,
            # Members read the documents once the notice has gone out (preparation.queries.may_read_notice).
            Audience.MEMBERS if meeting.notice_sent_at else Audience.OFFICERS,
            document.title,
            None,
            meeting_day(meeting),
            parent_id=meeting.pk,
            source_version=document.file.name or "",
        )
    ]


def from_task_update(update: TaskUpdate) -> list[Entry]:
    if not update.file:
        return []
    task = update.task
    return [
        Entry(
            Source.TASK_EVIDENCE,
            update.pk,
            task.resolution.meeting.organization,
            # Tasks are followed once their resolution is adopted, which every member of the cell reads.
            Audience.MEMBERS,
            task.what,
            None,
            timezone.localdate(update.at) if update.at else None,
            parent_id=task.pk,
            source_version=update.file.name or "",
        )
    ]


def member_text(member: Member) -> str:
    parts = (member.party_card_number, member.phone, member.hometown, member.residence, member.occupation)
    return "\n".join(part for part in parts if part)


def from_member(member: Member) -> list[Entry]:
    return [
        Entry(
            Source.MEMBER,
            member.pk,
            member.organization,
            Audience.OFFICERS,
            member.full_name,
            member_text(member),
            source_version=str(member.version),
        )
    ]


BUILDERS: dict[type[Any], Callable[[Any], list[Entry]]] = {
    Minutes: from_minutes,
    Resolution: from_resolution,
    Guidance: from_guidance,
    GuidanceItem: from_guidance_item,
    MeetingDocument: from_meeting_document,
    TaskUpdate: from_task_update,
    Member: from_member,
}

# Every source a model may give, so that removing the record removes them all.
SOURCES_OF: dict[type[Any], tuple[str, ...]] = {
    Minutes: (Source.MINUTES,),
    Resolution: (Source.RESOLUTION,),
    Guidance: (Source.GUIDANCE,),
    GuidanceItem: (Source.GUIDANCE_ITEM, Source.GUIDANCE_FILE),
    MeetingDocument: (Source.MEETING_DOCUMENT,),
    TaskUpdate: (Source.TASK_EVIDENCE,),
    Member: (Source.MEMBER,),
}

# The related rows each builder reads, for loading many records at once.
RELATED: dict[type[Any], tuple[str, ...]] = {
    Minutes: ("meeting__organization",),
    Resolution: ("meeting__organization",),
    Guidance: ("organization",),
    GuidanceItem: ("guidance__organization",),
    MeetingDocument: ("meeting__organization",),
    TaskUpdate: ("task__resolution__meeting__organization",),
    Member: ("organization",),
}


def entries_for(obj: Any) -> list[Entry]:
    return BUILDERS[type(obj)](obj)
