"""Reads for the preparation pages, and who may reach them."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import has_perm, require
from committees.models import OFFICER_ROLES, Position, Role
from meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    NoticeRecipient,
    Opinion,
    RecordStatus,
    ResolutionTask,
    TaskStatus,
)
from members.models import Member, MemberState
from orgs.models import Organization
from preparation.models import NoticeRound
from rules.lookup import rules_in_force

PAST_PAGE_SIZE = 24
# Statuses in which the meeting has not started yet: members may still respond.
BEFORE_START = (MeetingStatus.PREPARING, MeetingStatus.NOTIFIED)
# Statuses in which the preparation can no longer change.
CLOSED = (MeetingStatus.HELD, MeetingStatus.CANCELLED)


# --- who may reach what ------------------------------------------------------------------------


def may_see_preparation(user: Any, meeting: Meeting) -> bool:
    """Those who run or oversee the cell, and the meeting's minute-taker; ordinary members read the notice."""
    return has_perm(user, "meeting.record", meeting) or (
        has_perm(user, "meeting.view", meeting) and has_perm(user, "org.view_members", meeting.organization)
    )


def may_read_notice(user: Any, meeting: Meeting) -> bool:
    if may_see_preparation(user, meeting):
        return True
    return meeting.notice_sent_at is not None and has_perm(user, "meeting.view", meeting)


def access_cell(user: Any, org_id: int, perm: str) -> Organization:
    try:
        org = Organization.objects.get(pk=org_id)
    except Organization.DoesNotExist:
        raise Http404 from None
    require(user, perm, org)
    if not org.is_cell:
        raise Http404
    return org


def access_meeting(user: Any, meeting_id: int, perm: str) -> Meeting:
    """Fetch a meeting and check `perm`: a meeting permission, or "preparation.view" / "notice.read"."""
    try:
        meeting = Meeting.objects.select_related("organization", "guidance").get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
    # Whoever may not even see the meeting learns nothing about it.
    if not has_perm(user, "meeting.view", meeting):
        raise Http404
    check = {"preparation.view": may_see_preparation, "notice.read": may_read_notice}.get(perm)
    if not (check(user, meeting) if check else has_perm(user, perm, meeting)):
        raise PermissionDenied
    return meeting


def may_edit_template(user: Any, org: Organization) -> bool:
    """A cell's officers and the office over it edit a cell's template; only the office a commune's."""
    return has_perm(user, "org.manage_members", org) and org.is_active


# --- rules and lead time -------------------------------------------------------------------------


@dataclass
class LeadTime:
    """Named as on NoticeRound, so that templates show either."""

    lead_days: int
    required_lead_days: int

    @property
    def on_time(self) -> bool:
        return self.lead_days >= self.required_lead_days


def notice_lead_days_required(cell: Organization, day: dt.date) -> int:
    """The notice lead time of the rule pack in force for the cell on the meeting's day."""
    return rules_in_force(cell, day).notice_lead_days


def lead_days(scheduled_at: dt.datetime, sent_at: dt.datetime) -> int:
    """Whole calendar days between the day the notice goes out and the meeting day, local time."""
    return (timezone.localtime(scheduled_at).date() - timezone.localtime(sent_at).date()).days


def lead_time(meeting: Meeting, sent_at: dt.datetime, required: int) -> LeadTime:
    return LeadTime(lead_days(meeting.scheduled_at, sent_at), required)


# --- people --------------------------------------------------------------------------------------


def active_members(cell: Organization) -> QuerySet[Member]:
    return Member.objects.filter(organization=cell, state=MemberState.ACTIVE).order_by("full_name", "pk")


def officers_of(cell: Organization, day: dt.date) -> QuerySet[Member]:
    ids = Position.objects.as_of(day).filter(organization=cell, role__in=OFFICER_ROLES).values("member_id")
    return Member.objects.filter(pk__in=ids, state=MemberState.ACTIVE).order_by("full_name", "pk")


def follow_up_cadres(cell: Organization, day: dt.date) -> QuerySet[Member]:
    ids = Position.objects.as_of(day).filter(organization=cell, role=Role.FOLLOW_UP).values("member_id")
    return Member.objects.filter(pk__in=ids, state=MemberState.ACTIVE).order_by("full_name", "pk")


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.scheduled_at).date()


# --- what pre-fills the agenda ------------------------------------------------------------------


def tasks_to_review(meeting: Meeting) -> list[ResolutionTask]:
    """Open tasks of the resolutions the same cell adopted the month before."""
    previous = meeting.month - relativedelta(months=1)
    return list(
        ResolutionTask.objects.filter(
            resolution__meeting__organization_id=meeting.organization_id,
            resolution__meeting__month=previous,
            resolution__status=RecordStatus.ADOPTED,
        )
        .exclude(status__in=(TaskStatus.DONE, TaskStatus.DROPPED))
        .select_related("assignee")
        .order_by("resolution_id", "order", "pk")
    )


# --- pages ---------------------------------------------------------------------------------------


@dataclass
class MeetingList:
    upcoming: list[Meeting]
    past: Page


