"""Input for conferences, guidance and its points. The rules themselves live in guidance.actions."""

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import vn_short_date
from guidance.files import ACCEPT, MAX_FILE_MB, check_upload
from guidance.models import Conference, Guidance, GuidanceItem, ItemKind
from orgs.forms import DayField, not_in_future
from orgs.models import CellType, Organization

MONTH_PATTERNS = (re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$"), re.compile(r"^(?P<m>\d{1,2})/(?P<y>\d{4})$"))


def parse_month(text: str) -> dt.date | None:
    """ "2026-12" or "12/2026" → 1 December 2026; anything else → None."""
    for pattern in MONTH_PATTERNS:
        match = pattern.match((text or "").strip())
        if match:
            year, month = int(match["y"]), int(match["m"])
            if 1 <= month <= 12 and 1900 < year < 2200:
                return dt.date(year, month, 1)
    return None


class MonthField(forms.Field):
    """A month picked on a phone (type=month) or typed as 12/2026."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"})
    default_error_messages = {"invalid": gettext_lazy("Enter a month such as 12/2026.")}

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%Y-%m") if isinstance(value, dt.date) else value

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        month = parse_month(str(value))
        if month is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class ConferenceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Conference) -> str:
        return _("Expanded conference of %(date)s") % {"date": vn_short_date(obj.held_on)}


class ConferenceForm(forms.Form):
    held_on = DayField(label=gettext_lazy("Held on"))
    attendees = forms.CharField(
        label=gettext_lazy("Attendees"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=gettext_lazy("Who took part: committee members, cell secretaries, guests."),
    )
    conclusions = forms.CharField(
        label=gettext_lazy("Conclusions"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )

    def clean_held_on(self) -> dt.date:
        return not_in_future(self.cleaned_data["held_on"])


class VersionForm(forms.Form):
    """The version of the guidance the page was showing; a stale one is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class GuidanceFields(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=gettext_lazy("The month's results and the main direction, as the conference concluded."),
    )
    conference = ConferenceChoiceField(
        label=gettext_lazy("Based on the conference"),
        queryset=Conference.objects.none(),
        required=False,
        empty_label=gettext_lazy("(none)"),
    )

    def __init__(self, org: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org
        self.fields["conference"].queryset = Conference.objects.filter(organization=org)  # type: ignore[attr-defined]


class GuidanceCreateForm(GuidanceFields):
    month = MonthField(label=gettext_lazy("Month"))
    field_order = ["month", "title", "summary", "conference"]

    def clean_month(self) -> dt.date:
        month = self.cleaned_data["month"]
        if Guidance.objects.filter(organization=self.org, month=month).exists():
            raise ValidationError(
                _("The guidance for %(month)s already exists; open it from the list.")
                % {"month": f"{month.month:02d}/{month.year}"}
            )
        return month


class GuidanceEditForm(GuidanceFields, VersionForm):
    pass


class ItemForm(VersionForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of point"), choices=ItemKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    body = forms.CharField(
        label=gettext_lazy("Content"), required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    cell_types = forms.MultipleChoiceField(
        label=gettext_lazy("Only for these kinds of cells"),
        choices=CellType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Tick none for every cell."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"empty": gettext_lazy("The chosen file is empty.")},
    )
    remove_file = forms.BooleanField(label=gettext_lazy("Remove the attached file"), required=False)

    def __init__(self, *args: Any, item: GuidanceItem | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["file"].help_text = _("PDF, Word (.docx), JPG or PNG, at most %(max)s MB.") % {"max": MAX_FILE_MB}
        if item is None or not item.file:
            del self.fields["remove_file"]

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        return check_upload(upload) if upload else None
