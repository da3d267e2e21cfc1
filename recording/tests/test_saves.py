"""Saves carry the version they were based on: stale ones are refused, retried ones are harmless."""

import uuid

from audit.models import AuditEntry
from core.testing import World
from meetings.models import Meeting, Speech
from recording.models import EditVersion
from recording.tests.conftest import client_for
from recording.tests.helpers import post


def item_of(meeting: Meeting):  # type: ignore[no-untyped-def]
    return meeting.agenda_items.order_by("order").last()


def save_notes(client, meeting: Meeting, text: str, version: int, editor: str = "page-one"):  # type: ignore[no-untyped-def]
    item = item_of(meeting)
    return post(
        client,
        "notes",
        meeting.pk,
        item.pk,
        editor=editor,
        **{f"i{item.pk}-notes": text, f"i{item.pk}-version": version},
    )


def test_it_autosaves_notes_and_says_when(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    response = save_notes(sam, meeting, "Đồng chí Bí thư quán triệt nghị quyết.", 0)
    assert response.status_code == 200
    body = response.content.decode()
    item = item_of(meeting)
    assert item.notes == "Đồng chí Bí thư quán triệt nghị quyết."
    assert f'id="ver-notes-{item.pk}" name="i{item.pk}-version" value="1" hx-swap-oob="true"' in body
    assert "Đã lưu lúc" in body


def test_it_refuses_a_stale_save_and_shows_the_other_text(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    alice = client_for(world.alice)
    assert save_notes(alice, meeting, "Bản của đồng chí Lan.", 0, editor="alice-phone").status_code == 200
    # Sam's page still shows version 0: his save is refused, and alice's text is shown to him.
    response = save_notes(sam, meeting, "Bản của đồng chí Sâm.", 0, editor="sam-laptop")
    assert response.status_code == 409
    body = response.content.decode()
    assert "Bản của đồng chí Lan." in body and "alice đã lưu phần này lúc" in body
    assert item_of(meeting).notes == "Bản của đồng chí Lan."
    # Having seen it, sam may keep his own: the save is now based on version 1.
    assert save_notes(sam, meeting, "Bản của đồng chí Sâm.", 1, editor="sam-laptop").status_code == 200
    assert item_of(meeting).notes == "Bản của đồng chí Sâm."


def test_it_takes_a_retried_save_once(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    save_notes(sam, meeting, "Nội dung.", 0)
    entries = AuditEntry.objects.count()
    version = Meeting.objects.get(pk=meeting.pk).version
    # The answer was lost; the page sends the same save again, based on the old version.
    response = save_notes(sam, meeting, "Nội dung.", 0)
    assert response.status_code == 200
    assert EditVersion.objects.get(part=f"notes:{item_of(meeting).pk}").version == 1
    assert AuditEntry.objects.count() == entries
    assert Meeting.objects.get(pk=meeting.pk).version == version


def test_it_accepts_more_typing_from_the_page_whose_answer_was_lost(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    save_notes(sam, meeting, "Nội dung", 0)
    # The same page never saw version 1 and keeps typing: nobody else saved, so nothing is lost by applying it.
    assert save_notes(sam, meeting, "Nội dung đầy đủ", 0).status_code == 200
    assert item_of(meeting).notes == "Nội dung đầy đủ"


def speech(client, meeting: Meeting, token: uuid.UUID, gist: str, final: str = "", version: int = 0, **who):  # type: ignore[no-untyped-def]
    item = item_of(meeting)
    p = f"n{item.pk}"
    data = {f"{p}-token": str(token), f"{p}-version": version, f"{p}-kind": "opinion", f"{p}-gist": gist}
    data.update({f"{p}-{k}": v for k, v in who.items()})
    return post(client, "add_speech", meeting.pk, item.pk, final=final, **data)


def test_it_creates_a_speech_once_however_often_it_is_sent(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    token = uuid.uuid4()
    alice = world.alice.member_id
    assert speech(sam, meeting, token, "Đề nghị", member=alice).status_code == 200  # autosave while typing
    assert speech(sam, meeting, token, "Đề nghị làm đường", member=alice).status_code == 200
    response = speech(sam, meeting, token, "Đề nghị làm đường", final="1", member=alice)
    assert response.status_code == 200
    assert speech(sam, meeting, token, "Đề nghị làm đường", final="1", member=alice).status_code == 200  # retry
    only = Speech.objects.get()
    assert (only.member_id, only.speaker_name, only.gist) == (alice, "Nguyễn Thị Lan", "Đề nghị làm đường")
    # The final answer brings the list back with an empty form under a new token.
    body = response.content.decode()
    assert "Đề nghị làm đường" in body and str(token) not in body


def test_it_records_a_guest_by_name_and_refuses_a_speech_without_speaker(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    response = speech(sam, meeting, uuid.uuid4(), "Chưa biết ai nói")
    assert response.status_code == 400 and "Hãy chọn người phát biểu" in response.content.decode()
    speech(sam, meeting, uuid.uuid4(), "Biểu dương chi bộ", speaker_name="Đồng chí Hà (Đảng ủy xã)")
    assert Speech.objects.get().member_id is None


def test_it_refuses_a_stale_speech_edit(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    speech(sam, meeting, uuid.uuid4(), "Tự phê bình", member=world.sam.member_id)
    made = Speech.objects.get()
    p = f"s{made.pk}"

    def edit(client, gist: str, editor: str):  # type: ignore[no-untyped-def]
        data = {f"{p}-version": 1, f"{p}-kind": "self_criticism", f"{p}-gist": gist, f"{p}-member": world.sam.member_id}
        return post(client, "edit_speech", meeting.pk, made.pk, editor=editor, **data)

    assert edit(client_for(world.alice), "Tự phê bình: còn chậm", "alice-phone").status_code == 200
    response = edit(sam, "Tự phê bình: đã sửa", "sam-laptop")
    assert response.status_code == 409 and "Tự phê bình: còn chậm" in response.content.decode()
    made.refresh_from_db()
    assert made.gist == "Tự phê bình: còn chậm"


def test_it_refuses_a_stale_attendance_change(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    row = meeting.attendances.get(member__full_name="Đỗ Đức Hùng")
    alice = client_for(world.alice)
    post(alice, "mark", meeting.pk, row.pk, status="absent_excused", reason="Ốm", version=0, editor="a")
    response = post(sam, "mark", meeting.pk, row.pk, status="absent_unexcused", version=0, editor="s")
    assert response.status_code == 409 and "Vắng có lý do — Ốm" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "absent_excused"
    # A tap that asks for what is already recorded is simply confirmed.
    assert post(sam, "mark", meeting.pk, row.pk, status="absent_excused", reason="Ốm", version=0).status_code == 200


def test_it_adds_a_guest_sent_twice_once(world: World, meeting: Meeting, sam) -> None:  # type: ignore[no-untyped-def]
    token = str(uuid.uuid4())
    for _ in range(2):
        assert (
            post(sam, "add_guest", meeting.pk, token=token, name="Đồng chí Hà", role="Đảng ủy viên").status_code == 200
        )
    assert meeting.guests.count() == 1
