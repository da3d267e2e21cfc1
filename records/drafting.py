"""Draft texts of the minutes and the resolution from what was recorded at the meeting.

The drafts are plain text with a simple structure: section headings in
capitals ("I. THÀNH PHẦN"), numbered agenda items, one line per speaker
starting with "- ". Plain text reads back aloud as written, prints as is,
pastes into Word without stray markup, and stays editable on a phone; the
document's header (issuing body, number, place and date) is laid out by the
page around it.
"""

from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import vn_long_date
from meetings.models import AttendanceStatus, Meeting, SpeechKind, StepKind, VoteKind
from members.models import Category
from quality.models import MeetingEvaluation


def _clock(value: Any) -> str:
    local = timezone.localtime(value)
    return _("%(h)02d:%(m)02d") % {"h": local.hour, "m": local.minute}


def _person(member: Any) -> str:
    return member.full_name if member else _("(not recorded)")


def _speaker(speech: Any) -> str:
    return speech.member.full_name if speech.member_id else speech.speaker_name


def _speech_line(speech: Any) -> str:
    values = {"who": _speaker(speech), "gist": speech.gist.strip()}
    if speech.kind == SpeechKind.OPINION:
        return _("- Comrade %(who)s: %(gist)s") % values
    return _("- Comrade %(who)s (%(kind)s): %(gist)s") % (values | {"kind": speech.get_kind_display().lower()})


def _session(meeting: Meeting) -> dict[str, Any]:
    """Everything recorded at the meeting, read in a fixed number of queries."""
    speeches = list(meeting.speeches.select_related("member").order_by("created_at", "id"))
    by_item: dict[int | None, list[Any]] = defaultdict(list)
    for s in speeches:
        if s.kind != SpeechKind.CONCLUSION:
            by_item[s.agenda_item_id].append(s)
    return {
        "attendances": list(meeting.attendances.select_related("member").order_by("member__full_name")),
        "guests": list(meeting.guests.order_by("id")),
        "items": list(meeting.agenda_items.order_by("order", "id")),
        "by_item": by_item,
        "conclusions": [s for s in speeches if s.kind == SpeechKind.CONCLUSION],
        "votes": list(meeting.votes.order_by("recorded_at", "id")),
    }


def _attendance_lines(attendances: list[Any], guests: list[Any]) -> list[str]:
    present = [a for a in attendances if a.status == AttendanceStatus.PRESENT]
    full = sum(1 for a in attendances if a.category == Category.FULL)
    lines = [
        _(
            "Party members: %(present)d/%(total)d present (%(full)d full, %(probationary)d probationary; "
            "%(exempt)d exempt from activity)."
        )
        % {
            "present": len(present),
            "total": len(attendances),
            "full": full,
            "probationary": len(attendances) - full,
            "exempt": sum(1 for a in attendances if a.exempt),
        }
    ]
    for status, label in (
        (AttendanceStatus.ABSENT_EXCUSED, _("Absent with reason")),
        (AttendanceStatus.ABSENT_UNEXCUSED, _("Absent without reason")),
        (AttendanceStatus.EXPECTED, _("Attendance not recorded")),
    ):
        rows = [a for a in attendances if a.status == status]
        if not rows and status == AttendanceStatus.EXPECTED:
            continue
        names = "; ".join(
            _("%(name)s (%(reason)s)") % {"name": a.member.full_name, "reason": a.reason}
            if a.reason
            else a.member.full_name
            for a in rows
        )
        if rows:
            lines.append(_("%(label)s: %(count)d — %(names)s.") % {"label": label, "count": len(rows), "names": names})
        else:
            lines.append(_("%(label)s: none.") % {"label": label})
    if guests:
        names = "; ".join(f"{g.name} ({g.role})" if g.role else g.name for g in guests)
        lines.append(_("Guests: %(names)s.") % {"names": names})
    else:
        lines.append(_("Guests: none."))
    return lines


def _vote_line(vote: Any) -> str:
    return _(
        "- %(subject)s: voted by %(method)s; %(for)d for, %(against)d against, %(abstain)d abstaining. %(result)s"
    ) % {
        "subject": vote.subject,
        "method": vote.get_method_display().lower(),
        "for": vote.votes_for,
        "against": vote.votes_against,
        "abstain": vote.abstentions,
        "result": vote.explanation,
    }


