"""Planning a meeting: one regular meeting per cell and month, topics for thematic meetings, stale edits."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.dates import today
from core.testing import World
from meetings.models import Meeting, MeetingKind, MeetingStatus
from members.tests.helpers import client_for
from preparation.testing import planned_meeting

pytestmark = pytest.mark.django_db


def _day() -> dt.date:
    return today() + dt.timedelta(days=10)


def _data(**overrides: str) -> dict[str, str]:
    day = _day()
    data = {
        "kind": MeetingKind.REGULAR,
        "month": day.strftime("%Y-%m"),
        "day": day.isoformat(),
        "time": "19:30",
        "place": "Nhà văn hóa khu 1",
        "topic": "",
        "title": "",
    }
    data.update(overrides)
    return data


def _create(world: World, who: str = "sam", **overrides: str):  # type: ignore[no-untyped-def]
    url = reverse("preparation:create", args=[world.cell_a1.pk])
    return client_for(getattr(world, who)).post(url, _data(**overrides))


def test_it_plans_a_meeting_and_audits_it(world: World) -> None:
    response = _create(world)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("preparation:prepare", args=[meeting.pk])
    assert meeting.title == f"Sinh hoạt thường kỳ tháng {_day():%m/%Y}"
    assert meeting.month == _day().replace(day=1) and meeting.status == MeetingStatus.PREPARING
    local = meeting.scheduled_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert (local.hour, local.minute) == (19, 30)
    assert AuditEntry.objects.filter(action="meeting.create", object_id=str(meeting.pk)).exists()


def test_it_refuses_a_second_regular_meeting_in_the_same_month(world: World) -> None:
    _create(world)
    response = _create(world, kind=MeetingKind.REGULAR_THEMATIC, topic="Học tập và làm theo tư tưởng Hồ Chí Minh")
    assert response.status_code == 200
    assert "đã có buổi sinh hoạt thường kỳ" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_it_allows_a_thematic_and_a_committee_meeting_in_the_same_month(world: World) -> None:
    _create(world)
    _create(world, kind=MeetingKind.THEMATIC, topic="Chuyển đổi số", time="08:00")
    _create(world, kind=MeetingKind.COMMITTEE, time="15:00", place="Nhà đồng chí bí thư")
    assert sorted(Meeting.objects.values_list("kind", flat=True)) == ["committee", "regular", "thematic"]


def test_it_asks_a_thematic_meeting_for_its_topic(world: World) -> None:
    response = _create(world, kind=MeetingKind.THEMATIC)
    assert response.status_code == 200 and response.context["form"].errors["topic"]
    assert not Meeting.objects.exists()


def test_it_refuses_a_date_outside_the_meeting_month(world: World) -> None:
    day = _day()
    earlier = (day.replace(day=1) - dt.timedelta(days=1)).isoformat()
    response = _create(world, day=earlier)
    assert response.context["form"].errors["day"]
    assert not Meeting.objects.exists()


def test_it_survives_a_double_submit(world: World) -> None:
    _create(world, kind=MeetingKind.EXTRAORDINARY)
    _create(world, kind=MeetingKind.EXTRAORDINARY)
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("who", ["alice", "sue", "rita", "oscar"])
def test_it_lets_only_officers_and_the_office_plan(world: World, who: str) -> None:
    assert _create(world, who=who).status_code in (403, 404)
    assert not Meeting.objects.exists()


def test_it_refuses_a_stale_edit(world: World) -> None:
    meeting = planned_meeting(world)
    url = reverse("preparation:edit", args=[meeting.pk])
    stale = _data(place="Hội trường thôn", version=str(meeting.version))
    client_for(world.olga).post(url, _data(place="Sân nhà văn hóa", version=str(meeting.version)))
    response = client_for(world.sam).post(url, stale)
    assert response.status_code == 200 and "Người khác đã sửa" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Sân nhà văn hóa"
