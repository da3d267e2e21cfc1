"""The preview: counts, rows filtered by kind and paged across stored chunks, progress while busy."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from core.testing import World
from member_excel import rows as stored_rows
from member_excel import views
from member_excel.models import BatchStatus, ImportBatch
from member_excel.rows import RowList
from member_excel.testing import client_for, last_batch, member_values, members_file

KINDS = ["new", "error", "new", "warning", "error", "new", "new"]


def _mixed_file() -> bytes:
    rows = []
    for kind in KINDS:
        if kind == "new":
            rows.append(member_values())
        elif kind == "error":
            rows.append(member_values(citizen_id="123"))
        else:
            rows.append(member_values(phone=None))
    return members_file(*rows)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stored_rows, "CHUNK_ROWS", 3)


def test_it_pages_through_each_kind_across_chunks(
    world: World, post_file: Callable[..., Any], small_chunks: None
) -> None:
    post_file(_mixed_file())
    batch = last_batch()
    assert batch.chunks.count() == 3
    lines = {kind: [n + 2 for n, k in enumerate(KINDS) if k == kind] for kind in ("new", "error", "warning")}
    lines[""] = [n + 2 for n in range(len(KINDS))]
    for kind, expected in lines.items():
        found = RowList(batch, kind)
        assert found.count() == len(expected)
        for start in range(len(expected)):
            for size in (1, 2, 5):
                assert [r.line for r in found[start : start + size]] == expected[start : start + size]


def test_the_page_shows_counts_rows_and_messages(
    world: World, post_file: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    post_file(_mixed_file())
    url = reverse("member_excel:batch", args=[last_batch().pk])
    client = client_for(world, "olga")

    page = client.get(url).content.decode()
    assert "2 dòng có lỗi." in page and "Trang 1 / 4" in page
    errors = client.get(url + "?kind=error").content.decode()
    assert errors.count('<span class="badge error">Lỗi</span>') == 2
    assert "“123” không phải là số CCCD" in errors and 'data-label="Ghi chú"' in errors
    second = client.get(url + "?kind=new&page=2").content.decode()
    assert second.count('<span class="badge new">Mới</span>') == 2
    fragment = client.get(url + "?kind=new&page=2", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and fragment.count('<span class="badge new">Mới</span>') == 2


def test_the_status_box_polls_while_busy_and_reloads_when_done(world: World) -> None:
    batch = ImportBatch.objects.create(
        token="t" * 32,
        created_by=world.olga,
        organization=world.cell_a1,
        original_name="lon.xlsx",
        uploaded_at="2026-11-30T08:00:00+07:00",
        status=BatchStatus.VALIDATING,
        progress_done=300,
        progress_total=1200,
    )
    client = client_for(world, "olga")
    url = reverse("member_excel:progress", args=[batch.pk])
    busy = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in busy and "Đang kiểm tra các dòng: 25%" in busy
    batch.status = BatchStatus.READY
    batch.save()
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
