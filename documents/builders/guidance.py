"""The commune's monthly guidance (định hướng nội dung sinh hoạt) as the committee's official document."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.dates import vn_short_date
from documents.builders.common import ROMAN, filename, frame, local_day, sign_for
from documents.models import DocumentKind
from documents.official import Block, OfficialDocument, Paragraph, paragraphs_from_text
from guidance.models import Guidance, GuidanceItem, ItemKind
from meetings.models import DocumentType
from orgs.models import CellType, Organization


def guidance(record: Guidance, cell: Organization | None = None) -> OfficialDocument:
    """The whole guidance, or with `cell` only the points meant for that cell's type.

    `record.issued_number` and `record.conference` should be selected with it.
    """
    published = record.is_published
    day = local_day(record.published_at) if published else None
    issued = getattr(record, "issued_number", None) if published else None
    doc, issuer = frame(
        DocumentKind.GUIDANCE,
        record.organization,
        day=day or timezone.localdate(),
        issued_on=day,
        title=_("GUIDANCE"),
        summary=record.title,
        doc_type=DocumentType.GUIDANCE,
        symbol=issued.symbol if issued else "",
    )
    items = list(record.items.order_by("order", "id"))
    if cell is not None:
        items = [i for i in items if i.applies_to(cell.cell_type)]
    blocks: list[Block] = []
    month = f"{record.month.month:02d}/{record.month.year}"
    if record.conference is not None:
        blocks.append(
            Paragraph(
                _(
                    "Following the conclusions of the expanded conference held on %(date)s, the Party Committee "
                    "guides the content of the cells' meetings in %(month)s as follows:"
                )
                % {"date": vn_short_date(record.conference.held_on), "month": month}
            )
        )
    else:
        blocks.append(
            Paragraph(
                _("The Party Committee guides the content of the cells' meetings in %(month)s as follows:")
                % {"month": month}
            )
        )
    if cell is not None:
        blocks.append(Paragraph(_("Copy for %(cell)s.") % {"cell": cell.official_name}, "note"))
    blocks += paragraphs_from_text(record.summary)
    blocks += _points(items)
    blocks.append(
        Paragraph(
            _(
                "The cells study this guidance and put it into their meeting in a way that fits their own situation, "
                "and report the results to the Party Committee."
            )
        )
    )
    doc.blocks = blocks
    doc.signature = sign_for(issuer)
    recipients = []
    if issuer.upper_committee:
        recipients.append(_("- %(body)s (to report);") % {"body": issuer.upper_committee})
    doc.recipients = [*recipients, _("- The cells under the committee;"), _("- Office archive.")]
    name = cell.name if cell is not None else record.organization.name
    doc.filename = filename(pgettext("document", "Guidance"), doc.symbol, name, f"{record.month:%m-%Y}")
    return doc


def _points(items: list[GuidanceItem]) -> list[Paragraph]:
    cell_types = dict(CellType.choices)
    out: list[Paragraph] = []
    section = 0
    for kind, label in ItemKind.choices:
        group = [i for i in items if i.kind == kind]
        if not group:
            continue
        out.append(Paragraph(f"{ROMAN[section]}. {str(label).upper()}", "heading"))
        section += 1
        for n, item in enumerate(group, start=1):
            out.append(Paragraph(f"{n}. {item.title}", "item"))
            out += paragraphs_from_text(item.body)
            if item.cell_types:
                names = ", ".join(str(cell_types.get(t, t)) for t in item.cell_types)
                out.append(Paragraph(_("(For cells of type: %(types)s.)") % {"types": names}, "note"))
    return out
