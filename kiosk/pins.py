"""Salted, slow PIN hashes: the only form in which a PIN is ever stored.

PBKDF2-SHA256 from the standard library, in a self-describing string
(``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``) so the iteration
count can rise later without breaking stored hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ITERATIONS = 200_000


def hash_pin(pin: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``; a malformed hash never matches."""
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
