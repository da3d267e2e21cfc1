"""Two submissions of the same new member at the same moment make one record."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from core.testing import World
from members.actions import DuplicateMember, do_create_member
from members.models import Category, Member


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writing transaction at a time (IMMEDIATE mode), so the race cannot happen there",
)
def test_it_creates_one_member_when_two_requests_race(transactional_db: None, world: World) -> None:
    fields = {
        "organization": world.cell_a1,
        "full_name": "Ngô Thị Hạnh",
        "gender": "female",
        "date_of_birth": dt.date(1985, 4, 12),
        "admitted_on": dt.date(2015, 5, 19),
        "full_member_on": dt.date(2016, 5, 19),
        "category": Category.FULL,
    }
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            start.wait()
            do_create_member(world.sam, **fields)
            outcomes.append("created")
        except DuplicateMember:
            outcomes.append("duplicate")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "duplicate"]
    assert Member.objects.filter(full_name="Ngô Thị Hạnh").count() == 1
