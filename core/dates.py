"""Vietnamese date formatting used on pages and documents."""

import datetime as dt

from django.utils import timezone


def vn_long_date(value: dt.date | dt.datetime | None) -> str:
    """Return "ngày 29 tháng 11 năm 2026"; days and months below 10 get a leading zero
    for the day and month as official documents write them ("ngày 05 tháng 01")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def vn_short_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.strftime("%d/%m/%Y")


def today() -> dt.date:
    return timezone.localdate()
