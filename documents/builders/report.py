"""The thematic report (báo cáo chuyên đề) of a meeting, from `thematic.models.ThematicReport`."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from documents.builders.common import cell_recipients, filename, frame, local_day, sign_for
from documents.models import DocumentKind
from documents.official import Block, OfficialDocument, Paragraph, paragraphs_from_text
from meetings.models import DocumentType, Meeting

FINAL = "final"


def is_final(report: Any) -> bool:
    return report.status == FINAL


def report(meeting: Meeting, record: Any) -> OfficialDocument:
    """A final report carries its number and the day it was finalized; before that it is a draft."""
    final = is_final(record)
    day = local_day(record.finalized_at) if final and record.finalized_at else None
    doc, issuer = frame(
        DocumentKind.REPORT,
        meeting.organization,
        day=day or timezone.localdate(meeting.scheduled_at),
        issued_on=day if final else None,
        title=_("REPORT"),
        summary=record.title,
        doc_type=DocumentType.REPORT,
        symbol=record.symbol or "",
    )
    blocks: list[Block] = []
    if meeting.topic and meeting.topic != record.title:
        blocks.append(Paragraph(_("Thematic topic: %(topic)s.") % {"topic": meeting.topic}, "note"))
    author = getattr(record, "author", None)
    if author is not None:
        blocks.append(Paragraph(_("Drafted by comrade %(name)s.") % {"name": author.full_name}, "note"))
    doc.blocks = [*blocks, *paragraphs_from_text(record.body)]
    doc.signature = sign_for(issuer)
    doc.recipients = cell_recipients(issuer)
    doc.filename = filename(
        pgettext("document", "Report"), doc.symbol, meeting.organization.name, f"{meeting.month:%m-%Y}"
    )
    return doc
