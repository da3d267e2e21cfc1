"""Turn one spreadsheet cell into a model value, or say why it cannot be.

Every function takes what member_excel.xlsx reads from a cell (str, int,
float, bool or datetime; never an empty cell) and returns `(value, problem)`:
`problem` is None or `(code, params)` with a code from member_excel.messages.
"""

import datetime as dt
import re
import unicodedata
from typing import Any

from openpyxl.utils.datetime import from_excel

Problem = tuple[str, dict[str, Any]] | None
Parsed = tuple[Any, Problem]

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_CARD = re.compile(r"^[0-9A-Z][0-9A-Z.\-/]*$")
_PARTY_FOUNDED = dt.date(1930, 2, 3)
_OLDEST = dt.date(1900, 1, 1)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw: Any) -> str:
    """A cell as the user sees it: whole numbers without ".0", dates as dd/mm/yyyy, spaces collapsed."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y")
    return " ".join(str(raw).split())


def shown(raw: Any) -> str:
    """A cell quoted in a message, cut short."""
    return as_text(raw)[:60]


def text(raw: Any, max_length: int) -> Parsed:
    # NFC: text pasted from some sources carries decomposed accents, which would not match in searches.
    value = unicodedata.normalize("NFC", as_text(raw))
    if len(value) > max_length:
        return None, ("too_long", {"limit": max_length})
    return value, None


def date(raw: Any, today: dt.date, *, party_date: bool = False) -> Parsed:
    value: dt.date | None
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1000 <= raw <= 2100:
            return None, ("year_only", {"value": shown(raw)})
        try:
            converted = from_excel(raw)
        except (ValueError, OverflowError):
            return None, ("bad_date", {"value": shown(raw)})
        value = converted.date() if isinstance(converted, dt.datetime) else None
        if value is None:
            return None, ("bad_date", {"value": shown(raw)})
    else:
        raw_text = str(raw).strip()
        if re.fullmatch(r"\d{4}", raw_text):
            return None, ("year_only", {"value": raw_text})
        match = _DATE_TEXT.match(raw_text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = _ISO_DATE.match(raw_text)
            if not match:
                return None, ("bad_date", {"value": shown(raw)})
            year, month, day = (int(g) for g in match.groups())
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None, ("impossible_date", {"value": f"{day:02d}/{month:02d}/{year}"})
    if value > today:
        return None, ("future_date", {"value": value.strftime("%d/%m/%Y")})
    if party_date and value < _PARTY_FOUNDED:
        return None, ("before_party", {"value": value.strftime("%d/%m/%Y")})
    if value < _OLDEST:
        return None, ("too_old", {"value": value.strftime("%d/%m/%Y")})
    return value, None


def choice(raw: Any, table: dict[str, str], allowed: list[str], squash: Any) -> Parsed:
    key = squash(raw)
    if key in table:
        return table[key], None
    return None, ("bad_choice", {"value": shown(raw), "allowed": ", ".join(allowed)})


def citizen_id(raw: Any) -> Parsed:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        digits = shown(raw)
        if len(digits) == 11 and digits.isdigit():
            return None, ("citizen_id_lost_zero", {"value": digits})
    else:
        digits = re.sub(r"[\s.\-]", "", str(raw))
    if not re.fullmatch(r"\d{12}", digits):
        return None, ("bad_citizen_id", {"value": shown(raw)})
    return digits, None


def phone(raw: Any) -> Parsed:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # A number typed into a General cell loses its leading 0: put it back.
        digits = "0" + shown(raw)
    else:
        digits = re.sub(r"[\s.\-()]", "", str(raw))
        if digits.startswith("+84"):
            digits = "0" + digits[3:]
        elif digits.startswith("84") and len(digits) in (11, 12):
            digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{9,10}", digits):
        return None, ("bad_phone", {"value": shown(raw)})
    return digits, None


def card(raw: Any, max_length: int) -> Parsed:
    value = re.sub(r"\s", "", shown(raw)).upper()
    if len(value) > max_length:
        return None, ("too_long", {"limit": max_length})
    if not _CARD.match(value):
        return None, ("bad_card", {"value": shown(raw)})
    return value, None
