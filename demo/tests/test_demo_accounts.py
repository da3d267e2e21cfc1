"""The demo accounts log in with the one demo password and reach what their role allows, and no more."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.activation import CodeStatus, find_code
from accounts.models import ActivationCode, User
from accounts.permissions import has_perm
from demo import accounts
from demo.commune import KHU_6_CODE, PROVINCE_CODE, TAM_NONG_CODE
from members.models import Member, MemberState
from orgs.models import Organization

pytestmark = pytest.mark.usefixtures("demo")


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=accounts.DEMO_PASSWORD), username
    return client


def _member_of(code: str, *, exclude: "Member | None" = None) -> Member:
    members = Member.objects.filter(organization__code=code, state=MemberState.ACTIVE).order_by("citizen_id")
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    return members.first()  # type: ignore[return-value]


def test_it_lets_every_demo_account_log_in(db: None) -> None:
    for account in accounts.DEMO_ACCOUNTS:
        response = _client(account.username).get(reverse("home:home"))
        assert response.status_code == 200, account.username


def test_it_lets_the_commune_office_manage_tam_nong_only(db: None) -> None:
    office = User.objects.get(username=accounts.OFFICE)
    tam_nong = Organization.objects.get(code=TAM_NONG_CODE)
    assert has_perm(office, "org.manage", tam_nong)
    assert has_perm(office, "org.manage", Organization.objects.get(code=KHU_6_CODE))
    assert not has_perm(office, "org.manage", Organization.objects.get(code=PROVINCE_CODE))
    client = _client(accounts.OFFICE)
    assert client.get(reverse("orgs:detail", kwargs={"org_id": tam_nong.pk})).status_code == 200
    assert client.get(reverse("audit:list")).status_code == 200
    assert client.get(reverse("members:list")).status_code == 200


def test_it_lets_the_secretary_manage_khu_6_and_not_khu_5(db: None) -> None:
    secretary = User.objects.select_related("member").get(username=accounts.SECRETARY)
    khu6 = Organization.objects.get(code=KHU_6_CODE)
    assert secretary.member.organization_id == khu6.pk
    assert has_perm(secretary, "org.manage_members", khu6)
    assert not has_perm(secretary, "org.manage_members", Organization.objects.get(code="PT-HN-K05"))
    client = _client(accounts.SECRETARY)
    colleague = _member_of(KHU_6_CODE, exclude=secretary.member)
    assert client.get(reverse("members:detail", kwargs={"member_id": colleague.pk})).status_code == 200
    assert client.get(reverse("accounts:issue", kwargs={"org_id": khu6.pk})).status_code == 200
    stranger = _member_of("PT-HN-K05")
    assert client.get(reverse("members:detail", kwargs={"member_id": stranger.pk})).status_code in (403, 404)


def test_it_lets_the_secretary_log_in_with_a_phone_number(db: None) -> None:
    secretary = User.objects.get(username=accounts.SECRETARY)
    assert secretary.phone
    assert Client().login(username=secretary.phone, password=accounts.DEMO_PASSWORD)


def test_it_shows_an_ordinary_member_their_own_record_and_cell_only(db: None) -> None:
    user = User.objects.select_related("member").get(username=accounts.MEMBER)
    assert not user.member.positions.exists()
    client = _client(accounts.MEMBER)
    assert client.get(reverse("members:detail", kwargs={"member_id": user.member_id})).status_code == 200
    khu6 = Organization.objects.get(code=KHU_6_CODE)
    assert client.get(reverse("orgs:detail", kwargs={"org_id": khu6.pk})).status_code == 200
    other = _member_of(KHU_6_CODE, exclude=user.member)
    assert client.get(reverse("members:detail", kwargs={"member_id": other.pk})).status_code in (403, 404)
    assert client.get(reverse("members:list")).status_code in (403, 404)


def test_it_lets_the_province_reader_read_but_not_change(db: None) -> None:
    reader = User.objects.get(username=accounts.READER)
    province = Organization.objects.get(code=PROVINCE_CODE)
    assert has_perm(reader, "org.view_members", province)
    assert not has_perm(reader, "org.manage", province)
    assert not has_perm(reader, "org.manage_members", Organization.objects.get(code=KHU_6_CODE))
    client = _client(accounts.READER)
    assert client.get(reverse("members:list")).status_code == 200
    assert client.get(reverse("audit:list")).status_code == 200


def test_it_gives_the_admin_the_django_admin(db: None) -> None:
    assert _client(accounts.ADMIN).get(reverse("admin:index")).status_code == 200
    assert _client(accounts.OFFICE).get(reverse("admin:index")).status_code == 302


def test_it_leaves_some_members_with_pending_activation_codes(db: None) -> None:
    pending = ActivationCode.objects.filter(used_at__isnull=True, revoked_at__isnull=True)
    assert pending.count() >= 3
    assert all(not code.user.has_usable_password() for code in pending.select_related("user"))


def test_it_prints_the_address_the_accounts_and_a_working_activation_code(db: None) -> None:
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert "Tên đăng nhập" in text
    for account in accounts.DEMO_ACCOUNTS:
        assert re.search(rf"^.*{account.username}\s+{accounts.DEMO_PASSWORD}\s+\S", text, flags=re.M)
    found = re.search(r"\?u=([\w-]+)&c=([A-Z0-9-]+)", text)
    assert found
    user = User.objects.get(username=found.group(1))
    status, _code = find_code(user, found.group(2))
    assert status == CodeStatus.VALID


def test_it_prints_without_writing_with_no_code(db: None) -> None:
    before = ActivationCode.objects.count()
    out = io.StringIO()
    call_command("demo_accounts", "--no-code", stdout=out)
    assert ActivationCode.objects.count() == before
    assert accounts.OFFICE in out.getvalue() and "?u=" not in out.getvalue()
