"""Which pack is in force: the nearest scope on the meeting's date; drafts and withdrawn packs never apply."""

import datetime as dt

import pytest
from django.utils import timezone

from core.testing import World
from meetings.testing import make_meeting
from rules.actions import do_copy_pack, do_publish_pack, do_update_pack, do_withdraw_pack
from rules.lookup import NoPackInForce, PackIndex, pack_in_force, rules_for_meeting
from rules.testing import draft_pack, national_pack, scoped_pack

pytestmark = pytest.mark.django_db

OCT_20, NOV_20, DEC_10 = dt.date(2026, 10, 20), dt.date(2026, 11, 20), dt.date(2026, 12, 10)


def _lead(world: World, day: dt.date, org=None) -> int:  # type: ignore[no-untyped-def]
    return PackIndex.load().rules_for(org or world.cell_a1, day).notice_lead_days


def test_it_takes_the_nearest_scope(world: World) -> None:
    assert pack_in_force(world.cell_a1, NOV_20) == national_pack()
    scoped_pack(world.province, notice_lead_days=2)
    assert _lead(world, NOV_20) == 2
    scoped_pack(world.commune_b, notice_lead_days=7)  # another commune's pack is not on the way up
    assert _lead(world, NOV_20) == 2 and _lead(world, NOV_20, world.cell_b1) == 7
    scoped_pack(world.commune_a, notice_lead_days=3)
    scoped_pack(world.cell_a1, notice_lead_days=4)
    assert (_lead(world, NOV_20), _lead(world, NOV_20, world.cell_a2)) == (4, 3)
    assert _lead(world, NOV_20, world.commune_a) == 3


def test_drafts_and_withdrawn_packs_never_apply(world: World) -> None:
    draft_pack(world.commune_a, notice_lead_days=9)
    assert _lead(world, NOV_20) == 1
    pack = scoped_pack(world.commune_a, name="Bản áp dụng", notice_lead_days=3)
    assert _lead(world, NOV_20) == 3
    do_withdraw_pack(None, pack, version=pack.edit_version)
    assert _lead(world, NOV_20) == 1


def test_a_pack_applies_only_within_its_dates(world: World) -> None:
    scoped_pack(
        world.commune_a, effective_from=dt.date(2026, 11, 1), effective_to=dt.date(2026, 11, 30), notice_lead_days=3
    )
    assert [_lead(world, day) for day in (OCT_20, NOV_20, DEC_10)] == [1, 3, 1]
    assert [_lead(world, day) for day in (dt.date(2026, 10, 31), dt.date(2026, 11, 1), dt.date(2026, 11, 30))] == [
        1,
        3,
        3,
    ]
    with pytest.raises(NoPackInForce):
        pack_in_force(world.cell_a1, dt.date(2018, 7, 30))  # before the first national pack


def test_moving_a_packs_dates_changes_which_rules_judge_which_meeting(world: World) -> None:
    meetings = [make_meeting(world.cell_a1, day=day) for day in (OCT_20, NOV_20, DEC_10)]
    # A draft for November onwards, moved to October before it is published.
    pack = draft_pack(world.commune_a, effective_from=dt.date(2026, 11, 1), notice_lead_days=3)
    do_update_pack(
        None,
        pack,
        version=pack.edit_version,
        name=pack.name,
        description="",
        effective_from=dt.date(2026, 10, 1),
        effective_to=None,
        data=pack.data,
    )
    pack.refresh_from_db()
    do_publish_pack(None, pack, version=pack.edit_version)
    assert [rules_for_meeting(m).notice_lead_days for m in meetings] == [3, 3, 3]
    # Its next version from December closes it on 30 November: December's meeting moves to the new rules.
    revision = do_copy_pack(None, pack, scope=world.commune_a, name="Bản sửa đổi", effective_from=DEC_10)
    data = revision.data | {"meeting": revision.data["meeting"] | {"notice_lead_days": 5}}
    revision = do_update_pack(
        None,
        revision,
        version=revision.edit_version,
        name=revision.name,
        description="",
        effective_from=dt.date(2026, 12, 1),
        effective_to=None,
        data=data,
    )
    do_publish_pack(None, revision, version=revision.edit_version)
    pack.refresh_from_db()
    assert pack.effective_to == dt.date(2026, 11, 30)
    assert [rules_for_meeting(m).notice_lead_days for m in meetings] == [3, 3, 5]


def test_the_meeting_day_is_the_local_day(world: World) -> None:
    scoped_pack(world.commune_a, effective_from=dt.date(2026, 11, 1), notice_lead_days=3)
    meeting = make_meeting(world.cell_a1, day=dt.date(2026, 11, 1))
    # 00:30 on 1 November in Hà Nội is still 31 October in UTC.
    meeting.scheduled_at = timezone.make_aware(dt.datetime(2026, 11, 1, 0, 30))
    assert rules_for_meeting(meeting).notice_lead_days == 3


def test_the_index_costs_one_query_whatever_it_judges(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    scoped_pack(world.commune_a, notice_lead_days=3)
    scoped_pack(world.cell_a2, notice_lead_days=2)
    with django_assert_num_queries(1):
        index = PackIndex.load()
        found = {
            index.rules_for(cell, day).notice_lead_days
            for cell in (world.cell_a1, world.cell_a2)
            for day in (OCT_20, NOV_20)
        }
    assert found == {2, 3}