def cell_meetings(cell: Organization, *, notified_only: bool, page: Any) -> MeetingList:
    """The cell's meetings: those still to come, then a page of past ones, newest first."""
    qs = Meeting.objects.filter(organization=cell)
    if notified_only:
        qs = qs.exclude(notice_sent_at__isnull=True)
    start_of_today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    upcoming = list(qs.filter(scheduled_at__gte=start_of_today, status__in=BEFORE_START).order_by("scheduled_at", "pk"))
    past_qs = qs.exclude(pk__in=[m.pk for m in upcoming]).order_by("-scheduled_at", "-pk")
    return MeetingList(upcoming, Paginator(past_qs, PAST_PAGE_SIZE).get_page(page))


@dataclass
class Preparation:
    agenda: list[AgendaItem]
    assignments: list[Any]
    prep_meeting: Any
    documents: list[MeetingDocument]
    recipients: list[NoticeRecipient]
    opinions: list[Opinion]
    absences: list[Attendance]
    rounds: list[NoticeRound]
    new_opinions: int


def preparation_of(meeting: Meeting) -> Preparation:
    """Everything the preparation page shows, in a fixed number of queries."""
    from meetings.models import PrepAssignment, PrepMeeting

    agenda = list(meeting.agenda_items.select_related("presenter").order_by("order", "pk"))
    prep = (
        PrepMeeting.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("attendees", queryset=Member.objects.order_by("full_name")))
        .first()
    )
    opinions = list(meeting.opinions.select_related("member").order_by("created_at", "pk"))
    on_agenda = {item.opinion_id for item in agenda if item.opinion_id}
    return Preparation(
        agenda=agenda,
        assignments=list(
            PrepAssignment.objects.filter(meeting=meeting).select_related("member").order_by("due_on", "pk")
        ),
        prep_meeting=prep,
        documents=list(meeting.documents.select_related("uploaded_by").order_by("uploaded_at", "pk")),
        recipients=list(
            meeting.recipients.select_related("member").order_by("-is_follow_up_cadre", "member__full_name")
        ),
        opinions=opinions,
        absences=list(
            meeting.attendances.filter(announced_at__isnull=False).select_related("member").order_by("announced_at")
        ),
        rounds=list(meeting.notice_rounds.order_by("number")),
        new_opinions=sum(1 for o in opinions if o.pk not in on_agenda),
    )


def notices_for(user: Any) -> list[NoticeRecipient]:
    """Notices of meetings still to come that `user` received, unread first, then soonest first."""
    member_id = getattr(user, "member_id", None)
    if not member_id:
        return []
    start_of_today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    rows = list(
        NoticeRecipient.objects.filter(
            member_id=member_id,
            meeting__scheduled_at__gte=start_of_today,
            # A cancelled meeting stays listed so that notified members learn of it.
            meeting__status__in=(MeetingStatus.NOTIFIED, MeetingStatus.IN_PROGRESS, MeetingStatus.CANCELLED),
        )
        .select_related("meeting", "meeting__organization")
        .order_by("meeting__scheduled_at", "pk")
    )
    return sorted(rows, key=lambda r: r.read_at is not None)


@dataclass
class NoticePage:
    recipient: NoticeRecipient | None
    attendance: Attendance | None
    agenda: list[AgendaItem]
    documents: list[MeetingDocument]
    last_round: NoticeRound | None
    my_opinions: list[Opinion]
    before_start: bool

    @property
    def changes(self) -> list[str]:
        return describe_changes(self.last_round.changes) if self.last_round else []


def _when(iso: str) -> str:
    return timezone.localtime(dt.datetime.fromisoformat(iso)).strftime("%H:%M %d/%m/%Y")


def describe_changes(changes: dict[str, Any]) -> list[str]:
    """What changed since the previous sending of a notice, in words for members."""
    lines = []
    if "scheduled_at" in changes:
        old, new = changes["scheduled_at"]
        lines.append(_("Time: %(new)s (was %(old)s)") % {"new": _when(new), "old": _when(old)})
    if "place" in changes:
        old, new = changes["place"]
        lines.append(_("Place: %(new)s (was %(old)s)") % {"new": new, "old": old})
    if changes.get("documents_added"):
        lines.append(_("New documents: %(titles)s") % {"titles": ", ".join(changes["documents_added"])})
    if changes.get("documents_removed"):
        lines.append(_("Some documents were withdrawn."))
    return lines


def notice_page_of(meeting: Meeting, member: Member | None) -> NoticePage:
    """The notice as one member sees it, in a fixed number of queries."""
    recipient = attendance = None
    my_opinions: list[Opinion] = []
    if member is not None:
        recipient = NoticeRecipient.objects.filter(meeting=meeting, member=member).first()
        attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
        my_opinions = list(meeting.opinions.filter(member=member).order_by("created_at", "pk"))
    return NoticePage(
        recipient=recipient,
        attendance=attendance,
        agenda=list(meeting.agenda_items.select_related("presenter").order_by("order", "pk")),
        documents=list(meeting.documents.order_by("uploaded_at", "pk")),
        last_round=meeting.notice_rounds.order_by("-number").first(),
        my_opinions=my_opinions,
        before_start=meeting.status in BEFORE_START and meeting.scheduled_at > timezone.now(),
    )
