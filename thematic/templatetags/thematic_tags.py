"""Thematic boxes shown on other apps' pages: the meeting pages and the home page."""

from typing import Any

from django import template

from accounts.permissions import has_perm
from thematic.compliance import THEMATIC_KINDS
from thematic.models import ThematicReport
from thematic.queries import may_read_text, reports_for_home

register = template.Library()


@register.inclusion_tag("thematic/_meeting_box.html", takes_context=True)
def thematic_meeting_box(context: dict[str, Any], meeting: Any) -> dict[str, Any]:
    """The meeting's thematic report, where it stands and a link; nothing (and no query) for other meetings."""
    if meeting is None or meeting.kind not in THEMATIC_KINDS:
        return {"show": False}
    user = context["request"].user
    report = ThematicReport.objects.filter(meeting=meeting).first()
    if report is not None:
        report.meeting = meeting
    return {
        "show": True,
        "meeting": meeting,
        "report": report,
        "readable": report is not None and may_read_text(user, report),
        "manages": has_perm(user, "meeting.manage", meeting),
    }


@register.inclusion_tag("thematic/_home_reports.html", takes_context=True)
def thematic_home_reports(context: dict[str, Any]) -> dict[str, Any]:
    """Final thematic reports sent to the member, for their home page (one query; none without a member)."""
    return {"received": reports_for_home(context["request"].user)}
