import pytest
from django.test import Client

from core.testing import PASSWORD, World


def client_for(world: World, who: str) -> Client:
    client = Client()
    user = world.users()[who]
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def olga(world: World) -> Client:
    return client_for(world, "olga")
