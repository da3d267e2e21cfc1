"""Random seeds for the forms that print activation slips, kept in the issuer's session.

A slip page cannot be reached again through a redirect, because the plain
codes are stored nowhere. Instead each form carries a seed that the session
must know: the codes are derived from it (accounts/activation.py), so the same
form sent twice prints the same codes, and a seed from another session or an
old form is refused.
"""

import secrets
import time

from django.http import HttpRequest

SESSION_KEY = "accounts.slip_seeds"
LIFETIME_SECONDS = 2 * 3600
MAX_SEEDS = 20


def _live(request: HttpRequest) -> dict[str, int]:
    now = int(time.time())
    seeds = request.session.get(SESSION_KEY) or {}
    return {seed: at for seed, at in seeds.items() if now - at < LIFETIME_SECONDS}


def new_seed(request: HttpRequest) -> str:
    seed = secrets.token_urlsafe(32)
    seeds = _live(request)
    seeds[seed] = int(time.time())
    newest = sorted(seeds.items(), key=lambda item: item[1])[-MAX_SEEDS:]
    request.session[SESSION_KEY] = dict(newest)
    return seed


def seed_is_known(request: HttpRequest, seed: str) -> bool:
    return bool(seed) and seed in _live(request)
