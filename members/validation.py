"""Checks on member data, shared by the member forms and the Excel import.

Each check returns the problems it finds as translated messages (an empty
list when all is well), so a caller can attach them to a form field or to a
row of an import preview.
"""

import datetime as dt
import re
import unicodedata

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from members.models import Category, Gender

# The Party was founded on 3 February 1930: nobody was admitted earlier.
PARTY_FOUNDED = dt.date(1930, 2, 3)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
MIN_AGE_AT_ADMISSION = 18
PROBATION = relativedelta(months=12)
# The cell considers confirmation when probation ends; later than this is unusual.
CONFIRMATION_SLACK = relativedelta(months=3)

# Province and city codes that open a citizen ID (Thông tư 07/2016/TT-BCA). Cards
# keep the code of the province that issued them, including provinces merged in 2025.
PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 "
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 "
    "083 084 086 087 089 091 092 093 094 095 096".split()
)


def normalize_name(raw: str) -> str:
    """One space between words, composed accents; ALL CAPS or all lower case becomes Title Case."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if name == name.lower() or name == name.upper():
        name = name.title()
    return name


def normalize_phone(raw: str) -> str:
    """Drop spaces, dots, dashes and brackets; +84 / 84 becomes the leading 0."""
    phone = re.sub(r"[\s.\-()]", "", raw)
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif phone.startswith("84") and len(phone) in (11, 12):
        phone = "0" + phone[2:]
    return phone


def phone_problems(phone: str) -> list[str]:
    if phone and not re.fullmatch(r"0\d{9,10}", phone):
        return [_("A phone number has 10 or 11 digits and starts with 0, for example 0912345678.")]
    return []


def normalize_citizen_id(raw: str) -> str:
    return re.sub(r"[\s.\-]", "", raw)


def citizen_id_format_problems(citizen_id: str) -> list[str]:
    """Length and province code: what can be checked without the person's details."""
    if not re.fullmatch(r"\d{12}", citizen_id):
        return [
            _("A citizen ID (CCCD) has exactly 12 digits; this one has %(n)d characters.") % {"n": len(citizen_id)}
            if len(citizen_id) != 12
            else _("A citizen ID (CCCD) contains digits only.")
        ]
    if citizen_id[:3] not in PROVINCE_CODES:
        return [
            _("The first three digits of a citizen ID are a province code; %(code)s is not one.")
            % {"code": citizen_id[:3]}
        ]
    return []


def citizen_id_person_problems(citizen_id: str, date_of_birth: dt.date | None, gender: str | None) -> list[str]:
    """Digit 4 encodes century and gender, digits 5-6 the year of birth: compare them with the record."""
    if citizen_id_format_problems(citizen_id):
        return []
    problems = []
    code = int(citizen_id[3])
    century_start = 1900 + 100 * (code // 2)
    cccd_gender = Gender.MALE if code % 2 == 0 else Gender.FEMALE
    if gender in (Gender.MALE, Gender.FEMALE) and gender != cccd_gender:
        problems.append(
            _("The 4th digit of the citizen ID (%(digit)s) is for a %(cccd_gender)s, but the record says %(gender)s.")
            % {
                "digit": citizen_id[3],
                "cccd_gender": _gender_word(cccd_gender),
                "gender": _gender_word(gender),
            }
        )
    if date_of_birth is not None:
        if not century_start <= date_of_birth.year < century_start + 100:
            problems.append(
                _(
                    "The 4th digit of the citizen ID (%(digit)s) is for someone born in %(start)d-%(end)d, "
                    "but the date of birth is in %(year)d."
                )
                % {
                    "digit": citizen_id[3],
                    "start": century_start,
                    "end": century_start + 99,
                    "year": date_of_birth.year,
                }
            )
        if citizen_id[4:6] != f"{date_of_birth.year % 100:02d}":
            problems.append(
                _(
                    "Digits 5 and 6 of the citizen ID (%(digits)s) are the last two digits of the year of birth, "
                    "which should make them %(expected)s."
                )
                % {"digits": citizen_id[4:6], "expected": f"{date_of_birth.year % 100:02d}"}
            )
    return problems


def _gender_word(gender: str) -> str:
    return _("man") if gender == Gender.MALE else _("woman")


def not_in_future(day: dt.date | None, today: dt.date) -> list[str]:
    if day is not None and day > today:
        return [_("This date is in the future.")]
    return []


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def membership_problems(
    *,
    date_of_birth: dt.date | None,
    admitted_on: dt.date | None,
    full_member_on: dt.date | None,
    category: str | None,
) -> dict[str, list[str]]:
    """Errors that block a save, by field: age at admission, full-member date and category."""
    problems: dict[str, list[str]] = {}
    if admitted_on and admitted_on < PARTY_FOUNDED:
        problems.setdefault("admitted_on", []).append(_("The Party was founded on 03/02/1930; check this date."))
    if date_of_birth and admitted_on and age_on(date_of_birth, admitted_on) < MIN_AGE_AT_ADMISSION:
        problems.setdefault("admitted_on", []).append(
            _("A member must be at least 18 years old when admitted; on this date they were %(age)d.")
            % {"age": age_on(date_of_birth, admitted_on)}
        )
    if category == Category.FULL and not full_member_on:
        problems.setdefault("full_member_on", []).append(
            _("A full member needs the date they were made a full member.")
        )
    if category == Category.PROBATIONARY and full_member_on:
        problems.setdefault("full_member_on", []).append(
            _("A probationary member has no full-member date: clear it, or choose “Full member”.")
        )
    if admitted_on and full_member_on and full_member_on <= admitted_on:
        problems.setdefault("full_member_on", []).append(
            _("The full-member date must come after the date admitted (%(admitted)s).")
            % {"admitted": admitted_on.strftime("%d/%m/%Y")}
        )
    return problems


def probation_warnings(admitted_on: dt.date | None, full_member_on: dt.date | None) -> list[str]:
    """Probation normally lasts 12 months: say so when the dates are unusual, without refusing them."""
    if not admitted_on or not full_member_on or full_member_on <= admitted_on:
        return []
    normal = admitted_on + PROBATION
    if full_member_on < normal:
        return [
            _(
                "Made a full member on %(full)s, less than 12 months after admission (%(admitted)s): "
                "probation normally lasts 12 months."
            )
            % {"full": full_member_on.strftime("%d/%m/%Y"), "admitted": admitted_on.strftime("%d/%m/%Y")}
        ]
    if full_member_on > normal + CONFIRMATION_SLACK:
        return [
            _("Made a full member on %(full)s, more than 15 months after admission (%(admitted)s): check the dates.")
            % {"full": full_member_on.strftime("%d/%m/%Y"), "admitted": admitted_on.strftime("%d/%m/%Y")}
        ]
    return []
