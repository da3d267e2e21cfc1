"""Quarter by quarter: thematic meetings held against the rule pack in force, and the commune's page."""

import copy
import datetime as dt

import pytest
from django.urls import reverse

from core.testing import World, make_member
from meetings.models import MeetingKind, MeetingStatus
from members.tests.helpers import client_for
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind
from rules.lookup import PackIndex
from rules.models import PackStatus, RulePack
from thematic.compliance import compliance_for, quarter_bounds, quarter_of
from thematic.testing import plan_for, thematic_meeting

pytestmark = pytest.mark.django_db

YEAR = 2026
TODAY = dt.date(2026, 8, 20)  # in quarter 3


def _held(cell: Organization, day: dt.date, **extra) -> None:  # type: ignore[no-untyped-def]
    thematic_meeting(cell, day=day, status=MeetingStatus.HELD, **extra)


def _stricter_pack(scope: Organization, since: dt.date, per_quarter: int) -> RulePack:
    """A published pack for `scope` from `since`: the national default asking `per_quarter` thematic meetings."""
    data = copy.deepcopy(RulePack.objects.get(code="hd12-binh-thuan", version=1).data)
    data["thematic"]["min_per_quarter"] = per_quarter
    return RulePack.objects.create(
        code="chuyen-de-2",
        name="Hai chuyên đề mỗi quý",
        scope=scope,
        effective_from=since,
        status=PackStatus.PUBLISHED,
        data=data,
    )


def _quarters(world: World, cell: Organization | None = None) -> dict[int, tuple[int, int, int, str]]:
    cell = cell or world.cell_a1
    quarters = compliance_for([cell], YEAR, today=TODAY)[cell.pk]
    return {q.quarter: (q.required, q.held, q.planned, q.state) for q in quarters}


def test_it_counts_held_thematic_meetings_in_their_quarter(world: World) -> None:
    _held(world.cell_a1, dt.date(YEAR, 2, 10))
    _held(world.cell_a1, dt.date(YEAR, 3, 5), kind=MeetingKind.THEMATIC)
    _held(world.cell_a1, dt.date(YEAR, 5, 10), kind=MeetingKind.REGULAR, topic="")  # not thematic
    thematic_meeting(world.cell_a1, day=dt.date(YEAR, 6, 10))  # planned, never held
    thematic_meeting(world.cell_a1, day=dt.date(YEAR, 6, 12), status=MeetingStatus.CANCELLED)
    _held(world.cell_a1, dt.date(YEAR - 1, 11, 10))  # another year
    _held(world.cell_a2, dt.date(YEAR, 5, 10))  # another cell
    plan_for(world, year=YEAR)
    assert _quarters(world) == {
        1: (1, 2, 1, "ok"),
        2: (1, 0, 1, "late"),
        3: (1, 0, 1, "open"),
        4: (1, 0, 1, "future"),
    }
    q1 = compliance_for([world.cell_a1], YEAR, today=TODAY)[world.cell_a1.pk][0]
    assert q1.ok and not q1.late and (q1.start, q1.end) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 3, 31))


def test_it_judges_each_quarter_by_the_pack_in_force_when_it_began(world: World) -> None:
    _stricter_pack(world.commune_a, dt.date(YEAR, 5, 15), per_quarter=2)
    _held(world.cell_a1, dt.date(YEAR, 4, 10))
    _held(world.cell_a1, dt.date(YEAR, 7, 10))
    quarters = _quarters(world)
    # Quarter 2 began under the national pack (1 a quarter); quarter 3 under the commune's (2).
    assert quarters[2][:2] == (1, 1) and quarters[2][3] == "ok"
    assert quarters[3][:2] == (2, 1) and quarters[3][3] == "open"
    # Commune B keeps the national rule.
    assert _quarters(world, world.cell_b1)[3][0] == 1


def test_it_asks_nothing_of_a_cell_before_it_was_founded(world: World) -> None:
    new = do_create_organization(
        None,
        kind=OrgKind.CELL,
        code="X-HN-K9",
        name="Chi bộ Khu 9",
        parent=world.commune_a,
        cell_type=CellType.RESIDENTIAL,
        founded_on=dt.date(YEAR, 5, 1),
    )
    quarters = _quarters(world, new)
    assert quarters[1][0] == 0 and quarters[1][3] == "none"
    assert quarters[2][0] == 1