def draft_minutes(meeting: Meeting) -> str:
    s = _session(meeting)
    lines = [_("MINUTES"), meeting.title, ""]
    lines.append(
        _("Time: %(time)s, %(date)s.")
        # The day it really met, if the meeting was moved after the notice.
        % {"time": _clock(meeting.scheduled_at), "date": vn_long_date(meeting.started_at or meeting.scheduled_at)}
    )
    if meeting.started_at and meeting.ended_at:
        lines.append(
            _("Started at %(start)s, ended at %(end)s (%(minutes)d minutes).")
            % {
                "start": _clock(meeting.started_at),
                "end": _clock(meeting.ended_at),
                "minutes": meeting.duration_minutes,
            }
        )
    lines.append(_("Place: %(place)s.") % {"place": meeting.place})
    lines.append(
        _("Chair: comrade %(chair)s. Minute-taker: comrade %(taker)s.")
        % {"chair": _person(meeting.chair), "taker": _person(meeting.minute_taker)}
    )
    lines += ["", _("I. ATTENDANCE"), *_attendance_lines(s["attendances"], s["guests"])]
    lines += ["", _("II. PROCEEDINGS")]
    for number, item in enumerate(s["items"], start=1):
        lines.append(f"{number}. {item.title}")
        if item.presenter_id:
            lines.append(_("Presented by comrade %(name)s.") % {"name": item.presenter.full_name})
        if item.notes.strip():
            lines.append(item.notes.strip())
        lines += [_speech_line(sp) for sp in s["by_item"].get(item.pk, [])]
    loose = s["by_item"].get(None, [])
    if loose:
        lines.append(_("Other opinions:"))
        lines += [_speech_line(sp) for sp in loose]
    lines += ["", _("III. VOTES")]
    lines += [_vote_line(v) for v in s["votes"]] or [_("No vote was recorded.")]
    lines += ["", _("IV. THE CHAIR'S CONCLUSIONS")]
    lines += [f"- {c.gist.strip()}" for c in s["conclusions"]] or [_("No conclusion was recorded.")]
    evaluation = MeetingEvaluation.objects.filter(meeting_id=meeting.pk).first()
    if evaluation is not None:
        lines += ["", *rating_lines(evaluation)]
    lines.append("")
    if meeting.ended_at:
        lines.append(_("The meeting ended at %(end)s the same day.") % {"end": _clock(meeting.ended_at)})
    lines.append(_("The minutes were read back to the meeting and approved."))
    lines += [
        "",
        _("CHAIR: %(chair)s") % {"chair": _person(meeting.chair)},
        _("MINUTE-TAKER: %(taker)s") % {"taker": _person(meeting.minute_taker)},
    ]
    return "\n".join(lines)


def rating_lines(evaluation: MeetingEvaluation) -> list[str]:
    """The minutes' section on the meeting's quality: points, level, and why a better level was missed."""
    return [
        _("V. QUALITY EVALUATION AND RATING"),
        _("The meeting scored %(total)d/%(max)d points and is rated %(level)s (evaluation sheet attached).")
        % {"total": evaluation.total, "max": evaluation.max_total, "level": evaluation.level_title},
        *evaluation.notes,
    ]


def with_rating(body: str, evaluation: MeetingEvaluation) -> str:
    """The minutes' text with its quality section set to `evaluation`: replaced where it is, else added before
    the closing block (the signatures), so that adopted minutes always state the adopted rating."""
    lines = body.split("\n")
    section = rating_lines(evaluation)
    if section[0] in lines:
        start = lines.index(section[0])
        end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
        return "\n".join([*lines[:start], *section, *lines[end:]])
    blank = max((i for i, line in enumerate(lines) if not line.strip()), default=None)
    if blank is None:
        return "\n".join([*lines, "", *section])
    return "\n".join([*lines[:blank], "", *section, *lines[blank:]])


def resolution_title(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.scheduled_at)
    return _("Resolution of the cell meeting of %(month)02d/%(year)d") % {"month": local.month, "year": local.year}


def draft_resolution(meeting: Meeting) -> str:
    """The resolution's text: the draft prepared under the summary item, what the meeting added, and the vote."""
    s = _session(meeting)
    lines = [
        _(
            "Pursuant to the Party Charter; pursuant to the discussion of the party members at the meeting of "
            "%(date)s, %(cell)s"
        )
        % {"date": vn_long_date(meeting.scheduled_at), "cell": meeting.organization.official_name},
        "",
        _("RESOLVES:"),
    ]
    for item in s["items"]:
        if item.kind not in (StepKind.SUMMARY, StepKind.VOTE):
            continue
        for part in (item.content, item.notes):
            if part.strip():
                lines.append(part.strip())
    lines += [f"- {c.gist.strip()}" for c in s["conclusions"]]
    votes = [v for v in s["votes"] if v.kind == VoteKind.RESOLUTION]
    if votes:
        lines += ["", _("Vote: %(result)s") % {"result": votes[-1].explanation}]
    return "\n".join(lines)
