"""The notice (thông báo, giấy mời) and the agenda (chương trình) of a meeting."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from documents.builders.common import (
    ROMAN,
    cell_recipients,
    clock_and_date,
    filename,
    frame,
    local_day,
    lower_first,
    sign_for,
)
from documents.models import DocumentKind
from documents.official import Block, OfficialDocument, Paragraph
from meetings.models import AgendaItem, DocumentType, Meeting, MeetingKind, Part
from preparation.models import NoticeRound


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.select_related("presenter").order_by("order", "id"))


def _last_round(meeting: Meeting) -> NoticeRound | None:
    return meeting.notice_rounds.select_related("issued_number").order_by("-number").first()


def notice(meeting: Meeting) -> OfficialDocument:
    """The notice as last sent: the time, place and message of that sending, numbered when it was sent.

    Before it is sent, the draft of what would go out. Meetings recorded
    before each sending was kept (no round) use the meeting's own time and place.
    """
    last = _last_round(meeting)
    sent_at = last.sent_at if last else meeting.notice_sent_at
    scheduled_at = last.scheduled_at if last else meeting.scheduled_at
    place = last.place if last else meeting.place
    issued = getattr(last, "issued_number", None) if last else None
    day = local_day(sent_at) or timezone.localdate(scheduled_at)
    doc, issuer = frame(
        DocumentKind.NOTICE,
        meeting.organization,
        day=day,
        issued_on=local_day(sent_at),
        title=_("NOTICE"),
        summary=_("On holding the %(meeting)s") % {"meeting": lower_first(meeting.title)},
        doc_type=DocumentType.NOTICE,
        symbol=issued.symbol if issued else "",
    )
    committee = meeting.kind == MeetingKind.COMMITTEE
    blocks: list[Block] = [
        Paragraph(
            _("%(cell)s gives notice of the %(meeting)s as follows:")
            % {"cell": meeting.organization.official_name, "meeting": lower_first(meeting.title)}
        ),
        Paragraph(_("1. Time: %(when)s.") % {"when": clock_and_date(scheduled_at)}),
        Paragraph(_("2. Place: %(place)s.") % {"place": place}),
        Paragraph(_("3. Content:")),
    ]
    if meeting.topic:
        blocks.append(Paragraph(_("- Thematic topic: %(topic)s.") % {"topic": meeting.topic}, "item"))
    agenda_items = _agenda(meeting)
    items = [i for i in agenda_items if i.part == Part.PROCEEDINGS] or agenda_items
    blocks += [Paragraph(f"- {item.title}.", "item") for item in items]
    who = (
        _("The members of the cell committee.")
        if committee
        else _("All Party members of the cell; the comrade of the upper committee who follows the cell.")
    )
    blocks.append(Paragraph(_("4. Participants: %(who)s") % {"who": who}))
    titles = _document_titles(meeting, last)
    if titles:
        blocks.append(Paragraph(_("5. Documents:")))
        blocks += [Paragraph(f"- {t}.", "item") for t in titles]
    if last and last.changes:
        blocks.append(Paragraph(_changes_line(last), "note"))
    if last and last.message:
        blocks.append(Paragraph(last.message))
    blocks.append(
        Paragraph(
            _(
                "Members are asked to attend in full and on time; a member who cannot attend reports the reason "
                "to the cell secretary beforehand."
            )
        )
    )
    doc.blocks = blocks
    doc.signature = sign_for(issuer)
    recipients = [_("- Party members of the cell;")]
    if not committee:
        recipients.append(_("- The comrade who follows the cell;"))
    doc.recipients = [*recipients, _("- Cell archive.")]
    doc.filename = filename(
        pgettext("document", "Notice"), doc.symbol, meeting.organization.name, f"{meeting.month:%m-%Y}"
    )
    return doc


def _document_titles(meeting: Meeting, last: NoticeRound | None) -> list[str]:
    documents = meeting.documents.order_by("uploaded_at", "pk")
    if last is not None:
        documents = documents.filter(pk__in=last.document_ids)
    return list(documents.values_list("title", flat=True))


def _changes_line(last: NoticeRound) -> str:
    what = []
    if "scheduled_at" in last.changes:
        what.append(_("the time"))
    if "place" in last.changes:
        what.append(_("the place"))
    if "documents_added" in last.changes or "documents_removed" in last.changes:
        what.append(_("the documents"))
    return _("This notice replaces the one sent before; changed: %(what)s.") % {
        "what": ", ".join(what) or _("the message")
    }


def agenda(meeting: Meeting) -> OfficialDocument:
    """The order of business, by part, with who presents each item."""
    sent = meeting.notice_sent_at is not None
    day = timezone.localdate(meeting.scheduled_at)
    doc, issuer = frame(
        DocumentKind.AGENDA,
        meeting.organization,
        day=day,
        issued_on=day if sent else None,
        title=_("AGENDA"),
        summary=meeting.title,
    )
    blocks: list[Block] = [
        Paragraph(
            _("Time: %(when)s. Place: %(place)s.")
            % {"when": clock_and_date(meeting.scheduled_at), "place": meeting.place},
            "center",
        )
    ]
    if meeting.topic:
        blocks.append(Paragraph(_("Thematic topic: %(topic)s.") % {"topic": meeting.topic}, "center"))
    labels = dict(Part.choices)
    current = None
    part_number = 0
    for item in _agenda(meeting):
        if item.part != current:
            current = item.part
            part_number += 1
            heading = f"{ROMAN[part_number - 1]}. {str(labels.get(item.part, item.part)).upper()}"
            blocks.append(Paragraph(heading, "heading"))
        line = f"{item.order}. {item.title}"
        if item.presenter is not None:
            line += " " + _("(presented by comrade %(name)s)") % {"name": item.presenter.full_name}
        blocks.append(Paragraph(line, "item"))
        if item.content.strip() and not item.opinion_id:
            blocks += [Paragraph(text.strip(), "text") for text in item.content.splitlines() if text.strip()]
    doc.blocks = blocks
    doc.signature = sign_for(issuer)
    doc.recipients = cell_recipients(issuer, report_up=False)
    doc.filename = filename(pgettext("document", "Agenda"), meeting.organization.name, f"{meeting.month:%m-%Y}")
    return doc
