"""Who sees which pack, in plain Vietnamese, and the list's flat query count."""

import pytest
from django.urls import reverse

from core.testing import World
from orgs.actions import do_create_organization
from orgs.models import Organization, OrgKind
from rules.models import RulePack
from rules.testing import draft_pack, national_pack, scoped_pack
from rules.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _names(world: World, who: str) -> set[str]:
    response = client_for(world, who).get(reverse("rules:list"))
    assert response.status_code == 200
    return {pack.name for pack in response.context["packs"]}


@pytest.fixture
def packs(world: World) -> dict[str, RulePack]:
    return {
        "province": scoped_pack(world.province, name="Tỉnh"),
        "commune_a": scoped_pack(world.commune_a, name="Xã A"),
        "commune_a_draft": draft_pack(world.commune_a, name="Xã A nháp"),
        "cell_a2": scoped_pack(world.cell_a2, name="Khu 2"),
        "commune_b": scoped_pack(world.commune_b, name="Xã B"),
        "commune_b_draft": draft_pack(world.commune_b, name="Xã B nháp"),
    }


NATIONAL = {"HD 12-HD/BTCTW – phiếu 100 điểm (mẫu Bình Thuận)"}
NATIONAL_DRAFT = {"Phiếu riêng sinh hoạt thường kỳ và chuyên đề (mẫu Nghệ An)"}


def test_each_person_sees_the_packs_that_concern_them(world: World, packs: dict) -> None:
    # Alice and Sam, in cell A1: the national pack and those of their commune and province, never a draft.
    assert _names(world, "alice") == _names(world, "sam") == NATIONAL | {"Tỉnh", "Xã A"}
    assert _names(world, "sue") == NATIONAL | {"Tỉnh", "Xã A", "Khu 2"}
    # Olga's office: everything in commune A (its drafts too) and above, and the national drafts to copy.
    assert _names(world, "olga") == NATIONAL | NATIONAL_DRAFT | {"Tỉnh", "Xã A", "Xã A nháp", "Khu 2"}
    # Rita reads the whole province but no draft.
    assert _names(world, "rita") == NATIONAL | {"Tỉnh", "Xã A", "Khu 2", "Xã B"}
    assert _names(world, "oscar") == NATIONAL | NATIONAL_DRAFT | {"Tỉnh", "Xã B", "Xã B nháp"}


def test_anyone_logged_in_reads_a_pack_in_use_but_drafts_stay_with_their_office(world: World, packs: dict) -> None:
    for who in ("alice", "sam", "sue", "olga", "rita", "oscar"):
        client = client_for(world, who)
        assert client.get(reverse("rules:detail", args=[packs["commune_b"].pk])).status_code == 200
        draft = client.get(reverse("rules:detail", args=[packs["commune_a_draft"].pk]))
        assert draft.status_code == (200 if who == "olga" else 404)
        export = client.get(reverse("rules:export", args=[packs["commune_a_draft"].pk]))
        assert export.status_code == (200 if who == "olga" else 404)
    anonymous = client_for(world, "anonymous").get(reverse("rules:detail", args=[national_pack().pk]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_only_the_office_over_the_scope_changes_a_pack(world: World, packs: dict) -> None:
    draft, published = packs["commune_a_draft"], packs["commune_a"]
    for who in ("sam", "rita", "oscar"):
        client = client_for(world, who)
        for name in ("rules:edit", "rules:import", "rules:sheet_add"):
            assert client.get(reverse(name, args=[draft.pk])).status_code in (403, 404)
        assert client.post(reverse("rules:withdraw", args=[published.pk]), {"version": 1}).status_code == 403
    olga = client_for(world, "olga")
    assert olga.get(reverse("rules:edit", args=[draft.pk])).status_code == 200
    # Commune B's pack is read by olga, never changed by her.
    assert olga.post(reverse("rules:withdraw", args=[packs["commune_b"].pk]), {"version": 1}).status_code == 403
    # The province's office manages the packs of the communes below it.
    page = olga.get(reverse("rules:detail", args=[draft.pk])).content.decode()
    assert reverse("rules:publish", args=[draft.pk]) in page


def test_the_detail_page_says_the_pack_in_plain_vietnamese(world: World) -> None:
    page = client_for(world, "alice").get(reverse("rules:detail", args=[national_pack().pk])).content.decode()
    for text in (
        "Mọi tổ chức đảng chưa có bộ quy định riêng",
        "từ ngày 31 tháng 07 năm 2018, chưa có ngày kết thúc",
        "Thông báo và tài liệu gửi đảng viên trước cuộc họp ít nhất 1 ngày.",
        "Sinh hoạt thường kỳ kết hợp chuyên đề: ít nhất 120 phút",
        "Hơn một nửa số đảng viên chính thức được triệu tập tán thành.",
        "&gt; 85%: 15 điểm; &gt; 70%: 10 điểm; &gt; 50%: 5 điểm; còn lại: 0 điểm.",
        "Dùng cho: Sinh hoạt thường kỳ, Sinh hoạt thường kỳ kết hợp chuyên đề, Sinh hoạt chuyên đề. Tổng 100 điểm.",
        "<strong>Kém</strong>: dưới 50 điểm.",
    ):
        assert text in page, text
    # Alice reads; she is offered nothing to change.
    assert "/copy/" not in page and "/edit/" not in page and "/publish/" not in page


def _grow(world: World, n: int) -> None:
    """`n` more communes under the province, each with a pack in use and a draft."""
    first = Organization.objects.filter(code__startswith="X-N").count()
    for i in range(first, first + n):
        commune = do_create_organization(
            None, kind=OrgKind.COMMUNE, code=f"X-N{i}", name=f"Đảng bộ xã Số {i}", parent=world.province
        )
        scoped_pack(commune, name=f"Xã số {i}")
        draft_pack(commune, name=f"Nháp số {i}")


# The session, the user, then the user's rights (a member's record, positions and the paths of
# their cells; an office's or reader's grants), then the packs in one query.
@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize(("who", "queries"), [("alice", 7), ("sam", 7), ("olga", 4), ("rita", 4)])
def test_the_list_costs_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    world: World, who: str, queries: int, size: int, django_assert_num_queries
) -> None:
    _grow(world, size)
    client = client_for(world, who)
    with django_assert_num_queries(queries):
        response = client.get(reverse("rules:list"))
    shown = len(response.context["packs"])
    assert shown == {"alice": 1, "sam": 1, "olga": 2, "rita": 1}[who] + (size if who == "rita" else 0)
