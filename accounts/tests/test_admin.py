"""The Django admin: superusers manage accounts there; other apps' records are read-only; the audit is sealed."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ActivationCode, Grant, GrantRole, User
from accounts.tests.helpers import issue
from audit.models import AuditEntry
from core.testing import PASSWORD, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(world: World) -> Client:  # noqa: ARG001
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(root)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "accounts_user",
        "accounts_grant",
        "accounts_activationcode",
        "orgs_organization",
        "members_member",
        "committees_committeeterm",
        "committees_position",
        "audit_auditentry",
    ],
)
def test_it_lists_every_model_for_superusers(admin_client: Client, model: str) -> None:
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_it_keeps_the_admin_from_staff_without_superuser_rights(world: World) -> None:
    world.olga.is_staff = True
    world.olga.save()
    client = Client()
    client.force_login(world.olga)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_it_edits_a_users_phone_and_member_with_an_audit_row(world: World, admin_client: Client) -> None:
    url = reverse("admin:accounts_user_change", args=[world.sam.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, (list, tuple))}
    data.update(
        {
            "username": "sam",
            "phone": "0912 000 002",
            "member": world.sam.member_id,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "grants-TOTAL_FORMS": "1",
            "grants-INITIAL_FORMS": "0",
            "grants-0-organization": world.cell_a1.pk,
            "grants-0-role": GrantRole.READER,
        }
    )
    data.pop("password", None)
    data.pop("last_login", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    world.sam.refresh_from_db()
    assert world.sam.phone == "0912000002"
    assert Grant.objects.filter(user=world.sam, role=GrantRole.READER).exists()
    change = AuditEntry.objects.get(action="admin.change", object_id=str(world.sam.pk), object_type="accounts.user")
    assert "password" not in (change.before or {}) and "password" not in (change.after or {})
    assert AuditEntry.objects.filter(action="admin.add", object_type="accounts.grant").exists()


def test_it_shows_codes_without_their_hash_and_never_adds_one(world: World, admin_client: Client) -> None:
    sam_client = Client()
    sam_client.force_login(world.sam)
    issue(sam_client, world.cell_a1, [world.alice.member])
    code = ActivationCode.objects.get()
    html = admin_client.get(reverse("admin:accounts_activationcode_change", args=[code.pk])).content.decode()
    assert code.code_hash not in html
    assert admin_client.get(reverse("admin:accounts_activationcode_add")).status_code == 403
    assert admin_client.post(reverse("admin:accounts_activationcode_delete", args=[code.pk])).status_code == 403


def test_it_keeps_the_audit_trail_read_only(world: World, admin_client: Client) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    assert (
        admin_client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    )
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_keeps_organizations_members_and_committees_read_only(world: World, admin_client: Client) -> None:
    for name, pk in (
        ("orgs_organization", world.cell_a1.pk),
        ("members_member", world.alice.member_id),
    ):
        assert admin_client.get(reverse(f"admin:{name}_change", args=[pk])).status_code == 200
        assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 403
        assert admin_client.post(reverse(f"admin:{name}_delete", args=[pk]), {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:committees_position_add")).status_code == 403
