"""The index follows every write, for each kind of record: created, changed, removed.

Searches run as rita (province reader, who may read everything here) unless
the test is about rights moving with the record.
"""

import datetime as dt

from django.utils import timezone

from core.testing import World, make_member
from guidance.actions import do_add_item, do_create_guidance, do_delete_item, do_update_guidance, do_update_item
from guidance.models import GuidanceItem, ItemKind
from meetings.models import Minutes, TaskStatus
from member_excel.actions import do_claim_commit, do_create_batch, run_commit
from member_excel.testing import member_values, members_file, upload
from member_excel.validation import run_validation
from members.actions import do_transfer_between_cells, do_update_member
from members.models import Member, TransferKind
from orgs.actions import do_move_organization
from orgs.actions.merge import do_merge_organizations, plan_merge
from preparation.actions import do_add_document, do_remove_document, do_update_meeting
from preparation.testing import planned_meeting
from records.actions import do_save_minutes
from records.tasks import do_update_task
from records.testing import alice_task
from search.models import SearchDocument, Source
from search.testing import docx_upload, found, minutes_saying, pdf_upload, resolution_saying


def test_minutes_are_indexed_when_drafted_edited_and_deleted(world: World) -> None:
    minutes = minutes_saying(world.sam, world.cell_a1, "Lần đầu: khoaidau.", adopt=False)
    assert found(world.rita, "khoaidau") == [(Source.MINUTES, minutes.pk)]

    do_save_minutes(world.sam, minutes, body="Sửa lại: khoaimoi.", version=minutes.version)
    assert found(world.rita, "khoaidau") == []
    assert found(world.rita, "khoaimoi") == [(Source.MINUTES, minutes.pk)]

    Minutes.objects.get(pk=minutes.pk).delete()
    assert found(world.rita, "khoaimoi") == []


def test_a_resolution_is_indexed_with_its_title_and_number(world: World) -> None:
    resolution = resolution_saying(world.sam, world.cell_a1, "Nghị quyết về chuyển đổi cây trồng", "Nội dung.")
    assert found(world.rita, "chuyen doi cay trong") == [(Source.RESOLUTION, resolution.pk)]
    assert resolution.symbol and found(world.rita, resolution.symbol) == [(Source.RESOLUTION, resolution.pk)]


def test_a_meeting_change_reaches_its_documents(world: World) -> None:
    meeting = planned_meeting(world)
    document = do_add_document(world.sam, meeting, title="Báo cáo tháng", file=docx_upload("Nội dung."))
    new_time = timezone.make_aware(dt.datetime(2027, 1, 12, 19, 30))
    do_update_meeting(
        world.sam,
        meeting,
        version=meeting.version,
        kind=meeting.kind,
        month=dt.date(2027, 1, 1),
        scheduled_at=new_time,
        place=meeting.place,
    )

    assert SearchDocument.objects.get(source=Source.MEETING_DOCUMENT, object_id=document.pk).day == dt.date(2027, 1, 12)
    assert found(world.rita, "bao cao thang", year=2027) == [(Source.MEETING_DOCUMENT, document.pk)]


def test_an_attached_word_file_is_read_and_forgotten_when_removed(world: World) -> None:
    meeting = planned_meeting(world)
    document = do_add_document(
        world.sam, meeting, title="Dự thảo", file=docx_upload("Phương án phòng chống bão lũ năm 2026")
    )
    assert found(world.rita, "phong chong bao lu") == [(Source.MEETING_DOCUMENT, document.pk)]
    # The text of a table in the file counts too.
    assert found(world.rita, "bang ke") == [(Source.MEETING_DOCUMENT, document.pk)]

    do_remove_document(world.sam, document)
    assert found(world.rita, "phong chong bao lu") == []


