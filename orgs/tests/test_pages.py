"""The organization pages and the office's forms, with rights both ways."""

import datetime as dt

from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World, make_member
from members.models import Category
from orgs.actions import do_create_organization, do_merge_organizations, plan_merge
from orgs.models import Organization, OrgKind
from orgs.tests.conftest import MERGE_DAY, client_for


def detail(world: World, who: str, org: Organization):  # type: ignore[no-untyped-def]
    return client_for(world.users()[who]).get(reverse("orgs:detail", args=[org.pk]))


def test_it_shows_alice_her_cell_roster_with_names_and_categories_only(world: World) -> None:
    response = detail(world, "alice", world.cell_a1)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Nguyễn Thị Lan", "Trần Văn Sâm", "Đỗ Đức Hùng", "Phạm Văn Dự"):
        assert name in page
    assert [(m.full_name, m.category) for m, _ in response.context["roster"]] == [
        ("Phạm Văn Dự", "probationary"),
        ("Đỗ Đức Hùng", "full"),
        ("Nguyễn Thị Lan", "full"),
        ("Trần Văn Sâm", "full"),
    ]
    # Her own record is linked; the others' records stay behind their own rights.
    assert reverse("members:detail", args=[world.alice.member_id]) in page
    assert reverse("members:detail", args=[world.sam.member_id]) not in page
    assert "025" not in page  # no citizen ID on this page
    assert reverse("orgs:rename", args=[world.cell_a1.pk]) not in page


def test_it_keeps_cell_a2_closed_to_alice_and_cell_a1_to_sue_and_oscar(world: World) -> None:
    assert detail(world, "alice", world.cell_a2).status_code == 403
    assert detail(world, "sue", world.cell_a1).status_code == 403
    assert detail(world, "oscar", world.cell_a1).status_code == 403
    assert detail(world, "rita", world.cell_a2).status_code == 200


def test_it_shows_history_committee_and_warnings(world: World) -> None:
    lonely = do_create_organization(
        world.olga, kind=OrgKind.CELL, code="X-HN-CA", name="Chi bộ Công an", parent=world.commune_a, cell_type="police"
    )
    make_member(lonely, "Lý Văn Công")
    page = detail(world, "olga", lonely).content.decode()
    assert "Chi bộ này chỉ có 1 đảng viên chính thức" in page
    assert "chưa có bí thư" in page
    page = detail(world, "olga", world.cell_a1).content.decode()
    assert "Trần Văn Sâm" in page and "Bí thư" in page
    assert "thành lập" in page  # the history's first period
    assert "Chưa phân công cấp ủy viên phụ trách" in page
    assert reverse("orgs:rename", args=[world.cell_a1.pk]) in page
    page = detail(world, "olga", world.commune_a).content.decode()
    assert "Chi bộ Công an" in page and "ít hơn 3 đảng viên chính thức" in page


def test_it_shows_the_merge_on_both_sides(world: World) -> None:
    do_merge_organizations(world.olga, plan_merge([world.cell_a2], world.cell_a1, MERGE_DAY))
    page = detail(world, "olga", world.cell_a1).content.decode()
    assert "Hợp nhất từ" in page and "Chi bộ Khu 2" in page
    page = detail(world, "olga", world.cell_a2).content.decode()
    assert "hợp nhất vào" in page and reverse("orgs:detail", args=[world.cell_a1.pk]) in page


def test_it_lets_olga_rename_and_not_sam_rita_or_oscar(world: World) -> None:
    url = reverse("orgs:rename", args=[world.cell_a1.pk])
    data = {"name": "Chi bộ Khu 6", "official_name": "Chi bộ Khu dân cư số 6", "on": "2026-01-01"}
    for who in ("sam", "rita", "oscar", "alice"):
        assert client_for(world.users()[who]).post(url, data).status_code == 403
    world.cell_a1.refresh_from_db()
    assert world.cell_a1.name == "Chi bộ Khu 1"
    response = client_for(world.olga).post(url, data)
    assert response.status_code == 302
    world.cell_a1.refresh_from_db()
    assert world.cell_a1.official_name == "Chi bộ Khu dân cư số 6"


