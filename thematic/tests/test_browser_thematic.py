"""A quarter's thematic topic in a real Chromium, through the pages only.

Sam starts cell A1's plan for the year, names alice to draft this quarter's
report and approves the plan; from the plan he plans the meeting, which takes
up the topic. Alice opens the meeting's report on her phone, starts it and
writes; the text is saved as she types. The database is only read, to check.
"""

import pytest

from core.dates import today
from core.testing import PASSWORD, World
from meetings.models import Meeting
from tests.browser import log_in, shot
from thematic.compliance import quarter_of
from thematic.models import PlanStatus, ThematicPlan, ThematicReport

pytestmark = pytest.mark.browser

TOPIC = "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về tinh thần trách nhiệm"
TEXT = "I. Nội dung chuyên đề\n\nMỗi đảng viên nêu gương ở khu dân cư."


def _as(page, live_server, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    log_in(page, live_server.url, username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _plan_the_year(page, live_server, world: World) -> ThematicPlan:  # type: ignore[no-untyped-def]
    day = today()
    _as(page, live_server, "sam")
    page.goto(f"{live_server.url}/thematic/cell/{world.cell_a1.pk}/?year={day.year}")
    page.click("#plan form button[type=submit]")
    page.wait_for_url("**/thematic/plan/*/edit/")
    page.select_option("#id_topics-0-quarter", str(quarter_of(day)))
    page.select_option("#id_topics-0-month", str(day.month))
    page.fill("#id_topics-0-topic", TOPIC)
    page.select_option("#id_topics-0-drafter", label=world.alice.member.full_name)
    assert _fits(page)
    shot(page, "thematic-1-plan")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/thematic/cell/{world.cell_a1.pk}/?year={day.year}")
    # One topic for one quarter: the other quarters are warned about, not refused.
    assert page.locator(".messages .msg-warning").count() == 3
    page.click("form[action$='/approve/'] button")
    page.wait_for_selector(".messages .msg-success")
    plan = ThematicPlan.objects.get(organization=world.cell_a1, year=day.year)
    assert plan.status == PlanStatus.APPROVED
    assert _fits(page)
    shot(page, "thematic-2-approved")
    return plan


def _plan_the_meeting(page, live_server, world: World, plan: ThematicPlan) -> Meeting:  # type: ignore[no-untyped-def]
    topic = plan.topics.get()
    page.click(f"a[href$='?planned={topic.pk}']")
    page.wait_for_selector("#id_planned_topic")
    # The form comes filled in from the plan.
    assert page.input_value("#id_topic") == TOPIC
    assert page.input_value("#id_planned_topic") == str(topic.pk)
    page.fill("#id_day", today().isoformat())
    page.fill("#id_time", "23:30")
    page.fill("#id_place", "Nhà văn hóa Khu 1")
    page.click("form.prep-form button[type=submit]")
    page.wait_for_url("**/meetings/*/")
    topic.refresh_from_db()
    assert topic.meeting is not None and topic.meeting.topic == TOPIC
    return topic.meeting


def _alice_writes(page, live_server, meeting: Meeting) -> None:  # type: ignore[no-untyped-def]
    _as(page, live_server, "alice")
    page.goto(f"{live_server.url}/thematic/meeting/{meeting.pk}/report/")
    page.click("form[action$='/report/start/'] button")
    page.wait_for_url("**/thematic/report/*/edit/")
    page.fill("#id_body", TEXT)
    page.wait_for_selector("#save-state .ok")
    report = ThematicReport.objects.get(meeting=meeting)
    assert report.body == TEXT and report.author_id == meeting.planned_topic.drafter_id
    assert _fits(page)
    shot(page, "thematic-3-report")


def test_a_planned_topic_becomes_a_meeting_and_its_report(page, live_server, live_world: World) -> None:  # type: ignore[no-untyped-def]
    plan = _plan_the_year(page, live_server, live_world)
    meeting = _plan_the_meeting(page, live_server, live_world, plan)
    _alice_writes(page, live_server, meeting)
