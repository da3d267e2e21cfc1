"""One-time activation codes: issued in bulk from the member list, used once to set a password.

Only a hash of each code is stored, like a password. The plain code exists
only in the response that prints the slips; printing again issues new codes
and revokes the old ones.
"""

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import ActivationCode, User
from audit.log import record
from members.models import Member

# No 0/O, 1/I/L: codes are read off paper by elderly members.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_LIFETIME = dt.timedelta(days=60)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """Groups of five for reading aloud: "ABCDE-FGHJK"."""
    return f"{code[:5]}-{code[5:]}"


@dataclass
class IssuedSlip:
    member: Member
    username: str
    code: str

    @property
    def display_code(self) -> str:
        return format_code(self.code)


def _username_for(member: Member) -> str:
    base = f"dv{member.party_card_number}" if member.party_card_number else f"dv{member.pk}"
    candidate = base.lower()
    suffix = 1
    while User.objects.filter(username=candidate).exclude(member=member).exists():
        suffix += 1
        candidate = f"{base.lower()}-{suffix}"
    return candidate


@transaction.atomic
def do_issue_codes(actor: Any, members: Iterable[Member]) -> list[IssuedSlip]:
    """Create accounts where missing, revoke pending codes, and issue a fresh code per member.

    Members who already set their password keep it until someone resets their access.
    """
    now = timezone.now()
    slips: list[IssuedSlip] = []
    for member in members:
        user = User.objects.filter(member=member).first()
        if user is None:
            user = User(
                username=_username_for(member),
                member=member,
                phone=member.phone or None,
            )
            if user.phone and User.objects.filter(phone=user.phone).exists():
                user.phone = None  # another account already logs in with this number
            user.set_unusable_password()
            user.save()
        ActivationCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
        code = new_code()
        ActivationCode.objects.create(
            user=user,
            code_hash=make_password(code),
            issued_by=actor,
            expires_at=now + CODE_LIFETIME,
        )
        record(
            actor,
            "account.issue_code",
            user,
            organization=member.organization,
            object_repr=member.full_name,
        )
        slips.append(IssuedSlip(member=member, username=user.username, code=code))
    return slips


@transaction.atomic
def do_reset_access(actor: Any, member: Member) -> IssuedSlip:
    """Lock the member out of their current password and issue a new code."""
    user = User.objects.filter(member=member).first()
    if user is not None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        record(
            actor,
            "account.reset",
            user,
            organization=member.organization,
            object_repr=member.full_name,
        )
    return do_issue_codes(actor, [member])[0]


def find_valid_code(user: User, raw_code: str) -> ActivationCode | None:
    code = normalize_code(raw_code)
    now = timezone.now()
    pending = ActivationCode.objects.filter(
        user=user, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )
    for candidate in pending:
        if check_password(code, candidate.code_hash):
            return candidate
    return None


@transaction.atomic
def do_activate(user: User, code: ActivationCode, password: str) -> None:
    locked = ActivationCode.objects.select_for_update().get(pk=code.pk)
    if locked.used_at is not None or locked.revoked_at is not None:
        raise ValueError("code already used")
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    user.set_password(password)
    user.save(update_fields=["password"])
    member = user.member
    record(
        user,
        "account.activate",
        user,
        organization=member.organization if member else None,
    )
