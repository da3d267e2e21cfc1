"""The month range of the grid: ?from=2026-06&to=2026-11."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils.translation import gettext_lazy as _

from overview.queries import MAX_MONTHS


def parse_month(raw: str) -> dt.date:
    """ "2026-06" → 1 June 2026; raises ValueError on anything else."""
    year, month = raw.strip().split("-")
    if len(year) != 4:
        raise ValueError(raw)
    return dt.date(int(year), int(month), 1)


class MonthField(forms.CharField):
    default_error_messages = {"invalid": _("Enter a month as year and month, e.g. 2026-06.")}

    def to_python(self, value: str | None) -> dt.date | None:  # type: ignore[override]
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class MonthRangeForm(forms.Form):
    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("To month"), required=False)

    def __init__(self, data: dict, default: tuple[dt.date, dt.date]) -> None:
        # The query string uses "from" and "to", which are friendlier to read in a link.
        super().__init__({"start": data.get("from", ""), "end": data.get("to", "")})
        self.default = default

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None and end is None:
            start, end = self.default
        elif start is None:
            start = end - relativedelta(months=self.default_span() - 1)
        elif end is None:
            end = start + relativedelta(months=self.default_span() - 1)
        if start > end:
            raise forms.ValidationError(_("The first month comes after the last one."), code="order")
        span = (end.year - start.year) * 12 + end.month - start.month + 1
        if span > MAX_MONTHS:
            raise forms.ValidationError(
                _("The grid shows at most %(count)d months at a time.") % {"count": MAX_MONTHS}, code="span"
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def default_span(self) -> int:
        first, last = self.default
        return (last.year - first.year) * 12 + last.month - first.month + 1
