"""The demo's evaluations, on a small demo: a year of history in three cells of commune A, then evaluated."""

import datetime as dt
import time
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World, make_member
from demo.history import build_history
from meetings.models import Meeting
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind
from quality.demo import evaluate_history
from quality.models import MeetingEvaluation
from quality.queries import quality_year

GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Giang", "Thị Hà", "Văn Khải", "Thị Liên", "Văn Minh"]


@pytest.fixture
def small_demo(world: World) -> Organization:
    """Commune A with three cells of a dozen members each, a secretary, and the demo's year of meetings."""
    khu3 = do_create_organization(
        None, kind=OrgKind.CELL, code="X-HN-K3", name="Chi bộ Khu 3", parent=world.commune_a,
        cell_type=CellType.RESIDENTIAL, founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    for n, cell in enumerate((world.cell_a1, world.cell_a2, khu3)):
        for given in GIVEN:
            make_member(cell, f"Nguyễn {given} {n}", date_of_birth=dt.date(1950 + 3 * len(given), 3, 1))
    secretary = make_member(khu3, "Lê Văn Tâm")
    do_assign_position(None, organization=khu3, member=secretary, role=Role.SECRETARY, valid_from=dt.date(2025, 8, 1))
    build_history(world.commune_a)
    return world.commune_a


def test_it_evaluates_every_held_meeting_of_the_demo_in_a_fixed_number_of_queries(small_demo: Organization) -> None:
    held = Meeting.objects.filter(organization__path__startswith=small_demo.path).count()
    assert held == 3 * 12
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        summary = evaluate_history(small_demo)
    assert time.monotonic() - started < 10
    assert summary.evaluated == held == MeetingEvaluation.objects.filter(status="adopted").count()
    assert len(queries) < 25
    # Adopted when the minutes were, with the cell's own criteria filled in.
    for evaluation in MeetingEvaluation.objects.select_related("meeting__minutes"):
        assert evaluation.adopted_at == evaluation.meeting.minutes.adopted_at
        assert not evaluation.unfilled and evaluation.notes is not None
        assert evaluation.total == sum(row["points"] for row in evaluation.rows)
    # Run again: nothing left to evaluate.
    assert evaluate_history(small_demo).evaluated == 0


def test_it_gives_the_commune_view_realistic_spreads(small_demo: Organization) -> None:
    evaluate_history(small_demo)
    report = quality_year(Organization.objects.all(), small_demo, 2026)
    assert len(report.rows) == 3
    # January to November 2026 evaluated for every cell; December still ahead.
    assert all(row.evaluated == 11 for row in report.rows)
    assert [t.evaluated for t in report.trend] == [3] * 11 + [0]
    levels = Counter(mark.title for row in report.rows for slot in row.slots for mark in slot.marks)
    assert len(levels) >= 2, levels
    assert 0 < levels["Tốt"] < sum(levels.values())
    # The cells differ, and each has the previous December to compare January with.
    assert len({round(row.average or 0, 1) for row in report.rows}) == 3
    assert all(row.slots[0].previous is not None for row in report.rows)
    points = [mark.total for row in report.rows for slot in row.slots for mark in slot.marks]
    assert min(points) < 90 < max(points) <= 100
