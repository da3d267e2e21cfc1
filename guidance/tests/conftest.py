import pytest
from django.test import Client

from core.testing import PASSWORD, World


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files go to a temporary folder that disappears after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(world: World, who: str) -> Client:
    client = Client()
    user = world.users()[who]
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client
