"""Best results first: a word in the title beats the same word in the text; more matches beat fewer."""

from core.testing import World
from search.models import Source
from search.testing import found, minutes_saying, resolution_saying

FILLER = "Chi bộ thảo luận dân chủ, thống nhất cao các nội dung được nêu trong báo cáo của chi ủy. "


def test_a_title_hit_ranks_above_a_text_hit(world: World) -> None:
    in_text = resolution_saying(
        world.sam, world.cell_a1, "Nghị quyết tháng 11", FILLER + "Tiếp tục làm giao thông nông thôn. " + FILLER
    )
    in_title = resolution_saying(world.sam, world.cell_a2, "Nghị quyết về giao thông nông thôn", FILLER * 2)

    assert found(world.rita, "giao thong nong thon") == [
        (Source.RESOLUTION, in_title.pk),
        (Source.RESOLUTION, in_text.pk),
    ]


def test_more_matches_rank_first(world: World) -> None:
    once = minutes_saying(world.sam, world.cell_a1, FILLER + "Vệ sinh môi trường khu dân cư. " + FILLER * 2)
    thrice = minutes_saying(
        world.sue,
        world.cell_a2,
        "Vệ sinh môi trường. " + FILLER + "Ra quân vệ sinh môi trường. " + FILLER + "Giữ vệ sinh môi trường.",
    )

    assert found(world.rita, "ve sinh moi truong") == [(Source.MINUTES, thrice.pk), (Source.MINUTES, once.pk)]
