"""Accents and case never matter; every word must match; the last word may be unfinished."""

import pytest

from core.testing import World, make_member
from search.models import Source
from search.testing import found, minutes_saying, resolution_saying


@pytest.mark.parametrize(
    "typed",
    ["nguyen van duc", "Nguyễn Văn Đức", "NGUYEN VAN DUC", "nguyễn van đuc", "Nguyen   Van, Duc!", "nguyen van du"],
)
def test_a_name_is_found_however_it_is_typed(world: World, typed: str) -> None:
    member = make_member(world.cell_a1, "Nguyễn Văn Đức")

    assert found(world.olga, typed) == [(Source.MEMBER, member.pk)]


def test_d_finds_the_vietnamese_d_with_stroke_in_text(world: World) -> None:
    minutes = minutes_saying(world.sam, world.cell_a1, "Đồng chí Bí thư Đảng ủy phát biểu về đường điện.")

    assert found(world.rita, "dang uy") == [(Source.MINUTES, minutes.pk)]
    assert found(world.rita, "duong dien") == [(Source.MINUTES, minutes.pk)]
    assert found(world.rita, "Đường Điện") == [(Source.MINUTES, minutes.pk)]


def test_every_word_must_be_found(world: World) -> None:
    make_member(world.cell_a1, "Nguyễn Văn Đức")

    assert found(world.olga, "nguyen binh") == []
    assert len(found(world.olga, "nguyen")) == 2  # with Nguyễn Thị Lan


def test_only_the_last_word_is_taken_as_a_beginning(world: World) -> None:
    resolution_saying(world.sam, world.cell_a1, "Nghị quyết", "Phát triển kinh tế hộ gia đình.")

    assert found(world.rita, "kinh te ho gia")
    assert found(world.rita, "kin te") == []


def test_codes_and_dates_are_found_by_their_parts(world: World) -> None:
    minutes = minutes_saying(world.sam, world.cell_a1, "Triển khai Hướng dẫn 42-HD/BTCTW ngày 28/10/2025.")

    for typed in ("42-HD/BTCTW", "hd btctw", "28/10/2025", "btctw 2025"):
        assert found(world.rita, typed) == [(Source.MINUTES, minutes.pk)], typed


def test_a_phone_or_card_number_finds_the_member(world: World) -> None:
    lan = world.alice.member

    assert found(world.olga, "0912000001") == [(Source.MEMBER, lan.pk)]
    assert found(world.olga, lan.party_card_number) == [(Source.MEMBER, lan.pk)]
