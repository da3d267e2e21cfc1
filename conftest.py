"""Fixtures shared by every test module: the named test world and the browser."""

import os

import pytest

from core.testing import World, build_world
from tests.browser import browser, page  # noqa: F401  (one Chromium for the whole run)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def live_world(transactional_db: None) -> World:
    """The test world, committed so that the live server thread sees it."""
    return build_world()


@pytest.fixture(autouse=True)
def _no_axes_lockouts(settings):  # type: ignore[no-untyped-def]
    settings.AXES_ENABLED = False
