"""Every URL, every kind of user: allowed or refused as tests/url_access.py says."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.testing import PASSWORD, World
from tests.url_access import RULES, SKIPPED_PREFIXES


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, namespace: str) -> None:  # type: ignore[type-arg]
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    return {n for n in names if not any(n.startswith(prefix) for prefix in SKIPPED_PREFIXES)}


def test_it_classifies_every_url() -> None:
    unclassified = sorted(_all_url_names() - set(RULES))
    assert not unclassified, f"Add these URLs to tests/url_access.py: {unclassified}"
    stale = sorted(set(RULES) - _all_url_names())
    assert not stale, f"These rules name URLs that no longer exist: {stale}"


def _client_for(world: World, who: str) -> Client:
    client = Client()
    user = world.users()[who]
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(RULES))
def test_it_allows_and_refuses_each_user(world: World, name: str) -> None:
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world)) + (f"?{rule.query}" if rule.query else "")
    failures = []
    for who in world.users():
        response = getattr(_client_for(world, who), rule.method)(url)
        refused = response.status_code in (403, 404) or (
            response.status_code == 302 and "/accounts/login/?next=" in response["Location"] and who == "anonymous"
        )
        if (who in rule.allowed) == refused:
            failures.append(f"{who}: {response.status_code}")
    assert not failures, f"{name} {url}: unexpected {failures}"


@pytest.mark.django_db
def test_admin_is_superuser_only(world: World) -> None:
    client = _client_for(world, "olga")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
