"""Who may open each URL of this app, merged into tests/url_access.py RULES."""

from tests.url_access import EVERYONE, Rule

# Everyone logged in may search; what each finds is limited to what they may read (search/tests/test_rights.py).
RULES: dict = {
    "search:search": Rule(EVERYONE, query="q=nguyen"),
}
