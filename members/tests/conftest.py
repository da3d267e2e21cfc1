import pytest

from core.testing import World, build_world
from tests.browser import browser, page  # noqa: F401  (fixtures for the browser tests)


@pytest.fixture
def live_world(transactional_db: None) -> World:
    """The test world, committed so that the live server thread sees it."""
    return build_world()
