"""Exceptions of the SIP2 layer.

One base class (`Sip2Error`) so callers can catch everything SIP2-related
in one place, and a split between *frame* problems (the bytes are wrong:
the client may ask for a resend) and *connection* problems (nothing more
can be read or written: the caller decides whether to reconnect).
"""

from __future__ import annotations


class Sip2Error(Exception):
    """Base class of every error raised by `kiosk.sip2`."""


# --- frame / codec errors (raised by the pure codec) -----------------------


class DecodeError(Sip2Error):
    """A received frame could not be turned into a `Message`."""


class MalformedMessage(DecodeError):
    """Garbage, a too-short fixed part, or an unusable layout."""


class UnknownMessage(MalformedMessage):
    """The two-character command code is not a SIP2 message we know."""


class ChecksumError(DecodeError):
    """The AZ checksum does not match the bytes of the frame."""


class FrameTooLong(DecodeError):
    """No terminator within the frame size limit: the stream is garbage."""


class EncodeError(Sip2Error, ValueError):
    """A message cannot be encoded (wrong fixed-field width, bad value...)."""


# --- client errors ---------------------------------------------------------


class Sip2ConnectionError(Sip2Error):
    """The TCP/TLS connection failed, was dropped, or timed out.

    `request_sent` tells the caller whether the request bytes had been
    handed to the network before the failure.  When it is True the ACS
    may have applied the transaction (the *answer* was lost), so a
    checkout must be verified or resent with `Sip2Client.resend_last()`,
    never simply re-issued as a new message.
    """

    def __init__(self, message: str, *, request_sent: bool = False) -> None:
        super().__init__(message)
        self.request_sent = request_sent


class Sip2Timeout(Sip2ConnectionError):
    """No complete answer arrived within the response timeout."""


class Sip2ProtocolError(Sip2Error):
    """The ACS kept answering with unusable frames after all retries."""


class Sip2LoginError(Sip2Error):
    """The ACS refused the 93 login (94 with ok = 0)."""


class Sip2PoolError(Sip2Error):
    """The pool is closed or no connection became free in time."""
