"""Member passwords as PHP ILSs store them: bcrypt from `password_hash()`
(`$2y$…`, SLiMS 9 `member.mpasswd`), the legacy unsalted MD5 of SLiMS 8, and
INLISLite's upper-case SHA-1 (`membersonline.Password`, `verify_sha1_upper`).

SLiMS's member login (lib/Auth/Methods/Native.php) tries `password_verify`
first and then `md5()`, and replaces an MD5 it accepted with bcrypt; the
bridge does the same (`needs_upgrade` + `bcrypt_hash`).
"""

from __future__ import annotations

import hashlib
import hmac
import re

import bcrypt

_MD5 = re.compile(r"[0-9a-f]{32}")
# PHP's PASSWORD_BCRYPT default cost.
BCRYPT_COST = 10


def verify(password: str, stored: str | None) -> bool:
    """True when `password` matches the stored bcrypt or MD5 hash; an empty store never matches."""
    if not stored or not password:
        return False
    if stored.startswith(("$2y$", "$2a$", "$2b$")):
        try:
            return bcrypt.checkpw(password.encode("utf-8"), stored.encode("ascii"))
        except ValueError:  # a truncated or malformed hash
            return False
    if _MD5.fullmatch(stored.lower()):
        return hmac.compare_digest(hashlib.md5(password.encode("utf-8")).hexdigest(), stored.lower())
    return False


def needs_upgrade(stored: str | None) -> bool:
    return bool(stored) and _MD5.fullmatch(stored.lower()) is not None


def bcrypt_hash(password: str, cost: int = BCRYPT_COST) -> str:
    """What PHP's password_hash(PASSWORD_BCRYPT) stores: the $2y$ prefix."""
    hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=cost)).decode("ascii")
    return "$2y$" + hashed[4:]


def verify_sha1_upper(password: str, stored: str | None) -> bool:
    """INLISLite's member login (UserMemberOnlines::validatePassword): upper-case unsalted SHA-1
    in membersonline.Password, compared without regard to case. Weak, but it is what the ILS
    stores; the bridge only reads it and never writes a password."""
    if not stored or not password:
        return False
    return hmac.compare_digest(hashlib.sha1(password.encode("utf-8")).hexdigest().upper(), stored.strip().upper())
