"""Committee pages: everyone who sees the organization reads them; only its office edits them."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from committees.actions import do_create_term
from committees.models import CommitteeTerm, Position, Role
from core.testing import PASSWORD, World
from members.models import Member


def client_for(world: World, who: str) -> Client:
    client = Client()
    user = world.users()[who]
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def test_it_shows_alice_who_runs_her_cell_but_no_office_actions(world: World) -> None:
    response = client_for(world, "alice").get(reverse("committees:org", args=[world.cell_a1.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trần Văn Sâm" in page and "Bí thư" in page
    assert "Chi bộ có 3 đảng viên chính thức." in page
    assert "dưới 9 đảng viên chính thức không lập chi ủy" in page
    assert reverse("committees:position_assign", args=[world.cell_a1.pk]) not in page


def test_it_lets_sam_read_but_not_edit_his_own_committee(world: World) -> None:
    sam = client_for(world, "sam")
    assert sam.get(reverse("committees:org", args=[world.cell_a1.pk])).status_code == 200
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    data = {"role": Role.DEPUTY, "member": hung.pk, "valid_from": "2026-01-01", "term": ""}
    assert sam.get(reverse("committees:position_assign", args=[world.cell_a1.pk])).status_code == 403
    assert sam.post(reverse("committees:position_assign", args=[world.cell_a1.pk]), data).status_code == 403
    position = Position.objects.get(organization=world.cell_a1, role=Role.SECRETARY)
    assert sam.post(reverse("committees:position_end", args=[position.pk]), {"on": "2026-01-01"}).status_code == 403
    assert not Position.objects.filter(member=hung).exists()
    position.refresh_from_db()
    assert position.valid_to is None


def test_it_keeps_cell_a1_committee_from_sue_and_oscar(world: World) -> None:
    for who in ("sue", "oscar"):
        assert client_for(world, who).get(reverse("committees:org", args=[world.cell_a1.pk])).status_code == 403


def test_it_lets_olga_assign_a_deputy_and_explains_a_refusal(world: World) -> None:
    olga = client_for(world, "olga")
    url = reverse("committees:position_assign", args=[world.cell_a1.pk])
    form = olga.get(url)
    assert form.status_code == 200
    assert "Phạm Văn Dự" not in form.content.decode()  # probationary members are not offered
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    response = olga.post(url, {"role": Role.COMMITTEE, "member": hung.pk, "valid_from": "2026-01-01", "term": ""})
    assert response.status_code == 200
    assert "Chi bộ có dưới 9 đảng viên chính thức không lập chi ủy" in response.content.decode()
    response = olga.post(url, {"role": Role.DEPUTY, "member": hung.pk, "valid_from": "2026-01-01", "term": ""})
    assert response.status_code == 302
    again = olga.post(url, {"role": Role.DEPUTY, "member": hung.pk, "valid_from": "2026-01-01", "term": ""})
    assert again.status_code == 200
    assert Position.objects.filter(member=hung, role=Role.DEPUTY).count() == 1


def test_it_lets_olga_end_a_position_and_not_rita(world: World) -> None:
    position = Position.objects.get(organization=world.cell_a1, role=Role.SECRETARY)
    url = reverse("committees:position_end", args=[position.pk])
    assert client_for(world, "rita").post(url, {"on": "2026-01-31"}).status_code == 403
    response = client_for(world, "olga").post(url, {"on": "2025-01-31"})
    assert "Chức vụ bắt đầu ngày 01/08/2025; không thể kết thúc trước ngày đó." in response.content.decode()
    assert client_for(world, "olga").post(url, {"on": "2026-01-31"}).status_code == 302
    position.refresh_from_db()
    assert position.valid_to == dt.date(2026, 1, 31)


def test_it_lets_olga_open_and_close_a_term(world: World) -> None:
    olga = client_for(world, "olga")
    url = reverse("committees:term_create", args=[world.cell_a1.pk])
    assert client_for(world, "rita").post(url, {"name": "2025-2030", "starts_on": "2025-08-01"}).status_code == 403
    assert olga.post(url, {"name": "2025-2030", "starts_on": "2025-08-01"}).status_code == 302
    again = olga.post(url, {"name": "2025-2030", "starts_on": "2025-08-01"})
    assert "Chi bộ Khu 1 đã có nhiệm kỳ 2025-2030." in again.content.decode()
    term = CommitteeTerm.objects.get(organization=world.cell_a1)
    close = reverse("committees:term_close", args=[term.pk])
    assert client_for(world, "sam").post(close, {"on": "2026-06-30"}).status_code == 403
    assert olga.post(close, {"on": "2026-06-30"}).status_code == 302
    term.refresh_from_db()
    assert term.ends_on == dt.date(2026, 6, 30)


def test_it_shows_a_commune_its_standing_committee(world: World) -> None:
    do_create_term(None, world.commune_a, name="2025-2030", starts_on=dt.date(2025, 8, 1), ends_on=None)
    olga = client_for(world, "olga")
    url = reverse("committees:position_assign", args=[world.commune_a.pk])
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    term = CommitteeTerm.objects.get(organization=world.commune_a)
    data = {"role": Role.STANDING, "member": hung.pk, "valid_from": "2025-08-01", "term": term.pk}
    assert olga.post(url, data).status_code == 302
    page = olga.get(reverse("committees:org", args=[world.commune_a.pk])).content.decode()
    assert "Ban Thường vụ" in page and "Ủy viên Ban Thường vụ" in page
    assert "Nhiệm kỳ 2025-2030" in olga.get(reverse("orgs:detail", args=[world.commune_a.pk])).content.decode()
