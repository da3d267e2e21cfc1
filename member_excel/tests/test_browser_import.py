"""The import in a real browser, at phone and desktop sizes: upload, preview, errors, commit."""

import pytest

from core.testing import PASSWORD, World
from member_excel.testing import member_values, members_file
from members.models import Member
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(page, base_url: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/members/excel/import/")
    shot(page, "import-upload")
    page.select_option("#id_organization", label="Đảng bộ xã Hương Nộn (X-HN)")
    page.set_input_files("#id_file", files=[{"name": "dang-vien.xlsx", "mimeType": XLSX, "buffer": content}])
    page.click("text=Tải lên và kiểm tra")
    page.wait_for_selector("#batch-status")


def test_it_previews_errors_then_imports_a_corrected_file(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "olga", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    bad = members_file(member_values(), member_values(date_of_birth="31/02/1970", organization="X-HN-K2"))
    _upload(page, live_server.url, bad)
    assert "1 dòng có lỗi." in page.text_content("#batch-status")
    assert page.locator("button:has-text('Nhập vào chibo')").count() == 0
    page.click("text=Xem các lỗi")
    assert "Không có ngày 31/02/1970 trên lịch." in page.text_content("#import-rows")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "import-preview-errors")

    good = members_file(member_values(full_name="Ngô Thị Trình Duyệt"), member_values(phone=None))
    _upload(page, live_server.url, good)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "import-preview-ready")
    page.click("button:has-text('Nhập vào chibo')")
    page.wait_for_selector("text=Đã nhập xong danh sách đảng viên.")
    shot(page, "import-committed")
    assert Member.objects.filter(full_name="Ngô Thị Trình Duyệt").exists()
