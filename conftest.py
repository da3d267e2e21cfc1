import os

import pytest

from core.testing import World, build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _no_axes_lockouts(settings):  # type: ignore[no-untyped-def]
    settings.AXES_ENABLED = False
