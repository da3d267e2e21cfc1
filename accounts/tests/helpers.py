"""Small helpers shared by the account tests."""

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from members.models import Member

SEED = re.compile(r'name="seed" value="([^"]+)"')
CODE = re.compile(r'class="slip-code">([A-Z0-9]{5}-[A-Z0-9]{5})<')
USERNAME = re.compile(r'class="slip-username">([^<]+)<')


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def seed_from(response: Any) -> str:
    match = SEED.search(response.content.decode())
    assert match, "no form seed on the page"
    return match.group(1)


def codes_in(response: Any) -> list[str]:
    return CODE.findall(response.content.decode())


def slips_in(response: Any) -> dict[str, str]:
    """Username -> printed code, in the order of the page."""
    html = response.content.decode()
    return dict(zip(USERNAME.findall(html), CODE.findall(html), strict=True))


def issue(client: Client, org: Any, members: list[Member], **extra: Any) -> Any:
    """Open the list (to get a seed), then print slips for `members`."""
    url = reverse("accounts:issue", args=[org.pk])
    seed = seed_from(client.get(url))
    return client.post(url, {"seed": seed, "members": [m.pk for m in members], **extra})


def reset(client: Client, member: Member) -> Any:
    """Open the confirmation from the member's page, then confirm."""
    url = reverse("accounts:reset", args=[member.pk])
    seed = seed_from(client.post(url))
    return client.post(url, {"seed": seed})


def activate(username: str, code: str, password: str = "Song-Lo-2026", client: Client | None = None) -> Any:
    """Send the activation form as a member would, from a fresh browser unless `client` is given."""
    return (client or Client()).post(
        reverse("accounts:activate"),
        {"username": username, "code": code, "new_password1": password, "new_password2": password},
    )
