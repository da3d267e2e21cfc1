"""rebuild_search_index puts back what bulk loads left out, corrects what drifted and drops what is gone."""

import io

from django.core.management import call_command
from django.db import connection

from core.testing import World
from members.models import Member
from search.models import SearchDocument, Source
from search.sources import scope_words
from search.testing import found, minutes_saying


def _rebuild(*args: str) -> str:
    out = io.StringIO()
    call_command("rebuild_search_index", *args, stdout=out)
    return out.getvalue()


def test_it_indexes_records_written_in_bulk(world: World) -> None:
    minutes = minutes_saying(world.sam, world.cell_a1, "Biên bản: naplohang.")
    SearchDocument.objects.all().delete()
    assert found(world.rita, "naplohang") == [] and found(world.rita, "Nguyễn Thị Lan") == []

    output = _rebuild()

    assert "Đã dựng lại chỉ mục tìm kiếm" in output
    assert found(world.rita, "naplohang") == [(Source.MINUTES, minutes.pk)]
    assert found(world.rita, "Nguyễn Thị Lan") == [(Source.MEMBER, world.alice.member_id)]
    assert SearchDocument.objects.filter(source=Source.MEMBER).count() == Member.objects.count()


def test_it_corrects_documents_that_drifted_and_drops_orphans(world: World) -> None:
    Member.objects.filter(pk=world.alice.member_id).update(full_name="Nguyễn Thị Lan Anh")  # no signal
    SearchDocument.objects.create(
        source=Source.MEMBER,
        object_id=999_999,
        kind="member",
        organization=world.cell_a1,
        org_path=world.cell_a1.path,
        audience="officers",
        title="Người không còn nữa",
        scope=scope_words(Source.MEMBER, 999_999, world.cell_a1.pk, world.cell_a1.path),
    )
    assert found(world.rita, "lan anh") == [] and found(world.rita, "khong con nua")

    _rebuild()

    assert found(world.rita, "lan anh") == [(Source.MEMBER, world.alice.member_id)]
    assert found(world.rita, "khong con nua") == []


def test_a_second_rebuild_writes_nothing(world: World) -> None:
    minutes_saying(world.sam, world.cell_a1, "Biên bản.")

    assert "0 " in _rebuild().splitlines()[-1]


def test_it_can_rebuild_the_full_text_index_itself(world: World) -> None:
    minutes = minutes_saying(world.sam, world.cell_a1, "Biên bản: chimucfts.")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        assert found(world.rita, "chimucfts") == []

    _rebuild("--full-text")

    assert found(world.rita, "chimucfts") == [(Source.MINUTES, minutes.pk)]
