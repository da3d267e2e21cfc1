"""The commune's year on a phone and a desktop: the page never scrolls sideways; the grid scrolls in its frame."""

import pytest

from core.testing import PASSWORD, World
from quality.tests.test_commune import _cell, _evaluated
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def test_it_shows_the_commune_its_year_on_a_phone(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    cells = [live_world.cell_a1, live_world.cell_a2, _cell(live_world, "Chi bộ Khu 10")]
    for n, cell in enumerate(cells):
        for month in range(1, 12):
            _evaluated(cell, (2026, month), (month + n) % 4 if month > 8 else n % 2, 70 + month + n)
    log_in(page, live_server.url, "olga", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/quality/commune/{live_world.commune_a.pk}/?year=2026")
    assert "Chi bộ Khu 10" in page.text_content("#grid")
    assert page.locator("#grid .q-chip.q-slip").count() > 0
    assert page.locator("#slipped li").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "quality-commune")
    page.click("#summary a:text('Chi bộ Khu 10')")
    page.wait_for_url(f"**/quality/cell/{cells[2].pk}/?year=2026")
    assert page.locator("#months li").count() == 12
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "quality-cell")
