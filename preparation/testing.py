"""Meetings in each stage of preparation, for tests and the permission walk."""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from core.dates import today
from core.testing import World
from meetings.models import AgendaItem, Meeting, MeetingDocument, PrepAssignment, PrepTask
from meetings.testing import make_meeting
from members.models import Member
from preparation.actions import do_add_document, do_build_agenda, do_create_template, do_send_notice

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def planned_meeting(world: World, *, days_ahead: int = 10, **extra: Any) -> Meeting:
    """Cell A1's regular meeting, `days_ahead` days from today, not yet prepared."""
    return make_meeting(world.cell_a1, day=today() + dt.timedelta(days=days_ahead), **extra)


def notified_meeting(world: World, **extra: Any) -> Meeting:
    """Cell A1's meeting with its agenda built, a document attached and the notice sent by sam."""
    meeting = planned_meeting(world, **extra)
    do_build_agenda(world.sam, meeting)
    attach_pdf(world, meeting)
    do_send_notice(world.sam, meeting)
    meeting.refresh_from_db()
    return meeting


def attach_pdf(world: World, meeting: Meeting, title: str = "Dự thảo nghị quyết") -> MeetingDocument:
    return do_add_document(world.sam, meeting, title=title, file=SimpleUploadedFile("du-thao.pdf", PDF))


# Keyword builders for tests/url_access.py.


def walk_meeting(world: World) -> dict[str, int]:
    return {"meeting_id": planned_meeting(world).pk}


def walk_notified(world: World) -> dict[str, int]:
    return {"meeting_id": notified_meeting(world).pk}


def walk_assignment(world: World) -> dict[str, int]:
    meeting = planned_meeting(world)
    sam = Member.objects.get(user=world.sam)
    row = PrepAssignment.objects.create(meeting=meeting, member=sam, task=PrepTask.CONTENT)
    return {"assignment_id": row.pk}


def walk_document(world: World) -> dict[str, int]:
    return {"document_id": notified_meeting(world).documents.get().pk}


def walk_item(world: World) -> dict[str, int]:
    meeting = planned_meeting(world)
    do_build_agenda(world.sam, meeting)
    item: AgendaItem = meeting.agenda_items.order_by("order")[1]
    return {"item_id": item.pk}


def walk_step(world: World) -> dict[str, int]:
    template = do_create_template(world.sam, world.cell_a1)
    return {"step_id": template.steps.order_by("order")[1].pk}


def walk_own_template(world: World) -> dict[str, int]:
    do_create_template(world.sam, world.cell_a1)
    return {"org_id": world.cell_a1.pk}
