"""Log in with a username or a phone number."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from accounts.models import User


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
        login = username.strip()
        phone = "".join(ch for ch in login if ch.isdigit())
        query = Q(username__iexact=login)
        if phone and len(phone) >= 9:
            query |= Q(phone=phone)
        users = list(User.objects.filter(query)[:2])
        if len(users) != 1:
            # Run the hasher anyway so timing does not reveal whether the account exists.
            User().set_password(password)
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
