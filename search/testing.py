"""Records with chosen words, for the search tests, built through the same actions the pages use."""

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Meeting, Minutes, Resolution
from orgs.models import Organization
from records.actions import (
    do_adopt_minutes,
    do_adopt_resolution,
    do_draft_minutes,
    do_draft_resolution,
    do_save_minutes,
    do_save_resolution,
)
from records.testing import held_meeting
from search.queries import Filters, search


def found(user: Any, text: str, **filters: Any) -> list[tuple[str, int]]:
    """(source, object id) of every result `user` gets for `text`, best first."""
    # A fresh account each time: rights are cached on the account for the length of a request.
    results = search(type(user).objects.get(pk=user.pk), text, Filters(**filters))
    hits = [(hit.row.source, hit.row.object_id) for hit in results.hits]
    assert len(hits) == min(results.total, 20)
    return hits


def minutes_saying(
    actor: Any, cell: Organization, body: str, *, adopt: bool = True, day: dt.date = dt.date(2026, 11, 10), **extra: Any
) -> Minutes:
    meeting = held_meeting(cell, day=day, **extra)
    minutes = do_draft_minutes(actor, meeting)
    minutes = do_save_minutes(actor, minutes, body=body, version=minutes.version)
    return do_adopt_minutes(actor, minutes, version=minutes.version) if adopt else minutes


def resolution_saying(
    actor: Any,
    cell: Organization,
    title: str,
    body: str,
    *,
    adopt: bool = True,
    meeting: Meeting | None = None,
    day: dt.date = dt.date(2026, 11, 10),
) -> Resolution:
    meeting = meeting or held_meeting(cell, day=day)
    resolution = do_draft_resolution(actor, meeting)
    resolution = do_save_resolution(actor, resolution, title=title, body=body, tasks=[], version=resolution.version)
    return do_adopt_resolution(actor, resolution, version=resolution.version) if adopt else resolution


def docx_upload(text: str, name: str = "tai-lieu.docx") -> SimpleUploadedFile:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Phụ lục"
    table.rows[0].cells[1].text = "Bảng kê"
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_upload(text: str, name: str = "tai-lieu.pdf") -> SimpleUploadedFile:
    """A real PDF with `text` on its page (drawn by WeasyPrint, with the fonts of the system)."""
    from django.utils.html import escape
    from weasyprint import HTML

    content = HTML(string=f"<html lang='vi'><body><p>{escape(text)}</p></body></html>").write_pdf()
    return SimpleUploadedFile(name, content)
