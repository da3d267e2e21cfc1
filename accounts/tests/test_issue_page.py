"""The bulk issue page: who may open it, what it lists, and in how many queries."""

import pytest
from django.urls import reverse

from accounts.actions import do_create_user, do_grant
from accounts.activation import do_issue_codes
from accounts.models import GrantRole, User
from accounts.tests.helpers import client_for
from core.testing import PASSWORD, World, make_member
from members.actions import do_update_member
from members.models import Member, MemberState

pytestmark = pytest.mark.django_db


def _url(org) -> str:  # type: ignore[no-untyped-def]
    return reverse("accounts:issue", args=[org.pk])


def test_it_lets_cell_officers_and_the_commune_office_in(world: World) -> None:
    assert client_for(world.sam).get(_url(world.cell_a1)).status_code == 200
    for cell in (world.cell_a1, world.cell_a2, world.commune_a):
        assert client_for(world.olga).get(_url(cell)).status_code == 200


@pytest.mark.parametrize(
    ("who", "org"),
    [
        ("alice", "cell_a1"),  # an ordinary member
        ("sue", "cell_a1"),  # secretary of another cell
        ("sam", "cell_a2"),
        ("sam", "commune_a"),  # a cell officer does not manage the commune
        ("oscar", "commune_a"),  # office of another commune
        ("oscar", "cell_a1"),
        ("rita", "cell_a1"),  # a reader reads, never issues
        ("rita", "province"),
    ],
)
def test_it_refuses_everyone_else(world: World, who: str, org: str) -> None:
    response = client_for(getattr(world, who)).get(_url(getattr(world, org)))
    assert response.status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(world: World, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(_url(world.cell_a1))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_lists_the_cell_with_each_account_state(world: World) -> None:
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    do_issue_codes(world.sam, [hung])
    html = client_for(world.sam).get(_url(world.cell_a1)).content.decode()
    assert "Chi bộ Khu 1" in html and "Chi bộ Khu 2" not in html
    assert "Nguyễn Thị Lan" in html and "Phạm Văn Dự" in html
    assert "Đang hoạt động" in html  # alice and sam chose passwords
    assert "Đã cấp mã" in html  # Hùng has a code pending
    assert "Chưa có tài khoản" in html  # Dự has nothing yet
    assert html.count('name="members"') == 4


def test_it_groups_a_commune_by_cell(world: World) -> None:
    html = client_for(world.olga).get(_url(world.commune_a)).content.decode()
    assert html.index("Chi bộ Khu 1") < html.index("Chi bộ Khu 2")
    assert "Lê Thị Hoa" in html and "Nguyễn Thị Lan" in html
    assert "Bùi Văn Bình" not in html  # commune B


def test_it_leaves_out_members_who_left(world: World) -> None:
    gone = Member.objects.get(full_name="Đỗ Đức Hùng")
    do_update_member(None, gone, state=MemberState.DECEASED)
    html = client_for(world.sam).get(_url(world.cell_a1)).content.decode()
    assert "Đỗ Đức Hùng" not in html


def test_it_preselects_everyone_without_an_active_account(world: World) -> None:
    html = client_for(world.sam).get(_url(world.cell_a1) + "?select=without_account").content.decode()
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    assert f'value="{hung.pk}" id="member-{hung.pk}" checked' in html
    assert f'value="{world.alice.member_id}" id="member-{world.alice.member_id}" checked' not in html
    assert html.count(" checked>") == 2  # Hùng and Dự


def test_it_shows_a_disabled_account_without_a_checkbox(world: World) -> None:
    world.alice.is_active = False
    world.alice.save()
    html = client_for(world.sam).get(_url(world.cell_a1)).content.decode()
    assert "Bị vô hiệu hóa" in html
    assert f'value="{world.alice.member_id}"' not in html


def test_it_leaves_privileged_accounts_to_the_administrator(world: World) -> None:
    clerk = make_member(world.cell_a1, "Ngô Văn Thư")
    clerk_user = do_create_user(None, username="clerk", password=PASSWORD, member=clerk)
    do_grant(None, clerk_user, world.commune_a, GrantRole.OFFICE)
    html = client_for(world.sam).get(_url(world.cell_a1)).content.decode()
    assert "Ngô Văn Thư" in html and "quản trị" in html
    assert f'value="{clerk.pk}"' not in html


def test_it_offers_the_communes_of_a_province(world: World) -> None:
    root = User.objects.create_superuser("root", password=PASSWORD)
    html = client_for(root).get(_url(world.province)).content.decode()
    assert "Đảng bộ xã Hương Nộn" in html and "Đảng bộ xã Dân Quyền" in html
    assert 'name="members"' not in html


def _grow(world: World, per_cell: int, start: int = 0) -> None:
    for i in range(start, start + per_cell):
        for cell in (world.cell_a1, world.cell_a2):
            member = make_member(cell, f"Thành Viên {cell.pk}-{i}")
            if i % 2:
                do_issue_codes(None, [member])


def test_it_lists_in_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.olga)
    url = _url(world.commune_a)
    # session, user, the organization, grants, the member list,
    # then saving the form seed in the session (a savepoint, the update, its release)
    expected = 8
    _grow(world, 3)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(world, 12, start=3)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count('name="members"') == 7 + 2 * 15
