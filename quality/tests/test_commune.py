"""The commune's year and a cell's year: levels month by month, trends, slips, the yearly summary, Excel, rights."""

import datetime as dt
import io
import sys
import types
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.testing import World
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.testing import make_meeting
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind
from quality.models import MeetingEvaluation
from quality.queries import quality_year
from rules.models import RulePack

LEVELS = ["Tốt", "Khá", "Trung bình", "Kém"]


def _evaluated(cell: Organization, month: tuple[int, int], rank: int | None, total: int = 80, **extra) -> Meeting:  # type: ignore[no-untyped-def]
    """A held meeting of `cell` in the month, with an adopted evaluation at `rank` (None: a draft)."""
    day = dt.date(month[0], month[1], 10)
    meeting = make_meeting(cell, day=day, status=MeetingStatus.HELD, **extra)
    MeetingEvaluation.objects.create(
        meeting=meeting,
        pack=RulePack.objects.get(code="hd12-binh-thuan"),
        sheet_key="meeting",
        sheet_title="Phiếu đánh giá chất lượng sinh hoạt chi bộ",
        total=total,
        max_total=100,
        level_key="x",
        level_title=LEVELS[rank if rank is not None else 1],
        level_rank=rank if rank is not None else 1,
        status="adopted" if rank is not None else "draft",
        computed_at=timezone.now(),
    )
    return meeting


def _cell(world: World, name: str) -> Organization:
    return do_create_organization(
        None,
        kind=OrgKind.CELL,
        code=f"X-HN-{name}",
        name=name,
        parent=world.commune_a,
        cell_type=CellType.RESIDENTIAL,
        founded_on=dt.date(2020, 1, 1),
    )


@pytest.fixture
def year(world: World) -> dict[str, Organization]:
    """A1 slipped in October then held; A2 twice below Khá; Khu 3 slipped in its last month; B1 elsewhere."""
    for month, rank, total in (((2025, 11), 0, 92), ((2026, 9), 0, 95), ((2026, 10), 1, 85), ((2026, 11), 1, 80)):
        _evaluated(world.cell_a1, month, rank, total)  # type: ignore[arg-type]
    _evaluated(world.cell_a1, (2026, 11), 0, 90, kind=MeetingKind.THEMATIC)
    for month, rank, total in (((2026, 10), 2, 60), ((2026, 11), 2, 65)):
        _evaluated(world.cell_a2, month, rank, total)
    khu3 = _cell(world, "Chi bộ Khu 3")
    _evaluated(khu3, (2026, 10), 0, 93)
    _evaluated(khu3, (2026, 11), 1, 75)
    _evaluated(khu3, (2026, 12), None)  # scored but not adopted yet
    _evaluated(world.cell_b1, (2026, 11), 3, 40)
    return {"khu3": khu3}


def _report(world: World):  # type: ignore[no-untyped-def]
    report = quality_year(Organization.objects.all(), world.commune_a, 2026)
    return report, {row.cell.name: row for row in report.rows}


def test_it_shows_each_cells_level_month_by_month(world: World, year: dict) -> None:
    report, rows = _report(world)
    assert list(rows) == ["Chi bộ Khu 1", "Chi bộ Khu 2", "Chi bộ Khu 3"]
    assert [level.letter for level in report.levels] == ["T", "K", "TB", "Kém"]
    a1 = rows["Chi bộ Khu 1"]
    months = {slot.month.month: slot for slot in a1.slots}
    assert months[9].main.title == "Tốt" and months[10].main.title == "Khá"
    # The regular meeting is the month's level; the thematic one is counted in the year.
    assert months[11].main.kind == MeetingKind.REGULAR and len(months[11].marks) == 2
    assert months[1].main is None and not months[1].pending
    assert rows["Chi bộ Khu 3"].slots[11].pending == 1 and rows["Chi bộ Khu 3"].slots[11].main is None


def test_it_finds_the_cells_that_slipped(world: World, year: dict) -> None:
    report, rows = _report(world)
    a1 = rows["Chi bộ Khu 1"]
    assert [(s.month.month, s.slip) for s in a1.slots if s.slip] == [(10, "lower")]
    assert a1.latest_slip is None  # November held its level
    assert rows["Chi bộ Khu 2"].latest_slip.slip == "low"
    assert rows["Chi bộ Khu 3"].latest_slip.slip == "lower"
    assert [row.cell.name for row in report.slipped] == ["Chi bộ Khu 2", "Chi bộ Khu 3"]


def test_it_sums_up_the_year_per_cell_and_month(world: World, year: dict) -> None:
    report, rows = _report(world)
    a1 = rows["Chi bộ Khu 1"]
    assert (a1.evaluated, a1.counts, a1.share_top) == (4, [2, 2, 0, 0], 50.0)
    assert a1.average == pytest.approx((95 + 85 + 80 + 90) / 4)
    assert a1.average_last_year == 92 and a1.trend == pytest.approx(87.5 - 92)
    assert rows["Chi bộ Khu 2"].average_last_year is None and rows["Chi bộ Khu 2"].trend is None
    november = report.trend[10]
    assert (november.counts, november.evaluated) == ([0, 2, 1, 0], 3)
    assert report.trend[9].counts == [1, 1, 1, 0]
    assert report.average_last_year == 92


