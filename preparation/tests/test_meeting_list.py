"""The cell's meetings page: who reaches it, what each sees, and a flat query count."""

import datetime as dt

import pytest
from django.urls import reverse

from core.dates import today
from core.testing import World
from meetings.models import MeetingKind, MeetingStatus
from meetings.testing import make_meeting
from members.tests.helpers import client_for
from preparation.testing import notified_meeting, planned_meeting

pytestmark = pytest.mark.django_db


def _url(world: World) -> str:
    return reverse("preparation:cell_meetings", args=[world.cell_a1.pk])


def test_it_lists_upcoming_and_past_meetings_with_their_status(world: World) -> None:
    coming = planned_meeting(world)
    past = make_meeting(world.cell_a1, day=today() - dt.timedelta(days=40), status=MeetingStatus.HELD)
    response = client_for(world.sam).get(_url(world))
    assert response.context["listing"].upcoming == [coming]
    assert list(response.context["listing"].past) == [past]
    html = response.content.decode()
    assert "Đang chuẩn bị" in html and "Đã họp" in html
    assert reverse("preparation:create", args=[world.cell_a1.pk]) in html


def test_it_shows_an_ordinary_member_only_notified_meetings_and_links_to_the_notice(world: World) -> None:
    planned_meeting(world, days_ahead=20, kind=MeetingKind.EXTRAORDINARY)
    notified = notified_meeting(world)
    response = client_for(world.alice).get(_url(world))
    assert response.context["listing"].upcoming == [notified]
    html = response.content.decode()
    assert reverse("preparation:notice", args=[notified.pk]) in html
    assert reverse("preparation:create", args=[world.cell_a1.pk]) not in html


@pytest.mark.parametrize(("who", "status"), [("sue", 403), ("oscar", 403), ("rita", 200), ("olga", 200)])
def test_it_keeps_other_cells_and_communes_out(world: World, who: str, status: int) -> None:
    assert client_for(getattr(world, who)).get(_url(world)).status_code == status


def test_it_refuses_a_meeting_list_for_a_commune(world: World) -> None:
    url = reverse("preparation:cell_meetings", args=[world.commune_a.pk])
    assert client_for(world.olga).get(url).status_code == 404


def test_it_lists_meetings_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.sam)
    planned_meeting(world)
    make_meeting(world.cell_a1, day=today() - dt.timedelta(days=40), status=MeetingStatus.HELD)
    # Session, user, member, cell, grants, positions; upcoming, past count, past page.
    with django_assert_num_queries(9):
        client.get(_url(world))
    for months in range(2, 14):
        make_meeting(world.cell_a1, day=today() - dt.timedelta(days=30 * months), status=MeetingStatus.HELD)
    for days in (3, 5):
        planned_meeting(world, days_ahead=days, kind=MeetingKind.EXTRAORDINARY)
    with django_assert_num_queries(9):
        client.get(_url(world))
