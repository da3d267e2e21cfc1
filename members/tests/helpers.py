"""Shared by the member tests: logged-in clients, valid citizen IDs, form data from a record."""

import datetime as dt
import itertools
from typing import Any

from django.test import Client

from core.testing import PASSWORD
from members.forms import MEMBER_FIELDS
from members.models import Member

_serials = itertools.count(1)


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def cccd_for(gender: str, born: dt.date, province: str = "025") -> str:
    """A citizen ID that agrees with the person: province, century and gender digit, year, serial."""
    century_digit = 2 * (born.year // 100 - 19) + (1 if gender == "female" else 0)
    return f"{province}{century_digit}{born.year % 100:02d}{next(_serials):06d}"


def form_data(member: Member, **overrides: Any) -> dict[str, Any]:
    """What the edit form posts for `member` unchanged, with `overrides` applied."""
    data: dict[str, Any] = {}
    for name in MEMBER_FIELDS:
        value = getattr(member, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        data[name] = "" if value is None else value
    data["version"] = member.version
    data.update(overrides)
    return data


def new_member_data(cell_id: int, **overrides: Any) -> dict[str, Any]:
    born = dt.date(1985, 4, 12)
    data: dict[str, Any] = {
        "organization": cell_id,
        "full_name": "Ngô Thị Hạnh",
        "gender": "female",
        "date_of_birth": born.isoformat(),
        "ethnicity": "Kinh",
        "religion": "Không",
        "hometown": "Hương Nộn, Phú Thọ",
        "residence": "Khu 1, Hương Nộn",
        "phone": "0987 654 321",
        "citizen_id": cccd_for("female", born),
        "party_card_number": "",
        "admitted_on": "2015-05-19",
        "category": "full",
        "full_member_on": "2016-05-19",
        "occupation": "Giáo viên",
        "education": "12/12",
        "theory_level": "intermediate",
        "professional_level": "Đại học",
        "dues_category": "insured",
    }
    data.update(overrides)
    return data
