"""One-time activation codes: issued in bulk from the member list, used once to set a password.

Only a keyed hash of each code is stored (HMAC-SHA256 with the server secret).
A code is ten characters drawn from 31, about 49 bits of chance, so a slow
password hash adds nothing against guessing and would cost more than half a
second per code: several minutes for a commune's 554 slips.

Codes printed from a form are derived from that form's random seed (kept in
the issuer's session, see accounts/form_seeds.py) and the member id. Sending
the same form again (a double click, a reload, the PDF button) yields the same
codes instead of revoking the ones just shown, so whichever response the
browser ends up showing holds working codes. Issuing from a new form revokes
the earlier codes.
"""

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import ActivationCode, User
from audit.log import record
from core.dates import today
from members.models import Member

# No 0/O, 1/I/L: codes are read off paper by elderly members.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_LIFETIME_DAYS = 60
_HASH_SALT = "chibo.accounts.activation-code.hash"
_DERIVE_SALT = "chibo.accounts.activation-code.derive"


class CodeStatus:
    VALID = "valid"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"
    WRONG = "wrong"


class AccessError(Exception):
    """A code cannot be issued or used; the message is for the user."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def derive_code(seed: str, member_id: int) -> str:
    """The code a form with `seed` prints for a member: the same every time the form is sent."""
    number = int.from_bytes(salted_hmac(_DERIVE_SALT, f"{seed}:{member_id}", algorithm="sha256").digest(), "big")
    chars = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[index])
    return "".join(chars)


def normalize_code(raw: str) -> str:
    """What the member typed, without spaces, dashes or case: "abcde fghjk" -> "ABCDEFGHJK"."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """Groups of five for reading aloud: "ABCDE-FGHJK"."""
    return f"{code[:5]}-{code[5:]}"


def hash_code(code: str, secret: str | None = None) -> str:
    return salted_hmac(_HASH_SALT, normalize_code(code), secret=secret, algorithm="sha256").hexdigest()


def _hashes(code: str) -> list[str]:
    """The hash under the current secret first, then under the fallbacks kept while the secret rotates."""
    secrets_in_use = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [hash_code(code, secret) for secret in secrets_in_use]


def code_expiry() -> dt.datetime:
    """Codes work until the end of the day printed on the slip, local time."""
    last_day = today() + dt.timedelta(days=CODE_LIFETIME_DAYS)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time.max))


def status_of(code: ActivationCode, now: dt.datetime) -> str:
    if code.used_at is not None:
        return CodeStatus.USED
    if code.revoked_at is not None:
        return CodeStatus.REVOKED
    if code.expires_at <= now:
        return CodeStatus.EXPIRED
    return CodeStatus.VALID


@dataclass
class Slip:
    """What one printed slip shows. `code` is None when the form's code stopped working."""

    member: Member
    username: str
    phone: str | None
    code: str | None
    expires_at: dt.datetime | None
    status: str = CodeStatus.VALID

    @property
    def display_code(self) -> str:
        return format_code(self.code) if self.code else ""


def _free_usernames(members: list[Member]) -> dict[int, str]:
    """Usernames for new accounts: "dv" and the party card number (or the member id)."""
    bases = {m.pk: (f"dv{m.party_card_number}" if m.party_card_number else f"dv{m.pk}").lower() for m in members}
    taken = set(
        User.objects.annotate(lower=Lower("username")).filter(lower__in=bases.values()).values_list("lower", flat=True)
    )
    chosen: dict[int, str] = {}
    for member_id, base in bases.items():
        candidate, suffix = base, 1
        while candidate in taken or (candidate != base and User.objects.filter(username__iexact=candidate).exists()):
            suffix += 1
            candidate = f"{base}-{suffix}"
        taken.add(candidate)
        chosen[member_id] = candidate
    return chosen


def _create_accounts(members: list[Member]) -> dict[int, User]:
    if not members:
        return {}
    usernames = _free_usernames(members)
    phones = {m.phone for m in members if m.phone}
    taken_phones = set(User.objects.filter(phone__in=phones).values_list("phone", flat=True))
    created: dict[int, User] = {}
    for member in members:
        phone = member.phone or None
        if phone in taken_phones:
            phone = None  # another account already logs in with this number
        elif phone:
            taken_phones.add(phone)
        user = User(username=usernames[member.pk], member=member, phone=phone)
        user.set_unusable_password()
        user.save()
        created[member.pk] = user
    return created


