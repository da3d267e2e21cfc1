"""The minute-taker records on a phone-size screen in a real Chromium."""

import pytest

from core.testing import PASSWORD, World
from meetings.models import AgendaItem
from recording.testing import recorded_meeting
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser


def test_it_records_a_meeting_on_a_phone(browser, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    meeting = recorded_meeting(live_world)
    item = AgendaItem.objects.get(meeting=meeting, order=2)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.size_name = "phone"
    log_in(page, live_server.url, "alice", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/meetings/record/{meeting.pk}/")
    page.select_option("#start_chair", str(live_world.sam.member_id))
    page.click("#start button[type=submit]")
    page.wait_for_selector("#start .ok")

    # One tap per member: the counts follow.
    alice_row = meeting.attendances.get(member_id=live_world.alice.member_id)
    page.click(f"#att-{alice_row.pk} button.tap")
    page.wait_for_function("document.querySelector('#roll-summary').textContent.includes('có mặt: 1')")

    # The record autosaves a few seconds after typing stops.
    page.fill(f"#id_i{item.pk}-notes", "Chi bộ thảo luận việc làm đường liên thôn.")
    page.wait_for_function(
        f"document.querySelector('#st-notes-{item.pk}').textContent.includes('Đã lưu lúc')", timeout=15_000
    )
    item.refresh_from_db()
    assert item.notes == "Chi bộ thảo luận việc làm đường liên thôn."

    # A speaker from the roll, added once.
    page.select_option(f"#id_n{item.pk}-member", str(live_world.sam.member_id))
    page.fill(f"#id_n{item.pk}-gist", "Đề nghị mỗi hộ góp ngày công.")
    page.click(f"#speeches-{item.pk} button[data-final]")
    page.wait_for_function(
        f"document.querySelector('#speeches-{item.pk} .speech-list').textContent.includes('Đề nghị mỗi hộ')"
    )
    assert item.speeches.count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "recording-meeting")
    context.close()
