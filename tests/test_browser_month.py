"""Cell A1's whole month in a real Chromium, through the pages only.

The commune office publishes December's guidance; the secretary plans the
meeting, builds its agenda and sends the notice; a member reads the notice on
her phone and sends an opinion; the secretary records the meeting, scores its
quality, drafts and adopts the minutes (with the evaluation) and the resolution,
then plans January, whose agenda brings back December's task for review. The
database is only read, to check results.
"""

import datetime as dt

import pytest
from django.utils import timezone

from core.testing import PASSWORD, World
from guidance.models import Guidance, GuidanceItem
from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Opinion, Resolution, ResolutionTask, StepKind
from tests.browser import log_in, shot

pytestmark = pytest.mark.browser

KEY_TASK = "Ra quân làm đường giao thông nông thôn"
OPINION = "Đề nghị nghị quyết nêu rõ mỗi hộ góp bao nhiêu ngày công."
TASK = "Vận động các hộ Khu 1 góp ngày công làm đường"


def _as(page, live_server, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    log_in(page, live_server.url, username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _publish_guidance(page, live_server, world: World) -> Guidance:  # type: ignore[no-untyped-def]
    _as(page, live_server, "olga")
    page.click(f"a[href='/guidance/org/{world.commune_a.pk}/']")
    page.click(f"a[href='/guidance/org/{world.commune_a.pk}/new/']")
    page.fill("#id_month", "2026-12")
    page.fill("#id_title", "Hướng dẫn sinh hoạt chi bộ tháng 12 năm 2026")
    page.fill("#id_summary", "Tập trung làm đường giao thông nông thôn trước Tết.")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/guidance/*/")
    guidance = Guidance.objects.get(organization=world.commune_a, month=dt.date(2026, 12, 1))
    page.click(f"a[href='/guidance/{guidance.pk}/items/new/']")
    page.select_option("#id_kind", "key_task")
    page.fill("#id_title", KEY_TASK)
    page.fill("#id_body", "Mỗi chi bộ vận động nhân dân góp ngày công, hoàn thành trong tháng.")
    page.click("form.item-form button[type=submit]")
    page.wait_for_url(f"**/guidance/{guidance.pk}/")
    page.click(f"form[action='/guidance/{guidance.pk}/publish/'] button")
    page.wait_for_selector(".messages .msg-success")
    shot(page, "month-1-guidance")
    guidance.refresh_from_db()
    assert guidance.is_published
    item = GuidanceItem.objects.get(guidance=guidance)
    assert (item.kind, item.title, item.cell_types) == ("key_task", KEY_TASK, [])
    return guidance


def _plan_meeting(page, live_server, world: World, month: str, day: str) -> Meeting:  # type: ignore[no-untyped-def]
    """Sam, from his home page: cell meetings → new meeting → the preparation page."""
    page.goto(f"{live_server.url}/")
    page.click(f"a[href='/meetings/cell/{world.cell_a1.pk}/']")
    page.click(f"a[href='/meetings/cell/{world.cell_a1.pk}/new/']")
    page.select_option("#id_kind", "regular")
    page.fill("#id_month", month)
    page.fill("#id_day", day)
    page.fill("#id_time", "19:30")
    page.fill("#id_place", "Nhà văn hóa Khu 1")
    page.click("form.prep-form button[type=submit]")
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get(organization=world.cell_a1, month=dt.date.fromisoformat(f"{month}-01"))
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    page.click("#agenda form button[type=submit]")
    page.wait_for_selector("#agenda ol.agenda")
    return meeting


def _prepare_december(page, live_server, world: World) -> Meeting:  # type: ignore[no-untyped-def]
    _as(page, live_server, "sam")
    meeting = _plan_meeting(page, live_server, world, "2026-12", "2026-12-05")
    agenda = page.text_content("#agenda")
    assert KEY_TASK in agenda
    guidance_item = AgendaItem.objects.get(meeting=meeting, guidance_item__isnull=False)
    assert guidance_item.title == KEY_TASK
    page.fill("#notice textarea", "Đề nghị các đồng chí đọc trước dự thảo nghị quyết.")
    page.click("#notice form button[type=submit]")
    page.wait_for_selector(".messages .msg-success")
    assert "đúng hạn" in page.text_content(".messages")
    shot(page, "month-2-prepared")
    meeting.refresh_from_db()
    assert meeting.status == "notified" and meeting.notice_sent_at is not None
    assert meeting.guidance is not None and meeting.guidance.month == dt.date(2026, 12, 1)
    return meeting


def _member_responds(page, live_server, world: World, meeting: Meeting) -> None:  # type: ignore[no-untyped-def]
    _as(page, live_server, "alice")
    notices = page.locator("#meeting-notices")
    assert meeting.title in notices.text_content()
    assert notices.locator(".badge.new").count() == 1
    assert _fits(page)
    shot(page, "month-3-home")
    page.click(f"#meeting-notices a[href='/meetings/{meeting.pk}/notice/']")
    page.wait_for_selector("#opinions")
    assert KEY_TASK in page.text_content("main")
    page.select_option("#id_topic", "draft_resolution")
    page.fill("#id_body", OPINION)
    page.click("#opinions button[type=submit]")
    page.wait_for_selector(".messages .msg-success")
    assert OPINION[:40] in page.text_content("#opinions")
    assert _fits(page)
    shot(page, "month-3-opinion")
    opinion = Opinion.objects.get(meeting=meeting)
    assert opinion.member_id == world.alice.member_id and opinion.body == OPINION


def _record(page, live_server, world: World, meeting: Meeting) -> None:  # type: ignore[no-untyped-def]
    _as(page, live_server, "sam")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    # Alice's opinion came after the agenda was built: bring it in.
    page.click("#agenda form[action$='/agenda/build/'] button")
    page.wait_for_selector("#agenda .badge.new")
    assert AgendaItem.objects.filter(meeting=meeting, opinion__isnull=False).count() == 1
    page.click(f"a[href='/meetings/record/{meeting.pk}/']")
    page.wait_for_selector("#start")

    # 1. Start: chair Sam, minute-taker Alice, begun an hour and forty minutes ago.
    began = timezone.localtime() - dt.timedelta(minutes=100)
    page.select_option("#start_chair", str(world.sam.member_id))
    page.select_option("#start_minute_taker", str(world.alice.member_id))
    page.fill("#start_started_at", began.strftime("%Y-%m-%dT%H:%M"))
    page.click("#start button[type=submit]")
    page.wait_for_selector("#roll .roll-row")  # the roll is drawn and the page reloaded

    # 2. Roll call: one tap per member.
    rows = list(Attendance.objects.filter(meeting=meeting).order_by("pk"))
    assert len(rows) == 4
    for n, row in enumerate(rows, start=1):
        page.click(f"#att-{row.pk} button.tap")
        page.wait_for_selector(f"#att-{row.pk} button.tap[aria-pressed=true]")
        page.wait_for_function(f"document.querySelector('#roll-summary').textContent.includes('có mặt: {n}')")

    # 3. A speech under the guidance item.
    item = AgendaItem.objects.get(meeting=meeting, guidance_item__isnull=False)
    page.select_option(f"#id_n{item.pk}-member", str(world.sam.member_id))
    page.fill(f"#id_n{item.pk}-gist", "Chi bộ nhận làm 200 mét đường, mỗi hộ góp hai ngày công.")
    page.click(f"#speeches-{item.pk} button[data-final]")
    page.wait_for_function(
        f"document.querySelector('#speeches-{item.pk} .speech-list').textContent.includes('200 mét đường')"
    )

    # 4. The vote on the resolution: the three full members are for.
    page.fill("#vote_subject", "Thông qua nghị quyết tháng 12 năm 2026")
    page.select_option("#vote_kind", "resolution")
    page.fill("#vote_votes_for", "3")
    page.click("#votes form[action$='/votes/'] button[type=submit]")
    page.wait_for_selector("#votes .votes strong.ok")
    verdict = page.text_content("#votes .votes strong.ok")
    assert verdict.startswith("Thông qua:") and "3/3" in verdict

    # 5. End.
    page.click("#end button[type=submit]")
    page.wait_for_selector("#end .ok")
    assert _fits(page)
    shot(page, "month-4-recorded")
    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert (meeting.chair_id, meeting.minute_taker_id) == (world.sam.member_id, world.alice.member_id)
    assert set(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True)) == {"present"}
    assert item.speeches.count() == 1
    vote = meeting.votes.get()
    assert vote.passed and vote.explanation == verdict


def _adopt_records(page, live_server, world: World, meeting: Meeting) -> None:  # type: ignore[no-untyped-def]
    page.click(f"a[href='/records/meeting/{meeting.pk}/']")
    page.wait_for_selector("#minutes")
    page.click("#minutes form[action$='/minutes/draft/'] button")
    page.wait_for_url("**/records/minutes/*/edit/")
    assert "Trần Văn Sâm" in page.input_value("#id_body")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/records/meeting/{meeting.pk}/")

    page.click("#resolution form[action$='/resolution/draft/'] button")
    page.wait_for_url("**/records/resolution/*/edit/")
    page.fill("#id_tasks-0-what", TASK)
    page.select_option("#id_tasks-0-assignee", str(world.alice.member_id))
    page.fill("#id_tasks-0-due_on", "2026-12-20")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/records/meeting/{meeting.pk}/")
    assert TASK in page.text_content("#resolution")

    # The cell scores its own criteria of the quality sheet; the minutes are adopted with the evaluation.
    page.click(f"#quality a[href='/quality/meeting/{meeting.pk}/']")
    page.fill("#id_principles-points", "5")
    page.fill("#id_chairing-points", "4")
    page.fill("#id_chairing-note", "Cần nhắc nhở đảng viên đến muộn")
    page.click("#score form button[type=submit]")
    page.wait_for_selector(".messages .msg-success")
    assert "Chi bộ chấm: 4/5 điểm (Cần nhắc nhở đảng viên đến muộn)" in page.text_content("#sheet")
    assert _fits(page)
    shot(page, "month-5-quality")
    page.click(f"main a[href='/records/meeting/{meeting.pk}/']")
    page.wait_for_selector("#minutes")

    # Adoption asks that the text was read back; then it is numbered and locked.
    page.check("#id_minutes-read_back")
    page.click("#minutes form.adopt button[type=submit]")
    page.wait_for_selector("#minutes .badge.new")
    page.check("#id_resolution-read_back")
    page.click("#resolution form.adopt button[type=submit]")
    page.wait_for_selector("#resolution .badge.new")
    assert "01-BB/CB" in page.text_content("#minutes")
    assert "01-NQ/CB" in page.text_content("#resolution")
    assert page.locator("#minutes form.adopt, #resolution form.adopt").count() == 0
    assert page.locator("a[href$='/edit/']").count() == 0
    shot(page, "month-5-adopted")

    minutes = Minutes.objects.get(meeting=meeting)
    resolution = Resolution.objects.get(meeting=meeting)
    assert (minutes.status, minutes.number, minutes.symbol) == ("adopted", 1, "01-BB/CB")
    assert "V. ĐÁNH GIÁ, XẾP LOẠI" in minutes.body and meeting.evaluation.is_adopted
    assert (resolution.status, resolution.number, resolution.symbol) == ("adopted", 1, "01-NQ/CB")
    task = ResolutionTask.objects.get(resolution=resolution)
    assert (task.what, task.assignee_id, task.due_on) == (TASK, world.alice.member_id, dt.date(2026, 12, 20))

    # A further edit is refused: the edit pages send back to the records with the reason.
    sealed = (minutes.body, minutes.version, resolution.body, resolution.version)
    for url in (f"/records/minutes/{minutes.pk}/edit/", f"/records/resolution/{resolution.pk}/edit/"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_url(f"**/records/meeting/{meeting.pk}/")
        assert page.locator(".messages .msg-error").count() == 1
    minutes.refresh_from_db()
    resolution.refresh_from_db()
    assert (minutes.body, minutes.version, resolution.body, resolution.version) == sealed


def _plan_january(page, live_server, world: World) -> None:  # type: ignore[no-untyped-def]
    january = _plan_meeting(page, live_server, world, "2027-01", "2027-01-08")
    task = ResolutionTask.objects.get(what=TASK)
    agenda = page.text_content("#agenda")
    assert TASK in agenda
    items = list(AgendaItem.objects.filter(meeting=january).order_by("order"))
    review = next(i for i in items if i.task_id == task.pk)
    report = next(i for i in items if i.kind == StepKind.MONTHLY_REPORT)
    upper = next(i for i in items if i.kind == StepKind.UPPER_DOCUMENTS)
    # Reviewed with last month's report, before the upper-level documents.
    assert report.order < review.order < upper.order
    assert page.locator("#agenda li.sub .badge.update").count() == 1
    assert _fits(page)
    shot(page, "month-6-january")


def test_it_walks_cell_a1_through_a_whole_month(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    _publish_guidance(page, live_server, live_world)
    meeting = _prepare_december(page, live_server, live_world)
    _member_responds(page, live_server, live_world, meeting)
    _record(page, live_server, live_world, meeting)
    _adopt_records(page, live_server, live_world, meeting)
    _plan_january(page, live_server, live_world)
