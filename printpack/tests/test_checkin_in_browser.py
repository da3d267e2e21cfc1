"""Self check-in on a phone in a real Chromium: scan, log in, tap; the minute-taker confirms."""

import pytest
from django.urls import reverse

from core.testing import PASSWORD, World
from meetings.models import Attendance, AttendanceStatus
from printpack.models import CheckInState, SelfCheckIn
from printpack.testing import meeting_today, open_check_in
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def _phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    # The machine running the suite may be busy: allow more than the usual ten seconds.
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.size_name = "phone"
    return context, page


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_checks_in_from_the_qr_and_the_minute_taker_confirms(browser, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    meeting = meeting_today(live_world, minute_taker_id=live_world.sam.member_id)
    code = open_check_in(live_world, meeting)

    # The minute-taker shows the QR code on a phone.
    context, page = _phone(browser)
    log_in(page, live_server.url, "sam", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("printpack:checkin_qr", args=[meeting.pk]))
    assert page.locator(".checkin-qr svg").count() == 1
    landing = page.locator(".checkin-url").inner_text().strip()
    assert landing == live_server.url + reverse("printpack:checkin", args=[code.token])
    assert _fits(page)
    shot(page, "checkin-qr")

    # Alice scans it with her phone: the camera opens the address; she logs in and lands on the check-in page.
    member_context, member = _phone(browser)
    member.goto(landing)
    member.fill("#id_username", "alice")
    member.fill("#id_password", PASSWORD)
    member.click("button[type=submit]")
    member.wait_for_url(landing)
    member.click("text=Tôi có mặt")
    member.wait_for_selector("text=Đồng chí đã điểm danh lúc")
    assert _fits(member)
    shot(member, "checkin-member")
    row = SelfCheckIn.objects.get(meeting=meeting)
    assert row.member_id == live_world.alice.member_id and row.state == CheckInState.PENDING

    # The count on the minute-taker's screen follows within seconds.
    page.wait_for_function(
        "document.querySelector('#checkin-count').textContent.includes('1 đảng viên')", timeout=20_000
    )
    # The minute-taker confirms on the list: the roll says present.
    page.goto(live_server.url + reverse("printpack:checkin_list", args=[meeting.pk]))
    page.locator(f"#checkin-{row.pk}").get_by_role("button", name="Có mặt", exact=True).click()
    page.wait_for_selector("#decided >> text=Nguyễn Thị Lan")
    assert Attendance.objects.get(meeting=meeting, member_id=live_world.alice.member_id).status == (
        AttendanceStatus.PRESENT
    )
    assert _fits(page)
    shot(page, "checkin-confirmed")

    # Alice sees the confirmation when she opens the page again; scanning twice changes nothing.
    member.goto(landing)
    assert "đã xác nhận đồng chí có mặt" in member.text_content("main")
    assert SelfCheckIn.objects.count() == 1
    context.close()
    member_context.close()
