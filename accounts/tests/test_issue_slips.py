"""Printing slips: one code per chosen member, shown once, stored only as a hash, safe to submit twice."""

import pytest
from django.core import serializers
from django.urls import reverse

from accounts.activation import derive_code, format_code
from accounts.models import ActivationCode, User
from accounts.tests.helpers import CODE, activate, client_for, codes_in, issue, seed_from, slips_in
from audit.models import AuditEntry
from core.testing import PASSWORD, World, make_member
from members.models import Member

pytestmark = pytest.mark.django_db


def _without_accounts(world: World) -> list[Member]:
    return list(Member.objects.filter(organization=world.cell_a1, user__isnull=True).order_by("full_name"))


def _all_models():  # type: ignore[no-untyped-def]
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def test_it_prints_one_slip_per_chosen_member(world: World) -> None:
    chosen = _without_accounts(world)
    response = issue(client_for(world.sam), world.cell_a1, chosen)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    slips = slips_in(response)
    assert len(slips) == 2
    for member in chosen:
        account = User.objects.get(member=member)
        assert member.full_name in html
        assert account.username == f"dv{member.party_card_number}"
        assert not account.has_usable_password()
        assert ActivationCode.objects.filter(user=account, used_at=None, revoked_at=None).count() == 1
    assert "Chi bộ Khu 1" in html
    assert html.count("<svg") == 2  # the QR codes, inline
    assert "http://testserver/accounts/activate/" in html
    assert "window.print()" in html
    assert "hạn dùng đến hết ngày" in html
    assert "không được lưu" in html  # the page says the codes are stored nowhere
    assert AuditEntry.objects.filter(action="account.issue_code", actor=world.sam).count() == 2


def test_it_puts_each_cell_on_its_own_page(world: World) -> None:
    chosen = list(Member.objects.filter(organization__in=[world.cell_a1, world.cell_a2], user__isnull=True))
    html = issue(client_for(world.olga), world.commune_a, chosen).content.decode()
    assert html.count('<section class="page slip-page">') == 2
    assert html.index("<strong>Chi bộ Khu 1</strong>") < html.index("<strong>Chi bộ Khu 2</strong>")


def test_it_writes_codes_in_groups_of_five_without_confusable_letters(world: World) -> None:
    codes = codes_in(issue(client_for(world.sam), world.cell_a1, _without_accounts(world)))
    for code in codes:
        assert len(code) == 11 and code[5] == "-"
        assert not set(code) & set("01OIL")


def test_it_builds_the_qr_link_with_the_username_and_the_code(world: World, rf, settings) -> None:  # type: ignore[no-untyped-def]
    from accounts.activation import Slip
    from accounts.slips import slip_pages

    settings.ALLOWED_HOSTS = ["chibo.example.vn"]
    member = _without_accounts(world)[0]
    slip = Slip(member, "dv1", None, "ABCDEFGHJK", None)
    page = slip_pages(rf.get("/", secure=True, HTTP_HOST="chibo.example.vn"), [slip])[0]
    assert page.slips[0].url == "https://chibo.example.vn/accounts/activate/?u=dv1&c=ABCDEFGHJK"
    assert str(page.slips[0].qr_svg).startswith("<svg")


def test_it_stores_no_plain_code_or_password_anywhere(world: World) -> None:
    client = client_for(world.sam)
    response = issue(client, world.cell_a1, list(Member.objects.filter(organization=world.cell_a1)))
    slips = slips_in(response)
    assert len(slips) == 4
    activate("alice", slips["alice"], password="Song-Lo-2026")
    dump = serializers.serialize("json", [obj for model in _all_models() for obj in model.objects.all()])
    for code in slips.values():
        assert code.replace("-", "") not in dump and code not in dump
    assert "Song-Lo-2026" not in dump


def test_it_shows_the_same_codes_when_the_form_is_sent_twice(world: World) -> None:
    client = client_for(world.sam)
    url = reverse("accounts:issue", args=[world.cell_a1.pk])
    seed = seed_from(client.get(url))
    data = {"seed": seed, "members": [m.pk for m in _without_accounts(world)]}
    first = slips_in(client.post(url, data))
    second = slips_in(client.post(url, data))
    assert first == second
    assert ActivationCode.objects.filter(revoked_at__isnull=False).count() == 0
    assert ActivationCode.objects.count() == 2
    assert AuditEntry.objects.filter(action="account.issue_code").count() == 2
    # Whichever response the browser kept, its codes work.
    for username, code in second.items():
        response = activate(username, code)
        assert response.status_code == 302


def test_it_revokes_earlier_codes_when_printing_from_a_new_form(world: World) -> None:
    client = client_for(world.sam)
    chosen = _without_accounts(world)
    first = slips_in(issue(client, world.cell_a1, chosen))
    second = slips_in(issue(client, world.cell_a1, chosen))
    assert first.keys() == second.keys() and first != second
    assert ActivationCode.objects.filter(revoked_at__isnull=False).count() == 2
    username, old_code = next(iter(first.items()))
    response = activate(username, old_code)
    assert response.status_code == 200
    assert "phiếu mới hơn" in response.content.decode()


