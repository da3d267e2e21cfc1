"""Bands written the way a clerk writes them: one per line, "> 85 → 15".

A band is an operator, a value and the points it earns. The edit form shows a
criterion's bands as lines of text and reads them back; the value may be a
number (85, 85,5, 85%) or, for a yes/no measure, "có" / "không". The arrow may
be typed as "→", "->", "=>" or ":".
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rules.schema import FLAG, MEASURES

# Typed operators and the ones stored in the data.
OPERATOR_INPUT = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<", "=": "="}
YES = {"có", "co", "yes", "true", "đúng", "dung", "đạt", "dat"}
NO = {"không", "khong", "no", "false", "sai", "chưa", "chua"}

_ARROW = re.compile(r"\s*(?:→|->|=>|:)\s*")
_LEFT = re.compile(r"^(>=|<=|≥|≤|>|<|=)?\s*(.+?)$")
_POINTS = re.compile(r"^(\d{1,3})\s*(?:điểm|diem|đ)?\.?$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_UNIT = re.compile(r"\s*(?:%|phút|phut)$", re.IGNORECASE)


def _value(text: str) -> float | int | bool | None:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    word = _UNIT.sub("", word)
    if not _NUMBER.match(word):
        return None
    number = float(word.replace(",", "."))
    return int(number) if number.is_integer() else number


def parse_bands(text: str) -> list[dict[str, Any]]:
    """The bands in `text`, one per line, or ValidationError naming each line that could not be read."""
    bands: list[dict[str, Any]] = []
    errors: list[str] = []
    lines = [line.strip() for line in (text or "").splitlines()]
    for n, line in enumerate(lines, 1):
        if not line:
            continue
        band = _band(line)
        if band is None:
            errors.append(
                _('Line %(n)s ("%(line)s"): write an operator, a value, an arrow and the points, e.g. "> 85 → 15".')
                % {"n": n, "line": line}
            )
        else:
            bands.append(band)
    if errors:
        raise ValidationError(errors)
    return bands


def _band(line: str) -> dict[str, Any] | None:
    parts = _ARROW.split(line)
    if len(parts) != 2:
        return None
    left, right = parts
    points = _POINTS.match(right.strip())
    operator = _LEFT.match(left.strip())
    if points is None or operator is None:
        return None
    value = _value(operator.group(2))
    if value is None:
        return None
    op = OPERATOR_INPUT[operator.group(1)] if operator.group(1) else ("=" if isinstance(value, bool) else None)
    if op is None:
        return None
    return {"op": op, "value": value, "points": int(points.group(1))}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def value_text(value: Any, source: str) -> str:
    """A band's value as the clerk reads and types it: "có" for a yes/no measure, "85" otherwise."""
    kind = MEASURES[source][1] if source in MEASURES else None
    if isinstance(value, bool) or kind == FLAG:
        return _("yes") if value else _("no")
    return _number(value)


def format_bands(bands: list[dict[str, Any]], source: str) -> str:
    """The stored bands of a criterion as lines for the edit form; `parse_bands` reads them back."""
    return "\n".join(f"{b['op']} {value_text(b['value'], source)} → {b['points']}" for b in bands)
