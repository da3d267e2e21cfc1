"""The office sees which cells have taken the month's guidance up, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from core.testing import World
from guidance.actions import do_update_guidance
from guidance.models import Guidance
from guidance.queries import UptakeState, uptake
from guidance.testing import make_guidance
from guidance.tests.conftest import client_for
from meetings.models import AgendaItem, MeetingStatus, Part, StepKind
from meetings.testing import make_meeting
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind

pytestmark = pytest.mark.django_db


def _states(guidance: Guidance) -> dict[str, str]:
    return {line.cell.name: line.state for line in uptake(guidance).cells}


def test_it_shows_not_yet_in_preparation_and_discussed(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    assert _states(guidance) == {"Chi bộ Khu 1": UptakeState.NOT_YET, "Chi bộ Khu 2": UptakeState.NOT_YET}
    # Cell A1 links the guidance itself; cell A2 only takes one of its points into its agenda.
    make_meeting(world.cell_a1, guidance=guidance)
    meeting_a2 = make_meeting(world.cell_a2)
    AgendaItem.objects.create(
        meeting=meeting_a2,
        order=7,
        part=Part.PROCEEDINGS,
        kind=StepKind.GUIDANCE,
        title="x",
        guidance_item=guidance.items.first(),
    )
    assert _states(guidance) == {"Chi bộ Khu 1": UptakeState.PREPARING, "Chi bộ Khu 2": UptakeState.PREPARING}
    meeting_a2.status = MeetingStatus.HELD
    meeting_a2.save()
    assert _states(guidance)["Chi bộ Khu 2"] == UptakeState.DISCUSSED


def test_it_ignores_other_months_cancelled_meetings_and_other_communes(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    make_meeting(world.cell_a1, day=dt.date(2027, 1, 10), guidance=guidance)
    make_meeting(world.cell_a2, guidance=guidance, status=MeetingStatus.CANCELLED)
    make_meeting(world.cell_b1, guidance=guidance)
    assert set(_states(guidance).values()) == {UptakeState.NOT_YET}
    assert "Chi bộ Khu Đồng" not in _states(guidance)


def test_it_flags_cells_that_took_it_up_before_a_correction(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    make_meeting(world.cell_a1, guidance=guidance)
    do_update_guidance(world.olga, guidance, version=guidance.version, title="Đính chính", summary="", conference=None)
    lines = {line.cell.name: line for line in uptake(guidance).cells}
    assert lines["Chi bộ Khu 1"].changed_since is not None
    assert lines["Chi bộ Khu 2"].changed_since is None  # not taken up yet: it will read the corrected text
    html = client_for(world, "olga").get(reverse("guidance:uptake", args=[guidance.pk])).content.decode()
    assert "1 chi bộ đã triển khai định hướng trước khi có đính chính" in html


def test_it_shows_the_uptake_to_the_office_and_the_reader_only(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    url = reverse("guidance:uptake", args=[guidance.pk])
    for who in ("olga", "rita"):
        html = client_for(world, who).get(url).content.decode()
        assert "Chi bộ Khu 1" in html and "Chưa triển khai" in html
    for who in ("alice", "sam", "sue", "oscar"):
        assert client_for(world, who).get(url).status_code == 403


def _grow(world: World, cells: int, guidance: Guidance) -> None:
    """Add cells to commune A (every third a school), half of them with a meeting taking the guidance up."""
    items = list(guidance.items.all())
    for i in range(cells):
        cell = do_create_organization(
            None,
            kind=OrgKind.CELL,
            code=f"X-HN-U{i}",
            name=f"Chi bộ Thôn {i}",
            parent=world.commune_a,
            cell_type=CellType.SCHOOL if i % 3 == 0 else CellType.RESIDENTIAL,
        )
        if i % 2:
            meeting = make_meeting(cell, guidance=guidance if i % 4 == 1 else None)
            AgendaItem.objects.create(
                meeting=meeting,
                order=1,
                part=Part.PROCEEDINGS,
                kind=StepKind.GUIDANCE,
                title="x",
                guidance_item=items[0],
            )
            AgendaItem.objects.create(
                meeting=meeting,
                order=2,
                part=Part.PROCEEDINGS,
                kind=StepKind.GUIDANCE,
                title="y",
                guidance_item=items[1],
            )


@pytest.mark.parametrize("cells", [3, 30])
def test_it_uses_a_fixed_number_of_queries(world: World, django_assert_num_queries, cells: int) -> None:  # type: ignore[no-untyped-def]
    guidance = make_guidance(world.commune_a, actor=world.olga)
    _grow(world, cells, guidance)
    do_update_guidance(world.olga, guidance, version=guidance.version, title="Đính chính", summary="", conference=None)
    client = client_for(world, "olga")
    url = reverse("guidance:uptake", args=[guidance.pk])
    client.get(url)
    # session, user, grants, guidance, cells, items, meetings, corrections
    with django_assert_num_queries(8):
        response = client.get(url)
    assert Organization.objects.filter(parent=world.commune_a).count() == cells + 2
    html = response.content.decode()
    assert html.count('data-label="Triển khai"') == cells + 2
    assert "Đang chuẩn bị" in html
