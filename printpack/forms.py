from django import forms
from django.utils.translation import gettext_lazy as _

from printpack.pack import Who


class PackForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Print for"),
        choices=[
            (Who.ALL, _("Every member of the cell")),
            (Who.OFFLINE, _("Only members without an activated account (never logged in)")),
        ],
        required=False,
    )

    def chosen(self) -> str:
        return (self.cleaned_data.get("who") if self.is_valid() else "") or Who.ALL


class RotateForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class ConfirmForm(forms.Form):
    # The version of the member's attendance the list showed (0 before anyone saved it).
    version = forms.IntegerField(min_value=0)
