"""Who may record: the cell's officers, the office over it, the meeting's minute-taker; and only while open."""

import pytest
from django.utils import timezone

from core.testing import World
from meetings.models import Meeting, Minutes
from recording.tests.conftest import client_for
from recording.tests.helpers import post, url


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("sam", True), ("alice", True), ("olga", True), ("sue", False), ("rita", False), ("oscar", False)],
)
def test_it_lets_only_recorders_in(world: World, meeting: Meeting, who: str, allowed: bool) -> None:
    client = client_for(getattr(world, who))
    row = meeting.attendances.get(member__full_name="Đỗ Đức Hùng")
    assert (client.get(url("meeting", meeting.pk)).status_code == 200) is allowed
    response = post(client, "mark", meeting.pk, row.pk, status="present", version=0)
    assert (response.status_code == 200) is allowed
    row.refresh_from_db()
    assert (row.status == "present") is allowed


def test_it_refuses_alice_once_she_is_not_the_minute_taker(world: World, meeting: Meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(minute_taker=None)
    assert client_for(world.alice).get(url("meeting", meeting.pk)).status_code == 403


def test_it_locks_the_record_once_the_minutes_are_adopted(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    minutes = Minutes.objects.create(meeting=meeting, body="Biên bản")
    row = meeting.attendances.get(member__full_name="Đỗ Đức Hùng")
    # Draft minutes: still open.
    assert post(sam, "mark", meeting.pk, row.pk, status="present", version=0).status_code == 200
    minutes.status, minutes.adopted_at = "adopted", timezone.now()
    minutes.save()
    response = post(sam, "mark", meeting.pk, row.pk, status="absent_unexcused", version=1)
    assert response.status_code == 409 and response["HX-Refresh"] == "true"
    row.refresh_from_db()
    assert row.status == "present"
    body = sam.get(url("meeting", meeting.pk)).content.decode()
    assert "chỉ để xem" in body and "<fieldset disabled>" in body


def test_it_refuses_get_on_a_save(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    assert sam.get(url("start", meeting.pk)).status_code == 405
