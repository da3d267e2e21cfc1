"""Reads for the account pages: who in an organization has an account, and in what state."""

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from accounts.models import ActivationCode, Grant
from accounts.permissions import may_issue_access
from members.models import Member
from orgs.models import Organization


class AccountState:
    NONE = "none"  # no account yet
    PENDING = "pending"  # a code is out, not used yet
    EXPIRED = "expired"  # the last code ran out before it was used
    ACTIVE = "active"  # the member chose a password
    DISABLED = "disabled"  # switched off by an administrator


@dataclass
class AccountRow:
    member: Member
    state: str
    username: str = ""
    code_issued_at: dt.datetime | None = None
    code_expires_at: dt.datetime | None = None
    last_login: dt.datetime | None = None
    selectable: bool = True

    @property
    def has_active_account(self) -> bool:
        return self.state == AccountState.ACTIVE


@dataclass
class CellGroup:
    cell: Organization
    rows: list[AccountRow]


def _state(member: Any, now: dt.datetime) -> str:
    account = getattr(member, "user", None)
    if account is None:
        return AccountState.NONE
    if not account.is_active:
        return AccountState.DISABLED
    if account.has_usable_password():
        return AccountState.ACTIVE
    if member.code_expires_at is None:
        return AccountState.NONE
    return AccountState.PENDING if member.code_expires_at > now else AccountState.EXPIRED


def account_groups(user: Any, org: Organization) -> list[CellGroup]:
    """The active members under `org`, grouped by cell, with their account state, in one query."""
    last_code = ActivationCode.objects.filter(
        user__member=OuterRef("pk"), used_at__isnull=True, revoked_at__isnull=True
    ).order_by("-issued_at")
    members = (
        Member.objects.active()
        .under(org)
        .select_related("organization", "user")
        .annotate(
            code_issued_at=Subquery(last_code.values("issued_at")[:1]),
            code_expires_at=Subquery(last_code.values("expires_at")[:1]),
            account_has_grant=Exists(Grant.objects.filter(user__member=OuterRef("pk"))),
        )
        .order_by("organization__path", "full_name", "pk")
    )
    now = timezone.now()
    groups: list[CellGroup] = []
    for _, cell_members in itertools.groupby(members, key=lambda m: m.organization_id):
        rows = []
        for member in cell_members:
            account = getattr(member, "user", None)
            if account is not None:
                account.has_grant = member.account_has_grant
            state = _state(member, now)
            rows.append(
                AccountRow(
                    member=member,
                    state=state,
                    username=account.username if account else "",
                    code_issued_at=member.code_issued_at,
                    code_expires_at=member.code_expires_at,
                    last_login=account.last_login if account else None,
                    selectable=state != AccountState.DISABLED and may_issue_access(user, member, account),
                )
            )
        groups.append(CellGroup(cell=rows[0].member.organization, rows=rows))
    return groups
