"""The search page: messages, filters, pages, the htmx fragment, and a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from core.testing import World, make_member
from search.queries import PAGE_SIZE
from search.testing import minutes_saying


def _get(client, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("search:search"), params).content.decode()


def test_it_asks_what_to_look_for_when_nothing_is_typed(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = _get(client_for("alice"))

    assert "Nhập điều đồng chí cần tìm" in page and "Không cần gõ dấu" in page


@pytest.mark.parametrize("typed", ["a", "đ", "!!", "a b c"])
def test_it_says_when_the_query_is_too_short(world: World, client_for, typed: str) -> None:  # type: ignore[no-untyped-def]
    page = _get(client_for("alice"), q=typed)

    assert "Từ cần tìm quá ngắn: hãy nhập ít nhất hai chữ cái hoặc chữ số." in page


def test_it_says_when_nothing_is_found_and_echoes_the_query_safely(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = _get(client_for("olga"), q="<b>khongco</b>")

    assert "Không tìm thấy kết quả nào cho “&lt;b&gt;khongco&lt;/b&gt;”." in page
    assert "<b>khongco" not in page


def test_it_counts_by_kind_and_filters_by_kind(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes_saying(world.sam, world.cell_a1, "Biên bản về Nguyễn Thị Lan.")
    client = client_for("olga")

    page = _get(client, q="nguyen thi lan")
    assert "2 kết quả cho “nguyen thi lan”" in page
    assert "Biên bản (1)" in page and "Đảng viên (1)" in page

    page = _get(client, q="nguyen thi lan", kind="member")
    assert "1 kết quả cho “nguyen thi lan”" in page
    assert page.count('class="card"') == 1 and reverse("members:detail", args=[world.alice.member_id]) in page


def test_it_filters_by_year_and_by_organization(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes_saying(world.sam, world.cell_a1, "Họp bàn mùa vụ.", day=dt.date(2025, 11, 10))
    minutes_saying(world.sam, world.cell_a1, "Họp bàn mùa vụ.", day=dt.date(2026, 11, 10))
    minutes_saying(world.sue, world.cell_a2, "Họp bàn mùa vụ.", day=dt.date(2026, 11, 10))
    client = client_for("olga")

    page = _get(client, q="mua vu")
    assert "3 kết quả" in page and "2026 (2)" in page and "2025 (1)" in page
    assert "Chi bộ Khu 2" in page  # offered as a filter
    assert "2 kết quả" in _get(client, q="mua vu", year=2026)
    assert "1 kết quả" in _get(client, q="mua vu", year=2026, org=world.cell_a2.pk)
    assert "2 kết quả" in _get(client, q="mua vu", org=world.cell_a1.pk)


def test_it_ignores_filters_that_make_no_sense(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes_saying(world.sam, world.cell_a1, "Họp bàn mùa vụ.")

    page = _get(client_for("olga"), q="mua vu", kind="nothing", year="abc", org="x", page="-3")

    assert "1 kết quả" in page


def test_it_pages_through_many_results(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    for n in range(PAGE_SIZE + 3):
        make_member(world.cell_a1, f"Trịnh Văn Số {n}")
    client = client_for("olga")

    first = _get(client, q="trinh van")
    assert f"{PAGE_SIZE + 3} kết quả" in first and first.count('class="card"') == PAGE_SIZE
    assert "Trang 1 / 2" in first and "page=2" in first
    second = _get(client, q="trinh van", page=2)
    assert second.count('class="card"') == 3 and "Trang 2 / 2" in second
    # Past the last page: the last page.
    assert _get(client, q="trinh van", page=9).count('class="card"') == 3


def test_htmx_gets_the_results_alone(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("olga").get(reverse("search:search"), {"q": "nguyen"}, HTTP_HX_REQUEST="true").content.decode()

    assert "<html" not in page and "1 kết quả" in page


def _records(world: World, first: int, count: int) -> None:
    for n in range(first, first + count):
        cell, actor = (world.cell_a1, world.sam) if n % 2 else (world.cell_a2, world.sue)
        minutes_saying(actor, cell, f"Kiểm tra việc thu đảng phí, lần {n}.", day=dt.date(2026, 1 + n % 12, 10))
        make_member(cell, f"Kiều Văn Kiểm {n}")


@pytest.mark.parametrize(("who", "queries"), [("olga", 6), ("alice", 9), ("sam", 9)])
def test_it_takes_a_fixed_number_of_queries(world: World, client_for, django_assert_num_queries, who, queries) -> None:  # type: ignore[no-untyped-def]
    # Session and account; the user's grants (and, for a member, the member record, positions and cells); the
    # organizations offered as a filter; the counts by kind and year; the page of results.
    client = client_for(who)
    _records(world, 0, 2)
    with django_assert_num_queries(queries):
        assert client.get(reverse("search:search"), {"q": "kiem"}).status_code == 200
    _records(world, 2, 12)
    with django_assert_num_queries(queries):
        page = client.get(reverse("search:search"), {"q": "kiem"}).content.decode()
    assert "kết quả" in page
