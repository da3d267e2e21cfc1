"""The print pack: one invitation page per member, as HTML and one PDF, for those who manage the meeting."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.actions import do_create_user
from committees.actions import do_assign_position
from committees.models import Role
from core.testing import World, make_member
from meetings.models import MeetingKind
from members.models import Member
from members.tests.helpers import client_for
from preparation.testing import attach_pdf, notified_meeting, planned_meeting

pytestmark = pytest.mark.django_db

PAGE = '<section class="page pack-page">'


def _url(meeting, name: str = "pack", query: str = "") -> str:  # type: ignore[no-untyped-def]
    return reverse(f"printpack:{name}", args=[meeting.pk]) + (f"?{query}" if query else "")


def _pdf_pages(response) -> list[str]:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text() for page in reader.pages]


def test_it_prints_one_invitation_per_active_member_with_everything_for_the_meeting(world: World) -> None:
    meeting = notified_meeting(world, topic="Học tập Nghị quyết Đại hội")
    attach_pdf(world, meeting, title="Báo cáo tháng")
    response = client_for(world.sam).get(_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    members = list(Member.objects.filter(organization=world.cell_a1).order_by("search_key"))
    assert html.count(PAGE) == len(members) == 4
    for member in members:
        assert f"<strong>{member.full_name}</strong>" in html
    assert html.count("Sinh hoạt chi bộ thường kỳ") >= 4
    assert "Nhà văn hóa khu" in html and "Học tập Nghị quyết Đại hội" in html
    for item in meeting.agenda_items.all():
        assert item.title in html
    assert "Dự thảo nghị quyết" in html and "Báo cáo tháng" in html
    # The same QR for everyone: the notice page members open.
    notice = f"http://testserver{reverse('preparation:notice', args=[meeting.pk])}"
    assert html.count(notice) == 4 and html.count("<svg") == 4
    assert "ĐẢNG BỘ XÃ HƯƠNG NỘN" in html.upper() and "Đảng Cộng sản Việt Nam" in html
    assert "Bí thư" in html and "Trần Văn Sâm" in html
    assert "Quét mã QR" in html  # instructions in Vietnamese
    assert "window.print()" in html


def test_it_prints_only_members_who_have_no_working_account_when_asked(world: World) -> None:
    meeting = notified_meeting(world)
    # Alice logged in once; sam logs in now; Hùng and Dự have no account; a new member's account was never used.
    type(world.alice).objects.filter(pk=world.alice.pk).update(last_login=timezone.now())
    newcomer = make_member(world.cell_a1, "Lý Văn Mới")
    do_create_user(None, username="moi", password="Mat-khau-moi-2026", member=newcomer)
    response = client_for(world.sam).get(_url(meeting, query="who=offline"))
    html = response.content.decode()
    printed = [p.member.full_name for p in response.context["pack"].pages]
    assert sorted(printed) == sorted(["Đỗ Đức Hùng", "Phạm Văn Dự", "Lý Văn Mới"])
    assert html.count(PAGE) == 3
    assert "Không có điện thoại thông minh?" in html  # the keep-this-page line, for members offline
    assert response.context["pack"].total == 5


def test_a_disabled_account_counts_as_offline(world: World) -> None:
    meeting = notified_meeting(world)
    type(world.alice).objects.filter(pk=world.alice.pk).update(last_login=timezone.now(), is_active=False)
    response = client_for(world.sam).get(_url(meeting, query="who=offline"))
    assert "Nguyễn Thị Lan" in [p.member.full_name for p in response.context["pack"].pages]


def test_it_leaves_out_members_who_left_and_invites_only_officers_to_the_committee_meeting(world: World) -> None:
    meeting = planned_meeting(world, kind=MeetingKind.COMMITTEE)
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    do_assign_position(None, organization=world.cell_a1, member=hung, role=Role.DEPUTY, valid_from=dt.date(2025, 8, 1))
    response = client_for(world.sam).get(_url(meeting))
    assert [p.member.full_name for p in response.context["pack"].pages] == ["Đỗ Đức Hùng", "Trần Văn Sâm"]
    # The agenda is not built yet: the page says so instead of an empty list.
    assert "đang chuẩn bị chương trình" in response.content.decode()


def test_it_warns_that_the_qr_opens_the_notice_only_once_it_is_sent(world: World) -> None:
    meeting = planned_meeting(world)
    html = client_for(world.sam).get(_url(meeting)).content.decode()
    assert "chưa được gửi" in html


def test_it_ignores_an_unknown_choice_and_prints_everyone(world: World) -> None:
    meeting = notified_meeting(world)
    response = client_for(world.sam).get(_url(meeting, query="who=nobody"))
    assert len(response.context["pack"].pages) == 4


def test_the_pdf_has_one_a4_page_per_member(world: World) -> None:
    meeting = notified_meeting(world)
    response = client_for(world.olga).get(_url(meeting, "pack_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="giay-moi-x-hn-k1-')
    assert response["Cache-Control"] == "private, no-store"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 4
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    texts = _pdf_pages(response)
    names = sorted(Member.objects.filter(organization=world.cell_a1).values_list("full_name", flat=True))
    # Each page is addressed to one member; the secretary also signs every page.
    pages_naming = {name: sum(name in text for text in texts) for name in names}
    assert pages_naming == {name: 4 if name == "Trần Văn Sâm" else 1 for name in names}
    assert all("Kính gửi đồng chí:" in text for text in texts)
    assert all("Nhà văn hóa khu" in text for text in texts)


def test_the_pdf_follows_the_choice_of_members(world: World) -> None:
    meeting = notified_meeting(world)
    type(world.alice).objects.filter(pk=world.alice.pk).update(last_login=timezone.now())
    client = client_for(world.sam)
    page = client.get(_url(meeting, query="who=offline"))
    assert _url(meeting, "pack_pdf", "who=offline") in page.content.decode()
    texts = _pdf_pages(client.get(_url(meeting, "pack_pdf", "who=offline")))
    assert len(texts) == 2
    assert not any("Nguyễn Thị Lan" in text for text in texts)


@pytest.mark.parametrize(
    ("who", "status"), [("sam", 200), ("olga", 200), ("alice", 403), ("rita", 403), ("sue", 404), ("oscar", 404)]
)
def test_only_those_who_manage_the_meeting_print_it(world: World, who: str, status: int) -> None:
    meeting = notified_meeting(world)
    client = client_for(getattr(world, who))
    assert client.get(_url(meeting)).status_code == status
    if status != 200:
        assert client.get(_url(meeting, "pack_pdf")).status_code == status


def test_an_unknown_meeting_is_not_found(world: World) -> None:
    assert client_for(world.sam).get(reverse("printpack:pack", args=[999999])).status_code == 404


def test_it_reads_the_pack_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    meeting = notified_meeting(world)
    client = client_for(world.sam)
    url = _url(meeting)
    # Session, user, member, grants, positions; meeting; members with accounts; superior; agenda; documents;
    # secretary.
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    for n in range(12):
        make_member(world.cell_a1, f"Đảng Viên Thêm {n + 1}")
    attach_pdf(world, meeting, title="Tài liệu thêm")
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(response.context["pack"].pages) == 16


def test_the_shared_page_is_stored_once_whatever_the_number_of_members(world: World) -> None:
    meeting = notified_meeting(world)
    client = client_for(world.sam)
    small = client.get(_url(meeting, "pack_pdf")).content
    for n in range(20):
        make_member(world.cell_a1, f"Đảng Viên Thêm {n + 1}")
    large = client.get(_url(meeting, "pack_pdf")).content
    assert len(PdfReader(io.BytesIO(large)).pages) == 24
    # Six times the pages, but only the names are added.
    assert len(large) < 1.6 * len(small)


def test_a_page_too_long_for_one_sheet_prints_on_two_with_the_name_on_the_first(world: World) -> None:
    from meetings.models import AgendaItem, Part, StepKind

    meeting = notified_meeting(world)
    for n in range(40):
        AgendaItem.objects.create(
            meeting=meeting, order=100 + n, part=Part.PROCEEDINGS, kind=StepKind.OTHER, title=f"Việc thêm số {n + 1}"
        )
    texts = _pdf_pages(client_for(world.sam).get(_url(meeting, "pack_pdf")))
    assert len(texts) == 8
    assert all("Kính gửi đồng chí:" in text for text in texts[::2])
    assert "Phạm Văn Dự" in "".join(texts) and sum("Phạm Văn Dự" in t for t in texts) == 1


def test_with_nobody_to_print_the_pdf_link_leads_back_to_the_page_that_says_so(world: World) -> None:
    meeting = notified_meeting(world)
    for member in Member.objects.filter(organization=world.cell_a1, user__isnull=True):
        do_create_user(None, username=f"u{member.pk}", password="Mat-khau-moi-2026", member=member)
    type(world.alice).objects.filter(member__organization=world.cell_a1).update(last_login=timezone.now())
    client = client_for(world.sam)
    response = client.get(_url(meeting, "pack_pdf", "who=offline"))
    assert response.status_code == 302 and response["Location"] == _url(meeting, query="who=offline")
    page = client.get(response["Location"]).content.decode()
    assert "Không có ai cần in" in page and PAGE not in page
