"""Writes to accounts and grants. Passwords and codes are only ever stored hashed."""

from typing import Any

from django.db import transaction

from accounts.models import Grant, User
from audit.log import record
from orgs.models import Organization


@transaction.atomic
def do_create_user(
    actor: Any,
    *,
    username: str,
    password: str | None = None,
    phone: str | None = None,
    member: Any = None,
    **extra: Any,
) -> User:
    user = User(username=username, phone=phone or None, member=member, **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record(
        actor,
        "user.create",
        user,
        organization=member.organization if member else None,
        after={
            "username": username,
            "phone": phone,
            "member": member.pk if member else None,
        },
    )
    return user


@transaction.atomic
def do_grant(actor: Any, user: User, organization: Organization, role: str) -> Grant:
    grant, _ = Grant.objects.get_or_create(user=user, organization=organization, role=role)
    record(
        actor,
        "user.grant",
        user,
        organization=organization,
        after={"role": role, "organization": organization.pk},
    )
    return grant