@transaction.atomic
def do_issue_codes(actor: Any, members: Iterable[Member], *, seed: str | None = None) -> list[Slip]:
    """Create accounts where missing and give each member a code; earlier pending codes are revoked.

    Members who already set a password keep it: the code lets them choose a new
    one. With a `seed`, codes the same form already issued are shown again
    instead of being replaced.
    """
    members = list(members)
    ids = [m.pk for m in members]
    # Two issues for the same members (a double submit, two officers) run one after the other.
    list(Member.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    accounts = {cast(int, u.member_id): u for u in User.objects.filter(member_id__in=ids)}
    disabled = [m.full_name for m in members if m.pk in accounts and not accounts[m.pk].is_active]
    if disabled:
        raise AccessError(", ".join(disabled))
    new_accounts = _create_accounts([m for m in members if m.pk not in accounts])
    accounts.update(new_accounts)

    now = timezone.now()
    codes = {m.pk: derive_code(seed, m.pk) if seed else new_code() for m in members}
    earlier: dict[str, ActivationCode] = {}
    if seed:
        all_hashes = [h for code in codes.values() for h in _hashes(code)]
        for row in ActivationCode.objects.filter(user__member_id__in=ids, code_hash__in=all_hashes):
            earlier[row.code_hash] = row

    slips: list[Slip] = []
    to_create: list[tuple[Member, User, ActivationCode]] = []
    expires_at = code_expiry()
    for member in members:
        user, code = accounts[member.pk], codes[member.pk]
        again = next((earlier[h] for h in _hashes(code) if h in earlier), None)
        if again is not None:
            status = status_of(again, now)
            shown = code if status == CodeStatus.VALID else None
            slips.append(Slip(member, user.username, user.phone, shown, again.expires_at, status))
            continue
        row = ActivationCode(user=user, code_hash=_hashes(code)[0], issued_by=actor, expires_at=expires_at)
        to_create.append((member, user, row))
        slips.append(Slip(member, user.username, user.phone, code, expires_at))

    if to_create:
        revoked_by_user = dict.fromkeys((user.pk for _, user, _ in to_create), 0)
        pending = ActivationCode.objects.filter(
            user_id__in=revoked_by_user, used_at__isnull=True, revoked_at__isnull=True
        )
        for user_id in pending.values_list("user_id", flat=True):
            revoked_by_user[user_id] += 1
        pending.update(revoked_at=now)
        ActivationCode.objects.bulk_create([row for _, _, row in to_create])
        for member, user, row in to_create:
            record(
                actor,
                "account.issue_code",
                user,
                organization=member.organization,
                object_repr=member.full_name,
                after={
                    "username": user.username,
                    "account_created": member.pk in new_accounts,
                    "codes_revoked": revoked_by_user[user.pk],
                    "expires_at": row.expires_at.isoformat(),
                },
            )
    return slips


def _clear_lockouts(user: User) -> None:
    from axes.utils import reset

    reset(username=user.username)


@transaction.atomic
def do_reset_access(actor: Any, member: Member, *, seed: str | None = None) -> Slip:
    """Make the member's password unusable, revoke their pending codes and issue one new code.

    Changing the password hash also ends the sessions the account has open.
    Sending the same form again shows the same slip without resetting twice.
    """
    list(Member.objects.select_for_update().filter(pk=member.pk).values_list("pk", flat=True))
    user = User.objects.filter(member=member).first()
    if user is not None and not user.is_active:
        raise AccessError(member.full_name)
    if seed and user is not None:
        if ActivationCode.objects.filter(user=user, code_hash__in=_hashes(derive_code(seed, member.pk))).exists():
            return do_issue_codes(actor, [member], seed=seed)[0]
    if user is not None:
        before = {"password_usable": user.has_usable_password()}
        user.set_unusable_password()
        user.save(update_fields=["password"])
        _clear_lockouts(user)
        record(
            actor,
            "account.reset",
            user,
            organization=member.organization,
            object_repr=member.full_name,
            before=before,
            after={"password_usable": False},
        )
    return do_issue_codes(actor, [member], seed=seed)[0]


def find_code(user: User, raw_code: str) -> tuple[str, ActivationCode | None]:
    """The status of the code `raw_code` for `user`, and its row when it is one of theirs."""
    code = normalize_code(raw_code)
    if len(code) != CODE_LENGTH:
        return CodeStatus.WRONG, None
    row = ActivationCode.objects.filter(user=user, code_hash__in=_hashes(code)).order_by("-issued_at").first()
    if row is None:
        return CodeStatus.WRONG, None
    return status_of(row, timezone.now()), row


@transaction.atomic
def do_activate(user: User, code: ActivationCode, password: str) -> None:
    """Use the code once and set the member's own password."""
    locked = ActivationCode.objects.select_for_update().get(pk=code.pk)
    status = status_of(locked, timezone.now())
    if status != CodeStatus.VALID:
        raise AccessError(status)
    now = timezone.now()
    locked.used_at = now
    locked.save(update_fields=["used_at"])
    ActivationCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    before = {"password_usable": user.has_usable_password()}
    user.set_password(password)
    user.save(update_fields=["password"])
    _clear_lockouts(user)
    member = user.member
    record(
        user,
        "account.activate",
        user,
        organization=member.organization if member else None,
        object_repr=member.full_name if member else user.username,
        before=before,
        after={"password_usable": True},
    )
