"""The commit writes every row in one transaction with its audit rows, once, and only if nothing moved."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World, make_member
from member_excel.models import BatchStatus
from member_excel.testing import client_for, last_batch, member_values, members_file, values_of
from members.actions import do_update_member
from members.models import Member


def _commit(world: World, who: str = "olga") -> Any:
    return client_for(world, who).post(reverse("member_excel:commit", args=[last_batch().pk]), follow=True)


def test_it_creates_and_updates_members_with_their_audit_rows(world: World, post_file: Callable[..., Any]) -> None:
    lan = Member.objects.get(full_name="Nguyễn Thị Lan")
    new = member_values(full_name="Trần Thị Mới", gender="Nữ", theory_level="Trung cấp", dues_category="Hưu trí")
    post_file(members_file(new, values_of(lan, phone="0987654321")))
    audit_before = AuditEntry.objects.count()

    response = _commit(world)

    assert "Đã nhập xong danh sách đảng viên." in response.content.decode()
    batch = last_batch()
    assert batch.status == BatchStatus.COMMITTED and not batch.file
    created = Member.objects.get(full_name="Trần Thị Mới")
    assert (created.organization, created.gender, created.theory_level, created.dues_category) == (
        world.cell_a1,
        "female",
        "intermediate",
        "pensioner",
    )
    assert created.date_of_birth == dt.date(1975, 5, 17) and created.search_key.startswith("tran thi moi")
    assert Member.objects.search("tran thi moi").get() == created
    lan.refresh_from_db()
    assert lan.phone == "0987654321" and lan.version == 2
    entries = AuditEntry.objects.order_by("id")[audit_before:]
    assert [(e.action, e.actor_name) for e in entries] == [
        ("member.update", "olga"),
        ("member.create", "olga"),
        ("member.import", "olga"),
    ]
    update, create, summary = entries
    assert (update.object_id, update.before, update.after) == (
        str(lan.pk),
        {"phone": "0912000001"},
        {"phone": "0987654321"},
    )
    assert update.org_path == world.cell_a1.path
    assert create.object_id == str(created.pk) and create.after["full_name"] == "Trần Thị Mới"
    assert create.after["date_of_birth"] == "1975-05-17" and create.after["organization"] == world.cell_a1.pk
    assert summary.after == {"file": "dang-vien.xlsx", "created": 1, "updated": 1}


def test_a_second_commit_changes_nothing(world: World, post_file: Callable[..., Any]) -> None:
    post_file(members_file(member_values(), member_values()))
    _commit(world)
    members, audit = Member.objects.count(), AuditEntry.objects.count()

    again = _commit(world)

    assert "Tệp này đã được nhập ngày" in again.content.decode()
    assert (Member.objects.count(), AuditEntry.objects.count()) == (members, audit)


def test_it_refuses_a_commit_when_a_member_changed_since_the_preview(
    world: World, post_file: Callable[..., Any]
) -> None:
    lan = Member.objects.get(full_name="Nguyễn Thị Lan")
    post_file(members_file(member_values(), values_of(lan, phone="0987654321")))
    do_update_member(world.sam, lan, occupation="Giáo viên")
    members, audit = Member.objects.count(), AuditEntry.objects.count()

    response = _commit(world)

    batch = last_batch()
    assert batch.status == BatchStatus.FAILED and batch.failure["code"] == "stale"
    assert "1 hồ sơ đảng viên đã thay đổi kể từ lúc xem trước (đầu tiên ở dòng 3)" in response.content.decode()
    assert (Member.objects.count(), AuditEntry.objects.count()) == (members, audit)
    lan.refresh_from_db()
    assert lan.phone == "0912000001"

    # Checking again shows the current difference and can then be committed.
    client_for(world, "olga").post(reverse("member_excel:recheck", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.READY and batch.update_count == 1
    _commit(world)
    lan.refresh_from_db()
    assert (lan.phone, lan.occupation) == ("0987654321", "Giáo viên")


def test_it_refuses_a_commit_when_a_card_number_was_taken_meanwhile(
    world: World, post_file: Callable[..., Any]
) -> None:
    post_file(members_file(member_values(), member_values(party_card_number="70999999")))
    make_member(world.cell_a2, "Vũ Văn Nhanh", party_card_number="70999999")
    members, audit = Member.objects.count(), AuditEntry.objects.count()

    response = _commit(world)

    assert last_batch().failure["code"] == "conflict"
    assert "đã dùng số thẻ đảng hoặc số CCCD" in response.content.decode()
    assert (Member.objects.count(), AuditEntry.objects.count()) == (members, audit)


def test_it_refuses_a_commit_when_the_same_person_was_recorded_meanwhile(
    world: World, post_file: Callable[..., Any]
) -> None:
    post_file(members_file(member_values(full_name="Hà Văn Kép", party_card_number=None, citizen_id=None)))
    make_member(world.cell_a1, "Hà Văn Kép", date_of_birth=dt.date(1975, 5, 17))
    members = Member.objects.count()

    _commit(world)

    assert last_batch().failure["code"] == "stale"
    assert Member.objects.count() == members


def test_it_refuses_a_commit_after_the_user_lost_the_rights(world: World, post_file: Callable[..., Any]) -> None:
    post_file(members_file(member_values()), who="sam")
    batch = last_batch()
    from member_excel.actions import do_claim_commit, run_commit

    world.sam.grants.all().delete()
    world.sam.member.positions.all().delete()
    world.sam._chibo_scope = None  # type: ignore[attr-defined]
    members = Member.objects.count()
    assert do_claim_commit(world.sam, batch)
    run_commit(batch.pk)

    batch.refresh_from_db()
    assert batch.failure == {"code": "rights_changed", "params": {"org": "Chi bộ Khu 1"}}
    assert Member.objects.count() == members


def test_it_checks_and_commits_large_files_in_the_background(
    world: World, post_file: Callable[..., Any], settings: Any
) -> None:
    """Above the inline limits the work goes to the task queue (run at once by the test backend)."""
    settings.MEMBER_IMPORT_INLINE_BYTES = 0
    settings.MEMBER_IMPORT_INLINE_ROWS = 0
    post_file(members_file(*(member_values() for _ in range(3))))
    assert last_batch().status == BatchStatus.READY
    _commit(world)
    assert last_batch().status == BatchStatus.COMMITTED
    assert Member.objects.filter(full_name__startswith="Nguyễn Văn Thử").count() == 3


def test_it_refuses_a_commit_when_a_cell_left_the_target(world: World, post_file: Callable[..., Any]) -> None:
    from core.dates import today
    from orgs.actions import do_move_organization

    post_file(members_file(member_values(organization="X-HN-K2")), org=world.commune_a)
    do_move_organization(None, world.cell_a2, new_parent=world.commune_b, on=today())
    members = Member.objects.count()

    response = _commit(world)

    assert "chi bộ X-HN-K2 không còn trực thuộc Đảng bộ xã Hương Nộn" in response.content.decode()
    assert Member.objects.count() == members
