"""The office writes the month's guidance as a draft, publishes it, and corrects it under audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from guidance.actions import do_add_item, do_create_guidance, do_publish_guidance, do_update_guidance
from guidance.models import Guidance, GuidanceItem, GuidanceStatus, ItemKind
from guidance.testing import make_guidance
from guidance.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_from_the_form_and_refuses_a_second_for_the_same_month(world: World) -> None:
    client = client_for(world, "olga")
    url = reverse("guidance:create", args=[world.commune_a.pk])
    form = {"month": "12/2026", "title": "Định hướng tháng 12", "summary": "Tổng kết năm."}
    response = client.post(url, form)
    guidance = Guidance.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("guidance:detail", args=[guidance.pk])
    assert guidance.month == dt.date(2026, 12, 1) and guidance.status == GuidanceStatus.DRAFT
    assert AuditEntry.objects.filter(action="guidance.create", object_id=str(guidance.pk)).exists()
    again = client.post(url, form | {"month": "2026-12"})
    assert again.status_code == 200
    assert "Định hướng tháng 12/2026 đã có" in again.content.decode()
    assert Guidance.objects.count() == 1


def test_it_refuses_a_month_it_cannot_read(world: World) -> None:
    response = client_for(world, "olga").post(
        reverse("guidance:create", args=[world.commune_a.pk]), {"month": "13/2026", "title": "X"}
    )
    assert "Nhập tháng theo dạng 12/2026." in response.content.decode()
    assert not Guidance.objects.exists()


def test_it_adds_points_for_all_cells_or_some_cell_types(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Tháng 12")
    client = client_for(world, "olga")
    url = reverse("guidance:item_add", args=[guidance.pk])
    client.post(url, {"version": 1, "kind": "key_task", "title": "Vệ sinh môi trường", "body": "Toàn dân"})
    client.post(
        url,
        {"version": 2, "kind": "current_affairs", "title": "An toàn trường học", "cell_types": ["school", "police"]},
    )
    items = list(guidance.items.all())
    assert [(i.title, i.cell_types) for i in items] == [
        ("Vệ sinh môi trường", []),
        ("An toàn trường học", ["police", "school"]),
    ]
    assert [i.order for i in items] == [1, 2]
    html = client.get(reverse("guidance:detail", args=[guidance.pk])).content.decode()
    assert "Áp dụng cho mọi chi bộ" in html and "Chỉ áp dụng cho: Công an, Trường học" in html


def test_it_adds_a_point_once_when_the_form_is_sent_twice(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Tháng 12")
    client = client_for(world, "olga")
    url = reverse("guidance:item_add", args=[guidance.pk])
    form = {"version": 1, "kind": "key_task", "title": "Vệ sinh môi trường"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    assert guidance.items.count() == 1


def test_it_refuses_a_stale_edit_and_keeps_the_newer_text(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Tháng 12")
    url = reverse("guidance:edit", args=[guidance.pk])
    first = client_for(world, "olga").post(url, {"version": 1, "title": "Bản của người thứ nhất"})
    assert first.status_code == 302
    second = client_for(world, "olga").post(url, {"version": 1, "title": "Bản của người thứ hai"})
    assert second.status_code == 200
    assert "đã được người khác sửa" in second.content.decode()
    guidance.refresh_from_db()
    assert guidance.title == "Bản của người thứ nhất" and guidance.version == 2


def test_it_refuses_a_stale_point_edit(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    item = guidance.items.first()
    stale = guidance.version - 1
    response = client_for(world, "olga").post(
        reverse("guidance:item_edit", args=[item.pk]), {"version": stale, "kind": "key_task", "title": "Sửa muộn"}
    )
    assert response.status_code == 200 and "đã được người khác sửa" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Ra quân làm sạch đường làng"


def test_it_publishes_once_and_audits_it(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    client = client_for(world, "olga")
    url = reverse("guidance:publish", args=[guidance.pk])
    assert client.get(url).status_code == 405
    version = guidance.version
    client.post(url, {"version": version})
    client.post(url, {"version": version})  # the double submit
    guidance.refresh_from_db()
    assert guidance.is_published and guidance.published_by == world.olga and guidance.published_at
    assert AuditEntry.objects.filter(action="guidance.publish").count() == 1


def test_it_does_not_publish_an_empty_guidance(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="Tháng 12")
    response = client_for(world, "olga").post(
        reverse("guidance:publish", args=[guidance.pk]), {"version": guidance.version}, follow=True
    )
    assert "Cần thêm ít nhất một nội dung" in response.content.decode()
    guidance.refresh_from_db()
    assert not guidance.is_published


def test_it_records_each_change_after_publication_as_a_correction(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    school = guidance.items.get(title="Ôn tập cuối học kỳ")
    client = client_for(world, "olga")
    client.post(
        reverse("guidance:item_edit", args=[school.pk]),
        {"version": guidance.version, "kind": "key_task", "title": "Ôn tập và thi học kỳ", "cell_types": ["school"]},
    )
    guidance.refresh_from_db()
    client.post(reverse("guidance:item_delete", args=[guidance.pk, school.pk]), {"version": guidance.version})
    guidance.refresh_from_db()
    do_update_guidance(
        world.olga, guidance, version=guidance.version, title="Tháng 12 (đính chính)", summary="", conference=None
    )
    actions = list(
        AuditEntry.objects.filter(object_id=str(guidance.pk), action__startswith="guidance.correct")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["guidance.correct_item_update", "guidance.correct_item_delete", "guidance.correct"]
    update = AuditEntry.objects.get(action="guidance.correct_item_update")
    assert update.before["title"] == "Ôn tập cuối học kỳ" and update.after["title"] == "Ôn tập và thi học kỳ"
    html = client.get(reverse("guidance:detail", args=[guidance.pk])).content.decode()
    assert "Đính chính sau khi ban hành" in html and "bỏ nội dung: “Ôn tập và thi học kỳ”" in html


def test_it_records_nothing_when_nothing_changed(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    before = AuditEntry.objects.count()
    do_update_guidance(
        world.olga, guidance, version=guidance.version, title=guidance.title, summary="", conference=None
    )
    assert AuditEntry.objects.count() == before


def test_it_deletes_a_point_once_and_tells_a_late_double_submit(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    item = guidance.items.first()
    client = client_for(world, "olga")
    url = reverse("guidance:item_delete", args=[guidance.pk, item.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"version": guidance.version})
    response = client.post(url, {"version": guidance.version}, follow=True)
    assert "Nội dung này không còn nữa." in response.content.decode()
    assert not GuidanceItem.objects.filter(pk=item.pk).exists()
    assert AuditEntry.objects.filter(action="guidance.item_delete").count() == 1


def test_it_keeps_readers_and_other_offices_out_of_writing(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga, publish=False)
    item = guidance.items.first()
    posts = [
        (reverse("guidance:create", args=[world.commune_a.pk]), {"month": "1/2027", "title": "X"}),
        (reverse("guidance:edit", args=[guidance.pk]), {"version": guidance.version, "title": "X"}),
        (
            reverse("guidance:item_add", args=[guidance.pk]),
            {"version": guidance.version, "kind": "key_task", "title": "X"},
        ),
        (
            reverse("guidance:item_edit", args=[item.pk]),
            {"version": guidance.version, "kind": "key_task", "title": "X"},
        ),
        (reverse("guidance:item_delete", args=[guidance.pk, item.pk]), {"version": guidance.version}),
        (reverse("guidance:publish", args=[guidance.pk]), {"version": guidance.version}),
    ]
    for who in ("rita", "oscar", "sam", "alice"):
        for url, data in posts:
            assert client_for(world, who).post(url, data).status_code in (403, 404), (who, url)
    guidance.refresh_from_db()
    assert guidance.title.startswith("Định hướng") and not guidance.is_published and guidance.items.count() == 3
    assert Guidance.objects.count() == 1


def test_it_lets_the_reader_read_and_the_office_write(world: World) -> None:
    guidance = make_guidance(world.commune_a, actor=world.olga)
    for who in ("olga", "rita"):
        html = client_for(world, who).get(reverse("guidance:list", args=[world.commune_a.pk])).content.decode()
        assert guidance.title in html
        assert ("Định hướng tháng mới" in html) == (who == "olga")
    for who in ("alice", "sam", "oscar"):
        assert client_for(world, who).get(reverse("guidance:list", args=[world.commune_a.pk])).status_code == 403


def test_it_has_no_guidance_list_for_a_cell(world: World) -> None:
    assert client_for(world, "olga").get(reverse("guidance:list", args=[world.cell_a1.pk])).status_code == 404
    with pytest.raises(ValidationError):
        do_create_guidance(world.olga, world.cell_a1, month=dt.date(2026, 12, 1), title="X")


def test_it_refuses_a_conference_of_another_commune(world: World) -> None:
    from guidance.actions import do_record_conference

    other = do_record_conference(
        world.oscar, world.commune_b, held_on=dt.date(2026, 11, 20), attendees="-", conclusions="-"
    )
    with pytest.raises(ValidationError):
        do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="X", conference=other)
    response = client_for(world, "olga").post(
        reverse("guidance:create", args=[world.commune_a.pk]),
        {"month": "12/2026", "title": "X", "conference": other.pk},
    )
    assert response.status_code == 200 and not Guidance.objects.exists()


def test_it_publishes_through_the_action_with_a_version(world: World) -> None:
    guidance = do_create_guidance(world.olga, world.commune_a, month=dt.date(2026, 12, 1), title="X")
    do_add_item(world.olga, guidance, version=guidance.version, kind=ItemKind.KEY_TASK, title="Một")
    with pytest.raises(ValidationError):
        do_publish_guidance(world.olga, guidance, version=1)
    published = do_publish_guidance(world.olga, guidance, version=guidance.version)
    assert published.is_published
