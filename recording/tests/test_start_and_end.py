"""Start and end of the meeting: chair, minute-taker, roll drawn, duration checked against the rules."""

import datetime as dt

import pytest
from django.utils import timezone

from core.testing import World, make_member
from meetings.models import Meeting, MeetingKind
from recording.summary import duration_check, rules_for
from recording.testing import DAY
from recording.tests.helpers import post
from rules.testing import scoped_pack


def at(hour: int, minute: int = 0) -> str:
    return f"{DAY.isoformat()}T{hour:02d}:{minute:02d}"


def start(client, meeting: Meeting, world: World, version: int = 0, when: str = at(19, 30)):  # type: ignore[no-untyped-def]
    return post(
        client,
        "start",
        meeting.pk,
        chair=world.sam.member_id,
        minute_taker=world.alice.member_id,
        started_at=when,
        version=version,
    )


def test_it_starts_the_meeting_and_draws_newcomers_into_the_roll(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    newcomer = make_member(world.cell_a1, "Người Mới Chuyển Đến")
    response = start(sam, meeting, world)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == "in_progress" and meeting.chair_id == world.sam.member_id
    assert timezone.localtime(meeting.started_at).strftime("%H:%M") == "19:30"
    assert meeting.attendances.filter(member=newcomer).exists()


def test_it_draws_the_roll_on_first_start_and_reloads(world: World, sam) -> None:  # type: ignore[no-untyped-def]
    from meetings.testing import make_meeting

    meeting = make_meeting(world.cell_a1, day=DAY)
    response = start(sam, meeting, world)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert meeting.attendances.count() == 4


@pytest.mark.parametrize(
    ("kind", "minutes", "text"),
    [
        (MeetingKind.REGULAR, 95, "Thời lượng 95 phút — đạt (tối thiểu 90 phút)"),
        (MeetingKind.REGULAR, 80, "Thời lượng 80 phút — chưa đạt (tối thiểu 90 phút)"),
        (MeetingKind.REGULAR_THEMATIC, 95, "Thời lượng 95 phút — chưa đạt (tối thiểu 120 phút)"),
        (MeetingKind.REGULAR_THEMATIC, 120, "Thời lượng 120 phút — đạt (tối thiểu 120 phút)"),
    ],
)
def test_it_checks_the_duration(world: World, sam, kind: str, minutes: int, text: str) -> None:  # type: ignore[no-untyped-def]
    from recording.testing import recorded_meeting

    meeting = recorded_meeting(world, kind=kind)
    start(sam, meeting, world)
    end = timezone.make_aware(dt.datetime.combine(DAY, dt.time(19, 30))) + dt.timedelta(minutes=minutes)
    response = post(sam, "end", meeting.pk, ended_at=end.strftime("%Y-%m-%dT%H:%M"), version=0)
    assert response.status_code == 200
    assert text in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.duration_minutes == minutes


def test_it_applies_the_nearest_rules(world: World, meeting: Meeting) -> None:
    assert rules_for(meeting).min_minutes_for(MeetingKind.REGULAR) == 90  # the national default
    scoped_pack(world.province, min_minutes={"regular": 100})
    scoped_pack(world.commune_a, min_minutes={"regular": 60})
    meeting.started_at = timezone.now()
    meeting.ended_at = meeting.started_at + dt.timedelta(minutes=70)
    check = duration_check(meeting, rules_for(meeting))
    assert check is not None and check.met and check.minimum == 60
    scoped_pack(world.cell_a1, min_minutes={"regular": 75})
    assert rules_for(meeting).min_minutes_for(MeetingKind.REGULAR) == 75


def test_it_refuses_an_end_before_the_start(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    response = post(sam, "end", meeting.pk, ended_at=at(21), version=0)
    assert response.status_code == 400 and "Hãy ghi giờ bắt đầu cuộc họp trước." in response.content.decode()
    start(sam, meeting, world)
    response = post(sam, "end", meeting.pk, ended_at=at(19, 0), version=0)
    assert response.status_code == 400 and "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.ended_at is None and meeting.status == "in_progress"
