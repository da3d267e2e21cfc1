"""Calendar link secrets: derived from a stored random nonce and the server secret, found by a keyed hash.

A feed link must keep working for months in a phone's calendar and be shown
again to its owner on "Lịch của tôi", yet a copy of the database must not
reveal it. So the row keeps a random nonce; the token is an HMAC of it under
SECRET_KEY, and the row is found by a second HMAC of the token. While the
secret rotates, links made under a key still in SECRET_KEY_FALLBACKS keep
working; once the old key is dropped, the owner makes a new link.
"""

import base64
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_DERIVE_SALT = "chibo.feeds.token.derive"
_HASH_SALT = "chibo.feeds.token.hash"
# 32 bytes of HMAC, base32 without padding: 52 characters, letters and digits only (safe in any URL).
TOKEN_LENGTH = 52


def new_nonce() -> str:
    return secrets.token_hex(32)


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def derive_token(nonce: str, secret: str | None = None) -> str:
    digest = salted_hmac(_DERIVE_SALT, nonce, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest).decode().rstrip("=").lower()


def hash_token(token: str, secret: str | None = None) -> str:
    return salted_hmac(_HASH_SALT, token, secret=secret, algorithm="sha256").hexdigest()


def candidate_hashes(token: str) -> list[str]:
    """The hashes under which a presented token may be stored: current secret first, then the fallbacks."""
    if len(token) != TOKEN_LENGTH or not token.isalnum():
        return []
    return [hash_token(token, secret) for secret in _secrets()]


def token_for(nonce: str, token_hash: str) -> str | None:
    """The link token of a stored row, under whichever secret it was made with; None once that secret is gone."""
    for secret in _secrets():
        token = derive_token(nonce, secret)
        if constant_time_compare(hash_token(token, secret), token_hash):
            return token
    return None
