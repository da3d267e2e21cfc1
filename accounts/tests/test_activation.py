"""Activation: the member types (or scans) the code and chooses a password; every failure changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.activation import do_issue_codes, do_reset_access
from accounts.models import ActivationCode, User
from accounts.tests.helpers import activate
from audit.models import AuditEntry
from core.testing import PASSWORD, World, make_member

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Song-Lo-2026"


@pytest.fixture
def newcomer(world: World) -> tuple[User, str]:
    """A member with a fresh account and the code on their slip."""
    member = make_member(world.cell_a1, "Lý Văn Dũng", phone="0912000009")
    slip = do_issue_codes(world.sam, [member])[0]
    return User.objects.get(member=member), slip.code  # type: ignore[return-value]


def test_it_activates_logs_in_and_lands_on_the_home_page(newcomer) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    from django.test import Client

    browser = Client()
    response = activate(user.username, code, client=browser)
    assert response.status_code == 302 and response["Location"] == reverse("home:home")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert ActivationCode.objects.get(user=user).used_at is not None
    home = browser.get(reverse("home:home"))
    assert home.status_code == 200 and "Chào mừng" in home.content.decode()
    entry = AuditEntry.objects.get(action="account.activate")
    assert entry.actor == user and entry.after == {"password_usable": True}


def test_it_accepts_the_code_however_it_is_typed(newcomer) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    typed = f" {code[:5].lower()} - {code[5:].lower()} "
    assert activate(user.username.upper(), typed).status_code == 302


def test_it_accepts_the_phone_number_with_spaces(newcomer) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    assert activate("0912 000 009", code).status_code == 302


def test_it_prefills_the_form_from_the_qr_link(newcomer, client) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    html = client.get(reverse("accounts:activate"), {"u": user.username, "c": code}).content.decode()
    assert f'value="{user.username}"' in html and f'value="{code}"' in html


def _unchanged(user: User) -> None:
    """The password hash is what it was when `user` was loaded."""
    before = user.password
    user.refresh_from_db()
    assert user.password == before


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong", "không đúng"),
        ("used", "đã được sử dụng"),
        ("expired", "đã hết hạn"),
        ("revoked", "phiếu mới hơn"),
        ("unknown user", "không đúng"),
    ],
)
def test_it_explains_why_a_code_does_not_work(world: World, newcomer, case: str, message: str) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    username = user.username
    if case == "wrong":
        code = "ABCDEFGHJK"
    elif case == "used":
        assert activate(username, code).status_code == 302
    elif case == "expired":
        ActivationCode.objects.filter(user=user).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    elif case == "revoked":
        do_issue_codes(world.sam, [user.member])
    else:
        username = "nobody"
    user.refresh_from_db()
    response = activate(username, code, password="Khac-Han-2027")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    _unchanged(user)


def test_it_refuses_a_disabled_account(newcomer) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    user.is_active = False
    user.save()
    response = activate(user.username, code)
    assert "vô hiệu hóa" in response.content.decode()
    _unchanged(user)
    assert ActivationCode.objects.get(user=user).used_at is None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ng7-a", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("12345678901", "Mật khẩu không được chỉ gồm chữ số."),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("dv93", None),  # the username: checked below with the real one
    ],
)
def test_it_applies_the_password_rules_in_vietnamese(newcomer, password: str, message: str | None) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    if message is None:
        password, message = user.username + "x", "Mật khẩu quá giống “Tên đăng nhập” của tài khoản."
    response = activate(user.username, code, password=password)
    assert message in response.content.decode()
    _unchanged(user)
    assert ActivationCode.objects.get(user=user).used_at is None


def test_it_lists_the_password_rules_on_the_form(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("accounts:activate")).content.decode()
    assert "Yêu cầu đối với mật khẩu:" in html and "Ít nhất 8 ký tự." in html


def test_it_wants_the_same_password_twice(newcomer, client) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    response = client.post(
        reverse("accounts:activate"),
        {"username": user.username, "code": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "!"},
    )
    assert "Hai mật khẩu không khớp nhau." in response.content.decode()
    _unchanged(user)


def test_it_sends_a_double_submit_home(newcomer, client) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    assert activate(user.username, code, client=client).status_code == 302
    again = activate(user.username, code, client=client)
    assert again.status_code == 302 and again["Location"] == reverse("home:home")


def test_it_refuses_a_code_used_between_the_check_and_the_write(newcomer) -> None:  # type: ignore[no-untyped-def]
    from accounts.activation import AccessError, do_activate, find_code

    user, code = newcomer
    _, row = find_code(user, code)
    ActivationCode.objects.filter(pk=row.pk).update(used_at=timezone.now())
    with pytest.raises(AccessError):
        do_activate(user, row, NEW_PASSWORD)  # type: ignore[arg-type]
    _unchanged(user)


def test_it_hands_out_working_codes_after_a_reset(world: World) -> None:
    slip = do_reset_access(world.olga, world.alice.member)
    assert activate("alice", slip.code).status_code == 302  # type: ignore[arg-type]
    world.alice.refresh_from_db()
    assert world.alice.check_password(NEW_PASSWORD)


def test_it_hashes_codes_with_the_server_secret(newcomer, settings) -> None:  # type: ignore[no-untyped-def]
    user, code = newcomer
    stored = ActivationCode.objects.get(user=user).code_hash
    assert code not in stored and len(stored) == 64
    # While the secret rotates, codes issued under the old one still work.
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-for-the-rotation-test-0123456789"
    assert activate(user.username, code).status_code == 302


@pytest.mark.django_db
def test_it_closes_the_account_of_a_member_who_died(world: World) -> None:
    from django.test import Client

    from members.actions import do_update_member
    from members.models import MemberState

    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    do_update_member(None, world.alice.member, state=MemberState.DECEASED, left_on=dt.date(2026, 11, 1))
    assert client.get("/").status_code == 302  # the open session ends too
    assert not Client().login(username="alice", password=PASSWORD)
