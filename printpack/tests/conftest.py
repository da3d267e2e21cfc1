import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded documents go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
