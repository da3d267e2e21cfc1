""" "Lịch của tôi": the secret link, shown with its QR, stored only hashed, renewed and revoked with audit."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from feeds.models import FeedToken
from feeds.tokens import token_for
from members.tests.helpers import client_for

pytestmark = pytest.mark.django_db

MINE = reverse("feeds:mine")


def _token(user) -> str:  # type: ignore[no-untyped-def]
    feed = FeedToken.objects.get(user=user, revoked_at__isnull=True)
    token = token_for(feed.nonce, feed.token_hash)
    assert token
    return token


def _feed_status(token: str) -> int:
    return Client().get(reverse("feeds:feed", args=[token])).status_code


def test_a_member_makes_a_link_and_sees_it_with_its_qr_and_webcal_form(world: World) -> None:
    client = client_for(world.alice)
    first = client.get(MINE)
    assert first.status_code == 200 and "Tạo đường dẫn lịch" in first.content.decode()
    client.post(reverse("feeds:make"), {"replaces": ""})
    page = client.get(MINE)
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    token = _token(world.alice)
    url = f"http://testserver/calendar/feed/{token}.ics"
    assert url in html and f"webcal://testserver/calendar/feed/{token}.ics" in html
    assert html.count("<svg") == 1
    assert "Lịch của tôi" in html
    assert _feed_status(token) == 200
    entry = AuditEntry.objects.get(action="feed.create")
    assert (entry.actor, entry.organization) == (world.alice, world.cell_a1)


def test_the_link_is_stored_nowhere_in_plain(world: World) -> None:
    client_for(world.alice).post(reverse("feeds:make"), {"replaces": ""})
    token = _token(world.alice)
    feed = FeedToken.objects.get()
    assert token not in (feed.nonce, feed.token_hash)
    for entry in AuditEntry.objects.all():
        assert token not in str(entry.before) + str(entry.after) + entry.object_repr
    # Without the server secret, the stored values give nothing back.
    with override_settings(SECRET_KEY="another-secret-key-entirely-0123456789-abcdefghijklmnop"):
        assert token_for(feed.nonce, feed.token_hash) is None


def test_renewing_stops_the_old_link_and_a_double_click_renews_once(world: World) -> None:
    client = client_for(world.alice)
    client.post(reverse("feeds:make"), {"replaces": ""})
    old_feed = FeedToken.objects.get()
    old = _token(world.alice)
    client.post(reverse("feeds:make"), {"replaces": old_feed.pk})
    again = client.post(reverse("feeds:make"), {"replaces": old_feed.pk}, follow=True)
    assert "đã được thay đổi" in again.content.decode()
    assert FeedToken.objects.count() == 2
    new = _token(world.alice)
    assert new != old
    assert _feed_status(old) == 410 and _feed_status(new) == 200
    assert AuditEntry.objects.filter(action="feed.renew", actor=world.alice).count() == 1


def test_revoking_switches_the_link_off_once(world: World) -> None:
    client = client_for(world.alice)
    client.post(reverse("feeds:make"), {"replaces": ""})
    token = _token(world.alice)
    feed = FeedToken.objects.get()
    client.post(reverse("feeds:revoke"), {"feed": feed.pk})
    second = client.post(reverse("feeds:revoke"), {"feed": feed.pk}, follow=True)
    assert "đã được tắt" in second.content.decode()
    assert _feed_status(token) == 410
    assert AuditEntry.objects.filter(action="feed.revoke").count() == 1
    assert "Tạo đường dẫn lịch" in client.get(MINE).content.decode()


def test_nobody_revokes_another_user_link(world: World) -> None:
    client_for(world.alice).post(reverse("feeds:make"), {"replaces": ""})
    feed = FeedToken.objects.get()
    assert client_for(world.sam).post(reverse("feeds:revoke"), {"feed": feed.pk}).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_an_account_without_a_member_has_no_calendar(world: World) -> None:
    client = client_for(world.olga)
    assert "không gắn với một đảng viên" in client.get(MINE).content.decode()
    assert client.post(reverse("feeds:make"), {"replaces": ""}).status_code == 404
    assert not FeedToken.objects.exists()


def test_the_page_and_the_changes_need_a_log_in(world: World) -> None:
    assert Client().get(MINE).status_code == 302
    assert Client().post(reverse("feeds:make"), {"replaces": ""}).status_code == 302
    assert not FeedToken.objects.exists()


def test_a_link_made_before_the_secret_rotated_keeps_working_while_the_old_key_is_kept(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client_for(world.alice).post(reverse("feeds:make"), {"replaces": ""})
    token = _token(world.alice)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "the-next-secret-key-for-this-server-0123456789-abcdefghijk"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert _feed_status(token) == 200
    assert token in client_for(world.alice).get(MINE).content.decode()
    settings.SECRET_KEY_FALLBACKS = []
    assert _feed_status(token) == 404
    assert "không còn dùng được" in client_for(world.alice).get(MINE).content.decode()
