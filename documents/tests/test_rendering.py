"""Every kind of document renders to PDF and Word with its header, number, date, names and diacritics intact."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from core.testing import World
from documents import builders
from documents.official import OfficialDocument
from documents.render import render
from documents.testing import adopted_records, draft_records
from documents.tests.conftest import docx_text, pdf_pages, squeeze
from guidance.testing import make_guidance
from meetings.models import Meeting
from preparation.testing import notified_meeting
from quality.testing import score_cell_criteria
from thematic.testing import report_at

HEADER = ("ĐẢNG BỘ XÃ HƯƠNG NỘN", "CHI BỘ KHU 1", "ĐẢNG CỘNG SẢN VIỆT NAM")


def both(doc: OfficialDocument, meeting_or_org: object) -> tuple[str, int, str]:
    """The document as PDF text (whitespace squeezed), its page count, and as Word text."""
    org = getattr(meeting_or_org, "organization", meeting_or_org)
    pdf = render(doc, org, "pdf")  # type: ignore[arg-type]
    word = render(doc, org, "docx")  # type: ignore[arg-type]
    assert pdf.content.startswith(b"%PDF") and pdf.filename.endswith(".pdf")
    assert word.filename.endswith(".docx")
    pages = pdf_pages(pdf.content)
    return squeeze(" ".join(pages)), len(pages), docx_text(word.content)


def check_frame(pdf: str, word: str, *lines: str) -> None:
    for text in (*HEADER, *lines):
        assert squeeze(text) in pdf, text
        assert text in word, text


def test_it_renders_adopted_minutes_with_both_signatures_and_the_quality_sheet(world: World) -> None:
    minutes, _resolution = adopted_records(world)
    meeting = minutes.meeting
    pdf, pages, word = both(builders.minutes(meeting, minutes), meeting)
    adopted_on = timezone.localdate(minutes.adopted_at)
    date_line = f"Hương Nộn, ngày {adopted_on.day:02d} tháng {adopted_on.month:02d} năm {adopted_on.year}"
    check_frame(pdf, word, "Số 01-BB/CB", date_line, "BIÊN BẢN", meeting.title, "CHỦ TRÌ", "THƯ KÝ")
    # The names: chair and minute-taker sign, a member spoke.
    for text in ("Trần Văn Sâm", "Nguyễn Thị Lan", "Đề nghị chi bộ quan tâm công tác vệ sinh môi trường ở ngõ xóm."):
        assert squeeze(text) in pdf and text in word
    # The quality sheet is attached after the signatures, in both formats.
    assert "PHIẾU ĐÁNH GIÁ" in pdf and "PHIẾU ĐÁNH GIÁ" in word
    assert pdf.index("PHIẾU ĐÁNH GIÁ") > pdf.index("THƯ KÝ")
    # The title and signatures are laid out once, not repeated from the drafted text.
    assert pdf.count("BIÊN BẢN") == 1 and "CHỦ TRÌ:" not in pdf
    assert 2 <= pages <= 6


def test_it_renders_an_adopted_resolution_with_its_tasks_and_recipients(world: World) -> None:
    _minutes, resolution = adopted_records(world, tasks=3)
    meeting = resolution.meeting
    pdf, pages, word = both(builders.resolution(meeting, resolution), meeting)
    check_frame(
        pdf, word, "Số 01-NQ/CB", "NGHỊ QUYẾT", "QUYẾT NGHỊ:", "T/M CHI BỘ", "BÍ THƯ", "Trần Văn Sâm", "Nơi nhận:"
    )
    assert "Đảng ủy xã Hương Nộn (để báo cáo)" in word
    for n in (1, 2, 3):
        assert f"Nhiệm vụ số {n}" in pdf and f"Nhiệm vụ số {n}" in word
    assert "30/11/2026" in pdf and "Chi ủy" in word
    # "Nghị quyết sinh hoạt chi bộ tháng 11/2026" under "NGHỊ QUYẾT" would say it twice.
    assert "Sinh hoạt chi bộ tháng 11/2026" in word and "NGHỊ QUYẾT Nghị quyết" not in pdf
    assert pages == 1


def test_it_leaves_a_draft_unnumbered_and_undated(world: World) -> None:
    minutes, resolution = draft_records(world)
    pdf, _pages, word = both(builders.resolution(resolution.meeting, resolution), resolution.meeting)
    assert "DỰ THẢO" in pdf and "DỰ THẢO" in word
    assert "-NQ/CB" in pdf and "01-NQ/CB" not in pdf
    assert "Hương Nộn, ngày" in word and "tháng 11 năm 2026" not in word.split("NGHỊ QUYẾT")[0]
    doc = builders.minutes(minutes.meeting, minutes)
    assert doc.draft and doc.symbol == "" and doc.date is None


def test_it_renders_the_sent_notice_with_its_number_and_the_agenda(world: World) -> None:
    meeting = notified_meeting(world)
    sent_on = timezone.localdate(meeting.notice_sent_at)
    date_line = f"Hương Nộn, ngày {sent_on.day:02d} tháng {sent_on.month:02d} năm {sent_on.year}"
    pdf, pages, word = both(builders.notice(meeting), meeting)
    check_frame(pdf, word, "Số 01-TB/CB", date_line, "THÔNG BÁO", "Nhà văn hóa khu", "Dự thảo nghị quyết")
    assert pages == 1
    pdf, pages, word = both(builders.agenda(meeting), meeting)
    check_frame(pdf, word, "CHƯƠNG TRÌNH", meeting.title)
    first = meeting.agenda_items.order_by("order").first()
    assert first is not None and squeeze(first.title) in pdf and first.title in word
    # The agenda has no number.
    assert "Số " not in word.split("CHƯƠNG TRÌNH")[0]


def test_it_renders_the_final_thematic_report(world: World) -> None:
    report = report_at(world, "final")
    meeting: Meeting = report.meeting
    pdf, pages, word = both(builders.report(meeting, report), meeting)
    check_frame(pdf, word, f"Số {report.symbol}", "BÁO CÁO", report.title, "Trách nhiệm nêu gương của đảng viên.")
    assert report.symbol.endswith("-BC/CB")
    assert "Nguyễn Thị Lan" in word  # the author
    assert pages == 1


def test_it_renders_the_published_guidance_and_a_cells_copy(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    guidance.refresh_from_db()
    published = timezone.localdate(guidance.published_at)
    pdf, _pages, word = both(builders.guidance(guidance), world.commune_a)
    for text in ("ĐẢNG BỘ TỈNH PHÚ THỌ", "ĐẢNG ỦY XÃ HƯƠNG NỘN", "Số 01-HD/ĐU", "HƯỚNG DẪN", "T/M ĐẢNG ỦY"):
        assert squeeze(text) in pdf and text in word, text
    assert f"Hương Nộn, ngày {published.day:02d}" in word
    assert "Ra quân làm sạch đường làng" in word and "Ôn tập cuối học kỳ" in word
    # Cell A1 is residential: its copy leaves out the point for school cells.
    _pdf, _pages, word = both(builders.guidance(guidance, world.cell_a1), world.commune_a)
    assert "Ra quân làm sạch đường làng" in word and "Ôn tập cuối học kỳ" not in word
    assert "Bản gửi Chi bộ Khu 1." in word


def test_it_names_the_bodies_as_they_were_on_the_documents_date(world: World) -> None:
    from orgs.actions import do_rename_organization

    minutes, resolution = draft_records(world, day=dt.date(2025, 6, 10))
    do_rename_organization(
        world.olga, world.commune_a, name="Đảng bộ xã Tam Nông", official_name="", on=dt.date(2025, 7, 1)
    )
    # A draft is dated by its meeting, before the rename: the old names and place.
    doc = builders.minutes(minutes.meeting, minutes)
    assert doc.superior_body == "ĐẢNG BỘ XÃ HƯƠNG NỘN" and doc.place == "Hương Nộn"
    # Adopted now, after the rename: the new ones.
    from records.actions import do_adopt_resolution

    resolution = do_adopt_resolution(world.sam, resolution, version=resolution.version)
    doc = builders.resolution(resolution.meeting, resolution)
    assert doc.superior_body == "ĐẢNG BỘ XÃ TAM NÔNG" and doc.place == "Tam Nông"
    assert "- Đảng ủy xã Tam Nông (để báo cáo);" in doc.recipients


@pytest.mark.parametrize("kind", ["notice", "agenda", "minutes", "resolution", "report", "guidance"])
def test_it_builds_a_word_file_that_opens_with_a4_pages_and_times(kind: str) -> None:
    from documents.builders.samples import sample
    from documents.docx_default import default_template
    from documents.docx_render import render_docx

    content = render_docx(sample(kind), default_template(kind))
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.styles["Normal"].font.name == "Times New Roman"
    text = docx_text(content)
    assert "{{" not in text and "{%" not in text
    assert "Tam Nông, ngày 20 tháng 11 năm 2026" in text
    assert ("Số 05-" in text) == (kind != "agenda")  # the agenda has no number


def test_it_scores_before_attaching_the_sheet(world: World) -> None:
    """No evaluation, no annex: the minutes stand alone."""
    from records.testing import held_meeting

    meeting = held_meeting(world.cell_a1, scored=False)
    from records.actions import do_draft_minutes

    minutes = do_draft_minutes(world.sam, meeting)
    assert builders.minutes(meeting, minutes).annex is None
    score_cell_criteria(world.sam, meeting)
    assert builders.minutes(meeting, minutes).annex is not None


def test_it_writes_borders_where_the_word_schema_puts_them(world: World) -> None:
    """Word refuses a file whose elements are out of schema order; LibreOffice would not notice."""
    import zipfile

    from lxml import etree

    _minutes, resolution = adopted_records(world, tasks=2)
    content = render(builders.resolution(resolution.meeting, resolution), world.cell_a1, "docx").content
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def names(element: etree._Element) -> list[str]:
        return [child.tag.replace(w, "") for child in element]

    tables = root.iter(f"{w}tblPr")
    checked = 0
    for tbl_pr in tables:
        children = names(tbl_pr)
        assert "tblBorders" in children
        later = [children.index(t) for t in ("shd", "tblLayout", "tblCellMar", "tblLook") if t in children]
        assert all(children.index("tblBorders") < i for i in later), children
        checked += 1
    assert checked == 3  # the header, the tasks and the signatures
    for p_pr in root.iter(f"{w}pPr"):
        children = names(p_pr)
        if "pBdr" in children:
            later = [children.index(t) for t in ("spacing", "ind", "jc", "rPr") if t in children]
            assert all(children.index("pBdr") < i for i in later), children
            checked += 1
    assert checked == 4  # and the rule under the party's name
