import pytest
from django.test import Client

from core.testing import PASSWORD, World
from meetings.models import Meeting
from recording.testing import recorded_meeting


@pytest.fixture
def meeting(world: World) -> Meeting:
    return recorded_meeting(world)


def client_for(user: object, htmx: bool = True) -> Client:
    client = Client(headers={"HX-Request": "true"}) if htmx else Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


@pytest.fixture
def sam(world: World) -> Client:
    return client_for(world.sam)
