"""Pages of the rule packs: list, plain-language detail, copy, edit, publish, withdraw, JSON in and out.

Rights are decided in rules.queries: anyone logged in reads the packs in use
(they are regulations), an office copies any pack into a draft for an
organization it manages, and edits, publishes or withdraws the packs of the
organizations it manages.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.dates import today, vn_short_date
from core.forms import apply_action
from rules import describe
from rules.actions import (
    conflict_message,
    do_copy_pack,
    do_discard_draft,
    do_import_data,
    do_publish_pack,
    do_remove_sheet,
    do_save_sheet,
    do_update_pack,
    do_withdraw_pack,
    plan_publish,
)
from rules.forms import CopyForm, ImportForm, PackForm, SheetEditor, VersionForm
from rules.models import RulePack
from rules.queries import access_pack, copy_targets, may_copy, may_manage, packs_for
from rules.shipped import pack_data


def _detail(pack: RulePack) -> HttpResponse:
    return redirect("rules:detail", pack.pk)


def _version(request: HttpRequest) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def pack_list(request: HttpRequest) -> HttpResponse:
    packs = list(packs_for(request.user))
    return render(request, "rules/list.html", {"packs": packs, "can_copy": may_copy(request.user)})


@login_required
def pack_detail(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = access_pack(request.user, pack_id)
    rules = pack.rules
    can_manage = may_manage(request.user, pack)
    context: dict[str, Any] = {
        "pack": pack,
        "thresholds": describe.threshold_lines(rules),
        "durations": describe.duration_lines(rules),
        "sheets": describe.sheet_views(rules),
        "can_manage": can_manage,
        "can_edit": can_manage and pack.is_draft,
        "can_copy": may_copy(request.user),
    }
    if context["can_edit"]:
        plan = plan_publish(pack)
        context["conflicts"] = [conflict_message(other) for other in plan.conflicts]
        context["closes"] = plan.closes
        context["close_on"] = pack.effective_from - dt.timedelta(days=1)
    return render(request, "rules/detail.html", context)


@login_required
def pack_copy(request: HttpRequest, pack_id: int) -> HttpResponse:
    source = access_pack(request.user, pack_id, "copy")
    targets = copy_targets(request.user)
    if not targets.exists():
        raise PermissionDenied
    next_month = (today() + relativedelta(months=1)).replace(day=1)
    form = CopyForm(targets, request.POST or None, initial={"name": source.name, "effective_from": next_month})
    made: list[RulePack] = []

    def act(data: dict[str, Any]) -> None:
        made.append(do_copy_pack(request.user, source, **data))

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The draft was made. Change what differs, then publish it."))
        return _detail(made[0])
    return render(request, "rules/copy.html", {"source": source, "form": form})


@login_required
def pack_edit(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = access_pack(request.user, pack_id, "manage")
    if not pack.is_draft:
        messages.error(request, _("This rule pack is in use or withdrawn and can no longer change: copy it instead."))
        return _detail(pack)
    form = PackForm(pack, request.POST or None)

    def act(data: dict[str, Any]) -> None:
        do_update_pack(
            request.user,
            pack,
            version=data["version"],
            name=data["name"],
            description=data["description"],
            effective_from=data["effective_from"],
            effective_to=data.get("effective_to"),
            data=form.pack_data,
        )

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The rules were saved."))
        return _detail(pack)
    return render(request, "rules/edit.html", {"pack": pack, "form": form})


def _sheet_page(request: HttpRequest, pack: RulePack, number: int | None, start: dict[str, Any] | None) -> HttpResponse:
    editor = SheetEditor(pack, number, request.POST if request.method == "POST" else None, start)
    if request.method == "POST" and editor.is_valid():
        try:
            do_save_sheet(
                request.user, pack, version=editor.version.cleaned_data["version"], number=number, sheet=editor.sheet
            )
        except ValidationError as error:
            editor.form.add_error(None, error)
        else:
            if number is None:
                messages.success(request, _("The score sheet was added."))
                return _detail(pack)
            messages.success(request, _("The score sheet was saved."))
            if editor.moved_to is not None:
                url = reverse("rules:sheet_edit", args=[pack.pk, number])
                return redirect(f"{url}?open={editor.moved_to}#c{editor.moved_to}")
            return redirect(reverse("rules:detail", args=[pack.pk]) + f"#sheet-{number}")
    context = {
        "pack": pack,
        "editor": editor,
        "number": number,
        "sources": describe.source_help(),
        "open": int(request.GET["open"]) if request.GET.get("open", "").isdigit() else None,
    }
    return render(request, "rules/sheet.html", context)


def _draft(request: HttpRequest, pack_id: int) -> RulePack:
    pack = access_pack(request.user, pack_id, "manage")
    if not pack.is_draft:
        raise PermissionDenied
    return pack


@login_required
def sheet_edit(request: HttpRequest, pack_id: int, number: int) -> HttpResponse:
    pack = _draft(request, pack_id)
    if not 1 <= number <= len(pack.rules.sheets):
        raise Http404
    return _sheet_page(request, pack, number, None)


@login_required
def sheet_add(request: HttpRequest, pack_id: int) -> HttpResponse:
    """A new sheet, started from a copy of one of the pack's sheets (or the national default's)."""
    pack = _draft(request, pack_id)
    sheets = pack.data.get("quality", {}).get("sheets", []) or pack_data("hd12-binh-thuan")["quality"]["sheets"]
    number = request.GET.get("from", "1")
    start = dict(sheets[int(number) - 1] if number.isdigit() and 1 <= int(number) <= len(sheets) else sheets[0])
    start["kinds"] = []
    return _sheet_page(request, pack, None, start)


@login_required
@require_POST
def sheet_remove(request: HttpRequest, pack_id: int, number: int) -> HttpResponse:
    pack = _draft(request, pack_id)
    try:
        do_remove_sheet(request.user, pack, version=_version(request) or 0, number=number)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The score sheet was removed."))
    return _detail(pack)


@login_required
def pack_export(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = access_pack(request.user, pack_id)
    body = json.dumps(pack.data, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pack.code}-v{pack.version}.json"'
    return response


@login_required
def pack_import(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = _draft(request, pack_id)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"version": pack.edit_version})

    def act(data: dict[str, Any]) -> None:
        do_import_data(request.user, pack, version=data["version"], data=data["data"])

    if request.method == "POST" and apply_action(form, act):
        messages.success(request, _("The rules were replaced by the JSON you sent."))
        return _detail(pack)
    return render(request, "rules/import.html", {"pack": pack, "form": form})


@login_required
@require_POST
def pack_publish(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = access_pack(request.user, pack_id, "manage")
    try:
        published, closed = do_publish_pack(request.user, pack, version=_version(request) or 0)
    except ValidationError as error:
        pack.refresh_from_db()
        if pack.is_published:  # a second click on the button: the first one did it
            messages.info(request, _("This rule pack is in use."))
        else:
            _refused(request, error)
        return _detail(pack)
    messages.success(
        request, _("The rule pack is in use from %(date)s.") % {"date": vn_short_date(published.effective_from)}
    )
    if closed is not None:
        values = {"other": closed.label, "date": vn_short_date(closed.effective_to)}
        messages.info(request, _('"%(other)s" now ends on %(date)s.') % values)
    return _detail(published)


@login_required
@require_POST
def pack_withdraw(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = access_pack(request.user, pack_id, "manage")
    try:
        do_withdraw_pack(request.user, pack, version=_version(request) or 0)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The rule pack was withdrawn: meetings now follow the pack of the level above."))
    return _detail(pack)


@login_required
@require_POST
def pack_discard(request: HttpRequest, pack_id: int) -> HttpResponse:
    if not RulePack.objects.filter(pk=pack_id).exists():  # a second click: the first one deleted it
        return redirect("rules:list")
    pack = _draft(request, pack_id)
    try:
        do_discard_draft(request.user, pack, version=_version(request) or 0)
    except ValidationError as error:
        _refused(request, error)
        return _detail(pack)
    messages.success(request, _("The draft was deleted."))
    return redirect("rules:list")
