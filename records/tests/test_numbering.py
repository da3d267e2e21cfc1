"""Numbers per document type and committee term, without gaps or duplicates, also under concurrent adoptions."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from committees.models import CommitteeTerm
from core.testing import World, build_world
from meetings.models import DocumentCounter, DocumentType, Resolution
from records.numbering import issue_number
from records.testing import adopted_minutes, adopted_resolution, held_meeting, resolution_with_tasks


def test_it_numbers_each_type_in_sequence(world: World) -> None:
    symbols = []
    for day in (dt.date(2026, 9, 10), dt.date(2026, 10, 10), dt.date(2026, 11, 10)):
        meeting = held_meeting(world.cell_a1, day=day)
        symbols.append(adopted_minutes(world.sam, meeting).symbol)
        symbols.append(adopted_resolution(world.sam, meeting, []).symbol)
    assert symbols == ["01-BB/CB", "01-NQ/CB", "02-BB/CB", "02-NQ/CB", "03-BB/CB", "03-NQ/CB"]
    # Each cell has its own numbers.
    assert adopted_minutes(world.sue, held_meeting(world.cell_a2)).symbol == "01-BB/CB"


def test_it_restarts_numbers_with_each_committee_term(world: World) -> None:
    old = CommitteeTerm.objects.create(
        organization=world.cell_a1, name="2020-2025", starts_on=dt.date(2020, 8, 1), ends_on=dt.date(2025, 7, 31)
    )
    new = CommitteeTerm.objects.create(organization=world.cell_a1, name="2025-2030", starts_on=dt.date(2025, 8, 1))
    in_old = adopted_minutes(world.sam, held_meeting(world.cell_a1, day=dt.date(2025, 6, 10)))
    in_old_2 = adopted_minutes(world.sam, held_meeting(world.cell_a1, day=dt.date(2025, 7, 10)))
    in_new = adopted_minutes(world.sam, held_meeting(world.cell_a1, day=dt.date(2025, 9, 10)))
    assert [in_old.number, in_old_2.number, in_new.number] == [1, 2, 1]
    assert DocumentCounter.objects.get(term=old).last_number == 2
    assert DocumentCounter.objects.get(term=new).last_number == 1


def test_it_numbers_without_a_term_when_none_is_recorded(world: World) -> None:
    adopted_minutes(world.sam, held_meeting(world.cell_a1))
    counter = DocumentCounter.objects.get()
    assert counter.term is None and counter.doc_type == DocumentType.MINUTES and counter.last_number == 1


def test_it_gives_back_the_number_of_a_rolled_back_adoption(world: World) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        issue_number(world.cell_a1, DocumentType.RESOLUTION, dt.date(2026, 11, 10))
        raise Boom
    assert issue_number_in_transaction(world) == (1, "01-NQ/CB")


def issue_number_in_transaction(world: World) -> tuple[int, str]:
    with transaction.atomic():
        return issue_number(world.cell_a1, DocumentType.RESOLUTION, dt.date(2026, 11, 10))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL")
def test_it_never_gives_two_adoptions_at_once_the_same_number() -> None:
    world = build_world()
    drafts = [
        resolution_with_tasks(world.sam, held_meeting(world.cell_a1, day=dt.date(2026, m, 10)), [])
        for m in (7, 8, 9, 10, 11, 12)
    ]
    barrier = threading.Barrier(len(drafts))
    errors: list[BaseException] = []

    def adopt(resolution: Resolution) -> None:
        from records.actions import do_adopt_resolution

        try:
            barrier.wait()
            do_adopt_resolution(world.sam, resolution, version=resolution.version)
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=adopt, args=(r,)) for r in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Resolution.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert DocumentCounter.objects.get(doc_type=DocumentType.RESOLUTION).last_number == 6
    call_command("verify_seals")  # the six seals chained one after the other
