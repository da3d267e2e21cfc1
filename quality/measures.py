"""Every measure of `rules.schema.MEASURES`, computed from a meeting's records, with a sentence saying what was found.

`measure_meetings` reads any number of meetings in a fixed number of queries
(one per kind of record, whatever the count), so the demo and a commune-wide
recomputation cost the same dozen queries as a single meeting. Each measure
gives a value (a number, a flag, or None when the records cannot say) and a
short Vietnamese sentence that the sheet's reason starts with.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates import vn_short_date
from guidance.models import Guidance, GuidanceStatus
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    PrepAssignment,
    PrepMeeting,
    PrepTask,
    RecordStatus,
    Resolution,
    ResolutionTask,
    Speech,
    SpeechKind,
    StepKind,
    TaskStatus,
    Vote,
    VoteKind,
)
from preparation.models import NoticeRound
from preparation.queries import lead_days
from quality.engine import Value
from rules.lookup import NoPackInForce, PackIndex
from rules.schema import Rules

# A meeting that begins within this many minutes of the time in the notice started on time.
ON_TIME_GRACE = dt.timedelta(minutes=10)
# DOMAIN.md §5: nobody absent with reason more than 3 times in a row in the year.
ABSENCES_IN_A_ROW = 3
THEMATIC_KINDS = (MeetingKind.THEMATIC, MeetingKind.REGULAR_THEMATIC)


@dataclass
class Measured:
    values: dict[str, Value] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)

    def set(self, key: str, value: Value, detail: str) -> None:
        self.values[key] = value
        self.details[key] = detail


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localdate(meeting.started_at or meeting.scheduled_at)


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1)


def _pct_text(value: float) -> str:
    return (str(int(value)) if value.is_integer() else f"{value:.1f}".replace(".", ",")) + "%"


def _clock(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M")


# --- reading the records, one query per kind -------------------------------------------------------


@dataclass
class Records:
    """Everything the measures need about a batch of meetings, grouped by meeting id."""

    attendance: dict[int, list[Any]] = field(default_factory=lambda: defaultdict(list))
    speakers: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    conclusions: set[int] = field(default_factory=set)
    votes: dict[int, list[Any]] = field(default_factory=lambda: defaultdict(list))
    agenda: dict[int, list[Any]] = field(default_factory=lambda: defaultdict(list))
    prep_meetings: dict[int, dt.date] = field(default_factory=dict)
    assignments: dict[int, list[Any]] = field(default_factory=lambda: defaultdict(list))
    notices: dict[int, dt.datetime] = field(default_factory=dict)
    minutes: set[int] = field(default_factory=set)
    resolutions: set[int] = field(default_factory=set)
    # meeting id → (month of the previous resolution, its tasks)
    previous_tasks: dict[int, tuple[dt.date, list[Any]]] = field(default_factory=dict)
    # (cell id, member id) → [(scheduled_at, meeting id, excused absence)]
    history: dict[tuple[int, int], list[tuple[dt.datetime, int, bool]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # (organization id, month) → the organization's name, for published guidance
    guidance: dict[tuple[int, dt.date], str] = field(default_factory=dict)
    # meeting id → (title, sent to members at, whether the model records the sending)
    thematic_reports: dict[int, tuple[str, dt.datetime | None, bool]] = field(default_factory=dict)


def _read_previous_tasks(records: Records, meetings: Sequence[Meeting], cell_ids: set[int]) -> None:
    """The tasks of each cell's last adopted resolution before the meeting's month (within a year)."""
    first = min(m.month for m in meetings) - relativedelta(months=12)
    last = max(m.month for m in meetings)
    resolutions = list(
        Resolution.objects.filter(
            status=RecordStatus.ADOPTED,
            meeting__organization_id__in=cell_ids,
            meeting__month__gte=first,
            meeting__month__lt=last,
        )
        .order_by("meeting__month", "meeting__scheduled_at", "pk")
        .values_list("pk", "meeting__organization_id", "meeting__month")
    )
    by_cell: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for pk, cell_id, month in resolutions:
        by_cell[cell_id].append((pk, month))
    chosen: dict[int, tuple[int, dt.date]] = {}
    for meeting in meetings:
        before = [r for r in by_cell.get(meeting.organization_id, []) if r[1] < meeting.month]
        if before:
            chosen[meeting.pk] = before[-1]
    tasks: dict[int, list[Any]] = defaultdict(list)
    if chosen:
        for row in ResolutionTask.objects.filter(resolution_id__in={pk for pk, _m in chosen.values()}).values(
            "resolution_id", "pk", "status", "due_on", "done_on"
        ):
            tasks[row["resolution_id"]].append(row)
    for meeting_id, (resolution_id, month) in chosen.items():
        records.previous_tasks[meeting_id] = (month, tasks[resolution_id])


def _read_history(records: Records, meetings: Sequence[Meeting], cell_ids: set[int]) -> None:
    """Every roll of the cells this year up to the last meeting, to find absences in a row."""
    start = min(timezone.localtime(m.scheduled_at).replace(month=1, day=1, hour=0, minute=0) for m in meetings)
    end = max(m.scheduled_at for m in meetings)
    rows = (
        Attendance.objects.filter(
            meeting__organization_id__in=cell_ids,
            meeting__scheduled_at__gte=start,
            meeting__scheduled_at__lte=end,
            meeting__status__in=(MeetingStatus.HELD, MeetingStatus.IN_PROGRESS),
        )
        .exclude(meeting__kind=MeetingKind.COMMITTEE)
        .order_by("meeting__scheduled_at", "meeting_id")
        .values_list(
            "meeting__organization_id",
            "member_id",
            "meeting__scheduled_at",
            "meeting_id",
            "status",
            "exempt",
            "temporarily_away",
        )
    )
    for cell_id, member_id, at, meeting_id, status, exempt, away in rows:
        excused = status == AttendanceStatus.ABSENT_EXCUSED and not exempt and not away
        records.history[(cell_id, member_id)].append((at, meeting_id, excused))


def _read_guidance(records: Records, meetings: Sequence[Meeting]) -> None:
    ancestors = {pk for m in meetings for pk in m.organization.ancestor_ids()}
    rows = Guidance.objects.filter(
        organization_id__in=ancestors, month__in={m.month for m in meetings}, status=GuidanceStatus.PUBLISHED
    ).values_list("organization_id", "month", "organization__name")
    for org_id, month, name in rows:
        records.guidance[(org_id, month)] = name


def _read_thematic_reports(records: Records, ids: list[int]) -> None:
    """The thematic reports written for these meetings (title, when sent to members), when the thematic app
    provides them; a report model without a sending date counts as sent once drafted."""
    try:
        from thematic.models import ThematicReport
    except ImportError:
        return
    sent = "shared_at" if any(f.name == "shared_at" for f in ThematicReport._meta.get_fields()) else None
    rows = ThematicReport.objects.filter(meeting_id__in=ids).exclude(body="")
    for meeting_id, title, shared_at in rows.values_list("meeting_id", "title", sent or "meeting_id"):
        records.thematic_reports[meeting_id] = (title, shared_at if sent else None, sent is not None)


def _by_meeting(rows: Any) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[row["meeting_id"]].append(row)
    return out


def read_records(meetings: Sequence[Meeting]) -> Records:
    records = Records()
    if not meetings:
        return records
    ids = [m.pk for m in meetings]
    cell_ids = {m.organization_id for m in meetings}
    records.attendance = _by_meeting(
        Attendance.objects.filter(meeting_id__in=ids).values(
            "meeting_id", "member_id", "member__full_name", "status", "exempt", "temporarily_away", "suspended"
        )
    )
    for meeting_id, member_id, kind in Speech.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id", "member_id", "kind"
    ):
        if kind == SpeechKind.CONCLUSION:
            records.conclusions.add(meeting_id)
        elif member_id is not None:
            records.speakers[meeting_id].add(member_id)
    votes = Vote.objects.filter(meeting_id__in=ids).order_by("recorded_at", "pk")
    records.votes = _by_meeting(votes.values("meeting_id", "kind", "passed"))
    items = AgendaItem.objects.filter(meeting_id__in=ids)
    records.agenda = _by_meeting(items.values("meeting_id", "kind", "guidance_item_id", "task_id", "content"))
    records.prep_meetings = dict(PrepMeeting.objects.filter(meeting_id__in=ids).values_list("meeting_id", "held_on"))
    records.assignments = _by_meeting(
        PrepAssignment.objects.filter(meeting_id__in=ids).values("meeting_id", "task", "done_at")
    )
    # The last sending counts: it announced the time the meeting was held at.
    for meeting_id, sent_at in (
        NoticeRound.objects.filter(meeting_id__in=ids).order_by("number").values_list("meeting_id", "sent_at")
    ):
        records.notices[meeting_id] = sent_at
    written = Minutes.objects.filter(meeting_id__in=ids).exclude(body="")
    records.minutes = set(written.values_list("meeting_id", flat=True))
    records.resolutions = set(Resolution.objects.filter(meeting_id__in=ids).values_list("meeting_id", flat=True))
    _read_previous_tasks(records, meetings, cell_ids)
    _read_history(records, meetings, cell_ids)
    _read_guidance(records, meetings)
    _read_thematic_reports(records, ids)
    return records


# --- the measures ----------------------------------------------------------------------------------


def _expected(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Members expected at the meeting: exempt members and those active elsewhere or suspended are left out."""
    return [r for r in rows if not (r["exempt"] or r["temporarily_away"] or r["suspended"])]


