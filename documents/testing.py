"""Meetings with every document in a known state, for tests, the permission walk and the benchmark."""

import datetime as dt
from typing import Any

from core.testing import World
from documents.actions import do_upload_template
from documents.docx_default import default_template
from documents.models import TemplateVersion
from guidance.models import Guidance
from meetings.models import AgendaItem, Meeting, Minutes, Resolution, Speech, SpeechKind, StepKind
from records.actions import do_draft_minutes
from records.testing import adopted_minutes, adopted_resolution, held_meeting, resolution_with_tasks, task


def full_meeting(world: World, *, day: dt.date = dt.date(2026, 11, 10), tasks: int = 2) -> Meeting:
    """Cell A1's held meeting with sam chairing, alice taking the minutes, an agenda, speeches and a vote."""
    meeting = held_meeting(world.cell_a1, day=day)
    sam, alice = world.sam.member, world.alice.member
    assert sam is not None and alice is not None
    meeting.chair = sam
    meeting.minute_taker = alice
    meeting.topic = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    meeting.save(update_fields=["chair", "minute_taker", "topic"])
    items = [
        AgendaItem(meeting=meeting, order=1, part="opening", kind=StepKind.OPENING, title="Lý do, giới thiệu đại biểu"),
        AgendaItem(
            meeting=meeting,
            order=2,
            part="proceedings",
            kind=StepKind.MONTHLY_REPORT,
            title="Báo cáo kết quả tháng và phương hướng tháng tới",
            presenter=sam,
            content="Đánh giá việc thực hiện nghị quyết tháng trước.",
        ),
        AgendaItem(
            meeting=meeting,
            order=3,
            part="proceedings",
            kind=StepKind.DISCUSSION,
            title="Thảo luận, đóng góp ý kiến",
            notes="Các đồng chí đảng viên thảo luận sôi nổi.",
        ),
        AgendaItem(meeting=meeting, order=4, part="closing", kind=StepKind.CLOSE, title="Bế mạc"),
    ]
    AgendaItem.objects.bulk_create(items)
    Speech.objects.create(
        meeting=meeting,
        agenda_item=items[2],
        member=alice,
        speaker_name=alice.full_name,
        gist="Đề nghị chi bộ quan tâm công tác vệ sinh môi trường ở ngõ xóm.",
    )
    Speech.objects.create(
        meeting=meeting,
        member=sam,
        speaker_name=sam.full_name,
        kind=SpeechKind.CONCLUSION,
        gist="Chi bộ thống nhất ra quân dọn vệ sinh vào Chủ nhật cuối tháng.",
    )
    meeting.refresh_from_db()
    return meeting


def task_list(world: World, count: int) -> list[dict[str, Any]]:
    return [
        task(
            f"Nhiệm vụ số {n}: vận động hộ gia đình tham gia giữ gìn vệ sinh đường làng",
            assignee=world.alice.member if n % 2 else None,
            text="" if n % 2 else "Chi ủy",
            due_on=dt.date(2026, 11, 30),
        )
        for n in range(1, count + 1)
    ]


def adopted_records(
    world: World, *, day: dt.date = dt.date(2026, 11, 10), tasks: int = 2
) -> tuple[Minutes, Resolution]:
    meeting = full_meeting(world, day=day)
    return adopted_minutes(world.sam, meeting), adopted_resolution(world.sam, meeting, task_list(world, tasks))


def draft_records(world: World, *, day: dt.date = dt.date(2026, 11, 10)) -> tuple[Minutes, Resolution]:
    meeting = full_meeting(world, day=day)
    return do_draft_minutes(world.sam, meeting), resolution_with_tasks(world.sam, meeting, task_list(world, 1))


def upload_template(world: World, kind: str = "minutes", data: bytes | None = None) -> TemplateVersion:
    """Commune A's own template of `kind` (the built-in one unless `data` is given), uploaded by olga."""
    latest = TemplateVersion.objects.filter(organization=world.commune_a, kind=kind).order_by("-number").first()
    return do_upload_template(
        world.olga,
        world.commune_a,
        kind,
        data=data if data is not None else default_template(kind),
        filename="mau-van-ban.docx",
        seen=latest.number if latest else 0,
    )


# Builders for documents/walk.py.


def walk_meeting(world: World, kind: str) -> Meeting:
    """A meeting of cell A1 whose document of `kind` is official."""
    if kind in ("notice", "agenda"):
        from preparation.testing import notified_meeting

        return notified_meeting(world)
    if kind == "report":
        from thematic.testing import report_at

        return report_at(world, "final").meeting
    minutes, resolution = adopted_records(world)
    return minutes.meeting


def walk_guidance(world: World) -> Guidance:
    from guidance.testing import walk_kwargs

    return Guidance.objects.get(pk=walk_kwargs(world, "guidance")["guidance_id"])


def walk_template_version(world: World) -> TemplateVersion:
    return upload_template(world)
