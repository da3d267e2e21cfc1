"""Every write to member records. Each function is atomic and audited."""

from typing import Any

from django.db import transaction

from audit.log import record, snapshot
from members.models import Member


@transaction.atomic
def do_create_member(actor: Any, **fields: Any) -> Member:
    member = Member(**fields)
    member.full_clean()
    member.save()
    record(
        actor,
        "member.create",
        member,
        organization=member.organization,
        after=snapshot(member),
    )
    return member


class StaleEdit(Exception):
    """The record changed since the form was opened."""


@transaction.atomic
def do_update_member(actor: Any, member: Member, *, expected_version: int | None = None, **fields: Any) -> Member:
    locked = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    after = snapshot(locked)
    changed = {k for k in after if before.get(k) != after.get(k)} - {
        "version",
        "updated_at",
        "search_key",
    }
    if changed:
        record(
            actor,
            "member.update",
            locked,
            organization=locked.organization,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return locked
