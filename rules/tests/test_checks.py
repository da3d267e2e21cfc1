"""The monthly cycle's checks read their thresholds from the pack in force for the meeting's cell on its date."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import World
from meetings.models import Meeting, Vote
from orgs.models import Organization
from overview.queries import month_grid
from preparation.actions import do_build_agenda
from preparation.models import NoticeRound
from preparation.testing import planned_meeting
from recording.testing import DAY, recorded_meeting
from recording.tests.conftest import client_for
from recording.tests.helpers import eleven_full_members, mark_all, post
from rules.testing import scoped_pack

pytestmark = pytest.mark.django_db


def _send_notice(world: World, meeting: Meeting) -> str:
    client = client_for(world.sam, htmx=False)
    response = client.post(reverse("preparation:notice_send", args=[meeting.pk]), {"message": ""}, follow=True)
    return response.content.decode()


def test_a_commune_pack_of_three_days_makes_a_two_day_notice_late(world: World) -> None:
    on_time = planned_meeting(world, days_ahead=2)
    do_build_agenda(world.sam, on_time)
    _send_notice(world, on_time)
    assert NoticeRound.objects.get(meeting=on_time).on_time  # the national default: one day

    scoped_pack(world.commune_a, notice_lead_days=3)
    late = planned_meeting(world, days_ahead=2, title="Sinh hoạt bổ sung")
    do_build_agenda(world.sam, late)
    prepare = client_for(world.sam, htmx=False).get(reverse("preparation:prepare", args=[late.pk])).content.decode()
    assert "Quy định: gửi trước ít nhất 3 ngày." in prepare
    page = _send_notice(world, late)
    notice = NoticeRound.objects.get(meeting=late)
    assert (notice.lead_days, notice.required_lead_days, notice.on_time) == (2, 3, False)
    assert "chậm, quy định là 3 ngày" in page


def test_a_pack_that_starts_after_the_meeting_does_not_judge_it(world: World) -> None:
    meeting = planned_meeting(world, days_ahead=2)
    scoped_pack(world.commune_a, notice_lead_days=3, effective_from=timezone.localdate() + dt.timedelta(days=3))
    do_build_agenda(world.sam, meeting)
    _send_notice(world, meeting)
    assert NoticeRound.objects.get(meeting=meeting).required_lead_days == 1


def _end_after(world: World, meeting: Meeting, minutes: int) -> str:
    sam = client_for(world.sam)
    post(
        sam,
        "start",
        meeting.pk,
        chair=world.sam.member_id,
        minute_taker=world.alice.member_id,
        started_at=f"{DAY.isoformat()}T19:30",
        version=0,
    )
    end = timezone.make_aware(dt.datetime.combine(DAY, dt.time(19, 30))) + dt.timedelta(minutes=minutes)
    return post(sam, "end", meeting.pk, ended_at=end.strftime("%Y-%m-%dT%H:%M"), version=0).content.decode()


def test_a_sixty_minute_minimum_makes_a_seventy_minute_meeting_long_enough(world: World) -> None:
    assert "Thời lượng 70 phút — chưa đạt (tối thiểu 90 phút)" in _end_after(world, recorded_meeting(world), 70)
    scoped_pack(world.commune_a, min_minutes={"regular": 60})
    meeting = recorded_meeting(world, title="Sinh hoạt lần hai")
    assert "Thời lượng 70 phút — đạt (tối thiểu 60 phút)" in _end_after(world, meeting, 70)
    # The commune's grid judges it by the same pack.
    grid = month_grid(Organization.objects.all(), world.commune_a, DAY.replace(day=1), DAY.replace(day=1), DAY)
    slot = next(row.slots[0] for row in grid.rows if row.cell == world.cell_a1)
    assert (slot.min_duration, slot.duration_ok) == (60, True)


def _vote(world: World, meeting: Meeting, votes_for: int) -> Vote:
    post(
        client_for(world.sam),
        "add_vote",
        meeting.pk,
        token=str(uuid.uuid4()),
        subject="Nghị quyết tháng",
        kind="resolution",
        method="hands",
        votes_for=votes_for,
        votes_against=11 - votes_for,
        abstentions=0,
    )
    return Vote.objects.filter(meeting=meeting).order_by("pk").last()  # type: ignore[return-value]


def test_a_two_thirds_majority_pack_changes_a_vote_result(world: World) -> None:
    meeting = recorded_meeting(world)
    eleven_full_members(world, meeting)
    mark_all(meeting, present=11)
    assert _vote(world, meeting, 7).passed  # 7/11: more than half
    scoped_pack(world.commune_a, majority=("2/3", False))
    refused = _vote(world, meeting, 7)
    assert not refused.passed
    assert refused.explanation == "Không thông qua: 7/11 đảng viên chính thức tán thành; cần ít nhất hai phần ba."
    assert _vote(world, meeting, 8).passed


def test_a_vote_rule_of_any_fraction_is_said_as_it_is(world: World) -> None:
    meeting = recorded_meeting(world)
    eleven_full_members(world, meeting)
    mark_all(meeting, present=11)
    scoped_pack(world.commune_a, majority=("3/5", True), qualified=("3/4", False))
    assert not _vote(world, meeting, 6).passed  # 6/11 is less than 3/5
    passed = _vote(world, meeting, 7)
    assert passed.passed and passed.explanation == "Thông qua: 7/11 đảng viên chính thức tán thành (hơn 3/5)."
