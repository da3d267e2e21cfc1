"""Small display helpers for guidance pages."""

from pathlib import PurePath

from django import template

from orgs.models import CellType

register = template.Library()


@register.filter
def file_kind(name: str) -> str:
    """ "guidance/2026/12/nghi-quyet.pdf" → "PDF"."""
    return PurePath(str(name or "")).suffix.lstrip(".").upper()


@register.filter
def cell_type_labels(keys: list[str]) -> str:
    """The cell types a point is meant for, in words; an empty list means every cell (shown by the caller)."""
    labels = dict(CellType.choices)
    return ", ".join(str(labels.get(key, key)) for key in keys or [])
