from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or phone number"), max_length=150)

    error_messages = {
        "invalid_login": _("Wrong username, phone number or password."),
        "inactive": _("This account is disabled."),
    }


class ActivationForm(forms.Form):
    username = forms.CharField(label=_("Username or phone number"), max_length=150)
    code = forms.CharField(label=_("Activation code"), max_length=20)
    new_password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput, strip=False)
    new_password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict:  # type: ignore[type-arg]
        from django.contrib.auth.password_validation import validate_password
        from django.db.models import Q

        from accounts.activation import find_valid_code
        from accounts.models import User

        data = super().clean() or {}
        login = (data.get("username") or "").strip()
        digits = "".join(ch for ch in login if ch.isdigit())
        query = Q(username__iexact=login) | (Q(phone=digits) if len(digits) >= 9 else Q(pk__in=[]))
        users = list(User.objects.filter(query, is_active=True)[:2])
        code = find_valid_code(users[0], data.get("code") or "") if len(users) == 1 else None
        if code is None:
            raise forms.ValidationError(
                _(
                    "The username or activation code is wrong, already used or expired. "
                    "Ask your cell secretary for a new slip."
                )
            )
        self.user = users[0]
        self.activation_code = code
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if p1 != p2:
            self.add_error("new_password2", _("The two passwords do not match."))
        elif p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return data
