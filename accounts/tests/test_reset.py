"""Resetting a member's access: a confirmation, then the old password stops working and one new slip prints."""

import pytest
from django.urls import reverse

from accounts.actions import do_create_user, do_grant
from accounts.models import ActivationCode, GrantRole, User
from accounts.tests.helpers import activate, client_for, reset, seed_from, slips_in
from audit.models import AuditEntry
from core.testing import PASSWORD, World, make_member
from members.actions import do_update_member
from members.models import MemberState

pytestmark = pytest.mark.django_db


def _url(member) -> str:  # type: ignore[no-untyped-def]
    return reverse("accounts:reset", args=[member.pk])


def test_it_asks_for_confirmation_first(world: World) -> None:
    response = client_for(world.sam).post(_url(world.alice.member))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cấp lại quyền truy cập" in html and "Nguyễn Thị Lan" in html
    world.alice.refresh_from_db()
    assert world.alice.check_password(PASSWORD)
    assert not ActivationCode.objects.exists()


def test_it_locks_the_old_password_and_prints_one_slip(world: World) -> None:
    alices_browser = client_for(world.alice)
    assert alices_browser.get(reverse("home:home")).status_code == 200
    response = reset(client_for(world.sam), world.alice.member)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    slips = slips_in(response)
    assert list(slips) == ["alice"]
    world.alice.refresh_from_db()
    assert not world.alice.has_usable_password()
    # Her open session ends with the old password.
    assert alices_browser.get(reverse("home:home")).status_code == 302
    entry = AuditEntry.objects.get(action="account.reset")
    assert entry.actor == world.sam and entry.before == {"password_usable": True}
    assert entry.org_path == world.cell_a1.path
    # The new slip works.
    assert activate("alice", slips["alice"]).status_code == 302


def test_it_revokes_codes_still_pending(world: World) -> None:
    dung = make_member(world.cell_a1, "Lý Văn Dũng")
    client = client_for(world.olga)
    first = slips_in(reset(client, dung))
    second = slips_in(reset(client, dung))
    assert first != second
    username = next(iter(first))
    assert "phiếu mới hơn" in activate(username, first[username]).content.decode()
    assert activate(username, second[username]).status_code == 302


def test_it_resets_only_once_when_confirmed_twice(world: World) -> None:
    client = client_for(world.sam)
    url = _url(world.alice.member)
    seed = seed_from(client.post(url))
    first = slips_in(client.post(url, {"seed": seed}))
    second = slips_in(client.post(url, {"seed": seed}))
    assert first == second
    assert AuditEntry.objects.filter(action="account.reset").count() == 1
    assert ActivationCode.objects.filter(user=world.alice).count() == 1
    pdf = client.post(url, {"seed": seed, "as_pdf": "1"})
    assert pdf["Content-Type"] == "application/pdf"
    assert ActivationCode.objects.filter(user=world.alice).count() == 1


def test_it_refuses_a_stale_confirmation(world: World) -> None:
    response = client_for(world.sam).post(_url(world.alice.member), {"seed": "old"})
    assert "xác nhận lại" in response.content.decode()
    world.alice.refresh_from_db()
    assert world.alice.has_usable_password()


def test_it_clears_a_lockout(world: World) -> None:
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="alice", ip_address="10.0.0.1", failures_since_start=10, get_data="", post_data=""
    )
    reset(client_for(world.sam), world.alice.member)
    assert not AccessAttempt.objects.filter(username="alice").exists()


@pytest.mark.parametrize("who", ["olga", "sam"])
def test_it_lets_the_cell_officers_and_the_commune_office_reset(world: World, who: str) -> None:
    assert slips_in(reset(client_for(getattr(world, who)), world.alice.member))


@pytest.mark.parametrize("who", ["alice", "sue", "rita", "oscar"])
def test_it_refuses_everyone_else(world: World, who: str) -> None:
    response = client_for(getattr(world, who)).post(_url(world.alice.member))
    assert response.status_code == 403
    world.alice.refresh_from_db()
    assert world.alice.has_usable_password()


def test_it_only_accepts_post(world: World) -> None:
    assert client_for(world.sam).get(_url(world.alice.member)).status_code == 405


def test_it_leaves_privileged_accounts_to_superusers(world: World) -> None:
    clerk = make_member(world.cell_a1, "Ngô Văn Thư")
    clerk_user = do_create_user(None, username="clerk", password=PASSWORD, member=clerk)
    do_grant(None, clerk_user, world.commune_a, GrantRole.OFFICE)
    assert client_for(world.sam).post(_url(clerk)).status_code == 403
    root = User.objects.create_superuser("root", password=PASSWORD)
    assert slips_in(reset(client_for(root), clerk)) and ActivationCode.objects.filter(user=clerk_user).exists()


def test_it_refuses_a_member_who_left(world: World) -> None:
    do_update_member(None, world.alice.member, state=MemberState.TRANSFERRED_OUT)
    html = client_for(world.olga).post(_url(world.alice.member)).content.decode()
    assert "không còn sinh hoạt" in html and 'name="seed"' not in html
    world.alice.refresh_from_db()
    assert world.alice.has_usable_password()


def test_it_refuses_a_disabled_account(world: World) -> None:
    world.alice.is_active = False
    world.alice.save()
    html = client_for(world.sam).post(_url(world.alice.member)).content.decode()
    assert "vô hiệu hóa" in html and 'name="seed"' not in html
    assert not ActivationCode.objects.exists()
