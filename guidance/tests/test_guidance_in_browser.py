"""The office writes and publishes the month's guidance and a member reads it, in a real Chromium."""

import pytest

from core.testing import PASSWORD, World
from guidance.testing import PDF_BYTES
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_it_goes_from_the_office_draft_to_the_cell(page, live_server, live_world: World, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    log_in(page, base, "olga", PASSWORD)
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/guidance/org/{live_world.commune_a.pk}/")
    page.click("text=Định hướng tháng mới")
    page.fill("#id_month", "2026-12")
    page.fill("#id_title", "Định hướng sinh hoạt chi bộ tháng 12/2026")
    page.fill("#id_summary", "Tổng kết công tác năm 2026, chuẩn bị Tết.")
    page.click("main form.card button[type=submit]")
    page.wait_for_selector("text=Đã tạo dự thảo định hướng")
    page.click("text=Thêm nội dung")
    page.select_option("#id_kind", "document")
    page.fill("#id_title", "Nghị quyết 57-NQ/TW")
    pdf = tmp_path / "nq57.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.set_input_files("#id_file", str(pdf))
    assert _fits(page)
    shot(page, "guidance-item-form")
    page.click("main form.card button[type=submit]")
    page.wait_for_selector("text=Đã thêm nội dung")
    page.click("text=Ban hành tới các chi bộ")
    page.wait_for_selector("text=Đã ban hành định hướng")
    assert _fits(page)
    shot(page, "guidance-published")
    page.click("text=Chi bộ nào đã triển khai")
    assert "Chi bộ Khu 1" in page.text_content("main")
    assert _fits(page)
    shot(page, "guidance-uptake")
    page.click("text=Đăng xuất")

    log_in(page, base, "alice", PASSWORD)
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/guidance/cell/{live_world.cell_a1.pk}/?month=2026-12")
    main = page.text_content("main")
    assert "Nghị quyết 57-NQ/TW" in main and "Chưa triển khai" in main
    assert _fits(page)
    shot(page, "guidance-for-cell")
    with page.expect_download() as download:
        page.click("text=Tải văn bản (PDF)")
    assert download.value.suggested_filename.endswith(".pdf")
