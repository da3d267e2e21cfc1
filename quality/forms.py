"""The cell's own scores on the sheet, and the year shown on the summary pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import today
from rules.schema import Sheet

FIRST_YEAR = 2000


class ScoreForm(forms.Form):
    """One points field and one note per criterion the cell scores; an empty points field means "not scored yet"."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, sheet: Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = [c for c in sheet.criteria if c.is_manual]
        for criterion in self.criteria:
            limits = {"max": criterion.max_points}
            message = _("Enter a whole number of points from 0 to %(max)s.") % limits
            self.fields[f"{criterion.key}-points"] = forms.IntegerField(
                label=_("Points (0 to %(max)s)") % limits,
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                error_messages={"invalid": message, "min_value": message, "max_value": message},
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": criterion.max_points}),
            )
            self.fields[f"{criterion.key}-note"] = forms.CharField(
                label=gettext_lazy("Note"), required=False, max_length=255
            )

    def pairs(self) -> list[tuple[Any, Any, Any]]:
        """(criterion, points field, note field) for the template."""
        return [(c, self[f"{c.key}-points"], self[f"{c.key}-note"]) for c in self.criteria]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        return {
            c.key: (self.cleaned_data[f"{c.key}-points"], self.cleaned_data[f"{c.key}-note"] or "")
            for c in self.criteria
        }


def year_from(raw: str | None) -> int:
    """?year=2026, or this year when the value is missing or not a sensible year."""
    current = today().year
    try:
        year = int(raw or current)
    except ValueError:
        return current
    return year if FIRST_YEAR <= year <= current + 1 else current
