"""Who may download which document, and the records each document is built from.

A meeting's documents follow `meeting.view`: members get the notice and the
agenda once the notice is sent, the minutes and the resolution once adopted,
the thematic report once final. Before that they are drafts, for those who
manage the meeting (`meeting.manage`). Whoever cannot see the meeting gets
404. The guidance follows the guidance pages: the whole guidance for whoever
reads the issuing organization, a cell's copy of the published guidance for
whoever sees that cell.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import has_perm, require
from documents import builders
from documents.models import DocumentKind
from documents.official import OfficialDocument
from guidance.models import Guidance
from meetings.models import Meeting, Minutes, Resolution
from orgs.models import Organization, OrgKind

MEETING_KINDS = (
    DocumentKind.NOTICE,
    DocumentKind.AGENDA,
    DocumentKind.MINUTES,
    DocumentKind.RESOLUTION,
    DocumentKind.REPORT,
)


def thematic_report(meeting: Meeting) -> Any:
    """The meeting's thematic report, or None (also while the thematic app has no model yet)."""
    try:
        from thematic.models import ThematicReport
    except ImportError:
        return None
    return ThematicReport.objects.filter(meeting=meeting).select_related("author").first()


def _official(kind: str, meeting: Meeting) -> tuple[bool, Any]:
    """Whether the document of `kind` is official (not a draft), and the record it is built from."""
    if kind in (DocumentKind.NOTICE, DocumentKind.AGENDA):
        return meeting.notice_sent_at is not None, None
    record: Any
    if kind == DocumentKind.MINUTES:
        record = Minutes.objects.filter(meeting=meeting).first()
        return bool(record and record.is_adopted), record
    if kind == DocumentKind.RESOLUTION:
        record = Resolution.objects.filter(meeting=meeting).first()
        return bool(record and record.is_adopted), record
    record = thematic_report(meeting)
    return bool(record and builders.is_final(record)), record


def may_download(user: Any, meeting: Meeting, kind: str, official: bool) -> bool:
    if official:
        return has_perm(user, "meeting.view", meeting)
    return has_perm(user, "meeting.manage", meeting)


def meeting_document(user: Any, meeting_id: int, kind: str) -> tuple[OfficialDocument, Organization]:
    """The document of `kind` for a meeting, if `user` may have it; 404 when it does not exist."""
    if kind not in MEETING_KINDS:
        raise Http404
    try:
        meeting = Meeting.objects.select_related("organization", "chair", "minute_taker").get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not has_perm(user, "meeting.view", meeting):
        raise Http404
    official, record = _official(kind, meeting)
    if kind not in (DocumentKind.NOTICE, DocumentKind.AGENDA) and record is None:
        raise Http404
    if not may_download(user, meeting, kind, official):
        raise PermissionDenied
    return builders.build(kind, meeting, record), meeting.organization


def _guidance(guidance_id: int) -> Guidance:
    try:
        return Guidance.objects.select_related("organization", "conference", "issued_number").get(pk=guidance_id)
    except Guidance.DoesNotExist:
        raise Http404 from None


def guidance_document(user: Any, guidance_id: int) -> tuple[OfficialDocument, Organization]:
    """The whole guidance, draft or published, for whoever reads the organization that wrote it."""
    guidance = _guidance(guidance_id)
    require(user, "org.view", guidance.organization)
    return builders.guidance(guidance), guidance.organization


def cell_guidance_document(user: Any, guidance_id: int, cell_id: int) -> tuple[OfficialDocument, Organization]:
    """A cell's copy of a published guidance: only the points meant for that kind of cell."""
    guidance = _guidance(guidance_id)
    try:
        cell = Organization.objects.get(pk=cell_id, kind=OrgKind.CELL)
    except Organization.DoesNotExist:
        raise Http404 from None
    require(user, "org.view", cell)
    if not guidance.is_published or not cell.path.startswith(guidance.organization.path):
        raise Http404
    return builders.guidance(guidance, cell), guidance.organization
