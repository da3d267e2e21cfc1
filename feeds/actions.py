"""Making, renewing and revoking a calendar link. Atomic, audited, safe to send twice."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.log import record
from feeds.models import FeedToken
from feeds.tokens import derive_token, hash_token, new_nonce


class StaleForm(Exception):
    """The page was drawn before the link last changed: nothing is done, the page is shown again."""


def live_token(user: Any) -> FeedToken | None:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def _organization(user: Any) -> Any:
    member = getattr(user, "member", None)
    return member.organization if member is not None else None


@transaction.atomic
def do_make_feed(actor: Any, user: User, *, replaces: int | None) -> FeedToken:
    """A new link for `user`; the live one, if any, stops working.

    `replaces` is the live link the form was drawn with (None when there was
    none): a second click on the same form finds a different live link and is
    refused, so it never revokes the link the first click just made.
    """
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    live = live_token(user)
    if (live.pk if live else None) != replaces:
        raise StaleForm
    now = timezone.now()
    if live is not None:
        live.revoked_at, live.revoked_by = now, actor
        live.save(update_fields=["revoked_at", "revoked_by"])
    nonce = new_nonce()
    feed = FeedToken.objects.create(user=user, nonce=nonce, token_hash=hash_token(derive_token(nonce)))
    record(
        actor,
        "feed.renew" if live is not None else "feed.create",
        feed,
        organization=_organization(user),
        object_repr=user.get_username(),
        before={"feed": live.pk} if live is not None else None,
        after={"feed": feed.pk},
    )
    return feed


@transaction.atomic
def do_revoke_feed(actor: Any, user: User, *, feed_id: int) -> bool:
    """Stop the link `feed_id` of `user`. Revoking a link already revoked changes nothing (a second click)."""
    feed = FeedToken.objects.select_for_update().filter(user=user, pk=feed_id).first()
    if feed is None:
        raise FeedToken.DoesNotExist
    if feed.revoked_at is not None:
        return False
    feed.revoked_at, feed.revoked_by = timezone.now(), actor
    feed.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor,
        "feed.revoke",
        feed,
        organization=_organization(user),
        object_repr=user.get_username(),
        before={"revoked": False},
        after={"revoked": True},
    )
    return True
