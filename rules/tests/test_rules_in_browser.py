"""Commune A's office, in a real Chromium: copy the national pack, change a criterion, publish, on a phone too."""

import datetime as dt

import pytest

from core.testing import PASSWORD, World
from rules.models import PackStatus, RulePack
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_office_copies_edits_and_publishes_a_pack(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    world = live_world
    page.set_default_timeout(30_000)  # the pages are quick; the machine running the suite may not be
    log_in(page, live_server.url, "olga", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/rules/")
    assert _fits(page)
    shot(page, "rules-1-list")
    page.click("text=HD 12-HD/BTCTW – phiếu 100 điểm (mẫu Bình Thuận)")
    page.wait_for_selector("#sheet-1")
    assert "> 85%: 15 điểm; > 70%: 10 điểm" in page.text_content("#sheet-1")
    assert _fits(page)
    shot(page, "rules-2-national")

    page.click("text=Sao chép thành bản dự thảo mới")
    page.select_option("#id_scope", str(world.commune_a.pk))
    page.fill("#id_name", "Quy định sinh hoạt xã Hương Nộn 2027")
    page.fill("#id_effective_from", "2027-01-01")
    assert _fits(page)
    page.click("form.rules-form button[type=submit]")
    page.wait_for_selector(".messages .msg-success")
    pack = RulePack.objects.get(scope=world.commune_a)
    assert page.url.endswith(f"/rules/{pack.pk}/")
    assert _fits(page)
    shot(page, "rules-3-draft")

    # The attendance criterion: 90% for full marks; and it moves below the one after it.
    page.click(f"a[href='/rules/{pack.pk}/sheets/1/']")
    page.click("#c0 > summary")  # each criterion opens on its own, so that the list stays short on a phone
    page.fill("#id_c-0-title", "Trên 90% đảng viên dự sinh hoạt")
    page.fill("#id_c-0-bands", "> 90 → 15\n> 75 -> 10\n> 50: 5")
    assert _fits(page)
    shot(page, "rules-4-sheet")
    page.click("#c0 button[value='down-0']")
    page.wait_for_selector(".messages .msg-success")
    assert page.input_value("#id_c-1-title") == "Trên 90% đảng viên dự sinh hoạt"
    # A mistake is named beside the field, and nothing is saved.
    page.fill("#id_c-1-bands", "trên 90 được 15")
    page.click("form.rules-sheet-form p.toolbar button[type=submit] >> nth=0")
    page.wait_for_selector("#c1 .errorlist")
    assert "Dòng 1" in page.text_content("#c1 .errorlist")
    shot(page, "rules-5-mistake")
    page.fill("#id_c-1-bands", "> 90 → 15\n> 75 → 10\n> 50 → 5")
    page.click("form.rules-sheet-form p.toolbar button[type=submit] >> nth=0")
    page.wait_for_selector("#sheet-1")
    assert "> 90%: 15 điểm; > 75%: 10 điểm; > 50%: 5 điểm" in page.text_content("#sheet-1")

    page.click(f"form[action='/rules/{pack.pk}/publish/'] button")
    page.wait_for_selector(".messages .msg-success")
    assert "01/01/2027" in page.text_content(".messages")
    assert _fits(page)
    shot(page, "rules-6-published")
    pack.refresh_from_db()
    assert pack.status == PackStatus.PUBLISHED and pack.effective_from == dt.date(2027, 1, 1)
    attendance = pack.rules.sheets[0].criteria[1]
    assert attendance.title == "Trên 90% đảng viên dự sinh hoạt" and attendance.points_for(85) == 10
    assert pack.rules.sheets[0].criteria[0].key == "no_unexcused"
