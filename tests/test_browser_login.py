"""Log-in in a real browser, at phone and desktop sizes."""

import pytest

from core.testing import PASSWORD, World
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def test_it_logs_in_with_a_phone_number_and_shows_the_home_page(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "0912 000 001", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert "Xin chào, Nguyễn Thị Lan" in page.text_content("h1")
    assert page.locator("text=Chi bộ của tôi").is_visible()
    # Nothing wider than the screen: the page works at 360 px without sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "home-member")


def test_it_refuses_a_wrong_password_in_vietnamese(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "alice", "sai-mat-khau")
    assert "Sai tên đăng nhập" in page.text_content("main")
    shot(page, "login-refused")


def test_it_prints_a_slip_and_the_member_activates_their_account(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    from core.testing import make_member

    newcomer = make_member(live_world.cell_a1, "Lý Văn Mới")
    # The secretary prints a slip for the member who has no account yet.
    log_in(page, live_server.url, "sam", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/issue/{live_world.cell_a1.pk}/")
    page.check(f"#member-{newcomer.pk}")
    page.click("text=In phiếu cho các đảng viên đã chọn")
    slip = page.locator("article.slip", has_text="Lý Văn Mới")
    username = slip.locator(".slip-username").inner_text().strip()
    code = slip.locator(".slip-code").inner_text().strip()
    assert slip.locator("svg").count() == 1  # the QR code
    shot(page, "activation-slip")
    # The member, on their own device, types what the slip says and chooses a password.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/activate/")
    page.fill("#id_username", username)
    page.fill("#id_code", code.lower().replace("-", " "))  # read off paper: case and spacing do not matter
    page.fill("#id_new_password1", "Hoa-sen-nở-2026")
    page.fill("#id_new_password2", "Hoa-sen-nở-2026")
    shot(page, "activation-form")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "Xin chào, Lý Văn Mới" in page.text_content("h1")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The code worked once; the password now does.
    page.context.clear_cookies()
    log_in(page, live_server.url, username, "Hoa-sen-nở-2026")
    page.wait_for_url(f"{live_server.url}/")
