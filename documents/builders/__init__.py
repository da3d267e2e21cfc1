"""Builders: each kind of official document, filled from the records it is made of."""

from typing import Any

from documents.builders.guidance import guidance
from documents.builders.notice import agenda, notice
from documents.builders.records import minutes, resolution
from documents.builders.report import is_final, report
from documents.models import DocumentKind
from documents.official import OfficialDocument
from meetings.models import Meeting

__all__ = ["agenda", "build", "guidance", "is_final", "minutes", "notice", "report", "resolution"]


def build(kind: str, meeting: Meeting, record: Any = None) -> OfficialDocument:
    """The document of `kind` for a meeting; `record` is its minutes, resolution or thematic report."""
    if kind == DocumentKind.NOTICE:
        return notice(meeting)
    if kind == DocumentKind.AGENDA:
        return agenda(meeting)
    if kind == DocumentKind.MINUTES:
        return minutes(meeting, record)
    if kind == DocumentKind.RESOLUTION:
        return resolution(meeting, record)
    if kind == DocumentKind.REPORT:
        return report(meeting, record)
    raise ValueError(f"Not a meeting document: {kind}")
