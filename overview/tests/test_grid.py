"""The commune's month × cell grid: each column's rule, the rights, and a flat query count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import World, make_member
from meetings.models import (
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    PrepAssignment,
    PrepMeeting,
    PrepTask,
    RecordStatus,
    Resolution,
    ResolutionTask,
    TaskStatus,
)
from meetings.testing import draw_roll, make_meeting
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind
from overview.queries import month_grid
from rules.testing import scoped_pack

TODAY = dt.date(2026, 11, 15)
OCT = dt.date(2026, 10, 1)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _held(cell: Organization, day: dt.date, minutes: int, notice_days: int, **extra):  # type: ignore[no-untyped-def]
    meeting = make_meeting(
        cell,
        day=day,
        status=MeetingStatus.HELD,
        notice_sent_at=_at(day - dt.timedelta(days=notice_days), 8),
        started_at=_at(day, 19, 30),
        ended_at=_at(day, 19, 30) + dt.timedelta(minutes=minutes),
        **extra,
    )
    draw_roll(meeting)
    return meeting


def _grid(world: World, first: dt.date = dt.date(2026, 9, 1), last: dt.date = dt.date(2026, 11, 1)):  # type: ignore[no-untyped-def]
    grid = month_grid(Organization.objects.all(), world.commune_a, first, last, TODAY)
    return {(row.cell.pk, slot.month): slot for row in grid.rows for slot in row.slots}, grid


@pytest.fixture
def october(world: World) -> dict:
    """A1 prepared everything and held a good meeting; A2 did less, later, and shorter."""
    scoped_pack(world.commune_a, notice_lead_days=2, min_minutes={"regular": 100})
    scoped_pack(world.cell_a1, notice_lead_days=1, min_minutes={"regular": 90})
    a1 = _held(world.cell_a1, dt.date(2026, 10, 10), minutes=95, notice_days=1)
    members = {a.member.full_name: a for a in a1.attendances.select_related("member")}
    for name, status in (("Nguyễn Thị Lan", "present"), ("Trần Văn Sâm", "present"), ("Phạm Văn Dự", "present")):
        members[name].status = status
        members[name].save()
    # An exempt member who stayed home counts neither as expected nor as present.
    hung = members["Đỗ Đức Hùng"]
    hung.exempt, hung.status = True, AttendanceStatus.ABSENT_EXCUSED
    hung.save()
    sam = members["Trần Văn Sâm"].member
    for task in (PrepTask.CONTENT, PrepTask.DRAFT_RESOLUTION):
        PrepAssignment.objects.create(meeting=a1, member=sam, task=task, done_at=_at(dt.date(2026, 10, 5), 9))
    PrepMeeting.objects.create(meeting=a1, held_on=dt.date(2026, 10, 6))
    resolution = Resolution.objects.create(
        meeting=a1, title="Nghị quyết tháng 10", body="…", status=RecordStatus.ADOPTED, number=1
    )
    for status, due in ((TaskStatus.DONE, dt.date(2026, 10, 31)), (TaskStatus.OPEN, dt.date(2026, 10, 31))):
        ResolutionTask.objects.create(resolution=resolution, what="Việc", status=status, due_on=due)
    ResolutionTask.objects.create(resolution=resolution, what="Bỏ", status=TaskStatus.DROPPED, due_on=OCT)
    ResolutionTask.objects.create(resolution=resolution, what="Chưa đến hạn", due_on=dt.date(2026, 11, 30))

    a2 = _held(world.cell_a2, dt.date(2026, 10, 12), minutes=95, notice_days=1)
    a2.attendances.update(status=AttendanceStatus.PRESENT)
    PrepAssignment.objects.create(meeting=a2, member=sam, task=PrepTask.CONTENT, done_at=_at(OCT, 9))
    PrepAssignment.objects.create(meeting=a2, member=sam, task=PrepTask.DRAFT_RESOLUTION)
    Resolution.objects.create(meeting=a2, title="Dự thảo", body="…")
    return {"a1": a1, "a2": a2}


def test_it_sums_up_a_well_run_month(world: World, october: dict) -> None:
    slots, _ = _grid(world)
    slot = slots[(world.cell_a1.pk, OCT)]
    assert slot.meeting == october["a1"]
    assert slot.preparation == "done"
    assert slot.notice == "on_time"  # the cell's own rule: one day
    assert slot.held
    assert (slot.present, slot.expected, slot.attendance) == (3, 3, 100)
    assert (slot.duration, slot.min_duration, slot.duration_ok) == (95, 90, True)
    assert slot.resolution == "adopted"
    # Dropped tasks are left out; the open one due in October is overdue on 15 November.
    assert (slot.tasks_total, slot.tasks_done, slot.tasks_overdue) == (3, 1, 1)


def test_it_applies_the_nearest_rules_and_flags_what_falls_short(world: World, october: dict) -> None:
    slots, _ = _grid(world)
    slot = slots[(world.cell_a2.pk, OCT)]
    assert slot.preparation == "partial"  # one assignment open, no preparatory meeting
    assert slot.notice == "late"  # the commune's rule: two days
    assert (slot.duration, slot.min_duration, slot.duration_ok) == (95, 100, False)
    assert slot.attendance == 100 and slot.attendance_ok
    assert slot.resolution == "draft"
    assert slot.tasks_total == 0


def test_it_asks_120_minutes_of_a_regular_and_thematic_meeting(world: World) -> None:
    _held(world.cell_a1, dt.date(2026, 10, 10), minutes=110, notice_days=3, kind=MeetingKind.REGULAR_THEMATIC)
    slot = _grid(world)[0][(world.cell_a1.pk, OCT)]
    assert (slot.duration, slot.min_duration, slot.duration_ok) == (110, 120, False)
    assert slot.notice == "on_time" and slot.preparation == "none"


def test_it_tells_a_missed_month_from_one_still_to_come(world: World, october: dict) -> None:
    slots, grid = _grid(world)
    assert slots[(world.cell_a1.pk, dt.date(2026, 9, 1))].missed
    assert not slots[(world.cell_a1.pk, dt.date(2026, 11, 1))].missed
    assert [(c.month, c.cells, c.held) for c in grid.columns] == [
        (dt.date(2026, 9, 1), 2, 0),
        (OCT, 2, 2),
        (dt.date(2026, 11, 1), 2, 0),
    ]


def test_it_ignores_cancelled_and_extraordinary_meetings(world: World) -> None:
    make_meeting(world.cell_a1, day=dt.date(2026, 10, 3), status=MeetingStatus.CANCELLED)
    make_meeting(world.cell_a1, day=dt.date(2026, 10, 4), kind=MeetingKind.EXTRAORDINARY)
    slot = _grid(world)[0][(world.cell_a1.pk, OCT)]
    assert slot.meeting is None and slot.missed


def test_it_lists_only_the_communes_cells(world: World) -> None:
    _, grid = _grid(world)
    assert [row.cell for row in grid.rows] == [world.cell_a1, world.cell_a2]


def _url(world: World, query: str = "from=2026-09&to=2026-11") -> str:
    return reverse("overview:grid", kwargs={"org_id": world.commune_a.pk}) + "?" + query


def test_it_shows_the_grid_to_the_office_and_the_reader(client, world: World, october: dict) -> None:  # type: ignore[no-untyped-def]
    for user in (world.olga, world.rita):
        client.force_login(user)
        response = client.get(_url(world))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Chi bộ Khu 1" in body and "Chi bộ Khu 2" in body
        assert "95′" in body and "100%" in body
        assert "10/2026" in body
        assert reverse("records:meeting", kwargs={"meeting_id": october["a1"].pk}) in body
        assert reverse("preparation:cell_meetings", kwargs={"org_id": world.cell_a1.pk}) in body


def test_it_refuses_cell_members_and_other_communes(client, world: World) -> None:  # type: ignore[no-untyped-def]
    for user in (world.alice, world.sam, world.sue, world.oscar):
        client.force_login(user)
        assert client.get(_url(world)).status_code == 403
    client.logout()
    assert client.get(_url(world)).status_code == 302


def test_it_shows_communes_only(client, world: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.olga)
    url = reverse("overview:grid", kwargs={"org_id": world.cell_a1.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query,message",
    [
        ("from=2026-13&to=2026-11", "2026-06"),
        ("from=2026-11&to=2026-01", "sau tháng cuối"),
        ("from=2025-01&to=2026-11", "tối đa 12 tháng"),
    ],
)
def test_it_explains_a_bad_month_range(client, world: World, query: str, message: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.olga)
    response = client.get(_url(world, query))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(response.context["grid"].months) == 6


def test_it_fills_a_missing_end_of_range(client, world: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.olga)
    response = client.get(_url(world, "from=2026-01"))
    assert response.context["grid"].months[0] == dt.date(2026, 1, 1)
    assert response.context["grid"].months[-1] == dt.date(2026, 6, 1)


def _populate(world: World, cells: int, months: int) -> None:
    """`cells` cells in commune A (the two of the world included), each with a full month for `months` months."""
    existing = [world.cell_a1, world.cell_a2]
    for n in range(len(existing), cells):
        cell = do_create_organization(
            None,
            kind=OrgKind.CELL,
            code=f"X-HN-Q{n}",
            name=f"Chi bộ Khu {n + 1}",
            parent=world.commune_a,
            cell_type=CellType.RESIDENTIAL,
        )
        make_member(cell, f"Ngô Văn Tư {n}")
        existing.append(cell)
    for cell in existing:
        for k in range(months):
            month = dt.date(2026, 11 - k, 1)
            meeting = _held(cell, month.replace(day=10), minutes=100, notice_days=2)
            member = meeting.attendances.first().member
            PrepAssignment.objects.create(meeting=meeting, member=member, task=PrepTask.CONTENT, done_at=_at(month, 8))
            PrepMeeting.objects.create(meeting=meeting, held_on=month.replace(day=5))
            resolution = Resolution.objects.create(meeting=meeting, title="NQ", body="…", status=RecordStatus.ADOPTED)
            ResolutionTask.objects.create(resolution=resolution, what="Việc", due_on=month.replace(day=28))


@pytest.mark.parametrize("cells,months", [(3, 2), (30, 6)])
def test_it_reads_the_grid_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    client, world: World, django_assert_num_queries, cells: int, months: int
) -> None:
    _populate(world, cells, months)
    client.force_login(world.olga)
    url = _url(world, "from=2026-06&to=2026-11")
    # Session, user, grants, commune; then cells, meetings, assignments, attendance, tasks, rules.
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert sum(c.held for c in response.context["grid"].columns) == cells * months
