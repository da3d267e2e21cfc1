"""Downloads of official documents as PDF or Word (see documents/queries.py for who may have which)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from documents import queries
from documents.official import OfficialDocument
from documents.render import render
from orgs.models import Organization


def file_response(content: bytes, content_type: str, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    # Documents name members: keep them out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _send(doc: OfficialDocument, org: Organization, fmt: str) -> HttpResponse:
    rendered = render(doc, org, fmt)
    # A PDF opens in the browser's viewer; a Word file is saved to be edited.
    return file_response(rendered.content, rendered.content_type, rendered.filename, inline=fmt == "pdf")


@login_required
def meeting_document(request: HttpRequest, meeting_id: int, kind: str, fmt: str) -> HttpResponse:
    doc, org = queries.meeting_document(request.user, meeting_id, kind)
    return _send(doc, org, fmt)


@login_required
def guidance_document(request: HttpRequest, guidance_id: int, fmt: str) -> HttpResponse:
    doc, org = queries.guidance_document(request.user, guidance_id)
    return _send(doc, org, fmt)


@login_required
def cell_guidance_document(request: HttpRequest, guidance_id: int, cell_id: int, fmt: str) -> HttpResponse:
    doc, org = queries.cell_guidance_document(request.user, guidance_id, cell_id)
    return _send(doc, org, fmt)
