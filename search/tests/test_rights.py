"""Results never include what the user may not read: the same people as the permission walk.

Each record below carries a word of its own, so that searching for it shows
exactly who finds it. (World: alice member of A1, sam secretary of A1, sue
secretary of A2, olga office of commune A, rita province reader, oscar office
of commune B.)
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World, make_member
from guidance.actions import do_add_item, do_create_guidance, do_publish_guidance
from guidance.models import ItemKind
from meetings.models import MeetingDocument
from members.models import Member
from preparation.actions import do_add_document, do_send_notice
from preparation.testing import planned_meeting
from search.testing import found, minutes_saying, resolution_saying

PEOPLE = ("alice", "sam", "sue", "olga", "rita", "oscar")


def finders(world: World, word: str) -> set[str]:
    return {who for who in PEOPLE if found(getattr(world, who), word)}


def test_adopted_minutes_reach_the_cells_members_and_those_above(world: World) -> None:
    minutes_saying(world.sam, world.cell_a1, "Biên bản ghi: thocamadopted.")
    minutes_saying(world.sue, world.cell_a2, "Biên bản ghi: thocamkhutwo.")
    minutes_saying(world.oscar, world.cell_b1, "Biên bản ghi: thocamdongb.")

    assert finders(world, "thocamadopted") == {"alice", "sam", "olga", "rita"}
    assert finders(world, "thocamkhutwo") == {"sue", "olga", "rita"}
    assert finders(world, "thocamdongb") == {"rita", "oscar"}


def test_drafts_reach_officers_but_not_members(world: World) -> None:
    minutes_saying(world.sam, world.cell_a1, "Dự thảo: chuabanhanh.", adopt=False)
    resolution_saying(world.sam, world.cell_a1, "Nghị quyết dự thảo", "Nội dung nhapnghiquyet.", adopt=False)

    assert finders(world, "chuabanhanh") == {"sam", "olga", "rita"}
    assert finders(world, "nhapnghiquyet") == {"sam", "olga", "rita"}


def test_adoption_opens_the_record_to_members(world: World) -> None:
    from records.actions import do_adopt_resolution

    resolution = resolution_saying(world.sam, world.cell_a1, "Nghị quyết", "Nội dung saukhithongqua.", adopt=False)
    assert "alice" not in finders(world, "saukhithongqua")

    do_adopt_resolution(world.sam, resolution, version=resolution.version)

    assert finders(world, "saukhithongqua") == {"alice", "sam", "olga", "rita"}


def test_member_records_reach_those_who_see_members_and_the_member_herself(world: World) -> None:
    assert finders(world, "Đỗ Đức Hùng") == {"sam", "olga", "rita"}
    assert finders(world, "Nguyễn Thị Lan") == {"alice", "sam", "olga", "rita"}
    assert finders(world, "Bùi Văn Bình") == {"rita", "oscar"}
    assert finders(world, "Hoàng Văn Nam") == {"sue", "olga", "rita"}


def test_a_follow_up_cadre_reads_the_cell_he_follows(world: World) -> None:
    minutes_saying(world.sam, world.cell_a1, "Nháp: theodoichibo.", adopt=False)
    hoa = Member.objects.get(full_name="Lê Thị Hoa")
    since = dt.date(2025, 8, 1)
    do_assign_position(None, organization=world.commune_a, member=hoa, role=Role.COMMITTEE, valid_from=since)
    do_assign_position(None, organization=world.cell_a1, member=hoa, role=Role.FOLLOW_UP, valid_from=since)

    assert found(world.sue, "theodoichibo")
    assert found(world.sue, "Đỗ Đức Hùng")


def test_a_member_who_left_keeps_only_her_own_record(world: World) -> None:
    from members.actions import do_transfer_out

    minutes_saying(world.sam, world.cell_a1, "Biên bản: truockhichuyendi.")

    do_transfer_out(world.sam, world.alice.member, on=dt.date(2026, 11, 20), destination="Đảng bộ tỉnh Hà Nam")

    assert not found(world.alice, "truockhichuyendi")
    assert found(world.alice, "Nguyễn Thị Lan")


def test_meeting_documents_reach_members_once_the_notice_is_sent(world: World) -> None:
    meeting = planned_meeting(world)
    do_add_document(world.sam, meeting, title="Tài liệu taileuchuanbi", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    assert finders(world, "taileuchuanbi") == {"sam", "olga", "rita"}

    from preparation.actions import do_build_agenda

    do_build_agenda(world.sam, meeting)
    do_send_notice(world.sam, meeting)

    assert finders(world, "taileuchuanbi") == {"alice", "sam", "olga", "rita"}
    assert MeetingDocument.objects.count() == 1


def test_guidance_reaches_the_cells_below_once_published_and_for_their_kind(world: World) -> None:
    guidance = do_create_guidance(
        world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Định hướng tháng 12 huongdanthang"
    )
    do_add_item(world.olga, guidance, version=guidance.version, kind=ItemKind.KEY_TASK, title="Việc chung diemchung")
    do_add_item(
        world.olga,
        guidance,
        version=guidance.version,
        kind=ItemKind.KEY_TASK,
        title="Ôn thi diemtruonghoc",
        cell_types=["school"],
    )
    guidance.refresh_from_db()
    assert finders(world, "huongdanthang") == {"olga", "rita"}
    assert finders(world, "diemchung") == {"olga", "rita"}

    do_publish_guidance(world.olga, guidance, version=guidance.version)

    assert finders(world, "huongdanthang") == {"alice", "sam", "sue", "olga", "rita"}
    assert finders(world, "diemchung") == {"alice", "sam", "sue", "olga", "rita"}
    # Cells A1 and A2 are residential areas: the point for schools is not theirs.
    assert finders(world, "diemtruonghoc") == {"olga", "rita"}


def test_a_school_cell_finds_the_point_meant_for_schools(world: World) -> None:
    from accounts.actions import do_create_user
    from orgs.actions import do_create_organization
    from orgs.models import CellType, OrgKind

    school = do_create_organization(
        None,
        kind=OrgKind.CELL,
        code="X-HN-TH",
        name="Chi bộ Trường Tiểu học",
        parent=world.commune_a,
        cell_type=CellType.SCHOOL,
    )
    teacher = do_create_user(
        None, username="thu", password="Mat-khau-thu-2026", member=make_member(school, "Phan Thị Thu")
    )
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Định hướng")
    do_add_item(
        world.olga,
        guidance,
        version=guidance.version,
        kind=ItemKind.KEY_TASK,
        title="Ôn thi chotruonghoc",
        cell_types=["school"],
    )
    guidance.refresh_from_db()
    do_publish_guidance(world.olga, guidance, version=guidance.version)

    assert found(teacher, "chotruonghoc")
    assert not found(world.alice, "chotruonghoc")


@pytest.mark.parametrize("who", ["sue", "oscar"])
def test_filtering_on_an_organization_out_of_reach_shows_nothing_of_it(world: World, who: str) -> None:
    minutes_saying(world.sam, world.cell_a1, "Biên bản: locngoaiquyen.")

    assert found(getattr(world, who), "locngoaiquyen", org_id=world.cell_a1.pk) == []
