"""The audit log: every write leaves a row; offices read and filter what is under them."""

import pytest
from django.test import Client

from audit.models import AuditEntry
from core.testing import PASSWORD, World, make_member
from members.actions import do_update_member

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_it_records_who_changed_what_before_and_after(world: World) -> None:
    member = world.alice.member
    do_update_member(world.sam, member, occupation="Giáo viên")
    entry = AuditEntry.objects.filter(action="member.update").latest("id")
    assert entry.actor == world.sam and entry.actor_name == "sam"
    assert entry.before == {"occupation": ""} and entry.after == {"occupation": "Giáo viên"}
    assert entry.org_path == world.cell_a1.path


def test_it_shows_the_office_only_its_own_commune(world: World) -> None:
    make_member(world.cell_b1, "Tạ Văn Khê")
    html = _client("olga").get("/audit/").content.decode()
    assert "Nguyễn Thị Lan" in html
    assert "Tạ Văn Khê" not in html
    assert "Tạ Văn Khê" in _client("oscar").get("/audit/").content.decode()


def test_it_filters_by_actor_action_and_object(world: World) -> None:
    do_update_member(world.sam, world.alice.member, occupation="Nông dân")
    client = _client("olga")
    html = client.get("/audit/", {"actor": "sam", "action": "member.update"}).content.decode()
    assert "Nguyễn Thị Lan" in html and "Nông dân" in html
    html = client.get("/audit/", {"q": "Không có ai"}).content.decode()
    assert "Chưa có thay đổi nào." in html


def test_it_refuses_a_bad_date_filter_without_crashing(world: World) -> None:
    response = _client("olga").get("/audit/", {"since": "31/02/2026"})
    assert response.status_code == 200


def test_it_lists_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = _client("olga")
    client.get("/audit/")
    for i in range(30):
        make_member(world.cell_a2, f"Đảng viên Số {i}")
    # session, user, grants, count, page of entries
    with django_assert_num_queries(5):
        client.get("/audit/")
