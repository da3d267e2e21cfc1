"""The cell's yearly plan: who writes it, what each topic must satisfy, approval, copying last year's."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.dates import today
from core.testing import World, make_member
from meetings.models import MeetingStatus
from members.actions import do_transfer_between_cells
from members.models import Member, TransferKind
from members.tests.helpers import client_for
from thematic.actions import (
    PlanLocked,
    TopicRow,
    do_approve_plan,
    do_create_plan,
    do_reopen_plan,
    do_save_plan,
    do_take_up_topic,
    plan_warnings,
)
from thematic.actions.plans import StaleEdit
from thematic.models import PlanStatus, ThematicPlan
from thematic.testing import plan_for, row, thematic_meeting

pytestmark = pytest.mark.django_db

YEAR = today().year


def _new_row(quarter: int, topic: str, **extra):  # type: ignore[no-untyped-def]
    return row(quarter, topic, year=YEAR, **extra)


def _formset(rows: list[dict], version: int) -> dict[str, str]:  # type: ignore[type-arg]
    data = {
        "version": str(version),
        "topics-TOTAL_FORMS": str(len(rows)),
        "topics-INITIAL_FORMS": "0",
        "topics-MIN_NUM_FORMS": "0",
        "topics-MAX_NUM_FORMS": "40",
    }
    for n, values in enumerate(rows):
        for key, value in values.items():
            data[f"topics-{n}-{key}"] = str(value)
    return data


def test_it_creates_the_plan_once(world: World) -> None:
    url = reverse("thematic:plan_create", args=[world.cell_a1.pk])
    sam = client_for(world.sam)
    response = sam.post(url, {"year": YEAR})
    plan = ThematicPlan.objects.get(organization=world.cell_a1, year=YEAR)
    assert response["Location"] == reverse("thematic:plan_edit", args=[plan.pk])
    sam.post(url, {"year": YEAR})
    assert ThematicPlan.objects.filter(organization=world.cell_a1).count() == 1
    assert AuditEntry.objects.filter(action="thematic.plan_create").count() == 1


@pytest.mark.parametrize("who", ["alice", "sue", "rita", "oscar"])
def test_it_refuses_the_plan_to_those_who_do_not_run_the_cell(world: World, who: str) -> None:
    response = client_for(getattr(world, who)).post(
        reverse("thematic:plan_create", args=[world.cell_a1.pk]), {"year": YEAR}
    )
    assert response.status_code == 403
    plan = plan_for(world)
    data = _formset([{"quarter": 1, "topic": "Chen vào"}], plan.version)
    response = client_for(getattr(world, who)).post(reverse("thematic:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 403
    assert not plan.topics.filter(topic="Chen vào").exists()


def test_the_commune_office_edits_and_approves_the_plan(world: World) -> None:
    plan = do_create_plan(world.olga, world.cell_a1, year=YEAR)
    olga = client_for(world.olga)
    alice = world.alice.member
    data = _formset(
        [
            {
                "quarter": 1,
                "month": 2,
                "topic": "Nghị quyết Đại hội XIV",
                "drafter": alice.pk,
                "notes": "Mời báo cáo viên",
            },
            {"quarter": 2, "topic": "Chỉ thị 50", "drafter": alice.pk},
            {"quarter": 3, "topic": ""},  # an empty block is skipped
        ],
        plan.version,
    )
    response = olga.post(reverse("thematic:plan_edit", args=[plan.pk]), data, follow=True)
    assert response.status_code == 200
    topics = list(plan.topics.order_by("quarter").values_list("quarter", "month", "topic", "drafter_id", "notes"))
    assert topics == [
        (1, dt.date(YEAR, 2, 1), "Nghị quyết Đại hội XIV", alice.pk, "Mời báo cáo viên"),
        (2, None, "Chỉ thị 50", alice.pk, ""),
    ]
    # One thematic meeting a quarter is required: quarters 3 and 4 are warned about, not refused.
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 2
    plan.refresh_from_db()
    olga.post(reverse("thematic:plan_approve", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == world.olga
    actions = list(
        AuditEntry.objects.filter(object_type="thematic.thematicplan", object_id=str(plan.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["thematic.plan_create", "thematic.plan_edit", "thematic.plan_approve"]


def test_it_checks_each_topic(world: World) -> None:
    plan = do_create_plan(world.sam, world.cell_a1, year=YEAR)
    sue_member = world.sue.member
    leaver = make_member(world.cell_a1, "Lý Văn Đi")
    do_transfer_between_cells(None, leaver, to_org=world.cell_a2, kind=TransferKind.OFFICIAL, on=today())
    leaver.refresh_from_db()
    bad = [
        _new_row(1, "Sai tháng", month=5),
        _new_row(2, "Người chi bộ khác", drafter=sue_member),
        _new_row(2, "Đã chuyển đi", drafter=leaver),
        _new_row(5, "Quý không có"),
        _new_row(1, "   "),
    ]
    for one in bad:
        with pytest.raises(ValidationError):
            do_save_plan(world.sam, plan, rows=[_new_row(1, "Đúng"), one], version=plan.version)
    assert not plan.topics.exists()  # nothing written when one row is refused
    assert not AuditEntry.objects.filter(action="thematic.plan_edit").exists()


def test_the_form_explains_a_month_outside_its_quarter(world: World) -> None:
    plan = do_create_plan(world.sam, world.cell_a1, year=YEAR)
    data = _formset([{"quarter": 1, "month": 5, "topic": "Sai tháng"}], plan.version)
    response = client_for(world.sam).post(reverse("thematic:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["month"]
    assert not plan.topics.exists()


def test_it_refuses_a_stale_plan_form(world: World) -> None:
    plan = plan_for(world)
    stale = plan.version
    do_save_plan(world.olga, plan, rows=[_new_row(1, "Thêm")], version=stale)
    with pytest.raises(StaleEdit):
        do_save_plan(world.sam, plan, rows=[_new_row(2, "Của sam")], version=stale)
    response = client_for(world.sam).post(
        reverse("thematic:plan_edit", args=[plan.pk]), _formset([{"quarter": 2, "topic": "Của sam"}], stale)
    )
    assert response.status_code == 200 and response.context["error"]
    assert not plan.topics.filter(topic="Của sam").exists()


def test_an_approved_plan_changes_only_once_reopened(world: World) -> None:
    plan = plan_for(world, approved=True)
    with pytest.raises(PlanLocked):
        do_save_plan(world.sam, plan, rows=[_new_row(1, "Thêm")], version=plan.version)
    assert client_for(world.sam).get(reverse("thematic:plan_edit", args=[plan.pk])).status_code == 302
    with pytest.raises(StaleEdit):
        do_reopen_plan(world.sam, plan, version=plan.version - 1)
    client_for(world.sam).post(reverse("thematic:plan_reopen", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_at is None
    do_save_plan(world.sam, plan, rows=[_new_row(1, "Thêm")], version=plan.version)
    assert plan.topics.filter(topic="Thêm").exists()
    assert AuditEntry.objects.filter(action="thematic.plan_reopen").count() == 1


def test_approval_needs_a_drafter_for_every_topic(world: World) -> None:
    plan = do_create_plan(world.sam, world.cell_a1, year=YEAR)
    with pytest.raises(ValidationError):
        do_approve_plan(world.sam, plan, version=plan.version)  # no topic at all
    plan = do_save_plan(world.sam, plan, rows=[_new_row(1, "Chưa có người viết")], version=plan.version)
    with pytest.raises(ValidationError):
        do_approve_plan(world.sam, plan, version=plan.version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert any("Chưa có người viết" in w for w in plan_warnings(plan))


def test_a_topic_taken_up_by_a_meeting_stays(world: World) -> None:
    plan = plan_for(world, year=YEAR)
    topic = plan.topics.get(quarter=2)
    meeting = thematic_meeting(world.cell_a1, day=dt.date(YEAR, 5, 12), topic=topic.topic)
    do_take_up_topic(world.sam, meeting, topic)
    plan.refresh_from_db()
    keep = TopicRow(topic.pk, 2, topic.month, topic.topic, topic.drafter, "", remove=True)
    with pytest.raises(ValidationError):
        do_save_plan(world.sam, plan, rows=[keep], version=plan.version)
    moved = TopicRow(topic.pk, 3, None, topic.topic, topic.drafter)
    with pytest.raises(ValidationError):
        do_save_plan(world.sam, plan, rows=[moved], version=plan.version)
    # Once its meeting is cancelled the topic may go.
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    do_save_plan(world.sam, plan, rows=[keep], version=plan.version)
    assert not plan.topics.filter(pk=topic.pk).exists()


def test_it_copies_last_years_plan(world: World) -> None:
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    last = do_create_plan(world.sam, world.cell_a1, year=YEAR - 1)
    last = do_save_plan(
        world.sam,
        last,
        rows=[
            row(1, "Chủ đề năm trước", year=YEAR - 1, month=2, drafter=world.alice.member),
            row(3, "Người viết đã chuyển", year=YEAR - 1, drafter=hung),
        ],
        version=last.version,
    )
    do_transfer_between_cells(None, hung, to_org=world.cell_a2, kind=TransferKind.OFFICIAL, on=today())
    response = client_for(world.sam).post(
        reverse("thematic:plan_create", args=[world.cell_a1.pk]), {"year": YEAR, "copy": "on"}
    )
    plan = ThematicPlan.objects.get(organization=world.cell_a1, year=YEAR)
    assert response["Location"] == reverse("thematic:plan_edit", args=[plan.pk])
    copied = list(plan.topics.order_by("quarter").values_list("quarter", "month", "topic", "drafter_id", "meeting_id"))
    assert copied == [
        (1, dt.date(YEAR, 2, 1), "Chủ đề năm trước", world.alice.member_id, None),
        (3, None, "Người viết đã chuyển", None, None),
    ]
    entry = AuditEntry.objects.get(action="thematic.plan_create", object_id=str(plan.pk))
    assert entry.after["copied_from"] == YEAR - 1 and len(entry.after["topics"]) == 2


def test_it_refuses_a_copy_without_last_years_plan_and_years_out_of_reach(world: World) -> None:
    with pytest.raises(ValidationError):
        do_create_plan(world.sam, world.cell_a1, year=YEAR, copy_previous=True)
    with pytest.raises(ValidationError):
        do_create_plan(world.sam, world.cell_a1, year=YEAR + 5)
    assert not ThematicPlan.objects.exists()


def test_members_and_readers_read_the_plan(world: World) -> None:
    plan = plan_for(world)
    url = reverse("thematic:cell", args=[world.cell_a1.pk]) + f"?year={YEAR}"
    for who in (world.alice, world.rita):
        page = client_for(who).get(url).content.decode()
        assert plan.topics.first().topic in page  # type: ignore[union-attr]
        assert reverse("thematic:plan_edit", args=[plan.pk]) not in page
    assert reverse("thematic:plan_edit", args=[plan.pk]) in client_for(world.sam).get(url).content.decode()
    for who in (world.sue, world.oscar):
        assert client_for(who).get(url).status_code == 403
