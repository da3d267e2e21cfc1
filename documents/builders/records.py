"""The minutes (biên bản) and the resolution (nghị quyết) of a meeting, from their adopted or draft text."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.dates import vn_short_date
from documents.builders.common import cell_recipients, filename, frame, local_day, sign_for, upper_first
from documents.models import DocumentKind
from documents.official import Annex, Block, OfficialDocument, Paragraph, Signature, Table, paragraphs_from_text
from meetings.models import DocumentType, Meeting, Minutes, Resolution


def _meeting_day(meeting: Meeting) -> Any:
    return timezone.localdate(meeting.started_at or meeting.scheduled_at)


def _minutes_text(minutes: Minutes, meeting: Meeting) -> list[Paragraph]:
    """The minutes' text without what the document lays out itself: the title at the top, the signatures at the end.

    The drafted text starts with "BIÊN BẢN" and the meeting's title and ends
    with "CHỦ TRÌ: …" and "THƯ KÝ: …" (records/drafting.py); edits may have
    removed them, so each is dropped only where it is found.
    """
    paragraphs = paragraphs_from_text(minutes.body)
    heads = [_("MINUTES"), meeting.title]
    while paragraphs and heads and paragraphs[0].text == heads[0]:
        paragraphs.pop(0)
        heads.pop(0)
    tails = (_("CHAIR: %(chair)s") % {"chair": ""}, _("MINUTE-TAKER: %(taker)s") % {"taker": ""})
    while paragraphs and paragraphs[-1].text.startswith(tails):
        paragraphs.pop()
    return paragraphs


def _amendments(record: Minutes | Resolution) -> list[Paragraph]:
    rows = list(record.amendments.order_by("created_at", "id")) if record.is_adopted else []
    if not rows:
        return []
    out = [Paragraph(_("CORRECTIONS RECORDED AFTER ADOPTION:"), "heading")]
    for row in rows:
        out.append(
            Paragraph(
                _("- %(date)s, %(reason)s: %(text)s")
                % {"date": vn_short_date(row.created_at), "reason": row.reason, "text": row.text},
                "item",
            )
        )
    return out


def _quality_annex(meeting: Meeting) -> Annex | None:
    """The meeting quality sheet, attached to the minutes when the quality app provides one."""
    try:
        from quality.documents import annex
    except ImportError:
        return None
    sheet = annex(meeting)
    if sheet is None:
        return None
    rows: list[tuple[str, ...]] = []
    groups = []
    group = None
    for n, row in enumerate(sheet.rows, start=1):
        if row.group and row.group != group:
            group = row.group
            groups.append(len(rows))
            rows.append(("", group, "", "", ""))
        rows.append((str(n), row.title, str(row.max_points), str(row.points), row.reason))
    lines = [
        _("Rating: %(level)s (%(total)d/%(max)d points).")
        % {"level": sheet.level, "total": sheet.total, "max": sheet.max_total}
    ]
    if sheet.pack_label:
        lines.append(_("Scored under: %(pack)s.") % {"pack": sheet.pack_label})
    if not sheet.adopted:
        lines.append(_("The score has not been adopted by the cell yet."))
    return Annex(
        title=sheet.title,
        subtitle=meeting.title,
        table=Table(
            header=(
                pgettext("document", "No."),
                pgettext("document", "Criterion"),
                pgettext("document", "Max."),
                pgettext("document", "Points"),
                pgettext("document", "Remarks"),
            ),
            rows=tuple(rows),
            widths=(0.07, 0.45, 0.1, 0.1, 0.28),
            footer=("", pgettext("document", "Total"), str(sheet.max_total), str(sheet.total), sheet.level),
            groups=tuple(groups),
        ),
        lines=tuple(lines),
    )


def minutes(meeting: Meeting, record: Minutes) -> OfficialDocument:
    day = local_day(record.adopted_at) if record.is_adopted else None
    doc, _issuer = frame(
        DocumentKind.MINUTES,
        meeting.organization,
        day=day or _meeting_day(meeting),
        issued_on=day,
        title=_("MINUTES"),
        summary=meeting.title,
        doc_type=DocumentType.MINUTES,
        symbol=record.symbol,
    )
    doc.blocks = [*_minutes_text(record, meeting), *_amendments(record)]
    chair = meeting.chair.full_name if meeting.chair else ""
    taker = meeting.minute_taker.full_name if meeting.minute_taker else ""
    doc.signature = Signature(role=_("CHAIR"), name=chair)
    doc.left_signature = Signature(role=_("MINUTE-TAKER"), name=taker)
    doc.annex = _quality_annex(meeting)
    doc.filename = filename(
        pgettext("document", "Minutes"), doc.symbol, meeting.organization.name, f"{meeting.month:%m-%Y}"
    )
    return doc


def _resolution_summary(title: str) -> str:
    """ "Nghị quyết sinh hoạt chi bộ tháng 11/2026" under "NGHỊ QUYẾT" reads twice: keep what follows."""
    word = pgettext("document", "Resolution")
    if title.lower().startswith(word.lower() + " "):
        return upper_first(title[len(word) + 1 :].strip())
    return title


def resolution(meeting: Meeting, record: Resolution) -> OfficialDocument:
    day = local_day(record.adopted_at) if record.is_adopted else None
    doc, issuer = frame(
        DocumentKind.RESOLUTION,
        meeting.organization,
        day=day or _meeting_day(meeting),
        issued_on=day,
        title=_("RESOLUTION"),
        summary=_resolution_summary(record.title),
        doc_type=DocumentType.RESOLUTION,
        symbol=record.symbol,
    )
    resolves = _("RESOLVES:")
    blocks: list[Block] = [
        Paragraph(p.text, "caption") if p.text == resolves else p for p in paragraphs_from_text(record.body)
    ]
    tasks = list(record.tasks.select_related("assignee").order_by("order", "id"))
    if tasks:
        blocks.append(Paragraph(_("TASKS AND WHO CARRIES THEM OUT:"), "heading"))
        blocks.append(
            Table(
                header=(
                    pgettext("document", "No."),
                    pgettext("document", "Task"),
                    pgettext("document", "Carried out by"),
                    pgettext("document", "Due on"),
                ),
                rows=tuple(
                    (
                        str(n),
                        t.what,
                        "; ".join(x for x in (t.assignee.full_name if t.assignee else "", t.assignee_text) if x),
                        vn_short_date(t.due_on) if t.due_on else "",
                    )
                    for n, t in enumerate(tasks, start=1)
                ),
                widths=(0.08, 0.52, 0.24, 0.16),
            )
        )
    doc.blocks = [*blocks, *_amendments(record)]
    doc.signature = sign_for(issuer)
    doc.recipients = cell_recipients(issuer)
    doc.filename = filename(
        pgettext("document", "Resolution"), doc.symbol, meeting.organization.name, f"{meeting.month:%m-%Y}"
    )
    return doc
