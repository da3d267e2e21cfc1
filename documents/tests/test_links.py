"""The Word and PDF links on the records, notice and guidance pages, for those who may have the document."""

from django.urls import reverse

from core.testing import World
from documents.testing import adopted_records, draft_records
from guidance.testing import make_guidance
from preparation.testing import notified_meeting


def test_the_records_page_links_adopted_minutes_and_resolution_for_members(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes, _resolution = adopted_records(world)
    body = client_for("alice").get(reverse("records:meeting", args=[minutes.meeting_id])).content.decode()
    for name in ("minutes", "resolution"):
        for fmt in ("docx", "pdf"):
            assert reverse(f"documents:{name}", args=[minutes.meeting_id, fmt]) in body


def test_the_records_page_links_drafts_only_for_those_who_manage(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes, _resolution = draft_records(world)
    link = reverse("documents:minutes", args=[minutes.meeting_id, "pdf"])
    assert link in client_for("sam").get(reverse("records:meeting", args=[minutes.meeting_id])).content.decode()
    for who in ("alice", "rita"):
        page = client_for(who).get(reverse("records:meeting", args=[minutes.meeting_id]))
        assert page.status_code == 200 and link not in page.content.decode()


def test_the_notice_page_links_the_notice_and_the_agenda(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = notified_meeting(world)
    body = client_for("alice").get(reverse("preparation:notice", args=[meeting.pk])).content.decode()
    assert reverse("documents:notice", args=[meeting.pk, "docx"]) in body
    assert reverse("documents:agenda", args=[meeting.pk, "pdf"]) in body


def test_the_guidance_pages_link_the_whole_guidance_and_the_cells_copy(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    guidance = make_guidance(world.commune_a, actor=world.olga)
    body = client_for("rita").get(reverse("guidance:detail", args=[guidance.pk])).content.decode()
    assert reverse("documents:guidance", args=[guidance.pk, "pdf"]) in body
    month = guidance.month.strftime("%Y-%m")
    body = (
        client_for("alice")
        .get(reverse("guidance:for_cell", args=[world.cell_a1.pk]) + f"?month={month}")
        .content.decode()
    )
    assert reverse("documents:guidance_cell", args=[guidance.pk, world.cell_a1.pk, "docx"]) in body