def test_a_guidance_and_its_points_follow_each_change(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Định hướng mùa đông")
    item = do_add_item(
        world.olga, guidance, version=guidance.version, kind=ItemKind.KEY_TASK, title="Làm thủy lợi nội đồng"
    )
    guidance.refresh_from_db()
    assert found(world.rita, "mua dong") == [(Source.GUIDANCE, guidance.pk)]
    assert found(world.rita, "thuy loi") == [(Source.GUIDANCE_ITEM, item.pk)]

    do_update_guidance(
        world.olga, guidance, version=guidance.version, title="Định hướng tháng Chạp", summary="", conference=None
    )
    guidance.refresh_from_db()
    assert found(world.rita, "mua dong") == []
    assert found(world.rita, "thang chap") == [(Source.GUIDANCE, guidance.pk)]

    do_delete_item(world.olga, item, version=guidance.version)
    assert found(world.rita, "thuy loi") == []


def test_a_guidance_file_is_read_replaced_and_dropped(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Định hướng")
    item = do_add_item(
        world.olga,
        guidance,
        version=guidance.version,
        kind=ItemKind.DOCUMENT,
        title="Văn bản cấp trên",
        file=pdf_upload("Chỉ thị về công tác phòng cháy chữa cháy"),
    )
    assert found(world.rita, "phong chay chua chay") == [(Source.GUIDANCE_FILE, item.pk)]

    guidance.refresh_from_db()
    do_update_item(
        world.olga,
        item,
        version=guidance.version,
        kind=ItemKind.DOCUMENT,
        title="Văn bản cấp trên",
        file=docx_upload("Kế hoạch tiêm phòng gia súc"),
    )
    assert found(world.rita, "phong chay chua chay") == []
    assert found(world.rita, "tiem phong gia suc") == [(Source.GUIDANCE_FILE, item.pk)]

    guidance.refresh_from_db()
    item = GuidanceItem.objects.get(pk=item.pk)
    do_update_item(
        world.olga, item, version=guidance.version, kind=ItemKind.DOCUMENT, title="Văn bản cấp trên", remove_file=True
    )
    assert found(world.rita, "tiem phong gia suc") == []
    assert found(world.rita, "van ban cap tren") == [(Source.GUIDANCE_ITEM, item.pk)]


def test_task_evidence_is_found_with_its_note(world: World) -> None:
    task = alice_task(world)
    update = do_update_task(
        world.alice,
        task,
        status=TaskStatus.DONE,
        note="Đã thu đủ quỹ",
        file=pdf_upload("Danh sách hộ gia đình đã nộp quỹ khuyến học"),
        version=task.version,
    )
    assert found(world.rita, "quy khuyen hoc") == [(Source.TASK_EVIDENCE, update.pk)]
    assert found(world.rita, "thu du quy") == [(Source.TASK_EVIDENCE, update.pk)]
    assert found(world.alice, "quy khuyen hoc") == [(Source.TASK_EVIDENCE, update.pk)]


def test_members_are_indexed_when_created_changed_moved_and_deleted(world: World) -> None:
    member = make_member(world.cell_a1, "Lương Văn Tài", hometown="Xã Cổ Tiết")
    assert found(world.olga, "luong van tai") == [(Source.MEMBER, member.pk)]
    assert found(world.olga, "co tiet") == [(Source.MEMBER, member.pk)]
    assert found(world.sue, "luong van tai") == []

    member = do_update_member(world.sam, member, full_name="Lương Văn Tài Giỏi")
    assert found(world.olga, "tai gioi") == [(Source.MEMBER, member.pk)]

    do_transfer_between_cells(
        world.sam, member, to_org=world.cell_a2, kind=TransferKind.OFFICIAL, on=dt.date(2026, 11, 1)
    )
    assert found(world.sue, "luong van tai") == [(Source.MEMBER, member.pk)]
    assert found(world.sam, "luong van tai") == []

    Member.objects.get(pk=member.pk).transfers.all().delete()
    Member.objects.get(pk=member.pk).delete()
    assert found(world.olga, "luong van tai") == []


def test_members_imported_from_excel_are_found(world: World) -> None:
    content = members_file(member_values(full_name="Đinh Thị Nhập"), member_values(full_name="Đinh Văn Khẩu"))
    batch = do_create_batch(world.sam, organization=world.cell_a1, upload=upload(content))
    run_validation(batch.pk)
    batch.refresh_from_db()
    assert do_claim_commit(world.sam, batch)
    run_commit(batch.pk)

    assert {
        name for name in Member.objects.filter(full_name__startswith="Đinh").values_list("full_name", flat=True)
    } == {
        "Đinh Thị Nhập",
        "Đinh Văn Khẩu",
    }
    assert len(found(world.sam, "dinh")) == 2
    assert found(world.sam, "dinh thi nhap")


def test_moving_an_organization_moves_who_finds_its_records(world: World) -> None:
    minutes_saying(world.sam, world.cell_a1, "Biên bản: chuyendiaban.")
    assert found(world.olga, "chuyendiaban") and not found(world.oscar, "chuyendiaban")

    do_move_organization(world.olga, world.cell_a1, new_parent=world.commune_b, on=dt.date(2026, 11, 20))

    assert found(world.oscar, "chuyendiaban") and not found(world.olga, "chuyendiaban")
    assert found(world.oscar, "Đỗ Đức Hùng")


def test_merging_cells_moves_their_members_in_the_index(world: World) -> None:
    plan = plan_merge([world.cell_a2], world.cell_a1, dt.date(2026, 11, 20))
    assert plan.ok, plan.problems
    do_merge_organizations(world.olga, plan)

    nam = Member.objects.get(full_name="Hoàng Văn Nam")
    assert nam.organization == world.cell_a1
    assert SearchDocument.objects.get(source=Source.MEMBER, object_id=nam.pk).organization == world.cell_a1
    assert found(world.sam, "hoang van nam") == [(Source.MEMBER, nam.pk)]
