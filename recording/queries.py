"""Reads for the recording page: the meeting, with everything recorded so far, in a fixed number of queries."""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.urls import reverse

from accounts.permissions import require
from meetings.models import AgendaItem, Attendance, Guest, Meeting, MeetingStatus, Speech, Vote
from members.models import Member, MemberState
from recording.forms import EndForm, GuestForm, NotesForm, SpeechForm, StartForm, VoteForm
from recording.models import EditVersion
from recording.summary import GROUPS, DurationCheck, RollSummary, duration_check, group_of, rules_for, summarize
from rules.schema import Rules


def access_meeting(user: Any, meeting_id: int, perm: str = "meeting.record") -> Meeting:
    meeting = (
        Meeting.objects.select_related("organization", "chair", "minute_taker", "minutes").filter(pk=meeting_id).first()
    )
    if meeting is None:
        raise Http404
    require(user, perm, meeting)
    return meeting


def is_locked(meeting: Meeting) -> bool:
    """Read from the row already loaded (minutes joined); actions check again under lock."""
    if meeting.status == MeetingStatus.CANCELLED:
        return True
    return hasattr(meeting, "minutes") and meeting.minutes.is_adopted


def cell_members(meeting: Meeting) -> list[Member]:
    """Who may chair or take the minutes: the cell's active members."""
    return list(
        Member.objects.filter(organization_id=meeting.organization_id, state=MemberState.ACTIVE).order_by(
            "search_key", "pk"
        )
    )


def roll_rows(meeting: Meeting) -> list[Attendance]:
    return list(Attendance.objects.filter(meeting=meeting).select_related("member").order_by("member__search_key"))


def versions(meeting: Meeting) -> dict[str, int]:
    return dict(EditVersion.objects.filter(meeting=meeting).values_list("part", "version"))


def new_token() -> uuid.UUID:
    return uuid.uuid4()


def speech_form(speech: Speech, members: list[Member], version: int) -> SpeechForm:
    form = SpeechForm(
        members=members,
        prefix=f"s{speech.pk}",
        initial={
            "version": version,
            "member": speech.member_id,
            "speaker_name": "" if speech.member_id else speech.speaker_name,
            "kind": speech.kind,
            "gist": speech.gist,
        },
    )
    form.key = f"speech-{speech.pk}"  # type: ignore[attr-defined]
    form.url = reverse("recording:edit_speech", args=[speech.meeting_id, speech.pk])  # type: ignore[attr-defined]
    form.is_new = False  # type: ignore[attr-defined]
    return form


def new_speech_form(item: AgendaItem, members: list[Member]) -> SpeechForm:
    form = SpeechForm(members=members, prefix=f"n{item.pk}", initial={"version": 0, "token": new_token()})
    form.key = f"new-{item.pk}"  # type: ignore[attr-defined]
    form.url = reverse("recording:add_speech", args=[item.meeting_id, item.pk])  # type: ignore[attr-defined]
    form.is_new = True  # type: ignore[attr-defined]
    return form


@dataclass
class RollGroup:
    key: str
    label: Any
    rows: list[Attendance] = field(default_factory=list)


def roll_groups(rows: list[Attendance], known: dict[str, int]) -> list[RollGroup]:
    groups = {key: RollGroup(key, label) for key, label in GROUPS}
    for row in rows:
        row.version = known.get(f"attendance:{row.pk}", 0)  # type: ignore[attr-defined]
        groups[group_of(row)].rows.append(row)
    return [g for g in groups.values() if g.rows]


@dataclass
class RecordingPage:
    meeting: Meeting
    locked: bool
    rules: Rules
    duration: DurationCheck | None
    roll: list[RollGroup]
    summary: RollSummary
    guests: list[Guest]
    items: list[AgendaItem]
    votes: list[Vote]
    members: list[Member]
    roll_members: list[Member]
    start_form: StartForm
    end_form: EndForm
    guest_form: GuestForm
    vote_form: VoteForm


def recording_page(meeting: Meeting, now: Any) -> RecordingPage:
    """Everything the page shows, read with one query per kind of record."""
    known = versions(meeting)
    rows = roll_rows(meeting)
    members = cell_members(meeting)
    roll_members = [r.member for r in rows]
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
    by_item: dict[int | None, list[Speech]] = {}
    for speech in Speech.objects.filter(meeting=meeting).order_by("created_at", "pk"):
        speech.form = speech_form(speech, roll_members, known.get(f"speech:{speech.pk}", 0))  # type: ignore[attr-defined]
        by_item.setdefault(speech.agenda_item_id, []).append(speech)
    for item in items:
        item.speech_list = by_item.get(item.pk, [])  # type: ignore[attr-defined]
        item.notes_form = NotesForm(  # type: ignore[attr-defined]
            prefix=f"i{item.pk}", initial={"notes": item.notes, "version": known.get(f"notes:{item.pk}", 0)}
        )
        item.new_speech = new_speech_form(item, roll_members)  # type: ignore[attr-defined]
    rules = rules_for(meeting)
    start_form = StartForm(
        members=members,
        initial={
            "version": known.get("start", 0),
            "chair": meeting.chair_id,
            "minute_taker": meeting.minute_taker_id,
            "started_at": meeting.started_at or now,
        },
    )
    end_form = EndForm(initial={"version": known.get("end", 0), "ended_at": meeting.ended_at})
    return RecordingPage(
        meeting=meeting,
        locked=is_locked(meeting),
        rules=rules,
        duration=duration_check(meeting, rules),
        roll=roll_groups(rows, known),
        summary=summarize(rows),
        guests=list(Guest.objects.filter(meeting=meeting).order_by("pk")),
        items=items,
        votes=list(Vote.objects.filter(meeting=meeting).order_by("recorded_at", "pk")),
        members=members,
        roll_members=roll_members,
        start_form=start_form,
        end_form=end_form,
        guest_form=GuestForm(initial={"token": new_token()}),
        vote_form=VoteForm(items=items, initial={"token": new_token()}),
    )
