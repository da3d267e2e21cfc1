"""Reads for the thematic pages, and the access helpers that fetch and check.

Who may: whoever sees a cell reads its plan; its officers and the office over
it (`org.manage_members`) write and approve it. Whoever sees a thematic
meeting reads its report once it is shared; the drafter and the officers
write it; members of the cell comment on the shared draft; the officers mark
it discussed and make it final.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.permissions import has_perm, require
from core.dates import today
from meetings.models import Meeting
from members.models import Member, MemberState
from orgs.models import Organization, OrgKind
from orgs.queries import natural_key
from rules.lookup import PackIndex
from thematic.compliance import THEMATIC_KINDS, QuarterCompliance, compliance_for
from thematic.models import PlannedTopic, ReportComment, ReportRecipient, ThematicPlan, ThematicReport

# Final reports stay on a member's home page this long after they were read.
HOME_DAYS = 30
HOME_LIMIT = 5


def year_param(request: HttpRequest) -> int:
    """The year asked for in ?year=, or this year when it is missing or not a sensible year."""
    raw = request.GET.get("year", "")
    this_year = today().year
    try:
        year = int(raw)
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year + 5 else this_year


# --- access ------------------------------------------------------------------------------------


def access_cell(user: Any, org_id: int, perm: str = "org.view") -> Organization:
    try:
        org = Organization.objects.get(pk=org_id)
    except Organization.DoesNotExist:
        raise Http404 from None
    require(user, perm, org)
    if not org.is_cell:
        raise Http404
    return org


def access_commune(user: Any, org_id: int) -> Organization:
    try:
        org = Organization.objects.get(pk=org_id)
    except Organization.DoesNotExist:
        raise Http404 from None
    require(user, "org.view_members", org)
    if org.kind != OrgKind.COMMUNE:
        raise Http404
    return org


def access_plan(user: Any, plan_id: int, perm: str = "org.manage_members") -> ThematicPlan:
    try:
        plan = ThematicPlan.objects.select_related("organization").get(pk=plan_id)
    except ThematicPlan.DoesNotExist:
        raise Http404 from None
    require(user, perm, plan.organization)
    return plan


def access_topic(user: Any, topic_id: int, perm: str = "org.manage_members") -> PlannedTopic:
    try:
        topic = PlannedTopic.objects.select_related("plan__organization", "meeting", "drafter").get(pk=topic_id)
    except PlannedTopic.DoesNotExist:
        raise Http404 from None
    require(user, perm, topic.plan.organization)
    return topic


def access_meeting(user: Any, meeting_id: int) -> Meeting:
    """A thematic meeting the user sees; anyone else learns nothing about it."""
    try:
        meeting = Meeting.objects.select_related("organization").get(pk=meeting_id, kind__in=THEMATIC_KINDS)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not has_perm(user, "meeting.view", meeting):
        raise Http404
    return meeting


def access_report(user: Any, report_id: int) -> ThematicReport:
    try:
        report = ThematicReport.objects.select_related("meeting__organization", "author").get(pk=report_id)
    except ThematicReport.DoesNotExist:
        raise Http404 from None
    if not has_perm(user, "meeting.view", report.meeting):
        raise Http404
    return report


def is_author(user: Any, meeting: Meeting, author_id: int | None) -> bool:
    """The drafter writes through their own account while they are an active member of the cell."""
    member_id = getattr(user, "member_id", None)
    return author_id is not None and member_id == author_id and has_perm(user, "meeting.respond", meeting)


def may_write(user: Any, meeting: Meeting, author_id: int | None) -> bool:
    return has_perm(user, "meeting.manage", meeting) or is_author(user, meeting, author_id)


def may_read_text(user: Any, report: ThematicReport) -> bool:
    """The text is read by its writers while it is being drafted, by everyone who sees the meeting once shared."""
    return report.shared_at is not None or not report.is_draft or may_write(user, report.meeting, report.author_id)


def may_read_comments(user: Any, report: ThematicReport) -> bool:
    """All comments: the writers and whoever oversees the cell; a member sees their own."""
    meeting = report.meeting
    return may_write(user, meeting, report.author_id) or has_perm(user, "org.view_members", meeting.organization)


def require_writer(user: Any, report: ThematicReport) -> None:
    if not may_write(user, report.meeting, report.author_id):
        raise PermissionDenied


# --- pages -------------------------------------------------------------------------------------


@dataclass
class CellPage:
    cell: Organization
    year: int
    plan: ThematicPlan | None
    topics: list[PlannedTopic]
    quarters: list[QuarterCompliance]
    # Thematic meetings of the year no planned topic points to, with their reports.
    unplanned: list[Meeting]
    previous_plan: bool

    @property
    def by_quarter(self) -> list[tuple[QuarterCompliance, list[PlannedTopic]]]:
        return [(q, [t for t in self.topics if t.quarter == q.quarter]) for q in self.quarters]


def cell_page(cell: Organization, year: int) -> CellPage:
    """The cell's plan for the year with its topics, meetings and reports, and its compliance; fixed queries."""
    plan = ThematicPlan.objects.filter(organization=cell, year=year).select_related("approved_by").first()
    topics: list[PlannedTopic] = []
    if plan is not None:
        topics = list(
            plan.topics.select_related("drafter", "meeting", "meeting__thematic_report").order_by(
                "quarter", "month", "pk"
            )
        )
    taken = {t.meeting_id for t in topics if t.meeting_id}
    meetings = (
        Meeting.objects.filter(
            organization=cell,
            kind__in=THEMATIC_KINDS,
            month__gte=dt.date(year, 1, 1),
            month__lte=dt.date(year, 12, 1),
        )
        .select_related("thematic_report")
        .order_by("month", "scheduled_at", "pk")
    )
    unplanned = [m for m in meetings if m.pk not in taken]
    previous = ThematicPlan.objects.filter(organization=cell, year=year - 1).exists()
    quarters = compliance_for([cell], year)[cell.pk]
    return CellPage(cell, year, plan, topics, quarters, unplanned, previous)


