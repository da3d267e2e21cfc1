"""The task pages: my tasks, the cell's tasks with filters, the commune's overdue tasks; flat query counts."""

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse

from core.testing import World, make_member
from meetings.models import ResolutionTask
from records.queries import tasks_for
from records.testing import adopted_resolution, held_meeting, task

LATE = dt.date(2020, 1, 31)


def _month(world: World, cell, day: dt.date, n: int) -> None:  # type: ignore[no-untyped-def]
    members = list(cell.members.all())
    tasks = [task(f"Việc {day:%m}-{i}", assignee=members[i % len(members)], due_on=LATE) for i in range(n)]
    adopted_resolution(world.olga, held_meeting(cell, day=day), tasks)


def test_it_shows_alice_her_tasks_and_nothing_else(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _month(world, world.cell_a1, dt.date(2026, 10, 10), 4)
    page = client_for("alice").get(reverse("records:my_tasks")).content.decode()
    mine = ResolutionTask.objects.filter(assignee=world.alice.member)
    assert "Nhiệm vụ của tôi" in page
    for t in ResolutionTask.objects.all():
        assert (t.what in page) == (t in mine)
    assert "quá hạn" in page
    page = client_for("olga").get(reverse("records:my_tasks")).content.decode()
    assert "không gắn với đảng viên" in page


def test_it_renders_the_home_fragment_with_open_tasks(world: World) -> None:
    _month(world, world.cell_a1, dt.date(2026, 10, 10), 4)
    html = render_to_string("records/_home_tasks.html", {"tasks": tasks_for(world.alice)})
    assert "Nhiệm vụ của tôi" in html and "quá hạn" in html
    assert render_to_string("records/_home_tasks.html", {"tasks": tasks_for(world.olga)}).strip() == ""


def test_it_filters_the_cells_tasks(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _month(world, world.cell_a1, dt.date(2026, 10, 10), 4)
    url = reverse("records:cell_tasks", args=[world.cell_a1.pk])
    sam = client_for("sam")
    page = sam.get(url).content.decode()
    assert "4 nhiệm vụ quá hạn." in page
    page = sam.get(url, {"assignee": world.alice.member_id}).content.decode()
    assert page.count('class="overdue"') == 1
    page = sam.get(url, {"status": "done"}).content.decode()
    assert "Không có nhiệm vụ nào phù hợp." in page
    assert client_for("alice").get(url).status_code == 403
    assert client_for("sue").get(url).status_code == 403


def test_it_lists_the_overdue_tasks_per_cell_for_the_commune(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _month(world, world.cell_a1, dt.date(2026, 10, 10), 2)
    _month(world, world.cell_a2, dt.date(2026, 10, 12), 3)
    _month(world, world.cell_b1, dt.date(2026, 10, 12), 1)
    page = client_for("olga").get(reverse("records:overdue", args=[world.commune_a.pk])).content.decode()
    assert "5 nhiệm vụ quá hạn." in page
    assert page.index("Chi bộ Khu 1") < page.index("Chi bộ Khu 2")
    assert "Chi bộ Khu Đồng" not in page
    assert client_for("oscar").get(reverse("records:overdue", args=[world.commune_a.pk])).status_code == 403


def _count(django_assert_num_queries, client, url: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_it_keeps_the_task_pages_flat_as_data_grows(world: World, client_for, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        make_member(world.cell_a1, f"Lê Văn Thêm {i}")
    olga, alice = client_for("olga"), client_for("alice")
    overdue = reverse("records:overdue", args=[world.commune_a.pk])
    cell = reverse("records:cell_tasks", args=[world.cell_a1.pk]) + "?overdue=on"
    mine = reverse("records:my_tasks")
    _month(world, world.cell_a1, dt.date(2026, 9, 10), 2)
    for url, client in ((overdue, olga), (cell, olga), (mine, alice)):
        client.get(url)  # the session is loaded once, as in a real visit
    expected = {overdue: 5, cell: 6, mine: 6}
    for url, client in ((overdue, olga), (cell, olga), (mine, alice)):
        _count(django_assert_num_queries, client, url, expected[url])
    _month(world, world.cell_a1, dt.date(2026, 10, 10), 6)
    _month(world, world.cell_a2, dt.date(2026, 10, 10), 6)
    for url, client in ((overdue, olga), (cell, olga), (mine, alice)):
        _count(django_assert_num_queries, client, url, expected[url])
