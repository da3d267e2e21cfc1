"""The roll of a meeting holds the facts of the meeting day."""

import datetime as dt

import pytest

from core.testing import World
from meetings.models import MeetingKind
from meetings.roll import draw_roll
from meetings.testing import make_meeting
from members.actions import do_add_exemption
from members.models import Category

pytestmark = pytest.mark.django_db


def test_it_lists_every_active_member_with_the_days_facts(world: World) -> None:
    alice = world.alice.member
    do_add_exemption(None, alice, valid_from=dt.date(2026, 1, 1), valid_to=None, reason="Tuổi cao", decision="NQ 01")
    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 12, 10))
    rows = {a.member.full_name: a for a in draw_roll(meeting)}
    assert len(rows) == 4
    assert rows["Nguyễn Thị Lan"].exempt
    assert rows["Phạm Văn Dự"].category == Category.PROBATIONARY
    assert draw_roll(meeting) == []  # drawing again adds nobody twice


def test_it_calls_only_the_officers_to_a_committee_meeting(world: World) -> None:
    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 12, 3), kind=MeetingKind.COMMITTEE)
    assert [a.member.full_name for a in draw_roll(meeting)] == ["Trần Văn Sâm"]
