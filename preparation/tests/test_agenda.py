"""Building the agenda from the template that applies, pre-filled, and editing it; templates per level."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from core.testing import World
from guidance.models import Guidance, GuidanceItem, GuidanceStatus, ItemKind
from meetings.models import (
    AgendaItem,
    AgendaTemplate,
    MeetingKind,
    MeetingStatus,
    RecordStatus,
    Resolution,
    ResolutionTask,
    StepKind,
    TaskStatus,
)
from meetings.testing import make_meeting
from members.tests.helpers import client_for
from preparation.actions import do_build_agenda, do_create_template, do_send_opinion
from preparation.agenda import DEFAULT_STEPS
from preparation.forms import item_fingerprint
from preparation.testing import planned_meeting

pytestmark = pytest.mark.django_db


def _titles(meeting) -> list[str]:  # type: ignore[no-untyped-def]
    return list(meeting.agenda_items.order_by("order").values_list("title", flat=True))


def _build(world: World, meeting) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.sam).post(reverse("preparation:agenda_build", args=[meeting.pk]))
    assert response.status_code == 302


def test_it_builds_the_16_step_program_by_default(world: World) -> None:
    meeting = planned_meeting(world)
    _build(world, meeting)
    titles = _titles(meeting)
    assert len(titles) == len(DEFAULT_STEPS) == 16
    assert titles[0] == "Tuyên bố lý do, giới thiệu đại biểu" and titles[-1] == "Bế mạc"
    assert AgendaTemplate.objects.filter(organization__isnull=True).count() == 1


def _guidance(world: World, month: dt.date) -> Guidance:
    guidance = Guidance.objects.create(
        organization=world.commune_a, month=month, title="Định hướng tháng", status=GuidanceStatus.PUBLISHED
    )
    GuidanceItem.objects.create(guidance=guidance, order=1, kind=ItemKind.KEY_TASK, title="Ra quân vệ sinh môi trường")
    GuidanceItem.objects.create(
        guidance=guidance, order=2, kind=ItemKind.DOCUMENT, title="Nghị quyết 57-NQ/TW", body="Quán triệt"
    )
    GuidanceItem.objects.create(
        guidance=guidance, order=3, kind=ItemKind.KEY_TASK, title="Khai giảng năm học", cell_types=["school"]
    )
    return guidance


def _last_month_tasks(world: World, meeting) -> list[ResolutionTask]:  # type: ignore[no-untyped-def]
    previous = make_meeting(
        world.cell_a1, day=meeting.month - relativedelta(months=1) + dt.timedelta(days=9), status=MeetingStatus.HELD
    )
    resolution = Resolution.objects.create(
        meeting=previous, title="Nghị quyết tháng trước", body="…", status=RecordStatus.ADOPTED
    )
    return [
        ResolutionTask.objects.create(
            resolution=resolution, order=1, what="Sửa đường liên thôn", assignee=world.sam.member
        ),
        ResolutionTask.objects.create(
            resolution=resolution, order=2, what="Thu đảng phí", status=TaskStatus.IN_PROGRESS
        ),
        ResolutionTask.objects.create(resolution=resolution, order=3, what="Đã xong", status=TaskStatus.DONE),
    ]


def test_it_prefills_guidance_tasks_and_opinions_under_their_steps(world: World) -> None:
    meeting = planned_meeting(world)
    guidance = _guidance(world, meeting.month)
    open_tasks = _last_month_tasks(world, meeting)[:2]
    opinion = do_send_opinion(world.alice, meeting, member=world.alice.member, topic="proposal", body="Lắp đèn")
    _build(world, meeting)
    items = list(meeting.agenda_items.order_by("order"))
    kinds = [i.kind for i in items]
    # Each task under the monthly report, right after it.
    report = kinds.index(StepKind.MONTHLY_REPORT)
    assert [i.task for i in items[report + 1 : report + 3]] == open_tasks
    assert all(i.kind == StepKind.TASK_REVIEW for i in items[report + 1 : report + 3])
    # The document under upper-level documents, the key task under the guidance; not the school's item.
    linked = {i.guidance_item.title: items[idx - 1].kind for idx, i in enumerate(items) if i.guidance_item_id}
    assert linked == {"Nghị quyết 57-NQ/TW": StepKind.UPPER_DOCUMENTS, "Ra quân vệ sinh môi trường": StepKind.GUIDANCE}
    opinion_item = next(i for i in items if i.opinion_id)
    assert opinion_item.opinion == opinion and items[items.index(opinion_item) - 1].kind == StepKind.OPINIONS
    assert opinion_item.title.startswith("Ý kiến của đồng chí Nguyễn Thị Lan")
    meeting.refresh_from_db()
    assert meeting.guidance == guidance
    assert [i.order for i in items] == list(range(1, len(items) + 1))


def test_it_brings_in_only_what_is_new_when_pressed_again(world: World) -> None:
    meeting = planned_meeting(world)
    _build(world, meeting)
    count = meeting.agenda_items.count()
    _build(world, meeting)
    assert meeting.agenda_items.count() == count
    do_send_opinion(world.alice, meeting, member=world.alice.member, topic="content", body="Ý kiến mới")
    assert do_build_agenda(world.sam, meeting) == 1
    assert meeting.agenda_items.count() == count + 1


def test_it_puts_a_thematic_topic_on_the_agenda(world: World) -> None:
    meeting = planned_meeting(world, kind=MeetingKind.THEMATIC, topic="Chuyển đổi số trong khu dân cư")
    _build(world, meeting)
    assert "Chuyển đổi số trong khu dân cư" in _titles(meeting)


def test_it_edits_moves_adds_and_removes_items(world: World) -> None:
    meeting = planned_meeting(world)
    _build(world, meeting)
    sam = client_for(world.sam)
    item = meeting.agenda_items.get(kind=StepKind.MONTHLY_REPORT)
    data = {
        "title": "Báo cáo tháng 12",
        "content": "Nội dung",
        "presenter": world.sam.member_id,
        "fingerprint": item_fingerprint(item),
    }
    sam.post(reverse("preparation:agenda_item", args=[item.pk]), data)
    item.refresh_from_db()
    assert (item.title, item.presenter_id) == ("Báo cáo tháng 12", world.sam.member_id)
    # The same form sent again is stale now: refused, nothing overwritten.
    response = sam.post(reverse("preparation:agenda_item", args=[item.pk]), {**data, "title": "Cũ"})
    assert "Người khác đã sửa" in response.content.decode()
    move = reverse("preparation:agenda_item_move", args=[item.pk])
    sam.post(move, {"direction": "down"})
    assert _titles(meeting)[5] == "Báo cáo tháng 12"
    sam.post(move, {"direction": "up"})
    # The first item of a part stays inside it.
    sam.post(move, {"direction": "up"})
    assert _titles(meeting)[4] == "Báo cáo tháng 12"
    sam.post(reverse("preparation:agenda_item_add", args=[meeting.pk]), {"part": "opening", "title": "Thu đảng phí"})
    assert _titles(meeting)[4] == "Thu đảng phí"
    sam.post(reverse("preparation:agenda_item_remove", args=[item.pk]))
    assert "Báo cáo tháng 12" not in _titles(meeting)
    assert list(meeting.agenda_items.order_by("order").values_list("order", flat=True)) == list(range(1, 17))


def test_it_lets_a_member_read_but_not_edit_the_agenda(world: World) -> None:
    meeting = planned_meeting(world)
    _build(world, meeting)
    item = meeting.agenda_items.first()
    alice = client_for(world.alice)
    assert alice.get(reverse("preparation:agenda_item", args=[item.pk])).status_code == 403
    assert alice.post(reverse("preparation:agenda_item_remove", args=[item.pk])).status_code == 403
    assert alice.post(reverse("preparation:agenda_build", args=[meeting.pk])).status_code == 403
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_nearest_template_applies(world: World) -> None:
    olga = client_for(world.olga)
    olga.post(reverse("preparation:template_create", args=[world.commune_a.pk]))
    commune_template = AgendaTemplate.objects.get(organization=world.commune_a)
    olga.post(
        reverse("preparation:template_step_add", args=[world.commune_a.pk]),
        {"part": "proceedings", "kind": "current_affairs", "title": "Thông tin thời sự"},
    )
    assert commune_template.steps.count() == 17
    meeting = planned_meeting(world)
    _build(world, meeting)
    assert "Thông tin thời sự" in _titles(meeting)
    # Cell A1 makes its own from the commune's and drops a step: its next agendas follow it.
    cell_template = do_create_template(world.sam, world.cell_a1)
    step = cell_template.steps.get(title="Thông tin thời sự")
    client_for(world.sam).post(reverse("preparation:template_step_remove", args=[step.pk]))
    other = planned_meeting(world, days_ahead=12, kind=MeetingKind.EXTRAORDINARY)
    _build(world, other)
    assert "Thông tin thời sự" not in _titles(other) and len(_titles(other)) == 16
    # Cell A2 still follows the commune.
    assert "Thông tin thời sự" in _titles_of_new_meeting(world)


def _titles_of_new_meeting(world: World) -> list[str]:
    meeting = make_meeting(world.cell_a2, day=dt.date.today() + dt.timedelta(days=9))
    do_build_agenda(world.sue, meeting)
    return _titles(meeting)


def test_it_reorders_template_steps_within_a_part(world: World) -> None:
    template = do_create_template(world.sam, world.cell_a1)
    second = template.steps.order_by("order")[1]
    client_for(world.sam).post(reverse("preparation:template_step_move", args=[second.pk]), {"direction": "up"})
    assert template.steps.order_by("order").first().pk == second.pk


@pytest.mark.parametrize(("who", "status"), [("sam", 403), ("sue", 403), ("oscar", 403), ("rita", 403)])
def test_only_the_office_edits_the_commune_template(world: World, who: str, status: int) -> None:
    response = client_for(getattr(world, who)).post(reverse("preparation:template_create", args=[world.commune_a.pk]))
    assert response.status_code in (403, 404)
    assert not AgendaTemplate.objects.filter(organization=world.commune_a).exists()
