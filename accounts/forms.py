from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.utils.translation import gettext_lazy as _

from accounts.activation import CodeStatus, find_code
from accounts.backends import find_account
from accounts.models import ActivationCode, User
from accounts.queries import CellGroup


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or phone number"), max_length=150)

    error_messages = {
        "invalid_login": _("Wrong username, phone number or password."),
        "inactive": _("This account is disabled."),
    }


_CODE_ERRORS = {
    CodeStatus.WRONG: _(
        "The username or the activation code is wrong. Check the slip, or ask your cell secretary for a new one."
    ),
    CodeStatus.USED: _("This code has already been used. Log in with your password, or ask for a new slip."),
    CodeStatus.REVOKED: _("This code was replaced by a newer slip. Use the code on the newest slip."),
    CodeStatus.EXPIRED: _("This code has expired. Ask your cell secretary for a new slip."),
}


def code_error(status: str) -> str:
    return str(_CODE_ERRORS.get(status, _CODE_ERRORS[CodeStatus.WRONG]))


class ActivationForm(forms.Form):
    username = forms.CharField(label=_("Username or phone number"), max_length=150)
    code = forms.CharField(label=_("Activation code"), max_length=20)
    new_password1 = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_validators_help_text_html()
        self.user: User | None = None
        self.code_status = CodeStatus.WRONG
        self.activation_code: ActivationCode | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "username" not in data or "code" not in data:
            return data
        self.user = find_account(data["username"])
        if self.user is not None:
            self.code_status, self.activation_code = find_code(self.user, data["code"])
        if self.code_status != CodeStatus.VALID:
            raise forms.ValidationError(_CODE_ERRORS[self.code_status], code=self.code_status)
        assert self.user is not None
        if not self.user.is_active:
            raise forms.ValidationError(
                _("This account is disabled. Ask the commune office to enable it."), code="inactive"
            )
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", _("The two passwords do not match."))
        elif p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return data


class IssueForm(forms.Form):
    """The members chosen on the list, and the seed of the form that showed them."""

    seed = forms.CharField(widget=forms.HiddenInput)
    members = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": _("Choose at least one member."),
            "invalid_choice": _(
                "Some of the chosen members can no longer receive a code here "
                "(moved to another cell, left, or their account changed). The list has been reloaded."
            ),
        },
    )
    as_pdf = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, groups: list[CellGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = {row.member.pk: row for group in groups for row in group.rows if row.selectable}
        members_field = cast(forms.TypedMultipleChoiceField, self.fields["members"])
        members_field.choices = [(pk, row.member.full_name) for pk, row in self.rows.items()]

    def chosen_members(self) -> list[Any]:
        chosen = set(self.cleaned_data["members"])
        return [row.member for pk, row in self.rows.items() if pk in chosen]


class SlipSeedForm(forms.Form):
    """The confirmation of a reset: the seed of the form, and whether a PDF is wanted."""

    seed = forms.CharField(widget=forms.HiddenInput)
    as_pdf = forms.BooleanField(required=False, widget=forms.HiddenInput)
