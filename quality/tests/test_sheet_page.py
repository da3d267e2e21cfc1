"""A meeting's sheet: read by whoever sees the meeting, scored by its officers; linked from the records page."""

import datetime as dt

from django.urls import reverse

from audit.models import AuditEntry
from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World
from quality.models import MeetingEvaluation
from records.actions import do_adopt_minutes, do_draft_minutes
from records.testing import held_meeting


def _page(client, meeting) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("quality:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_members_what_the_records_give_before_the_cell_scores(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1, scored=False)
    for who in ("alice", "rita"):
        page = _page(client_for(who), meeting)
        assert "Chưa lưu" in page and "Dự họp 4/4 đảng viên (100%), đạt trên 85%: 15/15 điểm" in page
        assert "Chi bộ chưa chấm: 0/5 điểm" in page
        assert reverse("quality:score", args=[meeting.pk]) not in page
    assert not MeetingEvaluation.objects.exists()
    for who in ("sue", "oscar"):
        assert client_for(who).get(reverse("quality:meeting", args=[meeting.pk])).status_code == 404


def test_it_lets_sam_score_the_cells_criteria(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1, scored=False)
    sam = client_for("sam")
    assert reverse("quality:score", args=[meeting.pk]) in _page(sam, meeting)
    form = {"version": 0, "principles-points": 4, "principles-note": "Ít ý kiến phê bình", "chairing-points": 5}
    response = sam.post(reverse("quality:score", args=[meeting.pk]), form, follow=True)
    page = response.content.decode()
    evaluation = MeetingEvaluation.objects.get()
    assert f"Đã lưu điểm: {evaluation.total}/100 điểm, xếp loại {evaluation.level_title}." in page
    assert "Chi bộ chấm: 4/5 điểm (Ít ý kiến phê bình)" in page and "Dự thảo" in page
    assert evaluation.manual["principles"] == {"points": 4, "note": "Ít ý kiến phê bình"}
    # The same form again (a double click): nothing new.
    sam.post(reverse("quality:score", args=[meeting.pk]), form)
    assert MeetingEvaluation.objects.get().version == 1
    # A form opened before that save, with other points: refused.
    stale = sam.post(reverse("quality:score", args=[meeting.pk]), form | {"chairing-points": 3}, follow=True)
    assert "Người khác đã thay đổi kết quả đánh giá" in stale.content.decode()
    assert MeetingEvaluation.objects.get().manual["chairing"]["points"] == 5


def test_it_refuses_points_out_of_range_with_a_message_next_to_the_field(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1, scored=False)
    response = client_for("sam").post(
        reverse("quality:score", args=[meeting.pk]), {"version": 0, "principles-points": 7, "chairing-points": "x"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Nhập số điểm là số nguyên từ 0 đến 5.") == 2
    assert not MeetingEvaluation.objects.exists()


def test_it_refuses_scoring_and_recomputing_to_those_who_only_read(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1, scored=False)
    for who in ("alice", "rita", "sue", "oscar"):
        client = client_for(who)
        form = {"version": 0, "principles-points": 5, "chairing-points": 5}
        assert client.post(reverse("quality:score", args=[meeting.pk]), form).status_code in (403, 404), who
        assert client.post(reverse("quality:recompute", args=[meeting.pk])).status_code in (403, 404), who
    assert not MeetingEvaluation.objects.exists()
    assert client_for("olga").post(reverse("quality:recompute", args=[meeting.pk])).status_code == 302
    assert MeetingEvaluation.objects.get().version == 1
    assert AuditEntry.objects.filter(action="quality.recompute", actor=world.olga).exists()


def test_it_shows_the_adopted_sheet_without_a_form(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1)
    minutes = do_draft_minutes(world.sam, meeting)
    do_adopt_minutes(world.sam, minutes, version=minutes.version)
    page = _page(client_for("sam"), meeting)
    assert "Đã thông qua" in page and "thông qua cùng biên bản" in page
    assert reverse("quality:score", args=[meeting.pk]) not in page
    assert "Quy định áp dụng: HD 12-HD/BTCTW" in page


def test_it_links_the_sheet_from_the_records_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = held_meeting(world.cell_a1, scored=False)
    url = reverse("records:meeting", args=[meeting.pk])
    page = client_for("sam").get(url).content.decode()
    assert "Chưa đánh giá: chi bộ chấm điểm buổi sinh hoạt trước khi thông qua biên bản." in page
    assert reverse("quality:meeting", args=[meeting.pk]) in page and "Chấm điểm buổi sinh hoạt" in page
    client_for("sam").post(reverse("quality:score", args=[meeting.pk]), {"version": 0, "principles-points": 5})
    page = client_for("alice").get(url).content.decode()
    assert "Chi bộ chưa chấm đủ các tiêu chí tự chấm: chưa thể thông qua biên bản." in page
    assert "Xem phiếu đánh giá" in page
    minutes = do_draft_minutes(world.sam, meeting)
    refused = client_for("sam").post(
        reverse("records:minutes_adopt", args=[minutes.pk]),
        {"minutes-version": minutes.version, "minutes-read_back": "on"},
        follow=True,
    )
    assert "Hãy chấm điểm buổi sinh hoạt trước khi thông qua biên bản" in refused.content.decode()


def test_it_lets_the_follow_up_cadre_read_but_not_score(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # Sue sits on the commune committee and follows cell A1.
    sue, since = world.sue.member, dt.date(2025, 8, 1)
    do_assign_position(None, organization=world.commune_a, member=sue, role=Role.COMMITTEE, valid_from=since)
    do_assign_position(None, organization=world.cell_a1, member=sue, role=Role.FOLLOW_UP, valid_from=since)
    meeting = held_meeting(world.cell_a1, scored=False)
    client = client_for("sue")
    page = _page(client, meeting)
    assert "Dự họp 4/4 đảng viên" in page and reverse("quality:score", args=[meeting.pk]) not in page
    assert client.get(reverse("quality:cell", args=[world.cell_a1.pk])).status_code == 200
    form = {"version": 0, "principles-points": 5, "chairing-points": 5}
    assert client.post(reverse("quality:score", args=[meeting.pk]), form).status_code == 403
    assert not MeetingEvaluation.objects.exists()
