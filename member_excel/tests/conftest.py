from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from core.testing import World
from member_excel.testing import client_for, upload


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files go to a throw-away directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def post_file(world: World) -> Callable[..., Any]:
    """Upload `content` as `who` into `org` (cell A1 unless told); return the response."""

    def post(content: bytes, who: str = "olga", org: Any = None, name: str = "dang-vien.xlsx") -> Any:
        target = org or world.cell_a1
        return client_for(world, who).post(
            reverse("member_excel:upload"), {"organization": target.pk, "file": upload(content, name)}
        )

    return post
