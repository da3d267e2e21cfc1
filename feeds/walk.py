"""Who may open each URL of this app, merged into tests/url_access.py RULES."""

from tests.url_access import EVERYONE, PUBLIC, Rule

# Accounts linked to a party member have a calendar; office and reader accounts see the page saying so.
MEMBERS = {"alice", "sam", "sue"}


def _alice_token(world: object) -> dict[str, str]:
    from feeds.testing import feed_token

    return {"token": feed_token(world.alice)}  # type: ignore[attr-defined]


RULES: dict = {
    "feeds:mine": Rule(EVERYONE),
    "feeds:make": Rule(MEMBERS, method="post"),
    "feeds:revoke": Rule(MEMBERS, method="post"),
    # No log-in: the secret token in the link is the key, so whoever holds alice's link reads her calendar.
    "feeds:feed": Rule(PUBLIC, _alice_token),
}
