"""Quality pages: a meeting's sheet (read by the cell, scored by its officers) and the year of a commune or cell.

Who may: whoever sees a meeting reads its sheet; its officers and the office
(`meeting.manage`) score the cell's own criteria and recompute. The
commune's year is for its office and readers (and those above); a cell's
year for its officers and follow-up cadre too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import access_org, has_perm, orgs_visible
from meetings.models import Meeting, Minutes
from orgs.models import OrgKind
from quality import actions
from quality.excel import XLSX, workbook
from quality.forms import ScoreForm, year_from
from quality.measures import measure_meetings
from quality.models import MeetingEvaluation
from quality.queries import access_meeting, quality_year
from rules.lookup import PackIndex


def _groups(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["group"]].append(row)
    return list(grouped.items())


def _sheet_page(request: HttpRequest, meeting: Meeting, form: ScoreForm | None = None) -> HttpResponse:
    evaluation = MeetingEvaluation.objects.filter(meeting=meeting).select_related("pack", "adopted_by").first()
    can_manage = has_perm(request.user, "meeting.manage", meeting)
    started = meeting.status in actions.STARTED
    minutes_adopted = Minutes.objects.filter(meeting=meeting, status="adopted").exists()
    index = PackIndex.load()
    found = actions.sheet_for(meeting, index)
    context: dict[str, Any] = {
        "meeting": meeting,
        "evaluation": evaluation,
        "can_manage": can_manage,
        "started": started,
        "has_sheet": found is not None,
        "can_see_cell": has_perm(request.user, "org.view_members", meeting.organization),
    }
    if evaluation is not None:
        context |= {"groups": _groups(evaluation.rows), "total": evaluation.total, "max_total": evaluation.max_total}
        context |= {"level": evaluation.level_title, "rank": evaluation.level_rank, "notes": evaluation.notes}
        context["pack_label"] = evaluation.pack.label
    elif found is not None and started:
        # Not saved yet: what the records give today, with nothing scored by the cell.
        pack, sheet = found
        result = actions.score(sheet, measure_meetings([meeting], index)[meeting.pk], {})
        rows = [vars(row) | {"full": row.full} for row in result.rows]
        context |= {"groups": _groups(rows), "total": result.total, "max_total": result.max_total, "preview": True}
        context |= {"level": result.level.title, "rank": result.level_rank, "notes": result.notes}
        context["pack_label"] = pack.label
    editable = can_manage and started and found is not None and not minutes_adopted
    if editable and not (evaluation and evaluation.is_adopted):
        if form is None:
            initial: dict[str, Any] = {"version": evaluation.version if evaluation else 0}
            for key, entry in (evaluation.manual if evaluation else {}).items():
                initial[f"{key}-points"], initial[f"{key}-note"] = entry.get("points"), entry.get("note", "")
            form = ScoreForm(initial=initial, sheet=found[1])  # type: ignore[index]
        context["form"] = form
    return render(request, "quality/meeting.html", context)


@login_required
def meeting_sheet(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _sheet_page(request, access_meeting(request.user, meeting_id))


def _back(meeting: Meeting) -> HttpResponse:
    return redirect("quality:meeting", meeting.pk)


@login_required
@require_POST
def score(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    found = actions.sheet_for(meeting, PackIndex.load())
    if found is None:
        messages.error(request, _("No score sheet in force applies to this kind of meeting."))
        return _back(meeting)
    form = ScoreForm(request.POST, sheet=found[1])
    if not form.is_valid():
        return _sheet_page(request, meeting, form)
    try:
        evaluation = actions.do_score(request.user, meeting, scores=form.scores(), version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(meeting)
    messages.success(
        request,
        _("The scores were saved: %(total)d/%(max)d points, %(level)s.")
        % {"total": evaluation.total, "max": evaluation.max_total, "level": evaluation.level_title},
    )
    return _back(meeting)


@login_required
@require_POST
def recompute(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(request.user, meeting_id, "meeting.manage")
    try:
        evaluation = actions.do_recompute(request.user, meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(meeting)
    messages.success(
        request,
        _("Measured again from the records: %(total)d/%(max)d points, %(level)s.")
        % {"total": evaluation.total, "max": evaluation.max_total, "level": evaluation.level_title},
    )
    return _back(meeting)


def _commune(request: HttpRequest, org_id: int):  # type: ignore[no-untyped-def]
    org = access_org(request.user, org_id, "org.view_members")
    if org.kind != OrgKind.COMMUNE:
        raise Http404
    year = year_from(request.GET.get("year"))
    return quality_year(orgs_visible(request.user, "org.view_members"), org, year)


@login_required
def commune(request: HttpRequest, org_id: int) -> HttpResponse:
    report = _commune(request, org_id)
    return render(request, "quality/commune.html", {"report": report})


@login_required
def commune_export(request: HttpRequest, org_id: int) -> HttpResponse:
    report = _commune(request, org_id)
    response = HttpResponse(workbook(report), content_type=XLSX)
    filename = f"chat-luong-sinh-hoat-{report.org.code}-{report.year}.xlsx".lower()
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def cell(request: HttpRequest, cell_id: int) -> HttpResponse:
    org = access_org(request.user, cell_id, "org.view_members")
    if org.kind != OrgKind.CELL:
        raise Http404
    report = quality_year(None, org, year_from(request.GET.get("year")))
    return render(request, "quality/cell.html", {"report": report, "row": report.rows[0]})
