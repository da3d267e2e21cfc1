"""Who gets which document: official ones follow `meeting.view`, drafts only `meeting.manage`; the guidance its pages.

The people (core/testing.py): alice is a member of cell A1, sam its secretary,
sue the secretary of A2, olga the office of commune A, rita a province reader,
oscar the office of commune B.
"""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import World
from documents.testing import adopted_records, draft_records, full_meeting
from guidance.testing import make_guidance
from preparation.testing import notified_meeting, planned_meeting
from thematic.testing import report_at

READERS = {"alice", "sam", "olga", "rita"}
MANAGERS = {"sam", "olga"}
EVERYONE = ("anonymous", "alice", "sam", "sue", "olga", "rita", "oscar")


def statuses(client_for: Callable[[str], Client], url: str) -> dict[str, int]:
    return {who: client_for(who).get(url).status_code for who in EVERYONE}


def allowed(codes: dict[str, int]) -> set[str]:
    return {who for who, code in codes.items() if code == 200}


def refused_properly(codes: dict[str, int]) -> bool:
    """Refused people get 403 or 404, anonymous the log-in page; nobody gets an error."""
    return all(code in (200, 403, 404) or (who == "anonymous" and code == 302) for who, code in codes.items())


def url(name: str, fmt: str = "pdf", **kwargs: int) -> str:
    return reverse(f"documents:{name}", kwargs={**kwargs, "fmt": fmt})


def test_adopted_minutes_and_resolution_go_to_whoever_sees_the_meeting(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes, _resolution = adopted_records(world)
    for name, fmt in (("minutes", "pdf"), ("resolution", "docx")):
        codes = statuses(client_for, url(name, fmt, meeting_id=minutes.meeting_id))
        assert allowed(codes) == READERS and refused_properly(codes), codes
    # Another cell's secretary and another commune's office do not even learn that the meeting exists.
    assert codes["sue"] == 404 and codes["oscar"] == 404


def test_draft_minutes_and_resolution_go_only_to_those_who_manage_the_meeting(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes, _resolution = draft_records(world)
    for name in ("minutes", "resolution"):
        codes = statuses(client_for, url(name, meeting_id=minutes.meeting_id))
        assert allowed(codes) == MANAGERS and refused_properly(codes), codes
        assert codes["alice"] == 403 and codes["rita"] == 403


def test_a_meeting_without_minutes_has_no_minutes_document(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = full_meeting(world)
    assert client_for("sam").get(url("minutes", meeting_id=meeting.pk)).status_code == 404
    assert client_for("sam").get(url("report", meeting_id=meeting.pk)).status_code == 404


def test_the_notice_and_agenda_reach_members_once_sent(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    draft = planned_meeting(world)
    sent = notified_meeting(world, days_ahead=40)
    for name in ("notice", "agenda"):
        codes = statuses(client_for, url(name, meeting_id=draft.pk))
        assert allowed(codes) == MANAGERS and refused_properly(codes), codes
        codes = statuses(client_for, url(name, "docx", meeting_id=sent.pk))
        assert allowed(codes) == READERS and refused_properly(codes), codes


@pytest.mark.parametrize(("stage", "people"), [("discussed", MANAGERS), ("final", READERS)])
def test_the_thematic_report_reaches_members_once_final(world: World, client_for, stage: str, people: set[str]) -> None:  # type: ignore[no-untyped-def]
    report = report_at(world, stage)
    codes = statuses(client_for, url("report", meeting_id=report.meeting_id))
    assert allowed(codes) == people and refused_properly(codes), codes


def test_the_whole_guidance_follows_the_guidance_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    draft = make_guidance(world.commune_a, actor=world.olga, publish=False)
    for guidance_id in (
        draft.pk,
        make_guidance(world.commune_a, actor=world.olga, month=draft.month.replace(year=2027)).pk,
    ):
        codes = statuses(client_for, url("guidance", guidance_id=guidance_id))
        page = statuses(client_for, reverse("guidance:detail", args=[guidance_id]))
        assert allowed(codes) == allowed(page) == {"olga", "rita"} and refused_properly(codes), codes


def test_a_cells_copy_goes_to_whoever_sees_the_cell_once_published(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    published = make_guidance(world.commune_a, actor=world.olga)
    codes = statuses(client_for, url("guidance_cell", guidance_id=published.pk, cell_id=world.cell_a1.pk))
    assert allowed(codes) == READERS and refused_properly(codes), codes
    # Not before it is published, and not for a cell outside the commune that wrote it.
    draft = make_guidance(world.commune_a, actor=world.olga, publish=False, month=published.month.replace(year=2027))
    assert (
        client_for("olga").get(url("guidance_cell", guidance_id=draft.pk, cell_id=world.cell_a1.pk)).status_code == 404
    )
    outside = url("guidance_cell", guidance_id=published.pk, cell_id=world.cell_b1.pk)
    assert client_for("oscar").get(outside).status_code == 404
    assert (
        client_for("sam").get(url("guidance_cell", guidance_id=published.pk, cell_id=world.cell_a2.pk)).status_code
        == 403
    )


def test_the_download_is_a_file_named_after_the_document(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes, _resolution = adopted_records(world)
    response = client_for("alice").get(url("minutes", "docx", meeting_id=minutes.meeting_id))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "01-BB-CB" in response["Content-Disposition"] and response["Cache-Control"] == "private, no-store"
    response = client_for("alice").get(url("minutes", "pdf", meeting_id=minutes.meeting_id))
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("inline;")
    assert client_for("alice").get(f"/documents/meeting/{minutes.meeting_id}/minutes.odt").status_code == 404