@dataclass
class CommuneRow:
    cell: Organization
    plan: ThematicPlan | None
    quarters: list[QuarterCompliance] = field(default_factory=list)

    @property
    def late_quarters(self) -> int:
        return sum(1 for q in self.quarters if q.late)


@dataclass
class CommunePage:
    commune: Organization
    year: int
    rows: list[CommuneRow]

    @property
    def approved(self) -> int:
        return sum(1 for r in self.rows if r.plan is not None and r.plan.is_approved)

    @property
    def without_plan(self) -> int:
        return sum(1 for r in self.rows if r.plan is None)

    @property
    def late_rows(self) -> list[CommuneRow]:
        """Cells that held fewer thematic meetings than required in a quarter that is over."""
        return [r for r in self.rows if r.late_quarters]


def commune_page(visible: Any, commune: Organization, year: int, index: PackIndex | None = None) -> CommunePage:
    """Every cell of the commune that existed in `year`: its plan's status and its quarters; fixed queries."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cells = sorted(
        visible.filter(path__startswith=commune.path, kind=OrgKind.CELL, founded_on__lte=last).filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=first)
        ),
        key=lambda cell: natural_key(cell.name),
    )
    plans = {p.organization_id: p for p in ThematicPlan.objects.filter(organization__in=cells, year=year)}
    quarters = compliance_for(cells, year, index)
    rows = [CommuneRow(cell, plans.get(cell.pk), quarters[cell.pk]) for cell in cells]
    return CommunePage(commune, year, rows)


@dataclass
class ReportPage:
    report: ThematicReport | None
    planned: PlannedTopic | None
    comments: list[ReportComment]
    recipients: list[ReportRecipient]
    my_copy: ReportRecipient | None


def report_page(meeting: Meeting, user: Any) -> ReportPage:
    report = ThematicReport.objects.filter(meeting=meeting).select_related("author", "finalized_by").first()
    planned = PlannedTopic.objects.filter(meeting=meeting).select_related("drafter", "plan").first()
    comments: list[ReportComment] = []
    recipients: list[ReportRecipient] = []
    my_copy = None
    if report is not None:
        report.meeting = meeting
        comments_qs = report.comments.select_related("member").order_by("created_at", "pk")
        if may_read_comments(user, report):
            comments = list(comments_qs)
        elif getattr(user, "member_id", None):
            comments = list(comments_qs.filter(member_id=user.member_id))
        if report.is_final:
            recipients = list(report.recipients.select_related("member").order_by("member__full_name", "pk"))
            member_id = getattr(user, "member_id", None)
            my_copy = next((r for r in recipients if r.member_id == member_id), None)
    return ReportPage(report, planned, comments, recipients, my_copy)


def reports_for_home(user: Any) -> list[ReportRecipient]:
    """Final reports sent to the user: unread ones, and those read in the last days; unread first."""
    member_id = getattr(user, "member_id", None)
    if not member_id:
        return []
    since = timezone.now() - dt.timedelta(days=HOME_DAYS)
    rows = list(
        ReportRecipient.objects.filter(member_id=member_id)
        .filter(Q(read_at__isnull=True) | Q(sent_at__gte=since))
        .select_related("report__meeting__organization")
        .order_by(F("read_at").desc(nulls_first=True), "-sent_at", "-pk")[:HOME_LIMIT]
    )
    return rows


def active_members(cell: Organization) -> Any:
    return Member.objects.filter(organization=cell, state=MemberState.ACTIVE).order_by("full_name", "pk")