def test_it_explains_a_bad_rename_in_vietnamese_and_changes_nothing(world: World) -> None:
    url = reverse("orgs:rename", args=[world.cell_a1.pk])
    client = client_for(world.olga)
    response = client.post(url, {"name": "Chi bộ Khu 6", "on": "2999-01-01"})
    assert response.status_code == 200
    assert "Ngày có hiệu lực không được ở tương lai." in response.content.decode()
    response = client.post(url, {"name": "Chi bộ Khu 1", "on": "2026-01-01"})
    assert "Tên mới trùng với tên hiện tại." in response.content.decode()
    response = client.post(url, {"name": "Chi bộ Khu 6", "on": "31/02/2026"})
    assert "Hãy nhập ngày, ví dụ 29/11/2026." in response.content.decode()
    assert not AuditEntry.objects.filter(action="org.rename").exists()


def test_it_creates_a_cell_once_even_when_the_form_is_sent_twice(world: World) -> None:
    url = reverse("orgs:create_child", args=[world.commune_a.pk])
    data = {
        "kind": "cell",
        "cell_type": "school",
        "code": "X-HN-THCS",
        "name": "Chi bộ Trường THCS",
        "official_name": "",
        "founded_on": "2026-09-05",
    }
    client = client_for(world.olga)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 200
    assert "Mã X-HN-THCS đã được dùng cho Chi bộ Trường THCS." in again.content.decode()
    assert Organization.objects.filter(code="X-HN-THCS").count() == 1
    assert client_for(world.sam).post(url, data | {"code": "OTHER"}).status_code == 403


def test_it_offers_no_subordinate_organization_under_a_cell(world: World) -> None:
    response = client_for(world.olga).get(reverse("orgs:create_child", args=[world.cell_a1.pk]))
    assert response.status_code == 302


def test_it_moves_only_under_an_organization_the_office_also_manages(world: World, pat) -> None:  # type: ignore[no-untyped-def]
    url = reverse("orgs:move", args=[world.cell_a1.pk])
    data = {"new_parent": world.commune_b.pk, "on": "2026-01-01"}
    response = client_for(world.olga).post(url, data)
    assert response.status_code == 200  # commune B is not one of olga's choices
    world.cell_a1.refresh_from_db()
    assert world.cell_a1.parent_id == world.commune_a.pk
    assert client_for(pat).post(url, data).status_code == 302
    world.cell_a1.refresh_from_db()
    assert world.cell_a1.parent_id == world.commune_b.pk


def test_it_shows_why_a_cell_cannot_be_dissolved(world: World) -> None:
    response = client_for(world.olga).get(reverse("orgs:dissolve", args=[world.cell_a1.pk]))
    assert "vẫn còn 4 đảng viên" in response.content.decode()
    response = client_for(world.olga).post(reverse("orgs:dissolve", args=[world.cell_a1.pk]), {"on": "2026-01-01"})
    assert response.status_code == 200
    world.cell_a1.refresh_from_db()
    assert world.cell_a1.is_active


def merge_data(world: World, **extra: object) -> dict[str, object]:
    return {
        "sources": [world.cell_a2.pk],
        "target_mode": "existing",
        "target": world.cell_a1.pk,
        "on": MERGE_DAY.isoformat(),
    } | extra


def test_it_previews_then_confirms_a_merge_once(world: World) -> None:
    client = client_for(world.olga)
    scope = world.commune_a.pk
    preview = client.post(reverse("orgs:merge", args=[scope]), merge_data(world))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Lê Thị Hoa" in page and "Vũ Thị Mai" in page  # members who move, and the secretary whose post ends
    assert not Organization.objects.filter(dissolved_on__isnull=False).exists()
    fingerprint = preview.context["fingerprint"]
    confirm = reverse("orgs:merge_confirm", args=[scope])
    response = client.post(confirm, merge_data(world, fingerprint=fingerprint))
    assert response.status_code == 302 and response["Location"] == reverse("orgs:detail", args=[world.cell_a1.pk])
    world.cell_a2.refresh_from_db()
    assert world.cell_a2.merged_into_id == world.cell_a1.pk
    again = client.post(confirm, merge_data(world, fingerprint=fingerprint))
    assert again.status_code == 200
    assert AuditEntry.objects.filter(action="org.merge").count() == 1


