"""A member types a name without accents on a phone and lands on the adopted minutes, in a real Chromium."""

from urllib.parse import parse_qs, urlparse

import pytest

from core.testing import PASSWORD, World
from search.testing import minutes_saying
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_finds_the_minutes_as_she_types(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    long_word = "https://dichvucong.gov.vn/p/home/dvc-thanh-toan-phi-le-phi-dang-phi-truc-tuyen-khong-ngat-dong"
    minutes_saying(
        live_world.sam,
        live_world.cell_a1,
        f"Đồng chí Đỗ Đức Hùng đề nghị nạo vét kênh mương nội đồng trước mùa mưa. Tham khảo {long_word}.",
    )
    minutes_saying(live_world.sam, live_world.cell_a1, "Dự thảo còn sửa: nạo vét kênh mương.", adopt=False)
    base = live_server.url
    log_in(page, base, "alice", PASSWORD)
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/search/")

    page.fill("#search-q", "nao vet kenh")
    page.wait_for_selector("text=1 kết quả cho “nao vet kenh”")  # the draft stays with the officers
    assert page.inner_html("#search-results mark") == "nạo"
    assert parse_qs(urlparse(page.url).query)["q"] == ["nao vet kenh"]  # the address can be shared
    assert _fits(page)
    shot(page, "search-results")

    page.click("#search-results .card a")
    page.wait_for_url(f"{base}/records/meeting/*/#minutes")
    assert "nạo vét kênh mương" in page.text_content("#minutes")
