"""Pages of the commune's monthly guidance.

Who may: whoever may view the issuing organization (its office, upper
readers) reads its conferences, guidance and uptake; only its office
(`org.manage`) writes them. A cell's members and officers read the published
guidance meant for their cell on `for_cell`, and may open its files.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import access_org, has_perm
from core.dates import today
from guidance import queries
from guidance.actions import (
    do_add_item,
    do_create_guidance,
    do_delete_item,
    do_publish_guidance,
    do_record_conference,
    do_update_conference,
    do_update_guidance,
    do_update_item,
)
from guidance.files import CONTENT_TYPES, extension
from guidance.forms import (
    ConferenceForm,
    GuidanceCreateForm,
    GuidanceEditForm,
    ItemForm,
    VersionForm,
    parse_month,
)
from guidance.models import Conference, Guidance, GuidanceItem, month_start
from orgs.models import Organization


def _apply(form: Any, action: Callable[[dict[str, Any]], Any]) -> bool:
    """Run `action` for a valid form; a refusal from the action becomes a form error."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _issuer(request: HttpRequest, org_id: int, perm: str = "org.view") -> Organization:
    """An upper organization that writes guidance (not a cell), if the user holds `perm` on it."""
    org = access_org(request.user, org_id, perm)
    if org.is_cell:
        raise Http404
    if perm == "org.manage" and not org.is_active:
        raise PermissionDenied
    return org


def _managed(request: HttpRequest, guidance_id: int) -> Guidance:
    return queries.access_guidance(request.user, guidance_id, "org.manage")


@login_required
def guidance_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _issuer(request, org_id)
    context = {
        "org": org,
        "guidances": queries.guidances_of(org),
        "conferences": Conference.objects.filter(organization=org)[:12],
        "can_manage": has_perm(request.user, "org.manage", org) and org.is_active,
    }
    return render(request, "guidance/list.html", context)


