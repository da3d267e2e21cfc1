"""The accent-free search key stays right on every write path, bulk ones included."""

import datetime as dt

import pytest

from core.testing import World, make_member
from members.models import Category, Member

pytestmark = pytest.mark.django_db


def _new(world: World, name: str) -> Member:
    return Member(
        organization=world.cell_a1,
        full_name=name,
        gender="male",
        date_of_birth=dt.date(1970, 1, 1),
        admitted_on=dt.date(2000, 1, 1),
        full_member_on=dt.date(2001, 1, 1),
        category=Category.FULL,
        party_card_number="93111111",
        phone="0912345678",
    )


def test_it_builds_the_key_on_save(world: World) -> None:
    member = make_member(world.cell_a1, "Đặng Quốc Việt", phone="0987000111")
    assert member.search_key.startswith("dang quoc viet ")
    assert member.search_key.endswith(" 0987000111")


def test_it_builds_the_key_on_bulk_create(world: World) -> None:
    Member.objects.bulk_create([_new(world, "Đoàn Thị Ánh")])
    member = Member.objects.get(full_name="Đoàn Thị Ánh")
    assert member.search_key == "doan thi anh 93111111 0912345678"
    assert list(Member.objects.search("doan anh")) == [member]


def test_it_rebuilds_the_key_on_bulk_update(world: World) -> None:
    member = make_member(world.cell_a1, "Đoàn Thị Ánh")
    member.full_name = "Đoàn Thị Ánh Tuyết"
    Member.objects.bulk_update([member], ["full_name"])
    assert Member.objects.get(pk=member.pk).search_key.startswith("doan thi anh tuyet ")
    # Fields the key does not use leave it alone.
    member.occupation = "Nông dân"
    Member.objects.bulk_update([member], ["occupation"])
    assert Member.objects.get(pk=member.pk).search_key.startswith("doan thi anh tuyet ")


def test_it_rebuilds_the_key_on_queryset_update(world: World) -> None:
    member = make_member(world.cell_a1, "Đoàn Thị Ánh")
    Member.objects.filter(pk=member.pk).update(full_name="Lê Thị Ánh", phone="0900000001")
    member.refresh_from_db()
    assert member.search_key.startswith("le thi anh ") and member.search_key.endswith(" 0900000001")
    assert list(Member.objects.search("le thi anh")) == [member]
    # An update that does not touch the name, card or phone does not rebuild anything.
    assert Member.objects.filter(pk=member.pk).update(occupation="Giáo viên") == 1