def _attendance(out: Measured, rows: list[dict[str, Any]]) -> None:
    expected = _expected(rows)
    present = sum(1 for r in expected if r["status"] == AttendanceStatus.PRESENT)
    if not expected:
        out.set("attendance_pct", None, _("No member was expected on the roll"))
    else:
        pct = _pct(present, len(expected))
        text = _("%(present)d of %(expected)d members present (%(pct)s)") % {
            "present": present,
            "expected": len(expected),
            "pct": _pct_text(pct),
        }
        left_out = len(rows) - len(expected)
        if left_out:
            text = ngettext(
                "%(text)s, not counting %(n)d member exempt or active elsewhere",
                "%(text)s, not counting %(n)d members exempt or active elsewhere",
                left_out,
            ) % {"text": text, "n": left_out}
        out.set("attendance_pct", pct, text)
    unexcused = [r["member__full_name"] for r in expected if r["status"] == AttendanceStatus.ABSENT_UNEXCUSED]
    if unexcused:
        text = ngettext(
            "%(n)d member absent without reason: %(names)s",
            "%(n)d members absent without reason: %(names)s",
            len(unexcused),
        ) % {"n": len(unexcused), "names": ", ".join(unexcused)}
    else:
        text = _("Nobody absent without reason")
    out.set("absent_without_reason", len(unexcused), text)


