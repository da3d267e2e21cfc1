import datetime as dt

import pytest
from django.test import Client

from accounts.actions import do_create_user, do_grant
from accounts.models import GrantRole, User
from core.testing import PASSWORD, World


@pytest.fixture
def pat(world: World) -> User:
    """pat: the provincial office (manages everything in the province, so may merge communes)."""
    user = do_create_user(None, username="pat", password=PASSWORD)
    do_grant(None, user, world.province, GrantRole.OFFICE)
    return user


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


MERGE_DAY = dt.date(2026, 1, 1)
