"""Input validation for member records and membership events.

The checks themselves live in members/validation.py so that the Excel import
gives the same answers; these forms attach them to fields. `warnings` holds
what is unusual but allowed, shown to the user after the save.
"""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.permissions import has_perm
from core.dates import today
from members import validation
from members.models import Member, TransferKind
from orgs.models import Organization

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text,
    )


def _who_has(user: Any, other: Member) -> str:
    """Name the member already holding a number, if the user may see them."""
    if has_perm(user, "member.view", other):
        return str(_("%(name)s (%(cell)s)") % {"name": other.full_name, "cell": other.organization.name})
    return str(_("another party member"))


MEMBER_FIELDS = [
    "full_name",
    "gender",
    "date_of_birth",
    "ethnicity",
    "religion",
    "hometown",
    "residence",
    "phone",
    "citizen_id",
    "party_card_number",
    "admitted_on",
    "category",
    "full_member_on",
    "occupation",
    "education",
    "theory_level",
    "professional_level",
    "dues_category",
]


FIELD_GROUPS = [
    (
        _("Personal details"),
        [
            "full_name",
            "gender",
            "date_of_birth",
            "citizen_id",
            "phone",
            "ethnicity",
            "religion",
            "hometown",
            "residence",
        ],
    ),
    (
        _("Party membership"),
        ["organization", "party_card_number", "admitted_on", "category", "full_member_on", "dues_category"],
    ),
    (_("Work and education"), ["occupation", "education", "theory_level", "professional_level"]),
    (_("Transfer"), ["on", "origin", "note"]),
]