def _repeated_absence(out: Measured, meeting: Meeting, rows: list[dict[str, Any]], records: Records) -> None:
    year = timezone.localtime(meeting.scheduled_at).year
    found = []
    for row in _expected(rows):
        if row["status"] != AttendanceStatus.ABSENT_EXCUSED:
            continue
        streak = 1  # this meeting
        earlier = [
            h
            for h in records.history.get((meeting.organization_id, row["member_id"]), [])
            if (h[0], h[1]) < (meeting.scheduled_at, meeting.pk) and timezone.localtime(h[0]).year == year
        ]
        for _at, _id, excused in reversed(earlier):
            if not excused:
                break
            streak += 1
        if streak > ABSENCES_IN_A_ROW:
            found.append(_("%(name)s (%(n)d times)") % {"name": row["member__full_name"], "n": streak})
    if found:
        text = _("Absent with reason more than %(n)d times in a row this year: %(names)s") % {
            "n": ABSENCES_IN_A_ROW,
            "names": ", ".join(found),
        }
    else:
        text = _("Nobody absent with reason more than %(n)d times in a row this year") % {"n": ABSENCES_IN_A_ROW}
    out.set("repeated_absence", len(found), text)


def _duration(out: Measured, meeting: Meeting, rules: Rules | None) -> None:
    minutes = meeting.duration_minutes
    if minutes is None:
        missing = _("The start or end time was not recorded")
        out.set("duration_minutes", None, missing)
        out.set("duration_ok", None, missing)
        return
    out.set("duration_minutes", minutes, _("Lasted %(minutes)d minutes") % {"minutes": minutes})
    if rules is None:
        out.set("duration_ok", None, _("No rule in force sets the minimum duration"))
        return
    least = rules.min_minutes_for(meeting.kind)
    values = {"minutes": minutes, "least": least}
    if minutes >= least:
        out.set("duration_ok", True, _("Lasted %(minutes)d minutes (at least %(least)d required)") % values)
    else:
        out.set("duration_ok", False, _("Lasted %(minutes)d minutes, short of the %(least)d required") % values)