def test_it_marks_slips_whose_code_stopped_working_when_sent_again(world: World) -> None:
    client = client_for(world.sam)
    url = reverse("accounts:issue", args=[world.cell_a1.pk])
    seed = seed_from(client.get(url))
    chosen = _without_accounts(world)
    data = {"seed": seed, "members": [m.pk for m in chosen]}
    slips = slips_in(client.post(url, data))
    username, code = next(iter(slips.items()))
    assert activate(username, code).status_code == 302
    html = client.post(url, data).content.decode()
    assert len(CODE.findall(html)) == 1
    assert "không còn hiệu lực" in html


def test_it_refuses_a_seed_the_session_does_not_know(world: World) -> None:
    client = client_for(world.sam)
    url = reverse("accounts:issue", args=[world.cell_a1.pk])
    chosen = _without_accounts(world)
    response = client.post(url, {"seed": "made-up", "members": [m.pk for m in chosen]})
    assert response.status_code == 200
    assert "mở quá lâu" in response.content.decode()
    assert not ActivationCode.objects.exists() and not User.objects.filter(member__in=chosen).exists()
    # A seed from another officer's session does not work either.
    other_seed = seed_from(client_for(world.olga).get(url))
    client.post(url, {"seed": other_seed, "members": [m.pk for m in chosen]})
    assert not ActivationCode.objects.exists()


def test_it_asks_for_at_least_one_member(world: World) -> None:
    client = client_for(world.sam)
    url = reverse("accounts:issue", args=[world.cell_a1.pk])
    response = client.post(url, {"seed": seed_from(client.get(url))})
    assert "Hãy chọn ít nhất một đảng viên." in response.content.decode()
    assert not ActivationCode.objects.exists()


def test_it_refuses_members_outside_the_officers_cell(world: World) -> None:
    hoa = Member.objects.get(full_name="Hoàng Văn Nam")  # cell A2
    hung = Member.objects.get(full_name="Đỗ Đức Hùng")
    response = issue(client_for(world.sam), world.cell_a1, [hung, hoa])
    html = response.content.decode()
    assert "không còn nhận mã ở đây" in html
    assert f'value="{hung.pk}" id="member-{hung.pk}" checked' in html  # the valid choice is kept
    assert not ActivationCode.objects.exists()


def test_it_refuses_a_privileged_account_even_when_posted(world: World) -> None:
    from accounts.actions import do_create_user, do_grant
    from accounts.models import GrantRole

    clerk = make_member(world.cell_a1, "Ngô Văn Thư")
    clerk_user = do_create_user(None, username="clerk", password=PASSWORD, member=clerk)
    do_grant(None, clerk_user, world.commune_a, GrantRole.OFFICE)
    issue(client_for(world.sam), world.cell_a1, [clerk])
    assert not ActivationCode.objects.filter(user=clerk_user).exists()
    clerk_user.refresh_from_db()
    assert clerk_user.check_password(PASSWORD)


def test_it_keeps_the_password_of_members_who_chose_one(world: World) -> None:
    slips = slips_in(issue(client_for(world.sam), world.cell_a1, [world.alice.member]))
    assert list(slips) == ["alice"]
    world.alice.refresh_from_db()
    assert world.alice.check_password(PASSWORD)


def test_it_gives_a_new_account_a_free_username_and_phone(world: World) -> None:
    twin = make_member(world.cell_a1, "Nguyễn Thị Lan Anh", phone="0912000001")  # alice's phone
    User.objects.create(username=f"dv{twin.party_card_number}")
    issue(client_for(world.sam), world.cell_a1, [twin])
    account = User.objects.get(member=twin)
    assert account.username == f"dv{twin.party_card_number}-2"
    assert account.phone is None  # alice already logs in with that number


def test_it_offers_the_same_slips_as_a_pdf(world: World) -> None:
    client = client_for(world.sam)
    url = reverse("accounts:issue", args=[world.cell_a1.pk])
    seed = seed_from(client.get(url))
    data = {"seed": seed, "members": [m.pk for m in _without_accounts(world)]}
    page = client.post(url, data)
    assert 'name="as_pdf" value="1"' in page.content.decode()
    pdf = client.post(url, {**data, "as_pdf": "1"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "phieu-kich-hoat-x-hn-k1.pdf" in pdf["Content-Disposition"]
    # The PDF carries the same codes: nothing was revoked.
    assert ActivationCode.objects.filter(revoked_at__isnull=False).count() == 0
    assert ActivationCode.objects.count() == 2


def test_it_derives_codes_that_differ_per_member_and_per_form() -> None:
    assert derive_code("seed-a", 1) != derive_code("seed-a", 2)
    assert derive_code("seed-a", 1) != derive_code("seed-b", 1)
    assert derive_code("seed-a", 1) == derive_code("seed-a", 1)
    assert format_code("ABCDEFGHJK") == "ABCDE-FGHJK"
