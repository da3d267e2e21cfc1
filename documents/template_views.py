"""The office's Word templates: download the default, upload its own, go back to the default or to an earlier one.

Who may: the office of an organization above the cells (`org.manage`); the
cells under it use the nearest organization's template.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import access_org, require
from documents.actions import do_reset_template, do_restore_template, do_upload_template
from documents.docx_default import VARIABLES, default_template
from documents.forms import SeenForm, UploadForm
from documents.models import DocumentKind, TemplateVersion
from documents.render import DOCX
from documents.views import file_response
from documents.word_templates import overview, template_bytes
from orgs.models import Organization


def _office(request: HttpRequest, org_id: int, *, write: bool = False) -> Organization:
    org = access_org(request.user, org_id, "org.manage")
    if org.is_cell:
        raise Http404
    if write and not org.is_active:
        raise PermissionDenied
    return org


def _kind(kind: str) -> str:
    if kind not in DocumentKind.values:
        raise Http404
    return kind


def _back(org: Organization, kind: str) -> HttpResponse:
    return redirect(reverse("documents:templates", args=[org.pk]) + f"#{kind}")


def _refuse(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _label(kind: str) -> str:
    return str(DocumentKind(kind).label)


@login_required
def templates_page(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _office(request, org_id)
    rows = overview(org)
    for row in rows:
        seen = row.history[0].number if row.history else 0
        row.form = UploadForm(initial={"seen": seen}, auto_id=f"id_{row.kind}_%s")  # type: ignore[attr-defined]
        row.seen = seen  # type: ignore[attr-defined]
    context = {
        "org": org,
        "rows": rows,
        "variables": VARIABLES,
        "paragraph_tags": "{%p … %} / {{p … }}",
        "can_write": org.is_active,
    }
    return render(request, "documents/templates.html", context)


@login_required
def default(request: HttpRequest, org_id: int, kind: str) -> HttpResponse:
    _office(request, org_id)
    kind = _kind(kind)
    name = _("Default template - %(kind)s") % {"kind": _label(kind)}
    return file_response(default_template(kind), DOCX, f"{name}.docx")


@login_required
def current(request: HttpRequest, org_id: int, kind: str) -> HttpResponse:
    org = _office(request, org_id)
    kind = _kind(kind)
    content, _version = template_bytes(org, kind)
    name = _("Template in use - %(kind)s - %(org)s") % {"kind": _label(kind), "org": org.name}
    return file_response(content, DOCX, f"{name}.docx")


@login_required
@require_POST
def upload(request: HttpRequest, org_id: int, kind: str) -> HttpResponse:
    org = _office(request, org_id, write=True)
    kind = _kind(kind)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        _refuse(request, form)
        return _back(org, kind)
    upload = form.cleaned_data["file"]
    try:
        version = do_upload_template(
            request.user, org, kind, data=upload.read(), filename=upload.name or "", seen=form.cleaned_data["seen"]
        )
    except ValidationError as error:
        messages.error(request, _("The template was not accepted: %(why)s") % {"why": " ".join(error.messages)})
    else:
        messages.success(
            request,
            _("The template for “%(kind)s” is now version %(number)d; documents use it from now on.")
            % {"kind": _label(kind), "number": version.number},
        )
    return _back(org, kind)


@login_required
@require_POST
def reset(request: HttpRequest, org_id: int, kind: str) -> HttpResponse:
    org = _office(request, org_id, write=True)
    kind = _kind(kind)
    form = SeenForm(request.POST)
    if not form.is_valid():
        _refuse(request, form)
        return _back(org, kind)
    try:
        do_reset_template(request.user, org, kind, seen=form.cleaned_data["seen"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(kind)s” uses the default template again.") % {"kind": _label(kind)})
    return _back(org, kind)


def _version(request: HttpRequest, version_id: int, *, write: bool = False) -> TemplateVersion:
    try:
        version = TemplateVersion.objects.select_related("organization").get(pk=version_id, size__gt=0)
    except TemplateVersion.DoesNotExist:
        raise Http404 from None
    require(request.user, "org.manage", version.organization)
    if write and not version.organization.is_active:
        raise PermissionDenied
    return version


@login_required
def version_file(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    content = TemplateVersion.objects.values_list("content", flat=True).get(pk=version.pk)
    name = _("Template %(kind)s - version %(number)d") % {"kind": _label(version.kind), "number": version.number}
    return file_response(bytes(content or b""), DOCX, f"{name}.docx")


@login_required
@require_POST
def restore(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id, write=True)
    form = SeenForm(request.POST)
    if not form.is_valid():
        _refuse(request, form)
        return _back(version.organization, version.kind)
    try:
        restored = do_restore_template(request.user, version, seen=form.cleaned_data["seen"])
    except ValidationError as error:
        messages.error(request, _("The template was not accepted: %(why)s") % {"why": " ".join(error.messages)})
    else:
        messages.success(
            request,
            _("Version %(old)d is in use again, as version %(number)d.")
            % {"old": version.number, "number": restored.number},
        )
    return _back(version.organization, version.kind)
