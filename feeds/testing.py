"""Calendar links for tests and the permission walk."""

from typing import Any

from feeds.actions import do_make_feed, live_token
from feeds.tokens import token_for


def feed_token(user: Any) -> str:
    """The user's live calendar token, made if they have none."""
    feed = live_token(user)
    if feed is None:
        feed = do_make_feed(user, user, replaces=None)
    token = token_for(feed.nonce, feed.token_hash)
    assert token is not None
    return token