def _get(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_commune_its_year_on_one_page(world: World, year: dict, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("quality:commune", args=[world.commune_a.pk]) + "?year=2026"
    page = _get(client_for("olga"), url)
    assert "Chất lượng sinh hoạt các chi bộ, năm 2026" in page
    assert "Tháng 11/2026 xếp loại Trung bình, tháng trước Trung bình: hai tháng liền dưới mức Khá" in page
    assert "Tháng 11/2026 xếp loại Khá, thấp hơn tháng trước (Tốt)" in page
    assert "Chi bộ Khu Đồng" not in page
    assert reverse("quality:meeting", args=[Meeting.objects.filter(organization=world.cell_a1).first().pk]) in page
    for who in ("rita",):
        assert "Chi bộ Khu 2" in _get(client_for(who), url)
    for who in ("alice", "sam", "sue", "oscar"):
        assert client_for(who).get(url).status_code in (403, 404), who
    assert client_for("olga").get(reverse("quality:commune", args=[world.cell_a1.pk])).status_code == 404


def test_it_leaves_the_thematic_column_out_without_the_thematic_app(  # type: ignore[no-untyped-def]
    world: World, year: dict, client_for, monkeypatch
) -> None:
    monkeypatch.setitem(sys.modules, "thematic.compliance", None)  # importing it fails
    page = _get(client_for("olga"), reverse("quality:commune", args=[world.commune_a.pk]) + "?year=2026")
    assert "Chi bộ Khu 1" in page and "Chuyên đề" not in page
    response = client_for("olga").get(reverse("quality:commune_export", args=[world.commune_a.pk]) + "?year=2026")
    header = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))[1]
    assert header[-1] == "Tỷ lệ xếp loại Tốt (%)"


def test_it_shows_a_cell_its_own_year(world: World, year: dict, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("quality:cell", args=[world.cell_a1.pk]) + "?year=2026"
    for who in ("sam", "olga", "rita"):
        page = _get(client_for(who), url)
        assert "Chất lượng sinh hoạt Chi bộ Khu 1, năm 2026" in page
        assert "Tốt · 90/100 điểm" in page and "Chi bộ Khu 2" not in page
    for who in ("alice", "sue", "oscar"):
        assert client_for(who).get(url).status_code in (403, 404), who
    assert client_for("olga").get(reverse("quality:cell", args=[world.commune_a.pk])).status_code == 404


def test_it_downloads_the_year_for_the_annual_review(world: World, year: dict, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("quality:commune_export", args=[world.commune_a.pk]) + "?year=2026"
    response = client_for("olga").get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "chat-luong-sinh-hoat-x-hn-2026.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    summary, months = book.worksheets
    rows = list(summary.iter_rows(values_only=True))
    assert rows[1][:8] == (
        "Chi bộ",
        "Số buổi được đánh giá",
        "Tốt",
        "Khá",
        "Trung bình",
        "Kém",
        "Điểm bình quân",
        "Điểm bình quân năm trước",
    )
    assert rows[2][:9] == ("Chi bộ Khu 1", 4, 2, 2, 0, 0, 87.5, 92, 50)
    by_month = list(months.iter_rows(values_only=True))
    assert by_month[1][9:12] == ("Tốt (95/100)", "Khá (85/100)", "Khá (80/100)")
    assert by_month[3][12] == "chưa đánh giá"
    assert client_for("sam").get(url).status_code == 403


@dataclass
class Quarter:
    held: int
    required: int
    future: bool = False
    current: bool = False

    @property
    def ok(self) -> bool:
        return self.held >= self.required


def test_it_shows_thematic_compliance_when_the_thematic_app_gives_it(  # type: ignore[no-untyped-def]
    world: World, year: dict, client_for, monkeypatch
) -> None:
    calls = []

    def compliance_for(cells, year, index):  # type: ignore[no-untyped-def]
        calls.append((tuple(c.name for c in cells), year))
        return {
            cell.pk: [Quarter(1, 1), Quarter(0, 1), Quarter(0, 1, current=True), Quarter(0, 1, future=True)]
            for cell in cells
        }

    module = types.ModuleType("thematic.compliance")
    module.compliance_for = compliance_for  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "thematic.compliance", module)
    page = _get(client_for("olga"), reverse("quality:commune", args=[world.commune_a.pk]) + "?year=2026")
    assert "Chuyên đề" in page and "Quý 2: đã tổ chức 0, yêu cầu 1" in page and "Quý 4: chưa bắt đầu" in page
    assert calls == [(("Chi bộ Khu 1", "Chi bộ Khu 2", "Chi bộ Khu 3"), 2026)]
    response = client_for("olga").get(reverse("quality:commune_export", args=[world.commune_a.pk]) + "?year=2026")
    summary = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert list(summary.iter_rows(values_only=True))[2][-4:] == ("1/1", "0/1", "0/1", None)


PAGES = {"quality:commune": "commune_a", "quality:commune_export": "commune_a", "quality:cell": "cell_a1"}


def _counts(world: World, client) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {}
    for name, org in PAGES.items():
        url = reverse(name, args=[getattr(world, org).pk]) + "?year=2026"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def _fill(world: World, cells: list[Organization], months: int) -> None:
    for cell in cells:
        for month in range(1, months + 1):
            _evaluated(cell, (2026, month), month % 4, 60 + month)
            _evaluated(cell, (2025, month), (month + 1) % 4, 70)


@pytest.mark.parametrize("thematic", [False, True])
def test_it_reads_the_year_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    world: World, client_for, monkeypatch, thematic: bool
) -> None:
    if not thematic:
        monkeypatch.setitem(sys.modules, "thematic.compliance", None)
    client = client_for("olga")
    client.get("/")  # the session and the user's scope are read on every page: warm them up
    _fill(world, [world.cell_a1, world.cell_a2], 1)
    small = _counts(world, client)
    _fill(world, [_cell(world, f"Chi bộ Khu {n}") for n in range(3, 9)], 12)
    _fill(world, [world.cell_a1, world.cell_a2], 12)
    assert _counts(world, client) == small
    if not thematic:
        # Session, user, grants, the organization, its cells, their meetings with evaluations, the packs.
        assert small == {"quality:commune": 7, "quality:commune_export": 7, "quality:cell": 6}
