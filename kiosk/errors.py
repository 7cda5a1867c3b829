"""The kinds of failure the kiosk distinguishes.

* a refusal the patron sees is not an error: it is an answer carrying a
  :class:`kiosk.models.Reason` the UI translates.
* ``KnownError`` — an expected fault of the machine's surroundings (disk,
  device, network, configuration); shown to staff with what to do.
* anything else is a bug: logged with its traceback, never swallowed.
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""


class KnownError(KioskError):
    """An expected fault with a message that says what to do about it."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  what to do: {self.hint}" if self.hint else self.message


class ConfigError(KnownError):
    """A configuration file that cannot be used: names the file and the key."""


class JournalError(KnownError):
    """The transaction journal cannot be opened or written."""


class DeviceError(KnownError):
    """A device cannot be opened, or its driver is unknown."""


class CatalogUnavailable(KnownError):
    """The catalog did not answer in time (or at all): the kiosk goes offline.

    ``maybe_applied`` is False only when the request certainly never reached
    the catalog (e.g. the connection was refused); otherwise the syncer must
    verify before it replays, because SIP2 has no idempotency key.
    """

    def __init__(self, message: str, *, hint: str = "", maybe_applied: bool = True) -> None:
        super().__init__(message, hint=hint)
        self.maybe_applied = maybe_applied


class CatalogProtocolError(KnownError):
    """The catalog answered, but with something the kiosk cannot understand.

    An answer arrived, so the request reached the catalog: unless the
    adapter knows better, it may have been applied and must be verified.
    """

    def __init__(self, message: str, *, hint: str = "", maybe_applied: bool = True) -> None:
        super().__init__(message, hint=hint)
        self.maybe_applied = maybe_applied
