"""Who may open each URL of this app, merged into tests/url_access.py RULES."""

from tests.url_access import Rule  # noqa: F401

RULES: dict = {}
