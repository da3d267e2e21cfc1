"""Meetings for tests, built directly so each part of the cycle can be tested on its own."""

import datetime as dt
from typing import Any

from django.utils import timezone

from meetings.models import Meeting, MeetingKind
from meetings.roll import draw_roll  # noqa: F401  (re-exported for tests)
from orgs.models import Organization


def make_meeting(cell: Organization, *, day: dt.date = dt.date(2026, 12, 10), **extra: Any) -> Meeting:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(19, 30)))
    fields: dict[str, Any] = {
        "organization": cell,
        "kind": MeetingKind.REGULAR,
        "month": day.replace(day=1),
        "title": f"Sinh hoạt chi bộ thường kỳ tháng {day.month}/{day.year}",
        "scheduled_at": at,
        "place": "Nhà văn hóa khu",
    }
    fields.update(extra)
    return Meeting.objects.create(**fields)
