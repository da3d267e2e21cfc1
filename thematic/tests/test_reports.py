"""The thematic report: drafted by the member the plan names, shared for comments, discussed, final and sent."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from meetings.models import DocumentCounter, MeetingStatus
from members.models import Member
from members.tests.helpers import client_for
from thematic.actions import (
    do_comment,
    do_finalize_report,
    do_mark_discussed,
    do_save_report,
    do_share_report,
    do_start_report,
)
from thematic.actions.reports import ReportLocked, StaleEdit
from thematic.models import ReportRecipient, ReportStatus, ThematicReport
from thematic.testing import BODY, plan_for, planned_meeting, report_at

pytestmark = pytest.mark.django_db


def _hung(world: World) -> Member:
    return Member.objects.get(organization=world.cell_a1, full_name="Đỗ Đức Hùng")


def _report_url(report: ThematicReport) -> str:
    return reverse("thematic:report", args=[report.meeting_id])


def test_it_lets_the_drafter_start_write_and_share_the_report(world: World) -> None:
    meeting = planned_meeting(world)
    alice = client_for(world.alice)
    response = alice.post(reverse("thematic:report_start", args=[meeting.pk]))
    report = ThematicReport.objects.get(meeting=meeting)
    assert response["Location"] == reverse("thematic:report_edit", args=[report.pk])
    assert (report.author, report.title, report.status) == (world.alice.member, meeting.topic, ReportStatus.DRAFT)
    # A second click returns the same report.
    alice.post(reverse("thematic:report_start", args=[meeting.pk]))
    assert ThematicReport.objects.filter(meeting=meeting).count() == 1
    edit = reverse("thematic:report_edit", args=[report.pk])
    # Saved as she types (htmx): the fragment carries the new version.
    response = alice.post(edit, {"title": report.title, "body": BODY, "version": 1}, headers={"HX-Request": "true"})
    assert 'name="version" value="2"' in response.content.decode()
    report.refresh_from_db()
    assert report.body == BODY.strip() and report.version == 2
    alice.post(reverse("thematic:report_share", args=[report.pk]), {"version": 2})
    report.refresh_from_db()
    assert report.shared_at is not None
    actions = set(
        AuditEntry.objects.filter(object_type="thematic.thematicreport", object_id=str(report.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"thematic.report_start", "thematic.report_edit", "thematic.report_share"} <= actions


def test_it_refuses_the_text_to_members_who_do_not_draft_it(world: World) -> None:
    plan_for(world, drafter=_hung(world))
    meeting = planned_meeting(world)
    assert client_for(world.alice).post(reverse("thematic:report_start", args=[meeting.pk])).status_code == 403
    report = do_start_report(world.sam, meeting)
    assert report.author == _hung(world)
    do_save_report(world.sam, report, title=report.title, body="Bản thảo riêng của chi ủy.", version=report.version)
    assert client_for(world.alice).get(reverse("thematic:report_edit", args=[report.pk])).status_code == 403
    # Not shared yet: alice sees that it is being drafted, not the text; sam and the office read it.
    page = client_for(world.alice).get(_report_url(report)).content.decode()
    assert "Bản thảo riêng của chi ủy." not in page
    for who in (world.sam, world.olga):
        assert "Bản thảo riêng của chi ủy." in client_for(who).get(_report_url(report)).content.decode()
    report.refresh_from_db()
    do_share_report(world.sam, report, version=report.version)
    assert "Bản thảo riêng của chi ủy." in client_for(world.alice).get(_report_url(report)).content.decode()


def test_it_hides_the_report_from_other_cells_and_communes(world: World) -> None:
    report = report_at(world, "shared")
    for who in (world.sue, world.oscar):
        assert client_for(who).get(_report_url(report)).status_code == 404
        assert (
            client_for(who).post(reverse("thematic:report_comment", args=[report.pk]), {"body": "x"}).status_code == 404
        )
    assert client_for(world.rita).get(_report_url(report)).status_code == 200
    assert client_for(world.rita).post(reverse("thematic:report_edit", args=[report.pk]), {}).status_code == 403


def test_it_takes_comments_from_members_on_the_shared_draft(world: World) -> None:
    report = report_at(world, "draft")
    alice = client_for(world.alice)
    url = reverse("thematic:report_comment", args=[report.pk])
    alice.post(url, {"body": "Chưa chia sẻ"})
    assert not report.comments.exists()
    do_share_report(world.alice, report, version=report.version)
    alice.post(url, {"body": "Đề nghị bổ sung ví dụ."})
    alice.post(url, {"body": "Đề nghị bổ sung ví dụ."})  # submitted twice
    client_for(world.sam).post(url, {"body": "Ý kiến của bí thư."})
    assert list(report.comments.values_list("body", flat=True)) == ["Đề nghị bổ sung ví dụ.", "Ý kiến của bí thư."]
    # Readers and the office read the comments but do not comment; they are not members of the cell.
    for who in (world.rita, world.olga):
        assert client_for(who).post(url, {"body": "Không được"}).status_code == 403
    assert "Ý kiến của bí thư." in client_for(world.olga).get(_report_url(report)).content.decode()
    assert AuditEntry.objects.filter(action="thematic.report_comment").count() == 2
    response = alice.post(url, {"body": "  "})
    assert response.status_code == 200 and report.comments.count() == 2


def test_a_member_sees_only_their_own_comments(world: World) -> None:
    plan_for(world, drafter=_hung(world))
    meeting = planned_meeting(world)
    report = do_start_report(world.sam, meeting)
    report = do_save_report(world.sam, report, title=report.title, body=BODY, version=report.version)
    report = do_share_report(world.sam, report, version=report.version)
    do_comment(world.sam, report, member=world.sam.member, body="Góp ý của bí thư")
    do_comment(world.alice, report, member=world.alice.member, body="Góp ý của Lan")
    page = client_for(world.alice).get(_report_url(report)).content.decode()
    assert "Góp ý của Lan" in page and "Góp ý của bí thư" not in page
    assert "Góp ý của Lan" in client_for(world.sam).get(_report_url(report)).content.decode()


def test_it_records_the_discussion_once_the_meeting_is_held(world: World) -> None:
    report = report_at(world, "shared")
    with pytest.raises(ValidationError):
        do_mark_discussed(world.sam, report, revision_notes="", version=report.version)
    report.meeting.status = MeetingStatus.HELD
    report.meeting.save()
    url = reverse("thematic:report_discussed", args=[report.pk])
    assert client_for(world.alice).post(url, {"version": report.version}).status_code == 403
    client_for(world.sam).post(url, {"version": report.version, "revision_notes": "Thêm số liệu năm 2026."})
    report.refresh_from_db()
    assert report.status == ReportStatus.DISCUSSED and report.revision_notes == "Thêm số liệu năm 2026."
    # Comments close once the cell has discussed the draft.
    with pytest.raises(ValidationError):
        do_comment(world.alice, report, member=world.alice.member, body="Muộn")


def test_it_makes_the_report_final_numbered_and_sent_to_every_member(world: World) -> None:
    report = report_at(world, "discussed")
    # The drafter revises the text; only an officer makes it final.
    report = do_save_report(world.alice, report, title=report.title, body=BODY + "\n\nBổ sung.", version=report.version)
    url = reverse("thematic:report_finalize", args=[report.pk])
    assert client_for(world.alice).post(url, {"version": report.version, "confirm": "on"}).status_code == 403
    client_for(world.sam).post(url, {"version": report.version})  # not confirmed
    report.refresh_from_db()
    assert report.status == ReportStatus.DISCUSSED
    client_for(world.sam).post(url, {"version": report.version, "confirm": "on"})
    report.refresh_from_db()
    assert (report.status, report.number, report.symbol) == (ReportStatus.FINAL, 1, "01-BC/CB")
    assert report.finalized_by == world.sam and report.finalized_at is not None
    active = set(Member.objects.filter(organization=world.cell_a1, state="active").values_list("pk", flat=True))
    assert set(report.recipients.values_list("member_id", flat=True)) == active
    assert DocumentCounter.objects.get(organization=world.cell_a1, doc_type="BC").last_number == 1
    entry = AuditEntry.objects.get(action="thematic.report_finalize")
    assert sorted(entry.after["sent_to"]) == sorted(active) and entry.after["symbol"] == "01-BC/CB"
    # Submitted twice: still one number.
    client_for(world.sam).post(url, {"version": report.version - 1, "confirm": "on"})
    assert DocumentCounter.objects.get(organization=world.cell_a1, doc_type="BC").last_number == 1


def test_a_final_report_never_changes(world: World) -> None:
    report = report_at(world, "final")
    with pytest.raises(ReportLocked):
        do_save_report(world.sam, report, title="Khác", body="Khác", version=report.version)
    with pytest.raises(ReportLocked):
        do_mark_discussed(world.sam, report, revision_notes="Khác", version=report.version)
    response = client_for(world.sam).post(
        reverse("thematic:report_edit", args=[report.pk]), {"title": "Khác", "body": "Khác", "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title != "Khác" and report.body == BODY.strip()


def test_it_refuses_a_stale_save(world: World) -> None:
    report = report_at(world, "draft")
    do_save_report(world.sam, report, title=report.title, body="Bản của sam", version=report.version)
    with pytest.raises(StaleEdit):
        do_save_report(world.alice, report, title=report.title, body="Bản của Lan", version=report.version)
    response = client_for(world.alice).post(
        reverse("thematic:report_edit", args=[report.pk]),
        {"title": report.title, "body": "Bản của Lan", "version": report.version},
        headers={"HX-Request": "true"},
    )
    assert "Tải lại trang" in response.content.decode()
    report.refresh_from_db()
    assert report.body == "Bản của sam"


def test_it_shows_the_final_report_on_the_members_home_page_until_read(world: World) -> None:
    report = report_at(world, "final")
    alice = client_for(world.alice)
    home = alice.get("/").content.decode()
    assert report.title in home and _report_url(report) in home and "01-BC/CB" in home
    alice.get(_report_url(report))
    copy = ReportRecipient.objects.get(report=report, member=world.alice.member)
    assert copy.read_at is not None
    assert AuditEntry.objects.filter(action="thematic.report_read").count() == 1
    alice.get(_report_url(report))
    assert AuditEntry.objects.filter(action="thematic.report_read").count() == 1
    # Nothing for those it was not sent to.
    assert report.title not in client_for(world.sue).get("/").content.decode()


def test_it_points_to_the_report_from_the_meeting_pages(world: World) -> None:
    report = report_at(world, "final")
    link = _report_url(report)
    assert link in client_for(world.alice).get(reverse("records:meeting", args=[report.meeting_id])).content.decode()
    assert link in client_for(world.sam).get(reverse("preparation:prepare", args=[report.meeting_id])).content.decode()


def test_it_starts_no_report_for_a_regular_meeting(world: World) -> None:
    from meetings.testing import make_meeting

    meeting = make_meeting(world.cell_a1)
    with pytest.raises(ValidationError):
        do_start_report(world.sam, meeting)
    assert client_for(world.sam).get(reverse("thematic:report", args=[meeting.pk])).status_code == 404


def test_finalizing_needs_the_discussion_first(world: World) -> None:
    report = report_at(world, "shared")
    with pytest.raises(ValidationError):
        do_finalize_report(world.sam, report, version=report.version)
    assert not DocumentCounter.objects.filter(doc_type="BC").exists()


@pytest.mark.parametrize("extra", [0, 8])
def test_the_report_page_takes_a_fixed_number_of_queries(world: World, django_assert_num_queries, extra: int) -> None:  # type: ignore[no-untyped-def]
    from core.testing import make_member

    members = [make_member(world.cell_a1, f"Trịnh Văn Thêm {i}") for i in range(extra)]
    report = report_at(world, "shared")
    for member in [world.alice.member, *members]:
        do_comment(world.alice, report, member=member, body=f"Góp ý của {member.full_name}")
    report.meeting.status = MeetingStatus.HELD
    report.meeting.save()
    report = do_mark_discussed(world.sam, report, revision_notes="", version=report.version)
    report = do_finalize_report(world.sam, report, version=report.version)
    client = client_for(world.sam)
    client.get(_report_url(report))
    # Session, user, member, grants, positions, meeting; then the report, its planned topic, comments, recipients.
    with django_assert_num_queries(10):
        response = client.get(_report_url(report))
    assert len(response.context["page"].recipients) == 4 + extra
    assert len(response.context["page"].comments) == 1 + extra
