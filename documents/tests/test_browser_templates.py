"""In Chromium: the office downloads the default template, uploads its own, and a member downloads a minutes file."""

import pytest

from core.testing import PASSWORD, World
from documents.testing import adopted_records
from documents.tests.test_templates import MARK, edited
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def test_the_office_replaces_a_template_on_a_phone_or_a_desktop(page, live_server, live_world: World, tmp_path) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "olga", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/documents/org/{live_world.commune_a.pk}/templates/")
    card = page.locator("#minutes")
    with page.expect_download() as download:
        card.get_by_role("link", name="Tải mẫu mặc định").click()
    assert download.value.suggested_filename.endswith(".docx")
    mine = tmp_path / "mau-bien-ban.docx"
    mine.write_bytes(edited())
    card.locator("input[type=file]").set_input_files(str(mine))
    card.get_by_role("button", name="Tải lên và dùng mẫu này").click()
    page.wait_for_url("**/templates/#minutes")
    assert "Mẫu riêng, phiên bản 1" in page.locator("#minutes").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "documents-templates")


def test_a_member_downloads_the_adopted_minutes_in_word(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    minutes, _resolution = adopted_records(live_world)
    log_in(page, live_server.url, "alice", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/records/meeting/{minutes.meeting_id}/")
    with page.expect_download() as download:
        page.locator("#minutes .doc-links").get_by_role("link", name="Word").click()
    path = download.value.path()
    from documents.tests.conftest import docx_text

    text = docx_text(open(path, "rb").read())
    assert "Số 01-BB/CB" in text and MARK not in text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
