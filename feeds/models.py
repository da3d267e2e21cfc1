"""Private calendar feeds: one secret link per account, stored only as a keyed hash."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class FeedToken(models.Model):
    """The secret in a user's calendar link.

    The token itself is never stored: `nonce` is random, the token is a keyed
    hash of it under the server secret (see feeds/tokens.py), and `token_hash`
    a second keyed hash used to find the row. A copy of the database alone
    gives neither the link nor a way to guess it; the server can still show
    the owner their link again. Revoking sets `revoked_at`; the link then
    answers 410 Gone.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens")
    nonce = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_live_feed_per_user"
            )
        ]
