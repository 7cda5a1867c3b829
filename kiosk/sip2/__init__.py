"""SIP2 (3M Standard Interchange Protocol 2.00) for the kiosk.

Layers: `fields` (message layouts as data), `codec` (bytes <-> Message,
checksums, dates, framing; pure), `client` (blocking session with
resend/retry rules), `pool` (several sessions for parallel checkouts),
`server` (the ACS side over a `kiosk.ils` backend, with fault hooks for tests;
not imported here, so a kiosk never loads it).
"""

from .client import AcsStatus, Sip2Client, Sip2Config
from .codec import (
    FrameSplitter,
    Message,
    checksum,
    decode,
    encode,
    format_date,
    make,
    parse_date,
    redact,
    verify_checksum,
)
from .errors import (
    ChecksumError,
    DecodeError,
    EncodeError,
    FrameTooLong,
    MalformedMessage,
    Sip2ConnectionError,
    Sip2Error,
    Sip2LoginError,
    Sip2PoolError,
    Sip2ProtocolError,
    Sip2Timeout,
    UnknownMessage,
)
from .pool import Sip2Pool

__all__ = [
    "AcsStatus",
    "ChecksumError",
    "DecodeError",
    "EncodeError",
    "FrameSplitter",
    "FrameTooLong",
    "MalformedMessage",
    "Message",
    "Sip2Client",
    "Sip2Config",
    "Sip2ConnectionError",
    "Sip2Error",
    "Sip2LoginError",
    "Sip2Pool",
    "Sip2PoolError",
    "Sip2ProtocolError",
    "Sip2Timeout",
    "UnknownMessage",
    "checksum",
    "decode",
    "encode",
    "format_date",
    "make",
    "parse_date",
    "redact",
    "verify_checksum",
]
