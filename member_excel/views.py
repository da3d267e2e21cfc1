import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.permissions import members_visible, orgs_visible
from core.dates import today, vn_short_date
from member_excel.actions import do_claim_commit, do_create_batch, do_queue_recheck
from member_excel.forms import UploadForm
from member_excel.messages import render as render_message
from member_excel.models import BatchStatus, ImportBatch, RowKind
from member_excel.queries import access_batch, importable_orgs, may_export, present_rows, recent_batches
from member_excel.rows import RowList
from member_excel.tasks import start_commit, start_validation
from member_excel.workbook import write_members
from members.filters import MemberFilterForm
from orgs.models import OrgKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def _workbook_response(members, cells, filename: str) -> FileResponse:  # type: ignore[no-untyped-def]
    # Written to a temporary file, not memory; the response closes (and so deletes) it.
    dest = tempfile.TemporaryFile()
    write_members(dest, members, cells)
    dest.seek(0)
    return FileResponse(dest, as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def template(request: HttpRequest) -> FileResponse:
    """The blank workbook, listing the cells the user may import into."""
    orgs = importable_orgs(request.user)
    cells = list(orgs.filter(kind=OrgKind.CELL))
    if not cells:
        raise PermissionDenied
    return _workbook_response([], cells, _("member-list-template") + ".xlsx")


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    orgs = importable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied
    initial = {"organization": request.GET.get("org")} if request.GET.get("org", "").isdigit() else {}
    form = UploadForm(request.POST or None, request.FILES or None, orgs=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        batch = do_create_batch(
            request.user,
            organization=form.cleaned_data["organization"],
            upload=form.cleaned_data["file"],
        )
        start_validation(batch)
        return redirect("member_excel:batch", batch_id=batch.pk)
    context = {
        "form": form,
        "batches": recent_batches(request.user),
        "max_mb": settings.MEMBER_IMPORT_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "member_excel/upload.html", context)


def _batch_context(batch: ImportBatch) -> dict:  # type: ignore[type-arg]
    failure = batch.failure or {}
    return {
        "batch": batch,
        "failure": render_message(failure["code"], failure.get("params")) if failure.get("code") else "",
        "can_recheck": bool(batch.file) and batch.status in (BatchStatus.READY, BatchStatus.FAILED),
        "Status": BatchStatus,
    }


@login_required
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = access_batch(request.user, batch_id)
    kind = request.GET.get("kind", "")
    if kind not in RowKind.values:
        kind = ""
    rows = RowList(batch, kind)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type,var-annotated]
    context = _batch_context(batch)
    context.update(
        {
            "kind": kind,
            "page": page,
            "rows": present_rows(batch, page.object_list),
            "tabs": [
                ("", _("All"), batch.total_rows),
                (RowKind.ERROR, _("Errors"), batch.error_count),
                (RowKind.WARNING, _("Warnings"), batch.warning_count),
                (RowKind.NEW, _("New"), batch.new_count),
                (RowKind.UPDATE, _("Updates"), batch.update_count),
                (RowKind.UNCHANGED, _("Unchanged"), batch.unchanged_count),
            ],
        }
    )
    template_name = "member_excel/_rows.html" if request.htmx else "member_excel/batch.html"  # type: ignore[attr-defined]
    return render(request, template_name, context)


@login_required
def progress(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The status box, polled while the batch is being checked or written; reloads the page when done."""
    batch = access_batch(request.user, batch_id)
    if request.htmx and not batch.is_busy:  # type: ignore[attr-defined]
        return HttpResponseClientRefresh()
    return render(request, "member_excel/_status.html", _batch_context(batch))


@login_required
@require_POST
def commit(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = access_batch(request.user, batch_id)
    if do_claim_commit(request.user, batch):
        start_commit(batch)
        batch.refresh_from_db()
        if batch.status == BatchStatus.COMMITTED:
            messages.success(request, _("The members were imported."))
    else:
        messages.warning(request, _why_not(batch))
    return redirect("member_excel:batch", batch_id=batch.pk)


def _why_not(batch: ImportBatch) -> str:
    if batch.status == BatchStatus.COMMITTED:
        return _("This file was already imported on %(day)s. Nothing was written again.") % {
            "day": vn_short_date(batch.committed_at)
        }
    if batch.status == BatchStatus.COMMITTING:
        return _("This import is already being written. Nothing more was done.")
    if batch.is_busy:
        return _("The file is still being checked. Wait for the preview before importing.")
    if batch.status == BatchStatus.FAILED:
        return _("This import failed; nothing was written. Check the file again or upload a corrected one.")
    if batch.error_count:
        return _("Nothing was written: correct the rows with errors in your file, then upload it again.")
    return _("Nothing to import: every row is already up to date.")


@login_required
@require_POST
def recheck(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Check the same file again, e.g. after someone changed a member since the preview."""
    batch = access_batch(request.user, batch_id)
    if do_queue_recheck(batch):
        batch.refresh_from_db()
        start_validation(batch)
    else:
        messages.warning(request, _why_not(batch))
    return redirect("member_excel:batch", batch_id=batch.pk)


@login_required
def export(request: HttpRequest) -> FileResponse:
    """The member list, filtered as on its page, as a workbook the import can read back."""
    if not may_export(request.user):
        raise PermissionDenied
    form = MemberFilterForm(request.GET or None)
    members = form.filter(members_visible(request.user), orgs_visible(request.user, "org.view_members"))
    members = members.select_related("organization")
    cells = importable_orgs(request.user).filter(kind=OrgKind.CELL)
    filename = _("party-members-%(day)s") % {"day": today().strftime("%Y%m%d")} + ".xlsx"
    return _workbook_response(members.iterator(chunk_size=2000), cells, filename)
