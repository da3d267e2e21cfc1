import pytest
from django.test import Client

from core.testing import PASSWORD, World


@pytest.fixture
def client_for(world: World):  # type: ignore[no-untyped-def]
    """A client logged in as one of the test people (see core/testing.py), or anonymous."""

    def make(who: str) -> Client:
        client = Client()
        user = world.users()[who]
        if user is not None:
            assert client.login(username=user.username, password=PASSWORD)
        return client

    return make
