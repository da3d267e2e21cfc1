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
