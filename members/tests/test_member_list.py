"""The member list: who reaches it, accent-free search, filters, htmx, pagination, a flat query count."""

import datetime as dt

import pytest
from django.urls import reverse

from core.dates import today
from core.testing import World, make_member
from members.actions import do_add_exemption, do_record_death
from members.filters import years_before
from members.models import Category, Member
from members.tests.helpers import client_for

pytestmark = pytest.mark.django_db
URL = reverse("members:list")


def _names(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.full_name for m in response.context["page"]}


def test_it_refuses_the_list_to_an_ordinary_member(world: World) -> None:
    assert client_for(world.alice).get(URL).status_code == 403
    assert client_for(world.alice).get(URL, {"org": world.cell_a1.pk}).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_a_secretary_only_their_cell(world: World) -> None:
    names = _names(client_for(world.sam).get(URL))
    assert names == {"Nguyễn Thị Lan", "Trần Văn Sâm", "Đỗ Đức Hùng", "Phạm Văn Dự"}
    # Asking for another cell gives nothing, not that cell.
    assert _names(client_for(world.sam).get(URL, {"org": world.cell_a2.pk})) == set()


def test_it_limits_each_office_to_its_commune(world: World) -> None:
    assert "Bùi Văn Bình" not in _names(client_for(world.olga).get(URL))
    assert _names(client_for(world.oscar).get(URL)) == {"Bùi Văn Bình"}
    assert len(_names(client_for(world.rita).get(URL))) == 8


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen thi", {"Nguyễn Thị Lan"}),
        ("NGUYỄN", {"Nguyễn Thị Lan"}),
        ("d", {"Đỗ Đức Hùng", "Phạm Văn Dự"}),
        ("do duc", {"Đỗ Đức Hùng"}),
        ("đỗ", {"Đỗ Đức Hùng"}),
        ("hung do", {"Đỗ Đức Hùng"}),
        ("0912000002", {"Trần Văn Sâm"}),
        ("xyz", set()),
    ],
)
def test_it_searches_without_accents(world: World, query: str, expected: set[str]) -> None:
    assert _names(client_for(world.sam).get(URL, {"q": query})) == expected


def test_it_filters_by_organization_subtree(world: World) -> None:
    client = client_for(world.rita)
    assert _names(client.get(URL, {"org": world.cell_a2.pk})) == {"Lê Thị Hoa", "Hoàng Văn Nam", "Vũ Thị Mai"}
    assert len(_names(client.get(URL, {"org": world.commune_a.pk}))) == 7
    # An organization the user may not see narrows to nothing.
    assert _names(client_for(world.olga).get(URL, {"org": world.cell_b1.pk})) == set()
    assert client.get(URL, {"org": "abc"}).status_code == 200


def test_it_offers_the_organizations_the_user_may_see(world: World) -> None:
    rita = client_for(world.rita)
    labels = [o.org.name for o in rita.get(URL).context["picker"]]
    assert labels == ["Đảng bộ tỉnh Phú Thọ", "Đảng bộ xã Dân Quyền", "Đảng bộ xã Hương Nộn"]
    labels = [o.org.name for o in rita.get(URL, {"org": world.commune_a.pk}).context["picker"]]
    assert "Chi bộ Khu 1" in labels and "Chi bộ Khu Đồng" not in labels
    labels = [o.org.name for o in client_for(world.olga).get(URL).context["picker"]]
    assert labels == ["Đảng bộ xã Hương Nộn", "Chi bộ Khu 1", "Chi bộ Khu 2"]
    assert [o.org.name for o in client_for(world.sam).get(URL).context["picker"]] == ["Chi bộ Khu 1"]


def test_it_shows_active_members_unless_asked_otherwise(world: World) -> None:
    member = Member.objects.get(full_name="Đỗ Đức Hùng")
    do_record_death(world.sam, member, on=today())
    client = client_for(world.sam)
    assert "Đỗ Đức Hùng" not in _names(client.get(URL))
    assert _names(client.get(URL, {"state": "deceased"})) == {"Đỗ Đức Hùng"}
    assert "Đỗ Đức Hùng" in _names(client.get(URL, {"state": "all"}))
    assert "Đỗ Đức Hùng" not in _names(client.get(URL, {"state": "nonsense"}))


