"""A user's meetings as an iCalendar feed (RFC 5545) that phone calendars subscribe to."""

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from meetings.models import Meeting, MeetingStatus
from rules.lookup import NoPackInForce, PackIndex

# Phones poll a subscribed calendar on their own schedule; this asks for every few hours
# (REFRESH-INTERVAL for RFC 7986 clients, X-PUBLISHED-TTL for older ones).
REFRESH = dt.timedelta(hours=3)
PRODID = "-//chibo//Lich sinh hoat chi bo//VI"

STATUS: dict[str, str] = {
    MeetingStatus.CANCELLED: "CANCELLED",
    MeetingStatus.PREPARING: "TENTATIVE",
}


def uid_of(meeting: Meeting) -> str:
    """Stable whatever changes in the meeting (time, place, title), so calendars update the same event."""
    return f"meeting-{meeting.pk}@chibo"


def _description(meeting: Meeting, url: str) -> str:
    lines = [meeting.organization.official_name or meeting.organization.name, meeting.get_kind_display()]
    if meeting.topic:
        lines.append(_("Thematic topic: %(topic)s") % {"topic": meeting.topic})
    items = list(meeting.agenda_items.all())
    if items:
        lines.append("")
        lines.append(_("Agenda:"))
        lines.extend(f"{item.order}. {item.title}" for item in items)
    lines.append("")
    lines.append(url)
    return "\n".join(lines)


def _end(meeting: Meeting, start: dt.datetime, rules: PackIndex) -> dt.datetime | None:
    """The start plus the minimum duration of the rules in force; no end when no rule pack covers the day."""
    try:
        minutes = rules.rules_for_meeting(meeting).min_minutes_for(meeting.kind)
    except NoPackInForce:
        return None
    return start + dt.timedelta(minutes=minutes)


def build_calendar(
    meetings: list[Meeting],
    *,
    uid: str,
    name: str,
    url_of: Callable[[Meeting], str],
    now: dt.datetime | None = None,
) -> bytes:
    """The feed: one event per meeting, in Asia/Ho_Chi_Minh time, with the zone's definition included."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    rules = PackIndex.load()  # one query for every meeting's rule pack
    several_cells = len({m.organization_id for m in meetings}) > 1
    events = []
    for meeting in meetings:
        start = meeting.scheduled_at.astimezone(tz)
        url = url_of(meeting)
        summary = meeting.title
        if several_cells:
            summary = f"{meeting.title} · {meeting.organization.name}"
        fields: dict[str, Any] = {
            "uid": uid_of(meeting),
            "stamp": stamp,
            "start": start,
            "end": _end(meeting, start, rules),
            "summary": summary,
            "location": meeting.place,
            "description": _description(meeting, url),
            "url": url,
            # The meeting's version grows with every change, so calendars take the newest.
            "sequence": meeting.version,
            "status": STATUS.get(meeting.status, "CONFIRMED"),
        }
        events.append(Event.new(**fields))
    calendar = Calendar.new(
        uid=uid,
        name=name,
        prodid=PRODID,
        refresh_interval=REFRESH,
        subcomponents=events,
    )
    calendar.add("X-WR-TIMEZONE", settings.TIME_ZONE)
    calendar.add("X-PUBLISHED-TTL", f"PT{int(REFRESH.total_seconds()) // 3600}H")
    calendar.add_missing_timezones()
    return calendar.to_ical()
