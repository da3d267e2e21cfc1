"""Each role's home page shows what that person should do next."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.test import Client

from core.dates import today
from core.testing import PASSWORD, World, make_member
from members.models import Category
from orgs.actions import do_create_organization
from orgs.models import OrgKind


def _home(world: World, username: str) -> str:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client.get("/").content.decode()


@pytest.mark.django_db
def test_it_sends_a_member_to_their_cell_and_record(world: World) -> None:
    html = _home(world, "alice")
    assert "Chi bộ Khu 1" in html
    assert f"/members/{world.alice.member_id}/" in html
    assert "Điều hành" not in html


@pytest.mark.django_db
def test_it_shows_a_secretary_their_cell_and_due_confirmations(world: World) -> None:
    due_on = today() - relativedelta(months=12) + dt.timedelta(days=10)
    make_member(world.cell_a1, "Ngô Văn Đạt", category=Category.PROBATIONARY, admitted_on=due_on)
    html = _home(world, "sam")
    assert "Điều hành Chi bộ Khu 1" in html
    assert "Ngô Văn Đạt" in html  # twelve months of probation end within 30 days
    assert "Phạm Văn Dự" not in html  # admitted in March 2026: not yet due
    assert "Chi bộ Khu 2" not in html


@pytest.mark.django_db
def test_it_shows_the_office_the_cells_below_minimum(world: World) -> None:
    small = do_create_organization(None, kind=OrgKind.CELL, code="X-HN-K9", name="Chi bộ Khu 9", parent=world.commune_a)
    make_member(small, "Đinh Văn Lực")
    html = _home(world, "olga")
    assert "Chi bộ Khu 9" in html
    assert "Chi bộ cần lưu ý" in html
    assert "Đảng bộ xã Hương Nộn" in html
    assert "Chi bộ Khu Đồng" not in html  # commune B is not olga's


def test_it_sends_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_it_tells_the_secretary_what_comes_next_for_the_cell(world: World) -> None:
    from meetings.testing import make_meeting

    assert "Chưa lên kế hoạch buổi sinh hoạt thường kỳ nào." in _home(world, "sam")
    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 12, 10))
    html = _home(world, "sam")
    assert meeting.title in html and f"/meetings/{meeting.pk}/" in html


@pytest.mark.django_db
def test_it_flags_overdue_tasks_to_the_secretary(world: World) -> None:
    from records.testing import adopted_resolution, held_meeting, task

    meeting = held_meeting(world.cell_a1)
    adopted_resolution(
        world.sam, meeting, [task("Sửa đường", assignee=world.alice.member, due_on=dt.date(2026, 11, 1))]
    )
    assert "1 nhiệm vụ theo nghị quyết đã quá hạn." in _home(world, "sam")


@pytest.mark.django_db
def test_it_builds_the_officer_home_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.login(username="sam", password=PASSWORD)
    client.get("/")
    with django_assert_num_queries(14) as first:  # the last one: thematic reports sent to the member
        client.get("/")
    for i in range(5):
        make_member(world.cell_a1, f"Trịnh Văn Số {i}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/")
