"""Download links (Word · PDF) for official documents, shown only to those who may have the document.

On other apps' pages: `{% load documents_tags %}` then
`{% meeting_document_links meeting "minutes" minutes %}` (or "notice", "agenda",
"resolution", "report" with its record) and `{% guidance_document_links guidance %}`
(or `… guidance cell` for a cell's copy).
"""

from typing import Any

from django import template

from accounts.permissions import has_perm
from documents.builders import is_final
from documents.models import DocumentKind
from documents.queries import may_download

register = template.Library()


def _official(kind: str, meeting: Any, record: Any) -> bool | None:
    """Whether the document is official; None when there is no such document yet."""
    if kind in (DocumentKind.NOTICE, DocumentKind.AGENDA):
        return meeting.notice_sent_at is not None
    if record is None:
        return None
    if kind == DocumentKind.REPORT:
        return is_final(record)
    return bool(record.is_adopted)


@register.inclusion_tag("documents/_links.html", takes_context=True)
def meeting_document_links(context: Any, meeting: Any, kind: str, record: Any = None) -> dict[str, Any]:
    official = _official(kind, meeting, record)
    user = context.get("user")
    show = official is not None and user is not None and may_download(user, meeting, kind, official)
    return {
        "show": show,
        "url_name": f"documents:{kind}",
        "args": [meeting.pk],
        "draft": not official,
        "label": DocumentKind(kind).label,
    }


@register.inclusion_tag("documents/_links.html", takes_context=True)
def guidance_document_links(context: Any, guidance: Any, cell: Any = None) -> dict[str, Any]:
    user = context.get("user")
    if cell is None:
        show = user is not None and has_perm(user, "org.view", guidance.organization)
        url_name, args = "documents:guidance", [guidance.pk]
    else:
        show = user is not None and guidance.is_published and has_perm(user, "org.view", cell)
        url_name, args = "documents:guidance_cell", [guidance.pk, cell.pk]
    return {
        "show": show,
        "url_name": url_name,
        "args": args,
        "draft": not guidance.is_published,
        "label": DocumentKind.GUIDANCE.label,
    }
