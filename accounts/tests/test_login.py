"""Log-in with a username or a phone number, however it is typed; disabled accounts stay out."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.backends import lockout_key
from core.testing import PASSWORD, World

pytestmark = pytest.mark.django_db


def _log_in(login: str, password: str = PASSWORD, client: Client | None = None):  # type: ignore[no-untyped-def]
    return (client or Client()).post(reverse("accounts:login"), {"username": login, "password": password})


@pytest.mark.parametrize(
    "login", ["alice", "ALICE", " alice ", "0912000001", "0912 000 001", "0912.000.001", "+84 912 000 001"]
)
def test_it_logs_in_with_a_username_or_a_phone_number(world: World, login: str) -> None:
    response = _log_in(login)
    assert response.status_code == 302 and response["Location"] == reverse("home:home")
    assert int(response.wsgi_request.session["_auth_user_id"]) == world.alice.pk


def test_it_follows_the_next_page(world: World) -> None:
    response = Client().post(
        reverse("accounts:login") + "?next=/orgs/", {"username": "sam", "password": PASSWORD, "next": "/orgs/"}
    )
    assert response["Location"] == "/orgs/"


def test_it_refuses_a_wrong_password_in_vietnamese(world: World) -> None:
    response = _log_in("alice", "sai-mat-khau")
    assert response.status_code == 200
    assert "Sai tên đăng nhập, số điện thoại hoặc mật khẩu." in response.content.decode()


def test_it_refuses_a_disabled_account(world: World) -> None:
    world.alice.is_active = False
    world.alice.save()
    response = _log_in("alice")
    assert response.status_code == 200 and "_auth_user_id" not in response.wsgi_request.session


def test_it_refuses_an_account_without_a_password_yet(world: World) -> None:
    world.alice.set_unusable_password()
    world.alice.save()
    assert _log_in("alice").status_code == 200


def test_it_prefers_a_username_over_someone_elses_phone_number(world: World) -> None:
    from accounts.actions import do_create_user

    do_create_user(None, username="0912000002", password="Khac-Han-2027")
    assert _log_in("0912000002", "Khac-Han-2027").status_code == 302


def test_it_sends_a_logged_in_visitor_home(world: World) -> None:
    client = Client()
    client.force_login(world.alice)
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302 and response["Location"] == reverse("home:home")


def test_it_counts_failures_under_one_name_per_account(world: World, rf) -> None:  # type: ignore[no-untyped-def]
    keys = {
        lockout_key(rf.post("/", {"username": login})) for login in ("alice", "ALICE", "0912 000 001", "+84912000001")
    }
    assert keys == {"alice"}
    assert lockout_key(None, {"username": "0912 999 999"}) == "0912999999"
    assert lockout_key(None, {"username": " Nobody "}) == "nobody"
