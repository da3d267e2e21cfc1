"""Adopted texts are sealed in a hash chain; verify_seals finds any change made underneath the application."""

import pytest
from django.core.management import CommandError, call_command

from core.testing import World
from meetings.models import Minutes, Resolution, ResolutionTask
from records.actions import do_amend
from records.models import GENESIS, Seal, SealIsPermanent
from records.sealing import sha256, verify_chain
from records.testing import adopted_minutes, adopted_resolution, held_meeting, task


def _sealed_month(world: World) -> tuple[Minutes, Resolution]:
    meeting = held_meeting(world.cell_a1)
    minutes = adopted_minutes(world.sam, meeting)
    resolution = adopted_resolution(world.sam, meeting, [task("Thu quỹ", assignee=world.alice.member)])
    do_amend(world.sam, minutes, reason="Sửa lỗi chính tả", text="Đọc là 'khuyến học'.")
    adopted_minutes(world.sue, held_meeting(world.cell_a2))
    return minutes, resolution


def test_it_chains_each_seal_to_the_previous_one_of_the_cell(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    minutes, _ = _sealed_month(world)
    a1 = list(Seal.objects.filter(organization=world.cell_a1).order_by("id"))
    assert len(a1) == 3
    assert a1[0].previous_hash == GENESIS
    assert [s.previous_hash for s in a1[1:]] == [s.seal_hash for s in a1[:-1]]
    assert a1[0].content_hash == sha256(f"{minutes.symbol}\n{minutes.body}") == minutes.content_hash
    assert Seal.objects.get(organization=world.cell_a2).previous_hash == GENESIS
    call_command("verify_seals")
    assert "4 seal(s) checked: the chain is intact." in capsys.readouterr().out


def test_it_detects_a_minutes_text_changed_in_the_database(world: World) -> None:
    minutes, _ = _sealed_month(world)
    Minutes.objects.filter(pk=minutes.pk).update(body=minutes.body + " (đã sửa lén)")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_seals")
    _, problems = verify_chain()
    assert "changed after it was sealed" in problems[0].description


def test_it_detects_a_task_changed_under_an_adopted_resolution(world: World) -> None:
    _, resolution = _sealed_month(world)
    ResolutionTask.objects.filter(resolution=resolution).update(what="Việc khác")
    with pytest.raises(CommandError):
        call_command("verify_seals")


def test_it_leaves_task_progress_out_of_the_seal(world: World) -> None:
    _, resolution = _sealed_month(world)
    ResolutionTask.objects.filter(resolution=resolution).update(status="done", evidence="Đã thu đủ")
    call_command("verify_seals")


def test_it_detects_a_seal_rewritten_or_removed(world: World) -> None:
    _sealed_month(world)
    first = Seal.objects.filter(organization=world.cell_a1).order_by("id").first()
    Seal.objects.filter(pk=first.pk).update(content_hash=sha256("khác"))
    _, problems = verify_chain()
    assert any("seal row was changed" in p.description for p in problems)
    Seal.objects.filter(pk=first.pk).delete()
    _, problems = verify_chain()
    assert any("previous hash does not match" in p.description for p in problems)


def test_it_never_changes_or_deletes_a_seal_through_the_model(world: World) -> None:
    _sealed_month(world)
    seal = Seal.objects.first()
    seal.content_hash = "0" * 64
    with pytest.raises(SealIsPermanent):
        seal.save()
    with pytest.raises(SealIsPermanent):
        seal.delete()
