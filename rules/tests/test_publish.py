"""Publishing puts a draft in force without two packs of one scope on the same day; a pack in use never changes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.actions import do_create_user
from audit.models import AuditEntry
from core.testing import PASSWORD, World
from rules.actions import (
    do_discard_draft,
    do_import_data,
    do_publish_pack,
    do_remove_sheet,
    do_save_sheet,
    do_update_pack,
    do_withdraw_pack,
)
from rules.models import PackStatus, RulePack
from rules.testing import draft_pack, national_pack, scoped_pack
from rules.tests.conftest import client_for

pytestmark = pytest.mark.django_db

JAN, JUL = dt.date(2026, 1, 1), dt.date(2026, 7, 1)


def _publish(pack: RulePack) -> tuple[RulePack, RulePack | None]:
    return do_publish_pack(None, pack, version=pack.edit_version)


def test_it_publishes_a_draft_and_audits_it(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    pack = draft_pack(world.commune_a, actor=world.olga, effective_from=JUL)
    response = olga.post(reverse("rules:publish", args=[pack.pk]), {"version": pack.edit_version}, follow=True)
    assert "Bộ quy định được áp dụng từ ngày 01/07/2026." in response.content.decode()
    pack.refresh_from_db()
    assert pack.status == PackStatus.PUBLISHED and pack.published_at is not None
    entry = AuditEntry.objects.get(action="rules.publish", object_id=str(pack.pk))
    assert entry.actor == world.olga and entry.organization == world.commune_a
    assert entry.before == {"status": "draft"} and entry.after["status"] == "published"


def test_it_closes_an_open_ended_older_pack_the_day_before(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    older = scoped_pack(world.commune_a, name="Năm 2026", effective_from=JAN)
    newer = draft_pack(world.commune_a, actor=world.olga, name="Từ tháng 7", effective_from=JUL)
    page = olga.get(reverse("rules:detail", args=[newer.pk])).content.decode()
    assert "«Năm 2026 (v1)» chưa có ngày kết thúc: khi ban hành bộ này" in page and "30/06/2026" in page
    response = olga.post(reverse("rules:publish", args=[newer.pk]), {"version": newer.edit_version}, follow=True)
    assert "«Năm 2026 (v1)» nay hết hiệu lực sau ngày 30/06/2026." in response.content.decode()
    older.refresh_from_db()
    assert older.effective_to == dt.date(2026, 6, 30) and older.status == PackStatus.PUBLISHED
    closed = AuditEntry.objects.get(action="rules.close", object_id=str(older.pk))
    assert closed.before == {"effective_to": None} and closed.after["effective_to"] == "2026-06-30"
    assert closed.after["replaced_by"] == "Từ tháng 7 (v2)"


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ((JAN, dt.date(2026, 12, 31)), (JUL, None)),  # an older pack with an end date that runs past the start
        ((JUL, None), (JAN, None)),  # an open-ended pack that starts later
        ((JAN, None), (JAN, dt.date(2026, 3, 31))),  # the same first day
    ],
)
def test_it_refuses_an_overlap_and_changes_nothing(world: World, olga, older, newer) -> None:  # type: ignore[no-untyped-def]
    published = scoped_pack(world.commune_a, name="Đang áp dụng", effective_from=older[0], effective_to=older[1])
    draft = draft_pack(world.commune_a, name="Bản mới", effective_from=newer[0], effective_to=newer[1])
    page = olga.get(reverse("rules:detail", args=[draft.pk])).content.decode()
    assert "«Đang áp dụng (v1)», có hiệu lực từ 01" in page
    response = olga.post(reverse("rules:publish", args=[draft.pk]), {"version": draft.edit_version}, follow=True)
    assert "trùng với khoảng thời gian này: hãy đổi ngày của bản dự thảo" in response.content.decode()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == PackStatus.DRAFT and (published.effective_from, published.effective_to) == older
    assert not AuditEntry.objects.filter(action__in=("rules.publish", "rules.close"), object_id=str(draft.pk)).exists()


def test_packs_of_other_scopes_never_conflict(world: World) -> None:
    scoped_pack(world.commune_a, effective_from=JAN)
    scoped_pack(world.commune_b, effective_from=JAN)
    scoped_pack(world.province, effective_from=JAN)
    assert RulePack.objects.filter(status=PackStatus.PUBLISHED, effective_to__isnull=True).count() == 4


def test_a_new_national_pack_closes_the_default(world: World) -> None:
    nghe_an = RulePack.objects.get(code="nghe-an")
    assert nghe_an.status == PackStatus.DRAFT and nghe_an.scope is None
    _publish(nghe_an)
    default = national_pack()
    assert default.effective_to == dt.date(2025, 12, 31)
    do_withdraw_pack(None, nghe_an, version=RulePack.objects.get(pk=nghe_an.pk).edit_version)
    with pytest.raises(ValidationError, match="bộ quy định toàn quốc duy nhất"):
        do_withdraw_pack(None, default, version=default.edit_version)


def test_a_pack_in_use_never_changes(world: World) -> None:
    pack = scoped_pack(world.commune_a)
    data, version = pack.data, pack.edit_version
    sheet = data["quality"]["sheets"][0]
    for attempt in (
        lambda: do_update_pack(
            None,
            pack,
            version=version,
            name="Sửa",
            description="",
            effective_from=JAN,
            effective_to=None,
            data=data,
        ),
        lambda: do_save_sheet(None, pack, version=version, number=1, sheet=sheet | {"title": "Sửa"}),
        lambda: do_remove_sheet(None, pack, version=version, number=1),
        lambda: do_import_data(None, pack, version=version, data=data),
        lambda: do_discard_draft(None, pack, version=version),
        lambda: _publish(pack),
    ):
        with pytest.raises(ValidationError, match="đang được áp dụng nên không thể sửa"):
            attempt()
    pack.refresh_from_db()
    assert pack.edit_version == version and pack.data == data and pack.name != "Sửa"


def test_its_pages_refuse_changes_too(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    pack = scoped_pack(world.commune_a)
    response = olga.get(reverse("rules:edit", args=[pack.pk]), follow=True)
    assert "không thể sửa: hãy sao chép nó" in response.content.decode()
    for name in ("rules:sheet_edit", "rules:sheet_remove"):
        assert olga.post(reverse(name, args=[pack.pk, 1]), {"version": pack.edit_version}).status_code == 403
    for name in ("rules:import", "rules:discard", "rules:sheet_add"):
        assert olga.post(reverse(name, args=[pack.pk]), {"version": pack.edit_version}).status_code == 403
    page = olga.get(reverse("rules:detail", args=[pack.pk])).content.decode()
    assert reverse("rules:edit", args=[pack.pk]) not in page and reverse("rules:withdraw", args=[pack.pk]) in page


def test_it_withdraws_a_pack_in_use_under_audit(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    pack = scoped_pack(world.commune_a)
    response = olga.post(reverse("rules:withdraw", args=[pack.pk]), {"version": pack.edit_version}, follow=True)
    assert "Đã thu hồi bộ quy định" in response.content.decode()
    pack.refresh_from_db()
    assert pack.status == PackStatus.WITHDRAWN
    assert AuditEntry.objects.get(action="rules.withdraw", object_id=str(pack.pk)).actor == world.olga
    again = olga.post(reverse("rules:withdraw", args=[pack.pk]), {"version": pack.edit_version}, follow=True)
    assert "Chỉ thu hồi được bộ quy định đang áp dụng." in again.content.decode()


def test_a_stale_publish_is_refused_and_a_second_click_is_harmless(world: World, olga) -> None:  # type: ignore[no-untyped-def]
    pack = draft_pack(world.commune_a)
    url = reverse("rules:publish", args=[pack.pk])
    stale = olga.post(url, {"version": pack.edit_version - 1}, follow=True)
    assert "Đã có người sửa bộ quy định này sau khi bạn mở trang" in stale.content.decode()
    assert RulePack.objects.get(pk=pack.pk).status == PackStatus.DRAFT
    olga.post(url, {"version": pack.edit_version})
    second = olga.post(url, {"version": pack.edit_version}, follow=True)
    assert "Bộ quy định này đang được áp dụng." in second.content.decode()
    assert AuditEntry.objects.filter(action="rules.publish", object_id=str(pack.pk)).count() == 1


def test_only_a_superuser_publishes_a_national_pack(world: World) -> None:
    nghe_an = RulePack.objects.get(code="nghe-an")
    # Offices read the national draft (to copy it) but may not publish it; others do not even see it.
    for who, status in (("olga", 403), ("oscar", 403), ("rita", 404), ("sam", 404)):
        client = client_for(world, who)
        assert client.post(reverse("rules:publish", args=[nghe_an.pk]), {"version": 1}).status_code == status
    admin = do_create_user(None, username="root", password=PASSWORD)
    admin.is_superuser = True
    admin.save()
    client = client_for(world, "olga")
    client.force_login(admin)
    client.post(reverse("rules:publish", args=[nghe_an.pk]), {"version": nghe_an.edit_version})
    assert RulePack.objects.get(pk=nghe_an.pk).status == PackStatus.PUBLISHED
