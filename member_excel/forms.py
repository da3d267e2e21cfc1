from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from member_excel.messages import render
from member_excel.reading import FileProblem, inspect
from orgs.models import Organization


class OrgChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.code})"


class UploadForm(forms.Form):
    organization = OrgChoiceField(
        label=_("Import into"),
        queryset=Organization.objects.none(),
        empty_label=None,
        help_text=_("Every row must name a cell of this organization."),
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.FileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        """Every check that needs no database: size, a real .xlsx, the sheet, the columns, at least one row."""
        upload = self.cleaned_data["file"]
        try:
            inspect(upload, upload.size or 0)
        except FileProblem as problem:
            raise forms.ValidationError(render(problem.code, problem.params), code=problem.code) from None
        return upload
