"""The recording page reads a fixed number of queries, whatever the size of the cell and the record."""

import uuid

from core.testing import World, make_member
from meetings.models import Guest, Meeting, Speech, Vote
from meetings.roll import draw_roll
from recording.tests.helpers import url

PAGE_QUERIES = 14


def grow(world: World, meeting: Meeting, n: int) -> None:
    for i in range(n):
        make_member(world.cell_a1, f"Thành Viên {uuid.uuid4().hex[:6]} {i}")
    draw_roll(meeting)
    for item in meeting.agenda_items.all():
        for i in range(n):
            Speech.objects.create(meeting=meeting, agenda_item=item, speaker_name=f"Người {i}", gist="Ý kiến")
    for i in range(n):
        Guest.objects.create(meeting=meeting, name=f"Khách {i}")
        Vote.objects.create(
            meeting=meeting, subject=f"Việc {i}", votes_for=1, denominator=3, passed=False, explanation="…"
        )


def test_it_reads_the_page_in_a_fixed_number_of_queries(
    world: World, meeting: Meeting, sam, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    grow(world, meeting, 2)
    with django_assert_num_queries(PAGE_QUERIES):
        assert sam.get(url("meeting", meeting.pk)).status_code == 200
    grow(world, meeting, 12)
    with django_assert_num_queries(PAGE_QUERIES):
        assert sam.get(url("meeting", meeting.pk)).status_code == 200
