"""Log in with a username or a phone number, however the number is spaced."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accounts.models import User
from members.models import MemberState


def phone_digits(login: str) -> str:
    """The digits of a typed phone number, with "+84 912 000 001" written the local way: "0912000001"."""
    digits = "".join(ch for ch in login if ch.isdigit())
    if login.strip().startswith("+84") and digits.startswith("84"):
        digits = "0" + digits[2:]
    return digits


def find_account(login: str) -> User | None:
    """The one account a typed username or phone number names; None when there is none or several.

    A username wins over a phone number, so nobody is shut out because their
    username happens to be someone else's number.
    """
    login = login.strip()
    if not login:
        return None
    by_name = list(User.objects.filter(username__iexact=login)[:2])
    if by_name:
        return by_name[0] if len(by_name) == 1 else None
    digits = phone_digits(login)
    if len(digits) < 9:
        return None
    by_phone = list(User.objects.filter(phone=digits)[:2])
    return by_phone[0] if len(by_phone) == 1 else None


def lockout_key(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """The name django-axes counts failures under (AXES_USERNAME_CALLABLE).

    "Alice", "alice" and "0912 000 001" all name the same account, so they must
    share one counter; otherwise changing the spacing or the case would dodge
    the lockout.
    """
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = getattr(request, "POST", {}).get("username")
    raw = (raw or "").strip()
    account = find_account(raw)
    if account is not None:
        return account.username
    digits = phone_digits(raw)
    return digits if len(digits) >= 9 else raw.lower()


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not username or not password:
            return None
        user = find_account(username)
        if user is None:
            # Run the hasher anyway so timing does not reveal whether the account exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user: Any) -> bool:
        """Accounts of members who died or were removed from the Party no longer log in.

        Members transferred out keep read access to their own record.
        """
        member = user.member if user.member_id else None
        if member is not None and member.state in (MemberState.DECEASED, MemberState.REMOVED):
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id: int) -> Any:
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
