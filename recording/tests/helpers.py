"""Building a cell like DOMAIN.md's worked example, and posting to the recording page as htmx does."""

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from core.testing import World, make_member
from meetings.models import Attendance, AttendanceStatus, Meeting
from meetings.roll import draw_roll
from members.actions import do_add_exemption, do_add_temporary_activity
from members.models import Category

EDITOR = "page-one"


def url(name: str, *args: Any) -> str:
    return reverse(f"recording:{name}", args=args)


def post(client: Client, route: str, *args: Any, **data: Any) -> Any:
    data.setdefault("editor", EDITOR)
    return client.post(url(route, *args), data)


def eleven_full_members(world: World, meeting: Meeting) -> None:
    """Cell A1 grown to 11 full members, plus a probationary one, an absent exempt one and one away.

    The world already has 3 full members (alice, sam, Hùng) and one probationary (Dự).
    """
    for n in range(8):
        make_member(world.cell_a1, f"Đảng Viên Số {n + 1}")
    exempt = make_member(world.cell_a1, "Cụ Già Miễn")
    do_add_exemption(
        None, exempt, valid_from=dt.date(2025, 1, 1), valid_to=None, reason="Tuổi cao", decision="NQ 01/2025"
    )
    away = make_member(world.cell_a1, "Người Đi Xa")
    do_add_temporary_activity(None, away, place="Hà Nội", valid_from=dt.date(2025, 6, 1), valid_to=None)
    draw_roll(meeting)


def mark_all(meeting: Meeting, present: int) -> None:
    """Mark `present` of the full, non-exempt members present and the rest of the roll absent."""
    rows = list(meeting.attendances.select_related("member").order_by("member__full_name"))
    counted = [r for r in rows if r.category == Category.FULL and not r.exempt and not r.temporarily_away]
    for row in rows:
        row.status = AttendanceStatus.ABSENT_EXCUSED if row.exempt or row.temporarily_away else row.status
    for i, row in enumerate(counted):
        row.status = AttendanceStatus.PRESENT if i < present else AttendanceStatus.ABSENT_UNEXCUSED
    for row in rows:
        if row.category == Category.PROBATIONARY:
            row.status = AttendanceStatus.PRESENT
    Attendance.objects.bulk_update(rows, ["status"])