def test_quarters_of_the_year() -> None:
    assert [quarter_of(dt.date(YEAR, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert quarter_bounds(YEAR, 4) == (dt.date(YEAR, 10, 1), dt.date(YEAR, 12, 31))


def _more_cells(world: World, count: int) -> list[Organization]:
    """`count` cells of commune A, each with a plan of one topic and two held thematic meetings."""
    cells = [world.cell_a1, world.cell_a2]
    for n in range(len(cells), count):
        cell = do_create_organization(
            None,
            kind=OrgKind.CELL,
            code=f"X-HN-Q{n}",
            name=f"Chi bộ Khu {n + 1}",
            parent=world.commune_a,
            cell_type=CellType.RESIDENTIAL,
        )
        make_member(cell, f"Ngô Văn Tư {n}")
        cells.append(cell)
    for cell in cells:
        _held(cell, dt.date(YEAR, 1, 10))
        _held(cell, dt.date(YEAR, 4, 10))
    return cells


@pytest.mark.parametrize("cells", [3, 25])
def test_it_judges_many_cells_in_a_fixed_number_of_queries(world: World, django_assert_num_queries, cells: int) -> None:  # type: ignore[no-untyped-def]
    found = _more_cells(world, cells)
    # Rule packs, held meetings, planned topics.
    with django_assert_num_queries(3):
        result = compliance_for(found, YEAR, today=TODAY)
    assert len(result) == cells and all(r[0].held == 1 and r[1].held == 1 for r in result.values())
    index = PackIndex.load()
    with django_assert_num_queries(2):
        compliance_for(found, YEAR, index, today=TODAY)


def _commune_url(world: World, year: int = YEAR) -> str:
    return reverse("thematic:commune", args=[world.commune_a.pk]) + f"?year={year}"


def test_the_commune_page_lists_every_cell_for_the_office_and_readers(world: World) -> None:
    plan_for(world, year=YEAR, approved=True)
    _held(world.cell_a1, dt.date(YEAR, 2, 10))
    for who in (world.olga, world.rita):
        response = client_for(who).get(_commune_url(world))
        assert response.status_code == 200
        rows = {row.cell.name: row for row in response.context["page"].rows}
        assert set(rows) == {"Chi bộ Khu 1", "Chi bộ Khu 2"}
        assert rows["Chi bộ Khu 1"].plan.is_approved and rows["Chi bộ Khu 2"].plan is None
        assert rows["Chi bộ Khu 1"].quarters[0].held == 1
        # 2026's second quarter is over: both cells fell short of it.
        assert {r.cell.name for r in response.context["page"].late_rows} == {"Chi bộ Khu 1", "Chi bộ Khu 2"}
    for who in (world.alice, world.sam, world.sue):
        assert client_for(who).get(_commune_url(world)).status_code == 403
    assert client_for(world.oscar).get(_commune_url(world)).status_code == 403
    # A cell is no commune.
    url = reverse("thematic:commune", args=[world.cell_a1.pk])
    assert client_for(world.olga).get(url).status_code == 404


def test_a_bad_year_shows_this_year(world: World) -> None:
    from core.dates import today

    response = client_for(world.olga).get(reverse("thematic:commune", args=[world.commune_a.pk]) + "?year=abc")
    assert response.context["year"] == today().year


@pytest.mark.parametrize("cells", [3, 30])
def test_the_commune_page_takes_a_fixed_number_of_queries(world: World, django_assert_num_queries, cells: int) -> None:  # type: ignore[no-untyped-def]
    _more_cells(world, cells)
    plan_for(world, year=YEAR)
    client = client_for(world.olga)
    client.get(_commune_url(world))
    # Session, user, grants, commune; then cells, plans, rule packs, held meetings, planned topics.
    with django_assert_num_queries(9):
        response = client.get(_commune_url(world))
    assert len(response.context["page"].rows) == cells


def test_the_cell_page_takes_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    from thematic.testing import report_at

    plan_for(world, year=YEAR)
    client = client_for(world.sam)
    url = reverse("thematic:cell", args=[world.cell_a1.pk]) + f"?year={YEAR}"
    client.get(url)
    with django_assert_num_queries(13) as first:
        client.get(url)
    for month in (2, 5, 8):
        _held(world.cell_a1, dt.date(YEAR, month, 10))
    report_at(world, "final")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)
