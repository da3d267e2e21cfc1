from typing import Any

from django.http import HttpRequest

from accounts.permissions import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which menu entries the current user may see."""
    scope = scope_for(request.user)
    return {"scope": scope}
