"""Input for the office's actions on the organization tree."""

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import orgs_visible
from core.dates import today, vn_short_date
from orgs.actions import MergePlan, NewTarget, plan_merge
from orgs.actions._periods import effective_date_problem
from orgs.actions.tree import code_problem
from orgs.models import CellType, Organization, OrgKind
from orgs.structure import CHILD_KINDS, parent_kinds_for

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class DayField(forms.DateField):
    """A date picked on a phone or typed as 29/11/2026 or 2026-11-29."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
    default_error_messages = {"invalid": gettext_lazy("Enter a date such as 29/11/2026.")}


def not_in_future(day: dt.date) -> dt.date:
    if day > today():
        raise ValidationError(_("The date cannot be in the future."))
    return day


class OrgChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.code})"


def clean_code(code: str) -> str:
    code = code.strip()
    if not CODE_PATTERN.match(code):
        raise ValidationError(_("A short code uses letters without accents, digits, dots and dashes, e.g. X-HN-K6."))
    problem = code_problem(code)
    if problem:
        raise ValidationError(problem)
    return code


class CreateChildForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"))
    cell_type = forms.ChoiceField(
        label=gettext_lazy("Cell type"), required=False, choices=[("", "—"), *CellType.choices]
    )
    code = forms.CharField(label=gettext_lazy("Short code"), max_length=40)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    official_name = forms.CharField(
        label=gettext_lazy("Official name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The name written on documents, e.g. Chi bộ Khu 6. Empty: the same as the name."),
    )
    founded_on = DayField(label=gettext_lazy("Founded on"), initial=today)

    def __init__(self, parent: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parent = parent
        kinds = CHILD_KINDS.get(parent.kind, ())
        self.fields["kind"].choices = [(k, OrgKind(k).label) for k in kinds]  # type: ignore[attr-defined]
        if OrgKind.CELL in kinds:
            self.fields["kind"].initial = OrgKind.CELL

    def clean_code(self) -> str:
        return clean_code(self.cleaned_data["code"])

    def clean_founded_on(self) -> dt.date:
        day = not_in_future(self.cleaned_data["founded_on"])
        if day < self.parent.founded_on:
            raise ValidationError(
                _("%(name)s was only founded on %(date)s.")
                % {"name": self.parent.name, "date": vn_short_date(self.parent.founded_on)}
            )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == OrgKind.CELL and not data.get("cell_type"):
            self.add_error("cell_type", _("Choose the type of cell."))
        return data


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("New name"), max_length=200)
    official_name = forms.CharField(
        label=gettext_lazy("New official name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The name written on documents from that date. Empty: the same as the name."),
    )
    on = DayField(
        label=gettext_lazy("Effective from"),
        initial=today,
        help_text=gettext_lazy("Documents dated before this day keep the old name."),
    )

    def __init__(self, org: Organization, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"name": org.name, "official_name": org.official_name})
        super().__init__(*args, **kwargs)
        self.org = org

    def clean_on(self) -> dt.date:
        day = self.cleaned_data["on"]
        problem = effective_date_problem(self.org, day)
        if problem:
            raise ValidationError(problem)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = (data.get("name") or "").strip()
        official = (data.get("official_name") or "").strip() or name
        if name and (name, official) == (self.org.name, self.org.official_name):
            raise ValidationError(_("The new name is the same as the current one."))
        return data


class MoveForm(forms.Form):
    new_parent = OrgChoiceField(
        label=gettext_lazy("New upper-level organization"), queryset=Organization.objects.none()
    )
    on = DayField(label=gettext_lazy("Effective from"), initial=today)

    def __init__(self, org: Organization, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org
        self.fields["new_parent"].queryset = (  # type: ignore[attr-defined]
            orgs_visible(user, "org.manage")
            .filter(dissolved_on__isnull=True, kind__in=parent_kinds_for(org.kind))
            .exclude(path__startswith=org.path)
            .exclude(pk=org.parent_id)
            .order_by("path")
        )

    def clean_on(self) -> dt.date:
        day = self.cleaned_data["on"]
        problem = effective_date_problem(self.org, day)
        if problem:
            raise ValidationError(problem)
        return day


class DissolveForm(forms.Form):
    on = DayField(
        label=gettext_lazy("Dissolved on"),
        initial=today,
        help_text=gettext_lazy("The first day the organization no longer exists."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason or decision"), max_length=200, required=False)

    def __init__(self, org: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org

    def clean_on(self) -> dt.date:
        day = self.cleaned_data["on"]
        problem = effective_date_problem(self.org, day)
        if problem:
            raise ValidationError(problem)
        return day


class MergeForm(forms.Form):
    """Choose what to merge, into what, and when. Everything the preview needs to plan the merge again."""

    EXISTING, NEW = "existing", "new"

    sources = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Organizations to merge"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    target_mode = forms.ChoiceField(
        label=gettext_lazy("Merge into"),
        choices=[(EXISTING, gettext_lazy("An existing organization")), (NEW, gettext_lazy("A new organization"))],
        initial=EXISTING,
        widget=forms.RadioSelect,
    )
    target = OrgChoiceField(
        label=gettext_lazy("Existing organization"), queryset=Organization.objects.none(), required=False
    )
    new_name = forms.CharField(label=gettext_lazy("Name of the new organization"), max_length=200, required=False)
    new_official_name = forms.CharField(label=gettext_lazy("Official name"), max_length=200, required=False)
    new_code = forms.CharField(label=gettext_lazy("Short code"), max_length=40, required=False)
    new_cell_type = forms.ChoiceField(
        label=gettext_lazy("Cell type (when merging cells)"),
        required=False,
        choices=[("", "—"), *CellType.choices],
    )
    new_parent = OrgChoiceField(
        label=gettext_lazy("Upper-level organization of the new one"),
        queryset=Organization.objects.none(),
        required=False,
    )
    on = DayField(
        label=gettext_lazy("Merged on"),
        initial=today,
        help_text=gettext_lazy("The first day of the merged organization; the old ones end the day before."),
    )
    carry_grants = forms.BooleanField(
        label=gettext_lazy(
            "Give the office and reader accounts of the merged organizations the same rights on the target"
        ),
        required=False,
    )

    def __init__(self, scope: Organization, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        children = Organization.objects.filter(parent=scope, dissolved_on__isnull=True).order_by("path")
        self.fields["sources"].queryset = children  # type: ignore[attr-defined]
        self.fields["target"].queryset = children  # type: ignore[attr-defined]
        self.fields["new_parent"].queryset = (  # type: ignore[attr-defined]
            orgs_visible(user, "org.manage")
            .filter(path__startswith=scope.path, dissolved_on__isnull=True)
            .exclude(kind=OrgKind.CELL)
            .order_by("path")
        )
        self.fields["new_parent"].initial = scope.pk

    def clean_new_code(self) -> str:
        code = self.cleaned_data.get("new_code", "")
        return clean_code(code) if code.strip() else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target_mode") == self.NEW:
            for name in ("new_name", "new_code", "new_parent"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed for a new organization."))
            sources = data.get("sources") or []
            if any(s.kind == OrgKind.CELL for s in sources) and not data.get("new_cell_type"):
                self.add_error("new_cell_type", _("Choose the type of cell."))
        elif not data.get("target") and "target" not in self.errors:
            self.add_error("target", _("Choose the organization to merge into."))
        return data

    def plan(self) -> MergePlan:
        """The merge these answers describe (call after is_valid())."""
        data = self.cleaned_data
        sources = sorted(data["sources"], key=lambda o: o.path)
        new_target = None
        target = None
        if data["target_mode"] == self.NEW:
            new_target = NewTarget(
                kind=sources[0].kind,
                code=data["new_code"],
                name=data["new_name"].strip(),
                official_name=data["new_official_name"].strip(),
                parent=data["new_parent"],
                cell_type=data["new_cell_type"],
            )
        else:
            target = data["target"]
        return plan_merge(sources, target, data["on"], new_target=new_target, carry_grants=data["carry_grants"])
