"""The roll of a meeting: who is expected, with the facts that matter on that day."""

from django.db import transaction
from django.utils import timezone

from committees.models import OFFICER_ROLES, Position
from meetings.models import Attendance, Meeting, MeetingKind
from members.models import Exemption, MemberState, TemporaryActivity


@transaction.atomic
def draw_roll(meeting: Meeting) -> list[Attendance]:
    """One attendance row per active member of the cell, with the facts of the meeting day."""
    day = timezone.localtime(meeting.scheduled_at).date()
    members = list(meeting.organization.members.filter(state=MemberState.ACTIVE))
    if meeting.kind == MeetingKind.COMMITTEE:
        # The committee's own meeting: only those holding a committee position in the cell that day.
        officers = set(
            Position.objects.as_of(day)
            .filter(organization=meeting.organization, role__in=OFFICER_ROLES)
            .values_list("member_id", flat=True)
        )
        members = [m for m in members if m.pk in officers]
    exempt = set(Exemption.objects.as_of(day).filter(member__in=members).values_list("member_id", flat=True))
    away = set(TemporaryActivity.objects.as_of(day).filter(member__in=members).values_list("member_id", flat=True))
    already = set(meeting.attendances.values_list("member_id", flat=True))
    members = [m for m in members if m.pk not in already]
    return Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            member=m,
            category=m.category,
            exempt=m.pk in exempt,
            temporarily_away=m.pk in away,
        )
        for m in members
    )