class MemberForm(forms.ModelForm):
    """The personal and membership fields, for a new record and for corrections."""

    citizen_id = forms.CharField(
        label=_("Citizen ID (CCCD)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("12 digits"),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    party_card_number = forms.CharField(label=_("Party card number"), required=False, max_length=30)

    class Meta:
        model = Member
        fields = MEMBER_FIELDS

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.warnings: list[str] = []
        for name in ("date_of_birth", "admitted_on", "full_member_on"):
            field = self.fields[name]
            field.widget = DateInput()
            field.input_formats = DATE_INPUT_FORMATS  # type: ignore[attr-defined]

    def clean_full_name(self) -> str:
        name = validation.normalize_name(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Enter the full name."))
        return name

    def clean_phone(self) -> str:
        phone = validation.normalize_phone(self.cleaned_data.get("phone") or "")
        problems = validation.phone_problems(phone)
        if problems:
            raise forms.ValidationError(problems)
        return phone

    def clean_citizen_id(self) -> str | None:
        value = validation.normalize_citizen_id(self.cleaned_data.get("citizen_id") or "")
        if not value:
            return None
        problems = validation.citizen_id_format_problems(value)
        if problems:
            raise forms.ValidationError(problems)
        other = self._other_member(citizen_id=value)
        if other is not None:
            raise forms.ValidationError(
                _("This citizen ID is already recorded for %(who)s.") % {"who": _who_has(self.user, other)}
            )
        return value

    def clean_party_card_number(self) -> str | None:
        value = "".join((self.cleaned_data.get("party_card_number") or "").split())
        if not value:
            return None
        if len(value) > 20:
            raise forms.ValidationError(_("A party card number has at most 20 characters."))
        other = self._other_member(party_card_number=value)
        if other is not None:
            raise forms.ValidationError(
                _("This party card number is already recorded for %(who)s.") % {"who": _who_has(self.user, other)}
            )
        return value

    def _other_member(self, **lookup: str) -> Member | None:
        return Member.objects.filter(**lookup).exclude(pk=self.instance.pk).select_related("organization").first()

    def _not_in_future(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        problems = validation.not_in_future(day, today())
        if problems:
            raise forms.ValidationError(problems)
        return day

    def clean_date_of_birth(self) -> dt.date | None:
        day = self._not_in_future("date_of_birth")
        if day is not None and day < validation.EARLIEST_BIRTH:
            raise forms.ValidationError(_("Check the year of birth."))
        return day

    def clean_admitted_on(self) -> dt.date | None:
        return self._not_in_future("admitted_on")

    def clean_full_member_on(self) -> dt.date | None:
        return self._not_in_future("full_member_on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born, admitted, full_on = data.get("date_of_birth"), data.get("admitted_on"), data.get("full_member_on")
        problems = validation.membership_problems(
            date_of_birth=born, admitted_on=admitted, full_member_on=full_on, category=data.get("category")
        )
        for field, messages in problems.items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        self.warnings.extend(validation.probation_warnings(admitted, full_on))
        citizen_id = data.get("citizen_id")
        if citizen_id and "date_of_birth" not in self.errors and "gender" not in self.errors:
            mismatches = validation.citizen_id_person_problems(citizen_id, born, data.get("gender"))
            if self._person_changed(citizen_id, born, data.get("gender")):
                for message in mismatches:
                    self.add_error("citizen_id", message)
            else:
                # A record that was already inconsistent: say so, but let other corrections through.
                self.warnings.extend(mismatches)
        return data

    def _person_changed(self, citizen_id: str, born: dt.date | None, gender: str | None) -> bool:
        old = self.instance
        if old.pk is None:
            return True
        return (old.citizen_id, old.date_of_birth, old.gender) != (citizen_id, born, gender)

    def member_fields(self) -> dict[str, Any]:
        """The cleaned values to hand to an action."""
        return {name: self.cleaned_data[name] for name in MEMBER_FIELDS}

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields in the sections the page shows, each (title, bound fields)."""
        groups = [(title, [self[name] for name in names if name in self.fields]) for title, names in FIELD_GROUPS]
        return [(title, fields) for title, fields in groups if fields]


class CellChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        if obj.parent is not None:
            return _("%(cell)s, %(parent)s") % {"cell": obj.name, "parent": obj.parent.name}
        return obj.name


class NewMemberForm(MemberForm):
    organization = CellChoiceField(
        label=_("Cell"), queryset=Organization.objects.none(), empty_label=_("Choose a cell")
    )

    class Meta(MemberForm.Meta):
        fields = ["organization", *MEMBER_FIELDS]

    def __init__(self, *args: Any, cells: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = cells.select_related("parent")  # type: ignore[attr-defined]

    def member_fields(self) -> dict[str, Any]:
        return {"organization": self.cleaned_data["organization"], **super().member_fields()}


class EditMemberForm(MemberForm):
    # The version the user saw; a save against a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class TransferInForm(NewMemberForm):
    """A new record for a member arriving from an organization outside the system."""

    on = date_field(_("Date of arrival"))
    origin = forms.CharField(
        label=_("Coming from"),
        max_length=255,
        help_text=_("The Party organization that issued the transfer letter"),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean_on(self) -> dt.date:
        return self._not_in_future("on")  # type: ignore[return-value]


class EventForm(forms.Form):
    """A membership event on one member; `member` is read for cross-checks."""

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.warnings: list[str] = []

    def _check_day(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        problems = validation.not_in_future(day, today())
        if problems:
            raise forms.ValidationError(problems)
        return day


class MakeFullForm(EventForm):
    on = date_field(_("Date made full member"), help_text=_("The date of the confirmation decision"))

    def clean_on(self) -> dt.date | None:
        day = self._check_day("on")
        self.warnings.extend(validation.probation_warnings(self.member.admitted_on, day))
        return day


class PeriodForm(EventForm):
    valid_from = date_field(_("From"))
    valid_to = date_field(_("To"), required=False, help_text=_("Leave empty if open-ended"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot come before the start date."))
        return data


class ExemptionForm(PeriodForm):
    reason = forms.CharField(label=_("Reason"), max_length=255, help_text=_("e.g. old age, long illness"))
    decision = forms.CharField(
        label=_("Cell decision"),
        max_length=255,
        help_text=_("e.g. resolution number and date"),
    )


class TemporaryActivityForm(PeriodForm):
    place = forms.CharField(
        label=_("Where"), max_length=255, help_text=_("The Party organization where they take part")
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class EndPeriodForm(EventForm):
    on = date_field(_("Last day"))


class TransferForm(EventForm):
    to_org = CellChoiceField(label=_("To cell"), queryset=Organization.objects.none(), empty_label=_("Choose a cell"))
    kind = forms.ChoiceField(
        label=_("Kind of transfer"),
        choices=TransferKind.choices,
        initial=TransferKind.OFFICIAL,
        widget=forms.RadioSelect,
    )
    on = date_field(_("Date"))
    note = forms.CharField(
        label=_("Note"), max_length=255, required=False, help_text=_("e.g. the transfer letter number")
    )

    def __init__(self, *args: Any, cells: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = cells.select_related("parent")  # type: ignore[attr-defined]

    def clean_on(self) -> dt.date | None:
        return self._check_day("on")


class TransferOutForm(EventForm):
    on = date_field(_("Date"))
    destination = forms.CharField(
        label=_("Transferred to"),
        max_length=255,
        help_text=_("The Party organization outside this system that receives the member"),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean_on(self) -> dt.date | None:
        return self._check_day("on")


class DeathForm(EventForm):
    on = date_field(_("Date of death"))
    reason = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean_on(self) -> dt.date | None:
        return self._check_day("on")


class RemovalForm(EventForm):
    on = date_field(_("Date of the decision"))
    reason = forms.CharField(
        label=_("Reason and decision"),
        max_length=255,
        help_text=_("e.g. struck off for not paying dues, decision number and date"),
    )

    def clean_on(self) -> dt.date | None:
        return self._check_day("on")