def test_it_refuses_a_stale_preview_and_shows_the_new_one(world: World) -> None:
    client = client_for(world.olga)
    preview = client.post(reverse("orgs:merge", args=[world.commune_a.pk]), merge_data(world))
    make_member(world.cell_a2, "Ngô Văn Mới", category=Category.PROBATIONARY)
    response = client.post(
        reverse("orgs:merge_confirm", args=[world.commune_a.pk]),
        merge_data(world, fingerprint=preview.context["fingerprint"]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "đã thay đổi" in page and "Ngô Văn Mới" in page
    world.cell_a2.refresh_from_db()
    assert world.cell_a2.is_active
    assert response.context["fingerprint"] != preview.context["fingerprint"]


def test_it_lets_only_the_office_over_every_organization_merge(world: World, pat) -> None:  # type: ignore[no-untyped-def]
    province_merge = reverse("orgs:merge", args=[world.province.pk])
    assert client_for(world.olga).get(province_merge).status_code == 403
    assert client_for(world.rita).get(province_merge).status_code == 403
    assert (
        client_for(world.oscar)
        .post(reverse("orgs:merge_confirm", args=[world.commune_a.pk]), merge_data(world))
        .status_code
        == 403
    )
    assert client_for(world.olga).get(reverse("orgs:merge_confirm", args=[world.commune_a.pk])).status_code == 405
    # A cell of another commune is not a choice in commune A's merge.
    response = client_for(world.olga).post(
        reverse("orgs:merge", args=[world.commune_a.pk]), merge_data(world, sources=[world.cell_b1.pk])
    )
    assert response.status_code == 200 and "fingerprint" not in response.context
    # The provincial office merges communes into a new one.
    data = {
        "sources": [world.commune_a.pk, world.commune_b.pk],
        "target_mode": "new",
        "new_name": "Đảng bộ xã Tam Nông",
        "new_code": "X-TN",
        "new_parent": world.province.pk,
        "on": "2025-07-01",
    }
    preview = client_for(pat).post(province_merge, data)
    assert preview.status_code == 200 and "fingerprint" in preview.context, preview.content.decode()
    response = client_for(pat).post(
        reverse("orgs:merge_confirm", args=[world.province.pk]), data | {"fingerprint": preview.context["fingerprint"]}
    )
    assert response.status_code == 302
    tam_nong = Organization.objects.get(code="X-TN")
    assert tam_nong.founded_on == dt.date(2025, 7, 1)
    assert set(tam_nong.children.values_list("pk", flat=True)) == {world.cell_a1.pk, world.cell_a2.pk, world.cell_b1.pk}


def test_it_asks_what_a_new_target_needs(world: World) -> None:
    response = client_for(world.olga).post(
        reverse("orgs:merge", args=[world.commune_a.pk]),
        merge_data(world, target_mode="new", target="", sources=[world.cell_a1.pk, world.cell_a2.pk]),
    )
    assert response.status_code == 200
    assert "Cần có khi lập tổ chức mới." in response.content.decode()
    assert "Hãy chọn loại hình chi bộ." in response.content.decode()


def test_it_shows_dissolved_organizations_only_in_the_past_tree(world: World) -> None:
    do_merge_organizations(world.olga, plan_merge([world.cell_a2], world.cell_a1, MERGE_DAY))
    client = client_for(world.rita)
    assert "Chi bộ Khu 2" not in client.get(reverse("orgs:tree")).content.decode()
    assert "Chi bộ Khu 2" in client.get(reverse("orgs:tree") + "?on=2025-12-31").content.decode()
    assert "Chi bộ Khu 2" not in client.get(reverse("orgs:tree") + "?on=2026-01-01").content.decode()