def _speakers(out: Measured, meeting_id: int, rows: list[dict[str, Any]], records: Records) -> None:
    on_roll = {r["member_id"] for r in rows}
    present = sum(1 for r in rows if r["status"] == AttendanceStatus.PRESENT)
    spoke = len(records.speakers.get(meeting_id, set()) & on_roll)
    text = (
        ngettext("%(n)d member spoke", "%(n)d members spoke", spoke) % {"n": spoke} if spoke else _("No member spoke")
    )
    out.set("speakers", spoke, text)
    if not present:
        out.set("speakers_pct", None, _("No member present"))
        return
    pct = _pct(spoke, present)
    out.set(
        "speakers_pct",
        pct,
        _("%(n)d of the %(present)d members present spoke (%(pct)s)")
        % {"n": spoke, "present": present, "pct": _pct_text(pct)},
    )


def _started_on_time(out: Measured, meeting: Meeting) -> None:
    if meeting.started_at is None:
        out.set("started_on_time", None, _("The start time was not recorded"))
        return
    late = int((meeting.started_at - meeting.scheduled_at).total_seconds() // 60)
    values = {"start": _clock(meeting.started_at), "time": _clock(meeting.scheduled_at), "late": late}
    if meeting.started_at <= meeting.scheduled_at + ON_TIME_GRACE:
        out.set("started_on_time", True, _("Started at %(start)s, called for %(time)s") % values)
    else:
        out.set("started_on_time", False, _("Started %(late)d minutes late (%(start)s, called for %(time)s)") % values)


def _preparation(out: Measured, meeting: Meeting, day: dt.date, records: Records) -> None:
    held_on = records.prep_meetings.get(meeting.pk)
    if held_on is None:
        out.set("preparatory_meeting", False, _("No preparatory meeting of the committee was recorded"))
    elif held_on > day:
        out.set(
            "preparatory_meeting",
            False,
            _("The preparatory meeting is dated %(day)s, after the meeting") % {"day": vn_short_date(held_on)},
        )
    else:
        out.set(
            "preparatory_meeting",
            True,
            _("The committee met to prepare on %(day)s") % {"day": vn_short_date(held_on)},
        )


def _notice(out: Measured, meeting: Meeting, rules: Rules | None, records: Records) -> None:
    sent_at = records.notices.get(meeting.pk) or meeting.notice_sent_at
    if sent_at is None:
        out.set("notice_on_time", False, _("No notice was sent"))
        return
    if rules is None:
        out.set("notice_on_time", None, _("No rule in force sets the notice lead time"))
        return
    lead = lead_days(meeting.scheduled_at, sent_at)
    values = {"day": vn_short_date(sent_at), "lead": lead, "required": rules.notice_lead_days}
    out.set(
        "notice_on_time",
        lead >= rules.notice_lead_days,
        _("Notice sent on %(day)s, %(lead)d days before (at least %(required)d required)") % values,
    )


def _guidance(out: Measured, meeting: Meeting, records: Records) -> None:
    items = records.agenda.get(meeting.pk, [])
    issuer = next(
        (
            records.guidance[(pk, meeting.month)]
            for pk in reversed(meeting.organization.ancestor_ids())
            if (pk, meeting.month) in records.guidance
        ),
        None,
    )
    taken_up = any(i["guidance_item_id"] or i["kind"] == StepKind.GUIDANCE for i in items)
    month = meeting.month.strftime("%m/%Y")
    if taken_up:
        text = _("The agenda takes up the upper level's guidance for %(month)s") % {"month": month}
        out.set("guidance_followed", True, text)
    elif issuer is None and meeting.guidance_id is None:
        out.set(
            "guidance_followed",
            True,
            _("No guidance for %(month)s was published by the upper level") % {"month": month},
        )
    else:
        text = _("The agenda does not take up the guidance for %(month)s of %(issuer)s") % {
            "month": month,
            "issuer": issuer or _("the upper level"),
        }
        out.set("guidance_followed", False, text)


def _resolution(out: Measured, meeting: Meeting, records: Records) -> None:
    # Drafted before the meeting (an assignment, or a text prepared under the summary) or written up after it.
    items = records.agenda.get(meeting.pk, [])
    drafted = (
        meeting.pk in records.resolutions
        or any(a["task"] == PrepTask.DRAFT_RESOLUTION for a in records.assignments.get(meeting.pk, []))
        or any(i["kind"] in (StepKind.SUMMARY, StepKind.VOTE) and i["content"].strip() for i in items)
    )
    votes = [v for v in records.votes.get(meeting.pk, []) if v["kind"] == VoteKind.RESOLUTION]
    if not drafted:
        out.set("draft_resolution", False, _("No draft resolution was prepared"))
    elif not votes:
        out.set("draft_resolution", False, _("A resolution was drafted but not put to the vote"))
    elif not votes[-1]["passed"]:
        out.set("draft_resolution", False, _("The draft resolution was put to the vote and did not pass"))
    else:
        out.set("draft_resolution", True, _("A draft resolution was prepared and voted through"))


def _minutes(out: Measured, meeting: Meeting, rows: list[dict[str, Any]], records: Records) -> None:
    if meeting.pk not in records.minutes:
        out.set("minutes_complete", False, _("The minutes have not been drafted"))
        return
    missing = []
    if meeting.chair_id is None:
        missing.append(_("the chair"))
    if meeting.minute_taker_id is None:
        missing.append(_("the minute-taker"))
    if meeting.started_at is None or meeting.ended_at is None:
        missing.append(_("start and end times"))
    if not rows or any(r["status"] == AttendanceStatus.EXPECTED for r in rows):
        missing.append(_("the roll call"))
    if not records.votes.get(meeting.pk):
        missing.append(_("the vote"))
    if meeting.pk not in records.conclusions:
        missing.append(_("the chair's conclusions"))
    if missing:
        out.set("minutes_complete", False, _("The minutes lack %(parts)s") % {"parts": ", ".join(missing)})
    else:
        out.set(
            "minutes_complete",
            True,
            _("The minutes record the time, chair, minute-taker, roll, vote and conclusions"),
        )


def _tasks(out: Measured, meeting: Meeting, day: dt.date, records: Records) -> None:
    month, tasks = records.previous_tasks.get(meeting.pk, (None, []))
    if not tasks:
        # Nothing was asked of the cell: nothing is left undone.
        out.set("tasks_reviewed", True, _("No task of an earlier resolution was due for review"))
        out.set("tasks_done_pct", 100.0, _("No task of an earlier resolution had to be done: counted as 100%"))
        return
    assert month is not None
    when = month.strftime("%m/%Y")
    ids = {t["pk"] for t in tasks}
    items = records.agenda.get(meeting.pk, [])
    if any(i["kind"] == StepKind.TASK_REVIEW or i["task_id"] in ids for i in items):
        text = ngettext(
            "The %(n)d task of the resolution of %(month)s was reviewed",
            "The %(n)d tasks of the resolution of %(month)s were reviewed",
            len(tasks),
        ) % {"n": len(tasks), "month": when}
        out.set("tasks_reviewed", True, text)
    else:
        out.set(
            "tasks_reviewed",
            False,
            _("The agenda has no review of the tasks of the resolution of %(month)s") % {"month": when},
        )
    # Tasks that were due by the meeting, or done by then even if due later; dropped ones are left out.
    done = [t for t in tasks if t["status"] == TaskStatus.DONE and (t["done_on"] is None or t["done_on"] <= day)]
    due = [
        t
        for t in tasks
        if t["status"] != TaskStatus.DROPPED and (t["due_on"] is None or t["due_on"] <= day or t in done)
    ]
    if not due:
        out.set(
            "tasks_done_pct",
            100.0,
            _("No task of the resolution of %(month)s was due by the meeting: counted as 100%%") % {"month": when},
        )
        return
    pct = _pct(len(done), len(due))
    out.set(
        "tasks_done_pct",
        pct,
        _("%(done)d of the %(total)d tasks of the resolution of %(month)s due by the meeting were done (%(pct)s)")
        % {"done": len(done), "total": len(due), "month": when, "pct": _pct_text(pct)},
    )


def _thematic(out: Measured, meeting: Meeting, records: Records) -> None:
    if meeting.kind not in THEMATIC_KINDS:
        out.set("thematic_report_prepared", None, _("Not a thematic meeting"))
        return
    start = meeting.started_at or meeting.scheduled_at
    report = records.thematic_reports.get(meeting.pk)
    if report is not None:
        title, shared_at, tracked = report
        if not tracked:
            text = _("The thematic report “%(title)s” was drafted") % {"title": title}
            out.set("thematic_report_prepared", True, text)
        elif shared_at is not None and shared_at <= start:
            text = _("The thematic report “%(title)s” was sent to members on %(day)s") % {
                "title": title,
                "day": vn_short_date(shared_at),
            }
            out.set("thematic_report_prepared", True, text)
        else:
            text = _("The thematic report “%(title)s” was not sent to members before the meeting") % {"title": title}
            out.set("thematic_report_prepared", False, text)
        return
    done = [
        a["done_at"]
        for a in records.assignments.get(meeting.pk, [])
        if a["task"] == PrepTask.THEMATIC_REPORT and a["done_at"] is not None and a["done_at"] <= start
    ]
    if done:
        out.set(
            "thematic_report_prepared",
            True,
            _("The thematic report was drafted by %(day)s, as assigned") % {"day": vn_short_date(min(done))},
        )
    else:
        out.set("thematic_report_prepared", False, _("No thematic report was drafted before the meeting"))


def measure(meeting: Meeting, rules: Rules | None, records: Records) -> Measured:
    """All the measures of one meeting, from records read by `read_records`."""
    out = Measured()
    rows = records.attendance.get(meeting.pk, [])
    day = meeting_day(meeting)
    _attendance(out, rows)
    _repeated_absence(out, meeting, rows, records)
    _duration(out, meeting, rules)
    _speakers(out, meeting.pk, rows, records)
    _started_on_time(out, meeting)
    _preparation(out, meeting, day, records)
    _notice(out, meeting, rules, records)
    _guidance(out, meeting, records)
    _resolution(out, meeting, records)
    _minutes(out, meeting, rows, records)
    _tasks(out, meeting, day, records)
    _thematic(out, meeting, records)
    return out


def rules_of(meeting: Meeting, index: PackIndex) -> Rules | None:
    try:
        return index.rules_for(meeting.organization, meeting_day(meeting))
    except NoPackInForce:
        return None


def measure_meetings(meetings: Sequence[Meeting], index: PackIndex) -> dict[int, Measured]:
    """The measures of many meetings (with their organization loaded) in a fixed number of queries."""
    records = read_records(meetings)
    return {m.pk: measure(m, rules_of(m, index), records) for m in meetings}


def measure_meeting(meeting: Meeting, index: PackIndex | None = None) -> Measured:
    return measure_meetings([meeting], index or PackIndex.load())[meeting.pk]
