"""The member list and record pages in a real Chromium, at phone and desktop sizes."""

from urllib.parse import parse_qs, urlparse

import pytest

from core.testing import PASSWORD, World
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_it_filters_the_list_as_the_user_types(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "olga", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/members/")
    assert "Tìm thấy 7 đảng viên" in page.text_content("#member-rows")
    page.fill("#id_q", "nguyen thi")
    page.wait_for_function("document.querySelector('#member-rows').textContent.includes('Tìm thấy 1 đảng viên')")
    assert "Nguyễn Thị Lan" in page.text_content("#member-rows")
    # The address follows, so the filtered list can be shared or reloaded.
    assert parse_qs(urlparse(page.url).query)["q"] == ["nguyen thi"]
    assert _fits(page)
    shot(page, "members-search")

    page.fill("#id_q", "")
    page.select_option("#id_org", str(live_world.cell_a2.pk))
    page.wait_for_function("document.querySelector('#member-rows').textContent.includes('Tìm thấy 3 đảng viên')")
    assert "Lê Thị Hoa" in page.text_content("#member-rows")
    assert page.input_value("#id_org") == str(live_world.cell_a2.pk)
    shot(page, "members-cell")


def test_it_filters_without_javascript(browser, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, live_server.url, "sam", PASSWORD)
    page.goto(f"{live_server.url}/members/")
    page.fill("#id_q", "do duc")
    page.click("#member-filter button[type=submit]")
    page.wait_for_url("**/members/?*q=do+duc*")
    assert "Đỗ Đức Hùng" in page.text_content("#member-rows")
    assert "Nguyễn Thị Lan" not in page.text_content("#member-rows")
    context.close()


def test_it_shows_a_record_with_its_buttons_on_a_phone(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "sam", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/members/{live_world.alice.member_id}/")
    assert "Sửa hồ sơ" in page.text_content("main")
    assert _fits(page)
    shot(page, "member-record")
    page.click("text=Sửa hồ sơ")
    assert page.locator("#id_citizen_id").is_visible()
    assert _fits(page)
    shot(page, "member-edit")
