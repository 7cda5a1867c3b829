"""Salted, slow PIN hashes: the only form in which a PIN is ever stored; and
the policy guarding patrons' PINs (attempt limit, offline sign-in).

PBKDF2-SHA256 from the standard library, in a self-describing string
(``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``) so the iteration
count can rise later without breaking stored hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

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


# -- patrons' PINs at the kiosk: the attempt limit and the offline policy ---------------------

#: Offline PIN policies a library chooses between ([offline] pin):
#: "refuse": no sign-in with a PIN while the catalog is away (nothing can check it) — the default;
#: "trust":  take the PIN on trust, the catalog sees the loans on sync ("accept" is its old name);
#: "verify": check it against a slow salted hash kept for patrons who signed in online recently.
OFFLINE_PIN_POLICIES = ("refuse", "trust", "verify", "accept")


@dataclass(frozen=True)
class PinPolicy:
    """How patron PINs are guarded: the wrong-PIN limit per card, and what offline does."""

    max_attempts: int = 5
    lockout: timedelta = timedelta(minutes=15)
    offline: str = "refuse"
    keep_days: int = 7  # "verify": days a PIN hash is kept after the patron's last online sign-in
    keep_at_most: int = 2000  # "verify": how many patrons' hashes at most
    iterations: int = ITERATIONS

    @classmethod
    def from_settings(cls, settings) -> PinPolicy:
        """From a Settings' [kiosk] and [offline] sections."""
        kiosk, offline = settings.kiosk, settings.offline
        return cls(
            max_attempts=kiosk.pin_max_attempts,
            lockout=timedelta(minutes=kiosk.pin_lockout_minutes),
            offline=offline.pin,
            keep_days=offline.pin_keep_days,
            keep_at_most=offline.pin_keep_max,
        )

    @property
    def trusts_offline(self) -> bool:
        return self.offline in ("trust", "accept")


def offline_pin_hash(pin: str, policy: PinPolicy) -> str:
    """What the "verify" policy keeps: a fresh salt per patron, slow on purpose."""
    return hash_pin(pin, iterations=policy.iterations)