def test_it_filters_by_category_exemption_age_and_theory(world: World) -> None:
    client = client_for(world.sam)
    assert _names(client.get(URL, {"category": Category.PROBATIONARY})) == {"Phạm Văn Dự"}
    alice = Member.objects.get(pk=world.alice.member_id)
    do_add_exemption(world.sam, alice, valid_from=dt.date(2025, 1, 1), valid_to=None, reason="Ốm", decision="NQ 1")
    assert _names(client.get(URL, {"exempt": "yes"})) == {"Nguyễn Thị Lan"}
    assert "Nguyễn Thị Lan" not in _names(client.get(URL, {"exempt": "no"}))
    young_born = years_before(today(), 25)
    make_member(world.cell_a1, "Mai Văn Trẻ", date_of_birth=young_born, admitted_on=years_before(today(), 5))
    make_member(world.cell_a1, "Hà Văn Tròn", date_of_birth=years_before(today(), 31))  # 31 today
    make_member(world.cell_a1, "Hà Văn Sắp", date_of_birth=years_before(today(), 31) + dt.timedelta(days=1))
    assert _names(client.get(URL, {"age": "18-30"})) == {"Mai Văn Trẻ", "Hà Văn Sắp"}
    assert "Hà Văn Tròn" in _names(client.get(URL, {"age": "31-40"}))
    assert "Nguyễn Thị Lan" in _names(client.get(URL, {"age": "51-60"}))  # born 1970
    make_member(world.cell_a1, "Lương Văn Cao", theory_level="advanced")
    assert _names(client.get(URL, {"theory": "advanced"})) == {"Lương Văn Cao"}
    assert "Lương Văn Cao" not in _names(client.get(URL, {"theory": "none"}))


def test_it_answers_htmx_with_the_rows_only(world: World) -> None:
    response = client_for(world.olga).get(URL, {"q": "thi"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Nguyễn Thị Lan" in html and "Hoàng Văn Nam" not in html
    assert 'hx-swap-oob="true"' in html  # the picker follows the chosen organization
    assert "HX-Request" in response["Vary"]
    page = client_for(world.olga).get(URL, {"q": "thi"}).content.decode()
    assert "<html" in page and 'hx-get="/members/"' in page and 'method="get"' in page
    restore = client_for(world.olga).get(
        URL, {"q": "thi"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode() and restore.content.decode().count('id="id_org"') == 1


def test_it_pages_through_many_members(world: World) -> None:
    for i in range(60):
        make_member(world.cell_a2, f"Đinh Văn Số {i:02d}")
    client = client_for(world.sue)
    first = client.get(URL)
    assert len(first.context["page"]) == 50 and first.context["page"].paginator.count == 63
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"]) == 13
    assert client.get(URL, {"page": 99}).status_code == 200


def _add_members(world: World, n: int) -> None:
    Member.objects.bulk_create(
        Member(
            organization=world.cell_a1 if i % 2 else world.cell_a2,
            full_name=f"Nguyễn Văn Thêm {i}",
            gender="male",
            date_of_birth=dt.date(1960 + i % 40, 1, 1),
            admitted_on=dt.date(2000, 1, 1),
            full_member_on=dt.date(2001, 1, 1),
            category=Category.FULL,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize(
    ("who", "queries"),
    [
        # session, user, grants, then: picker roots and options, "may add" check, count, rows
        ("olga", 8),
        # session, user, grants, member, positions, then the same five
        ("sam", 10),
    ],
)
def test_it_lists_with_a_fixed_number_of_queries(
    world: World, django_assert_num_queries, n: int, who: str, queries: int
) -> None:  # type: ignore[no-untyped-def]
    _add_members(world, n)
    client = client_for(getattr(world, who))
    with django_assert_num_queries(queries):
        response = client.get(URL, {"q": "nguyen", "exempt": "no"})
    assert response.status_code == 200 and len(response.context["page"]) > 0
    with django_assert_num_queries(queries + 1):  # and the chosen organization
        client.get(URL, {"org": world.cell_a1.pk}, headers={"HX-Request": "true"})
