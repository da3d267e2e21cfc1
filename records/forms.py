"""Input for minutes, resolutions, amendments and task updates. The rules themselves live in the actions."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import TaskStatus
from members.models import Member, MemberState
from orgs.forms import DayField
from orgs.models import Organization

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class MinutesForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Text of the minutes"), widget=forms.Textarea(attrs={"rows": 24}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class AdoptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    read_back = forms.BooleanField(
        label=gettext_lazy("The text was read back to the meeting and the cell approved it."),
        error_messages={"required": gettext_lazy("Confirm that the text was read back and approved.")},
    )


class ResolutionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    body = forms.CharField(label=gettext_lazy("Text of the resolution"), widget=forms.Textarea(attrs={"rows": 16}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class TaskForm(forms.Form):
    what = forms.CharField(label=gettext_lazy("Task"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Member in charge"), queryset=Member.objects.none(), required=False
    )
    assignee_text = forms.CharField(
        label=gettext_lazy("Or who (text)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: Chi ủy, all party members."),
    )
    due_on = DayField(label=gettext_lazy("Due on"), required=False)

    def __init__(self, *args: Any, cell: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = Member.objects.filter(organization=cell, state=MemberState.ACTIVE).order_by(
            "full_name"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("what") or "").strip():
            return data
        if data.get("assignee") is None and not (data.get("assignee_text") or "").strip():
            self.add_error("assignee", _("Say who carries out this task: a member, or a text such as “Chi ủy”."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("what") or "").strip()


class BaseTaskFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, cell: Organization, **kwargs: Any) -> None:
        self.cell = cell
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"cell": self.cell}

    def tasks(self) -> list[dict[str, Any]]:
        """The filled rows as the action takes them; blank rows are left out."""
        rows = []
        for form in self.forms:
            if not form.cleaned_data or form.is_blank:
                continue
            data = form.cleaned_data
            rows.append(
                {
                    "what": data["what"],
                    "assignee": data.get("assignee"),
                    "assignee_text": data.get("assignee_text") or "",
                    "due_on": data.get("due_on"),
                }
            )
        return rows


TaskFormSet = forms.formset_factory(TaskForm, formset=BaseTaskFormSet, extra=3, max_num=60, validate_max=True)


class AmendmentForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=255)
    text = forms.CharField(label=gettext_lazy("Correction"), widget=forms.Textarea(attrs={"rows": 6}))


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=TaskStatus.choices)
    note = forms.CharField(
        label=gettext_lazy("Note or evidence"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    file = forms.FileField(label=gettext_lazy("Evidence file"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, may_decide: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_decide:
            self.fields["status"].choices = [c for c in TaskStatus.choices if c[0] != TaskStatus.DROPPED]

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and file.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."))
        return file


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[("", gettext_lazy("All"))] + TaskStatus.choices, required=False
    )
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Member in charge"), queryset=Member.objects.none(), required=False
    )

    def __init__(self, *args: Any, cell: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = Member.objects.filter(organization=cell).order_by("full_name")
