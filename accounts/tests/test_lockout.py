"""django-axes locks an account out after repeated failures, whichever way the name is typed."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.helpers import client_for, reset
from core.testing import PASSWORD, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):  # type: ignore[no-untyped-def]
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def _log_in(client: Client, login: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login"), {"username": login, "password": password})


def test_it_locks_out_after_repeated_failures(world: World, axes_on) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for login in ("alice", "ALICE"):
        assert _log_in(client, login, "sai-mat-khau").status_code == 200
    # One account, however it is typed: the third failure locks it.
    assert _log_in(client, "0912 000 001", "sai-mat-khau").status_code == 429
    response = _log_in(client, "alice", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The failures are recorded without the passwords that were typed.
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "alice" and "sai-mat-khau" not in attempt.post_data


def test_it_does_not_lock_out_other_accounts(world: World, axes_on) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(3):
        _log_in(client, "alice", "sai-mat-khau")
    assert _log_in(client, "sam", PASSWORD).status_code == 302


def test_it_forgets_failures_after_a_successful_log_in(world: World, axes_on) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(2):
        _log_in(client, "alice", "sai-mat-khau")
    assert _log_in(client, "alice", PASSWORD).status_code == 302
    other = Client()
    for _ in range(2):
        assert _log_in(other, "alice", "sai-mat-khau").status_code == 200
    assert _log_in(other, "alice", PASSWORD).status_code == 302


def test_it_lifts_the_lockout_when_the_secretary_resets_access(world: World, axes_on) -> None:  # type: ignore[no-untyped-def]
    from accounts.tests.helpers import activate, slips_in

    client = Client()
    for _ in range(3):
        _log_in(client, "alice", "sai-mat-khau")
    assert _log_in(client, "alice", PASSWORD).status_code == 429
    # The secretary resets her access; the new slip lets her in from the same browser.
    code = slips_in(reset(client_for(world.sam), world.alice.member))["alice"]
    assert activate("alice", code, client=client).status_code == 302
