"""The print pack of a meeting: one A4 invitation per member, with the meeting's content and a QR code.

Everything a pack needs is read in a fixed number of queries, whatever the
size of the cell, and the QR code (the same notice page for everyone) is
drawn once.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from accounts.slips import qr_svg
from committees.models import OFFICER_ROLES, Position, Role
from meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingKind
from members.models import Member, MemberState
from orgs.models import Organization


class Who:
    ALL = "all"
    OFFLINE = "offline"


def is_offline(member: Member) -> bool:
    """No working way online: no account, a disabled one, or one never activated or never logged in."""
    account = getattr(member, "user", None)
    if account is None or not account.is_active:
        return True
    return not account.has_usable_password() or account.last_login is None


@dataclass
class PackPage:
    member: Member
    offline: bool


@dataclass
class AgendaHalf:
    start: int
    items: list[AgendaItem]


@dataclass
class Pack:
    meeting: Meeting
    superior: Organization | None
    agenda: list[AgendaItem]
    documents: list[MeetingDocument]
    secretary: Member | None
    notice_url: str
    qr_svg: SafeString
    pages: list[PackPage]
    who: str
    total: int
    offline_count: int

    @property
    def agenda_halves(self) -> list[AgendaHalf]:
        """The agenda in two numbered halves: two columns on paper, one after the other on a phone."""
        middle = (len(self.agenda) + 1) // 2
        halves = [AgendaHalf(1, self.agenda[:middle]), AgendaHalf(middle + 1, self.agenda[middle:])]
        return [half for half in halves if half.items]


def _day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.scheduled_at).date()


def invited(meeting: Meeting) -> QuerySet[Member]:
    """The cell's active members, or only its officers for the committee's own meeting (as the roll)."""
    members = Member.objects.filter(organization_id=meeting.organization_id, state=MemberState.ACTIVE)
    if meeting.kind == MeetingKind.COMMITTEE:
        officers = Position.objects.as_of(_day(meeting)).filter(
            organization_id=meeting.organization_id, role__in=OFFICER_ROLES
        )
        members = members.filter(pk__in=officers.values("member_id"))
    return members.select_related("user").order_by("search_key", "pk")


def _secretary(meeting: Meeting) -> Member | None:
    position = (
        Position.objects.as_of(_day(meeting))
        .filter(organization_id=meeting.organization_id, role=Role.SECRETARY)
        .select_related("member")
        .order_by("-valid_from", "pk")
        .first()
    )
    return position.member if position else None


def build_pack(meeting: Meeting, notice_url: str, who: str = Who.ALL) -> Pack:
    """The pages for `who`: every invited member, or only those who cannot read the notice online."""
    all_pages = [PackPage(member, is_offline(member)) for member in invited(meeting)]
    pages = [p for p in all_pages if p.offline] if who == Who.OFFLINE else all_pages
    superior_id = meeting.organization.parent_id
    return Pack(
        meeting=meeting,
        superior=Organization.objects.filter(pk=superior_id).first() if superior_id else None,
        agenda=list(meeting.agenda_items.select_related("presenter").order_by("order", "pk")),
        documents=list(meeting.documents.order_by("uploaded_at", "pk")),
        secretary=_secretary(meeting),
        notice_url=notice_url,
        qr_svg=qr_svg(notice_url),
        pages=pages,
        who=who,
        total=len(all_pages),
        offline_count=sum(1 for p in all_pages if p.offline),
    )
