"""Template filters for Vietnamese dates and numbers (loaded as builtins)."""

import datetime as dt

from django import template

from core.dates import vn_long_date, vn_short_date

register = template.Library()


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """ "ngày 29 tháng 11 năm 2026"."""
    return vn_long_date(value)


@register.filter
def dmy(value: dt.date | dt.datetime | None) -> str:
    """ "29/11/2026"."""
    return vn_short_date(value)


@register.filter
def vn_number(value: int | float | None) -> str:
    """Thousands separated by dots, as Vietnamese writes them: 2.043."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", ".")
