from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.activation import do_activate
from accounts.forms import ActivationForm


def activate(request: HttpRequest) -> HttpResponse:
    """First log-in: the member types the code from their slip and chooses a password."""
    initial = {"username": request.GET.get("u", ""), "code": request.GET.get("c", "")}
    form = ActivationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = form.user
        do_activate(user, form.activation_code, form.cleaned_data["new_password1"])
        login(request, user, backend="accounts.backends.UsernameOrPhoneBackend")
        messages.success(request, _("Your account is active. Welcome!"))
        return redirect("home:home")
    return render(request, "accounts/activate.html", {"form": form})
