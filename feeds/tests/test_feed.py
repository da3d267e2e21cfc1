"""The calendar feed: the right meetings, in Vietnam's time, as phone calendars read them; no log-in."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World, make_member
from feeds.testing import feed_token
from meetings.models import AgendaItem, MeetingKind, MeetingStatus, Part, StepKind
from meetings.testing import make_meeting

pytestmark = pytest.mark.django_db

DAY = dt.date.today() + dt.timedelta(days=12)


def _notified(cell, **extra):  # type: ignore[no-untyped-def]
    day = extra.pop("day", DAY)
    fields = {"status": MeetingStatus.NOTIFIED, "notice_sent_at": timezone.now()}
    fields.update(extra)
    return make_meeting(cell, day=day, **fields)


def _make_sue_follow_up_cadre_of_a1(world: World) -> None:
    """Sue sits on the commune committee (the follow-up cadre must) and follows cell A1."""
    since = dt.date(2025, 8, 1)
    do_assign_position(
        None, organization=world.commune_a, member=world.sue.member, role=Role.COMMITTEE, valid_from=since
    )
    do_assign_position(None, organization=world.cell_a1, member=world.sue.member, role=Role.FOLLOW_UP, valid_from=since)


def _get(user) -> tuple:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("feeds:feed", args=[feed_token(user)]))
    assert response.status_code == 200, response.content
    return response, Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_it_serves_the_member_cell_meetings_as_icalendar(world: World) -> None:
    meeting = _notified(world.cell_a1, topic="Học tập Nghị quyết")
    AgendaItem.objects.create(meeting=meeting, order=1, part=Part.OPENING, kind=StepKind.ROLL_CALL, title="Điểm danh")
    AgendaItem.objects.create(
        meeting=meeting, order=2, part=Part.PROCEEDINGS, kind=StepKind.DISCUSSION, title="Thảo luận"
    )
    response, calendar = _get(world.alice)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Nguyễn Thị Lan" in str(calendar["X-WR-CALNAME"])
    event = _events(calendar)[f"meeting-{meeting.pk}@chibo"]
    assert str(event["SUMMARY"]) == meeting.title
    assert str(event["LOCATION"]) == "Nhà văn hóa khu"
    assert str(event["STATUS"]) == "CONFIRMED"
    # 19:30 in Vietnam, with the zone named and defined in the file.
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (19, 30, "Asia/Ho_Chi_Minh")
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=90)
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:" in response.content
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    description = str(event["DESCRIPTION"])
    assert "1. Điểm danh" in description and "2. Thảo luận" in description and "Học tập Nghị quyết" in description
    notice = f"http://testserver{reverse('preparation:notice', args=[meeting.pk])}"
    assert str(event["URL"]) == notice and notice in description


def test_a_combined_meeting_lasts_as_long_as_the_rule_in_force_says(world: World) -> None:
    from rules.lookup import rules_for_meeting

    meeting = _notified(world.cell_a1, kind=MeetingKind.REGULAR_THEMATIC)
    event = _events(_get(world.alice)[1])[f"meeting-{meeting.pk}@chibo"]
    expected = rules_for_meeting(meeting).min_minutes_for(MeetingKind.REGULAR_THEMATIC)
    assert (
        event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=expected) == dt.timedelta(minutes=120)
    )


def test_members_see_only_notified_meetings_and_not_the_committee_own(world: World) -> None:
    notified = _notified(world.cell_a1)
    planned = make_meeting(world.cell_a1, day=DAY + dt.timedelta(days=1))
    committee = _notified(world.cell_a1, kind=MeetingKind.COMMITTEE, day=DAY + dt.timedelta(days=2))
    other_cell = _notified(world.cell_a2)
    assert set(_events(_get(world.alice)[1])) == {f"meeting-{notified.pk}@chibo"}
    # The secretary runs the cell: every meeting of it, planned (tentative) and the committee's too.
    sam_events = _events(_get(world.sam)[1])
    assert set(sam_events) == {f"meeting-{m.pk}@chibo" for m in (notified, planned, committee)}
    assert str(sam_events[f"meeting-{planned.pk}@chibo"]["STATUS"]) == "TENTATIVE"
    assert f"meeting-{other_cell.pk}@chibo" not in sam_events


def test_a_follow_up_cadre_gets_the_cells_they_follow_named_in_each_title(world: World) -> None:
    _make_sue_follow_up_cadre_of_a1(world)
    own, followed = _notified(world.cell_a2), _notified(world.cell_a1)
    events = _events(_get(world.sue)[1])
    assert set(events) == {f"meeting-{own.pk}@chibo", f"meeting-{followed.pk}@chibo"}
    assert str(events[f"meeting-{followed.pk}@chibo"]["SUMMARY"]).endswith("· Chi bộ Khu 1")


def test_a_cancelled_meeting_stays_with_status_cancelled(world: World) -> None:
    meeting = _notified(world.cell_a1, status=MeetingStatus.CANCELLED)
    event = _events(_get(world.alice)[1])[f"meeting-{meeting.pk}@chibo"]
    assert str(event["STATUS"]) == "CANCELLED"


def test_an_event_keeps_its_uid_and_raises_its_sequence_when_the_meeting_changes(world: World) -> None:
    meeting = _notified(world.cell_a1)
    before = _events(_get(world.alice)[1])[f"meeting-{meeting.pk}@chibo"]
    meeting.scheduled_at += dt.timedelta(hours=1)
    meeting.place = "Hội trường xã"
    meeting.version += 1
    meeting.save()
    after = _events(_get(world.alice)[1])[f"meeting-{meeting.pk}@chibo"]
    assert str(after["LOCATION"]) == "Hội trường xã"
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART").hour == 20


def test_a_held_meeting_links_to_its_records(world: World) -> None:
    meeting = _notified(world.cell_a1, day=dt.date.today() - dt.timedelta(days=20), status=MeetingStatus.HELD)
    event = _events(_get(world.alice)[1])[f"meeting-{meeting.pk}@chibo"]
    assert str(event["URL"]).endswith(reverse("records:meeting", args=[meeting.pk]))


def test_old_meetings_drop_out_of_the_feed(world: World) -> None:
    old = _notified(world.cell_a1, day=dt.date.today() - dt.timedelta(days=500))
    recent = _notified(world.cell_a1, day=dt.date.today() - dt.timedelta(days=300))
    assert set(_events(_get(world.alice)[1])) == {f"meeting-{recent.pk}@chibo"}
    assert old.pk


def test_a_member_who_left_the_cell_gets_an_empty_calendar(world: World) -> None:
    _notified(world.cell_a1)
    token = feed_token(world.alice)
    world.alice.member.state = "transferred"
    world.alice.member.save()
    response = Client().get(reverse("feeds:feed", args=[token]))
    assert response.status_code == 200 and not Calendar.from_ical(response.content).walk("VEVENT")


def test_unknown_and_malformed_links_are_not_found(world: World) -> None:
    token = feed_token(world.alice)
    wrong = ("b" if token[0] == "a" else "a") + token[1:]
    for bad in (wrong, "short", token + "x", token[:-1] + "-"):
        assert Client().get(f"/calendar/feed/{bad}.ics").status_code == 404


def test_the_feed_of_a_disabled_account_is_gone(world: World) -> None:
    token = feed_token(world.alice)
    type(world.alice).objects.filter(pk=world.alice.pk).update(is_active=False)
    assert Client().get(reverse("feeds:feed", args=[token])).status_code == 410


def test_the_feed_reads_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    _make_sue_follow_up_cadre_of_a1(world)
    url = reverse("feeds:feed", args=[feed_token(world.sue)])
    _notified(world.cell_a2)
    # Token with account and member; grants; positions; meetings; agenda; meeting rules.
    with django_assert_num_queries(6):
        Client().get(url)
    for n in range(24):
        meeting = _notified(world.cell_a1 if n % 2 else world.cell_a2, day=DAY + dt.timedelta(days=n + 1))
        AgendaItem.objects.create(meeting=meeting, order=1, part=Part.OPENING, kind=StepKind.ROLL_CALL, title="Mở đầu")
    make_member(world.cell_a1, "Đảng Viên Mới")
    with django_assert_num_queries(6):
        response = Client().get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 25
