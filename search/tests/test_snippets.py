"""Each result shows its title and a piece of its text, words found in <mark>, and nothing else as HTML."""

from django.urls import reverse

from core.testing import World
from search.queries import marked
from search.testing import minutes_saying, resolution_saying

FILLER = "Chi bộ thảo luận dân chủ, thống nhất cao các nội dung được nêu trong báo cáo của chi ủy. "


def test_record_text_is_escaped_and_only_the_found_words_are_marked(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    resolution_saying(
        world.sam,
        world.cell_a1,
        "Nghị quyết <img src=x onerror=alert(1)> đường làng",
        'Đồng chí nêu: <script>alert("x")</script> cần bê tông hóa đường làng & ngõ xóm.',
    )

    page = client_for("rita").get(reverse("search:search"), {"q": "duong lang"}).content.decode()

    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>đường</mark> <mark>làng</mark>" in page
    assert "bê tông hóa <mark>đường</mark> <mark>làng</mark> &amp; ngõ xóm" in page
    # SQLite's snippet keeps the tag as text; PostgreSQL's ts_headline leaves tags out of snippets.
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page or "nêu:  alert(&quot;x&quot;)" in page


def test_a_long_text_shows_the_part_around_the_words_found(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    minutes_saying(
        world.sam, world.cell_a1, FILLER * 20 + "Đồng chí Hùng đề nghị nạo vét kênh mương nội đồng. " + FILLER * 20
    )

    page = client_for("rita").get(reverse("search:search"), {"q": "nao vet kenh muong"}).content.decode()

    assert "<mark>nạo</mark> <mark>vét</mark> <mark>kênh</mark> <mark>mương</mark>" in page
    assert page.count("thống nhất cao") < 5


def test_marks_stay_balanced_whatever_the_markers() -> None:
    assert marked("a \x02b\x03 <c>") == "a <mark>b</mark> &lt;c&gt;"
    assert marked("\x02open") == "<mark>open</mark>"
    assert marked("close\x03 \x03 x\x02\x02y\x03") == "close  x<mark>y</mark>"
    assert marked("") == ""
