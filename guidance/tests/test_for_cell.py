"""A cell reads the published guidance meant for its type; the preparation code gets it from a query."""

import datetime as dt

import pytest
from django.urls import reverse

from core.testing import World
from guidance.actions import do_create_guidance, do_delete_item, do_update_item
from guidance.models import Guidance
from guidance.queries import guidance_for_cell
from guidance.testing import make_guidance
from guidance.tests.conftest import client_for
from meetings.models import AgendaItem, MeetingStatus, Part, StepKind
from meetings.testing import make_meeting
from orgs.actions import do_create_organization
from orgs.models import CellType, OrgKind

pytestmark = pytest.mark.django_db
DECEMBER = dt.date(2026, 12, 1)


def _school(world: World):  # type: ignore[no-untyped-def]
    return do_create_organization(
        None,
        kind=OrgKind.CELL,
        code="X-HN-TH",
        name="Chi bộ Trường Tiểu học",
        parent=world.commune_a,
        cell_type=CellType.SCHOOL,
    )


def test_it_gives_each_cell_the_points_for_its_type(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    school = _school(world)
    found, items = guidance_for_cell(world.cell_a1, dt.date(2026, 12, 20))
    assert found == guidance
    assert [i.title for i in items] == ["Ra quân làm sạch đường làng", "Nghị quyết 57-NQ/TW"]
    _, items = guidance_for_cell(school, DECEMBER)
    assert [i.title for i in items] == ["Ra quân làm sạch đường làng", "Ôn tập cuối học kỳ", "Nghị quyết 57-NQ/TW"]


def test_it_gives_nothing_before_publication_nor_for_another_month_or_commune(world: World) -> None:
    make_guidance(world.commune_a, actor=world.olga, publish=False)
    assert guidance_for_cell(world.cell_a1, DECEMBER) == (None, [])
    Guidance.objects.update(status="published")
    assert guidance_for_cell(world.cell_a1, dt.date(2027, 1, 1)) == (None, [])
    assert guidance_for_cell(world.cell_b1, DECEMBER) == (None, [])


def test_it_prefers_the_nearest_upper_organization(world: World) -> None:
    make_guidance(world.province, actor=None)
    own = make_guidance(world.commune_a, actor=world.olga)
    assert guidance_for_cell(world.cell_a1, DECEMBER)[0] == own
    assert guidance_for_cell(world.cell_b1, DECEMBER)[0].organization == world.province


def test_it_reads_the_guidance_in_two_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    make_guidance(world.commune_a, actor=world.olga)
    with django_assert_num_queries(2):
        guidance_for_cell(world.cell_a1, DECEMBER)


def test_it_shows_the_cell_page_by_month(world: World) -> None:
    make_guidance(world.commune_a, actor=world.olga, with_file=True)
    client = client_for(world, "alice")
    url = reverse("guidance:for_cell", args=[world.cell_a1.pk])
    html = client.get(url, {"month": "2026-12"}).content.decode()
    assert "Định hướng sinh hoạt tháng 12/2026" in html
    assert "Ra quân làm sạch đường làng" in html and "Ôn tập cuối học kỳ" not in html
    assert "Tải văn bản (PDF)" in html and "Chưa triển khai" in html
    assert "Toàn văn định hướng" not in html  # alice cannot read the commune's pages
    html = client.get(url, {"month": "01/2027"}).content.decode()
    assert "chưa ban hành định hướng sinh hoạt tháng này" in html
    html = client.get(url, {"month": "tháng mười"}).content.decode()
    assert "Không hiểu tháng đã nhập" in html


def test_it_refuses_the_cell_page_to_other_cells_and_communes(world: World) -> None:
    make_guidance(world.commune_a, actor=world.olga)
    url = reverse("guidance:for_cell", args=[world.cell_a1.pk])
    for who in ("sue", "oscar"):
        assert client_for(world, who).get(url, {"month": "2026-12"}).status_code == 403
    for who in ("alice", "sam", "olga", "rita"):
        assert client_for(world, who).get(url, {"month": "2026-12"}).status_code == 200
    assert client_for(world, "olga").get(reverse("guidance:for_cell", args=[world.commune_a.pk])).status_code == 404


def test_it_tells_a_cell_that_took_it_up_that_it_changed(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    task = guidance.items.get(title="Ra quân làm sạch đường làng")
    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 12, 10))
    AgendaItem.objects.create(
        meeting=meeting,
        order=7,
        part=Part.PROCEEDINGS,
        kind=StepKind.GUIDANCE,
        title=task.title,
        guidance_item=task,
    )
    url = reverse("guidance:for_cell", args=[world.cell_a1.pk])
    html = client_for(world, "sam").get(url, {"month": "2026-12"}).content.decode()
    assert "Đang chuẩn bị" in html and "sau khi chi bộ đã triển khai" not in html
    do_update_item(
        world.olga, task, version=guidance.version, kind=task.kind, title="Ra quân làm sạch đường làng, ngõ xóm"
    )
    guidance.refresh_from_db()
    school_item = guidance.items.get(title="Ôn tập cuối học kỳ")
    do_delete_item(world.olga, school_item, version=guidance.version)
    html = client_for(world, "sam").get(url, {"month": "2026-12"}).content.decode()
    assert "sau khi chi bộ đã triển khai" in html
    assert "Đã sửa ngày" in html
    # The school point never reached this residential cell: its removal is not news here.
    assert "Nội dung đã rút khỏi định hướng của chi bộ" not in html
    meeting.status = MeetingStatus.HELD
    meeting.save()
    assert "Đã sinh hoạt" in client_for(world, "sam").get(url, {"month": "2026-12"}).content.decode()


def test_it_lists_a_point_withdrawn_from_the_cell(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    task = guidance.items.get(title="Ra quân làm sạch đường làng")
    do_update_item(world.olga, task, version=guidance.version, kind=task.kind, title=task.title, cell_types=["school"])
    html = client_for(world, "alice").get(reverse("guidance:for_cell", args=[world.cell_a1.pk]), {"month": "2026-12"})
    text = html.content.decode()
    assert "Nội dung đã rút khỏi định hướng của chi bộ" in text and "Ra quân làm sạch đường làng" in text


def test_it_does_not_show_a_later_draft(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=DECEMBER, title="Nháp")
    html = client_for(world, "alice").get(reverse("guidance:for_cell", args=[world.cell_a1.pk]), {"month": "2026-12"})
    assert "Nháp" not in html.content.decode()
    assert guidance_for_cell(world.cell_a1, DECEMBER)[0] is None
    assert not guidance.is_published
