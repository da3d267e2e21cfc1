"""Votes through the page: the Charter's rule over the day's roll, said plainly and kept with the vote."""

import uuid

from core.testing import World
from meetings.models import Meeting, Vote
from recording.tests.helpers import eleven_full_members, mark_all, post


def vote(client, meeting: Meeting, votes_for: int, against: int = 0, kind: str = "resolution", token=None):  # type: ignore[no-untyped-def]
    return post(
        client,
        "add_vote",
        meeting.pk,
        token=str(token or uuid.uuid4()),
        subject="Nghị quyết tháng 1",
        kind=kind,
        method="hands",
        votes_for=votes_for,
        votes_against=against,
        abstentions=0,
    )


def test_it_follows_the_worked_example(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    # 11 full members (with a probationary, an absent exempt and a transferred member besides), 10 present.
    eleven_full_members(world, meeting)
    mark_all(meeting, present=10)
    response = vote(sam, meeting, votes_for=5, against=5)
    assert response.status_code == 200
    failed = Vote.objects.get()
    assert not failed.passed and failed.denominator == 11
    assert failed.explanation.startswith("Không thông qua: 5/11 đảng viên chính thức tán thành")
    assert failed.explanation in response.content.decode()

    vote(sam, meeting, votes_for=6, against=4)
    passed = Vote.objects.order_by("pk").last()
    assert passed is not None and passed.passed and passed.denominator == 11
    assert passed.explanation == "Thông qua: 6/11 đảng viên chính thức tán thành (hơn một nửa)."


def test_it_counts_a_present_exempt_member(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    eleven_full_members(world, meeting)
    mark_all(meeting, present=10)
    meeting.attendances.filter(exempt=True).update(status="present")
    vote(sam, meeting, votes_for=6, against=5)
    assert Vote.objects.get().denominator == 12


def test_it_needs_two_thirds_for_admission(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    eleven_full_members(world, meeting)
    mark_all(meeting, present=11)
    vote(sam, meeting, votes_for=7, against=4, kind="admission")
    vote(sam, meeting, votes_for=8, against=3, kind="admission")
    assert [v.passed for v in Vote.objects.order_by("pk")] == [False, True]
    assert "ít nhất hai phần ba" in Vote.objects.order_by("pk").first().explanation  # type: ignore[union-attr]


def test_it_refuses_impossible_counts(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    eleven_full_members(world, meeting)
    mark_all(meeting, present=10)
    response = vote(sam, meeting, votes_for=8, against=3)
    assert response.status_code == 400
    assert "nhưng chỉ có 10 đảng viên chính thức có mặt" in response.content.decode()
    assert not Vote.objects.exists()


def test_it_records_a_vote_sent_twice_once(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    eleven_full_members(world, meeting)
    mark_all(meeting, present=10)
    token = uuid.uuid4()
    assert vote(sam, meeting, votes_for=7, token=token).status_code == 200
    assert vote(sam, meeting, votes_for=7, token=token).status_code == 200
    assert Vote.objects.count() == 1