@login_required
def conference_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _issuer(request, org_id, "org.manage")
    form = ConferenceForm(request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_record_conference(request.user, org, **data)

    if request.method == "POST" and _apply(form, act):
        messages.success(request, _("The conference was recorded."))
        return redirect("guidance:list", org.pk)
    return render(request, "guidance/conference_form.html", {"org": org, "form": form, "conference": None})


@login_required
def conference_edit(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = queries.access_conference(request.user, conference_id, "org.manage")
    org = conference.organization
    initial = {"held_on": conference.held_on, "attendees": conference.attendees, "conclusions": conference.conclusions}
    form = ConferenceForm(request.POST or None, initial=initial)

    def act(data: dict[str, Any]) -> None:
        do_update_conference(request.user, conference, **data)

    if request.method == "POST" and _apply(form, act):
        messages.success(request, _("The conference was updated."))
        return redirect("guidance:list", org.pk)
    return render(request, "guidance/conference_form.html", {"org": org, "form": form, "conference": conference})


def _free_month(org: Organization) -> dt.date:
    """This month if it has no guidance yet, otherwise the first free month after it."""
    month = month_start(today())
    taken = set(Guidance.objects.filter(organization=org, month__gte=month).values_list("month", flat=True))
    while month in taken:
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return month


@login_required
def guidance_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _issuer(request, org_id, "org.manage")
    latest = Conference.objects.filter(organization=org).first()
    form = GuidanceCreateForm(org, request.POST or None, initial={"month": _free_month(org), "conference": latest})
    created: list[Guidance] = []

    def act(data: dict[str, Any]) -> None:
        created.append(do_create_guidance(request.user, org, **data))

    if request.method == "POST" and _apply(form, act):
        messages.success(request, _("The draft guidance was created. Add its points, then publish it."))
        return redirect("guidance:detail", created[0].pk)
    return render(request, "guidance/guidance_form.html", {"org": org, "form": form, "guidance": None})


@login_required
def guidance_detail(request: HttpRequest, guidance_id: int) -> HttpResponse:
    guidance = queries.access_guidance(request.user, guidance_id)
    items = list(guidance.items.all())
    context = {
        "org": guidance.organization,
        "guidance": guidance,
        "groups": queries.items_by_kind(items),
        "item_count": len(items),
        "corrections": queries.corrections(guidance),
        "can_manage": has_perm(request.user, "org.manage", guidance.organization),
    }
    return render(request, "guidance/detail.html", context)


@login_required
def guidance_edit(request: HttpRequest, guidance_id: int) -> HttpResponse:
    guidance = _managed(request, guidance_id)
    initial = {
        "title": guidance.title,
        "summary": guidance.summary,
        "conference": guidance.conference,
        "version": guidance.version,
    }
    form = GuidanceEditForm(guidance.organization, request.POST or None, initial=initial)

    def act(data: dict[str, Any]) -> None:
        do_update_guidance(request.user, guidance, **data)

    if request.method == "POST" and _apply(form, act):
        messages.success(request, _("The guidance was saved."))
        return redirect("guidance:detail", guidance.pk)
    context = {"org": guidance.organization, "form": form, "guidance": guidance}
    return render(request, "guidance/guidance_form.html", context)


@login_required
def item_add(request: HttpRequest, guidance_id: int) -> HttpResponse:
    guidance = _managed(request, guidance_id)
    form = ItemForm(request.POST or None, request.FILES or None, initial={"version": guidance.version})

    def act(data: dict[str, Any]) -> None:
        data.pop("remove_file", None)
        do_add_item(request.user, guidance, **data)

    if request.method == "POST" and _apply(form, act):
        messages.success(request, _("The point was added."))
        return redirect("guidance:detail", guidance.pk)
    return render(
        request, "guidance/item_form.html", {"org": guidance.organization, "guidance": guidance, "form": form}
    )


@login_required
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = queries.access_item(request.user, item_id, "org.manage")
    guidance = item.guidance
    initial = {
        "version": guidance.version,
        "kind": item.kind,
        "title": item.title,
        "body": item.body,
        "cell_types": item.cell_types,
    }
    form = ItemForm(request.POST or None, request.FILES or None, initial=initial, item=item)

    def act(data: dict[str, Any]) -> None:
        do_update_item(request.user, item, **data)

    if request.method == "POST" and _apply(form, act):
        messages.success(request, _("The point was saved."))
        return redirect("guidance:detail", guidance.pk)
    context = {"org": guidance.organization, "guidance": guidance, "form": form, "item": item}
    return render(request, "guidance/item_form.html", context)


def _refusal(request: HttpRequest, form: VersionForm) -> None:
    for error in form.non_field_errors() or [_("The page was out of date. Nothing was changed.")]:
        messages.error(request, str(error))


@login_required
@require_POST
def item_delete(request: HttpRequest, guidance_id: int, item_id: int) -> HttpResponse:
    guidance = _managed(request, guidance_id)
    item = guidance.items.filter(pk=item_id).first()
    if item is None:
        # Already removed, by a double submit or by a colleague.
        messages.info(request, _("That point no longer exists."))
        return redirect("guidance:detail", guidance.pk)
    item.guidance = guidance
    form = VersionForm(request.POST)

    def act(data: dict[str, Any]) -> None:
        do_delete_item(request.user, item, version=data["version"])

    if _apply(form, act):
        messages.success(request, _("The point “%(title)s” was removed.") % {"title": item.title})
    else:
        _refusal(request, form)
    return redirect("guidance:detail", guidance.pk)


@login_required
@require_POST
def publish(request: HttpRequest, guidance_id: int) -> HttpResponse:
    guidance = _managed(request, guidance_id)
    form = VersionForm(request.POST)

    def act(data: dict[str, Any]) -> None:
        do_publish_guidance(request.user, guidance, version=data["version"])

    if _apply(form, act):
        messages.success(request, _("The guidance was published; the cells can now see it."))
    else:
        _refusal(request, form)
    return redirect("guidance:detail", guidance.pk)


@login_required
def uptake(request: HttpRequest, guidance_id: int) -> HttpResponse:
    guidance = queries.access_guidance(request.user, guidance_id)
    context = {"org": guidance.organization, "guidance": guidance, "uptake": queries.uptake(guidance)}
    return render(request, "guidance/uptake.html", context)


def _shift(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@login_required
def for_cell(request: HttpRequest, org_id: int) -> HttpResponse:
    cell = access_org(request.user, org_id)
    if not cell.is_cell:
        raise Http404
    month = month_start(today())
    if request.GET.get("month"):
        asked = parse_month(request.GET["month"])
        if asked is None:
            messages.warning(request, _("That month was not understood; showing this month instead."))
        else:
            month = asked
    guidance, items = queries.guidance_for_cell(cell, month)
    context: dict[str, Any] = {
        "org": cell,
        "month": month,
        "previous": _shift(month, -1),
        "next": _shift(month, 1),
        "guidance": guidance,
    }
    if guidance is not None:
        found = queries.corrections(guidance)
        relevant = [c for c in found if c.affects(cell.cell_type)]
        corrected = {c.item_id: c.at for c in relevant if c.item_id and not c.removed_for(cell.cell_type)}
        for item in items:
            # Read by guidance/_item.html to mark the points changed since publication.
            item.corrected_at = corrected.get(item.pk)  # type: ignore[attr-defined]
        context |= {
            "groups": queries.items_by_kind(items),
            "corrections": relevant,
            "removed": [c for c in relevant if c.removed_for(cell.cell_type)],
            "mine": queries.cell_uptake(cell, guidance, found),
            "can_read_issuer": has_perm(request.user, "org.view", guidance.organization),
        }
    return render(request, "guidance/for_cell.html", context)


@login_required
def item_file(request: HttpRequest, item_id: int) -> FileResponse:
    try:
        item = GuidanceItem.objects.select_related("guidance__organization").get(pk=item_id)
    except GuidanceItem.DoesNotExist:
        raise Http404 from None
    if not queries.may_read_item(request.user, item):
        raise PermissionDenied
    if not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = PurePath(item.file.name or "").name
    ext = extension(name)
    download = f"{item.title[:80]}{ext}".replace("/", "-")
    response = FileResponse(handle, as_attachment=True, filename=download)
    response["Content-Type"] = CONTENT_TYPES.get(ext, "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response
