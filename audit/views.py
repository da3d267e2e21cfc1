from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts.permissions import scope_for
from audit.models import AuditEntry

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("By"), required=False, max_length=150)
    action = forms.CharField(label=_("Action"), required=False, max_length=60)
    q = forms.CharField(label=_("Object"), required=False, max_length=100)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail of everything under the organizations the user oversees."""
    scope = scope_for(request.user)
    if not (scope.is_superuser or scope.read_paths):
        raise PermissionDenied
    entries = AuditEntry.objects.all()
    if not scope.is_superuser:
        q = Q(pk__in=[])
        for path in scope.read_paths:
            q |= Q(org_path__startswith=path)
        entries = entries.filter(q)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor_name__icontains=data["actor"])
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"])
        if data["q"]:
            entries = entries.filter(object_repr__icontains=data["q"])
        if data["since"]:
            entries = entries.filter(at__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(at__date__lte=data["until"])
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
