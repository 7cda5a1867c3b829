"""SIP2 wire format: encode, decode, checksum, dates, framing.  No I/O.

A frame is ``<code><fixed part><XXvalue|>...[AY<seq>AZ<checksum>]`` and a
terminator (CR; CRLF and lone LF accepted on input).  The checksum is the
two's complement of the 16-bit sum of the *encoded bytes* up to and
including "AZ", so it is computed and verified on bytes, before any text
decoding: a server in cp1252 and a client in UTF-8 still agree on it.

Every failure to understand received bytes raises a `DecodeError`
subclass and nothing else, so a garbage-spewing ACS can never crash the
kiosk with a stray IndexError or UnicodeDecodeError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .errors import ChecksumError, EncodeError, FrameTooLong, MalformedMessage, UnknownMessage
from .fields import (
    BLANK_DATE,
    SECRET_TAGS,
    SPECS,
    SUCCESS_FIELDS,
    SUMMARY_POSITIONS,
    TAG_NAMES,
    MessageSpec,
)

DELIMITER = "|"
TERMINATOR = b"\r"

_TRAILER = re.compile(rb"(?:AY([0-9]))?AZ([0-9A-Fa-f]{4})\Z")
# "AZ" plus four non-hex bytes right after a field or sequence number:
# the sender meant a checksum, and it is broken.
_BROKEN_TRAILER = re.compile(rb"(?:\||AY[0-9])AZ[^|]{4}\Z")
_SEQ_ONLY = re.compile(rb"\|AY([0-9])\Z")
_TAG = re.compile(r"[A-Z0-9]{2}\Z")

# ---------------------------------------------------------------- checksum


def checksum(data: bytes) -> str:
    """Checksum of `data` (everything up to and including "AZ")."""
    return f"{-sum(data) & 0xFFFF:04X}"


def verify_checksum(frame: bytes) -> bool:
    """True if `frame` (no terminator) ends in a matching AZxxxx."""
    frame = frame.rstrip(b"\r\n")
    match = _TRAILER.search(frame)
    if match is None:
        return False
    return (sum(frame[:-4]) + int(match.group(2), 16)) & 0xFFFF == 0


# ------------------------------------------------------------------- dates

_UTC_ZONES = {"Z", "UTC", "GMT"}
# Years a SIP2 date may carry: a loan, a return or a patron's expiry. Outside
# them it is nonsense (a `9999` "never" stamp overflows as soon as it is
# converted to local time), read as "no date".
DATE_YEARS = range(1900, 3000)


def ascii_digits(text: str) -> bool:
    """Whether `text` is one or more ASCII digits: `str.isdigit()` is True for
    Unicode digits too (`'0²0'`, Arabic-Indic digits), which `int()` then rejects
    or reads as a number no SIP2 server meant."""
    return text.isascii() and text.isdigit()


def format_date(when: datetime | None = None, *, utc: bool = False) -> str:
    """`YYYYMMDDZZZZHHMMSS`: four spaces for local time, or `   Z` for UTC.

    Naive datetimes are taken as local time.  With ``utc=True`` an aware
    datetime is converted and stamped `   Z`.
    """
    if when is None:
        when = datetime.now()
    if utc:
        moment = (when if when.tzinfo else when.astimezone()).astimezone(UTC)
        return f"{moment:%Y%m%d}   Z{moment:%H%M%S}"
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    return f"{when:%Y%m%d}    {when:%H%M%S}"


def parse_date(text: str | None) -> datetime | None:
    """Parse a SIP2 date; None for blanks or text that is not a date.

    Blank zone -> naive (local) datetime; `Z`/`UTC`/`GMT` -> aware UTC.
    Other zone names cannot be resolved portably and give a naive value.
    A few ISO-like forms some ACSs put in AH (e.g. Koha with
    ``format_due_date``) are accepted too.
    """
    if not text or not text.strip() or not text.isascii():  # strptime reads Unicode digits too
        return None
    if len(text) == 18 and ascii_digits(text[:8]) and ascii_digits(text[12:]):
        try:
            value = datetime.strptime(text[:8] + text[12:], "%Y%m%d%H%M%S")
        except ValueError:
            return None
        if text[8:12].strip().upper() in _UTC_ZONES:
            value = value.replace(tzinfo=UTC)
        return value if value.year in DATE_YEARS else None
    for fmt, width in (("%Y-%m-%d %H:%M:%S", 19), ("%Y-%m-%dT%H:%M:%S", 19), ("%Y-%m-%d", 10), ("%Y%m%d", 8)):
        try:
            value = datetime.strptime(text.strip()[:width], fmt)
        except ValueError:
            continue
        return value if value.year in DATE_YEARS else None
    return None


# ----------------------------------------------------------------- message


@dataclass
class Message:
    """One SIP2 message.

    `fixed` maps fixed-field names (see `fields.SPECS`) to their raw text;
    `fields` keeps the variable fields in wire order as (tag, value), since
    tags repeat (AF screen messages, AS/AT/AU item lists, BM/BN...).
    `seq`, `checksum` and `raw` are filled in by `decode`.
    """

    code: str
    fixed: dict[str, str] = field(default_factory=dict)
    fields: list[tuple[str, str]] = field(default_factory=list)
    seq: int | None = None
    checksum: str | None = None
    raw: bytes = b""

    @property
    def spec(self) -> MessageSpec:
        return SPECS[self.code]

    @property
    def name(self) -> str:
        return SPECS[self.code].name if self.code in SPECS else self.code

    def get(self, tag: str, default: str | None = None) -> str | None:
        """First value of `tag`, or `default`."""
        for t, value in self.fields:
            if t == tag:
                return value
        return default

    def get_all(self, tag: str) -> list[str]:
        return [value for t, value in self.fields if t == tag]

    def has(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.fields)

    def flag(self, name: str) -> bool | None:
        """Fixed Y/N (or 1/0) field as a bool; None for U, blank or absent."""
        value = self.fixed.get(name, "").upper()
        return True if value in ("Y", "1") else False if value in ("N", "0") else None

    def number(self, name: str) -> int | None:
        """A fixed numeric field (ASCII digits only, they are fixed-width); None if it is not one."""
        value = self.fixed.get(name, "").strip()
        return int(value) if ascii_digits(value) else None

    def date(self, name_or_tag: str) -> datetime | None:
        """A fixed date by name, or a variable date field (AH, CM...) by tag."""
        text = self.fixed.get(name_or_tag)
        return parse_date(text if text is not None else self.get(name_or_tag))

    @property
    def ok(self) -> bool:
        """The message's success indicator (ok / payment accepted / end session)."""
        for name in SUCCESS_FIELDS:
            if name in self.fixed:
                return bool(self.flag(name))
        return False

    @property
    def screen_messages(self) -> list[str]:
        return self.get_all("AF")

    @property
    def print_lines(self) -> list[str]:
        return self.get_all("AG")

    def missing_required(self) -> list[str]:
        """Required tags the sender left out (tolerated, but worth a log line)."""
        spec = SPECS.get(self.code)
        if spec is None:
            return []
        return [t for t in spec.tags if t in spec.required and not self.has(t)]

    def named_fields(self) -> dict[str, list[str]]:
        """Variable fields keyed by readable name (debugging aid)."""
        out: dict[str, list[str]] = {}
        for tag, value in self.fields:
            out.setdefault(TAG_NAMES.get(tag, tag), []).append(value)
        return out

    def text(self) -> str:
        """Code + fixed part + variable fields, without trailer (for logs)."""
        spec = SPECS.get(self.code)
        names = [f.name for f in spec.fixed] if spec else list(self.fixed)
        fixed = "".join(self.fixed.get(n, "") for n in names)
        return self.code + fixed + "".join(f"{t}{v}{DELIMITER}" for t, v in self.fields)


def make(code: str, fixed: Mapping[str, str] | None = None, /, **tags: str | Sequence[str] | None) -> Message:
    """Build a message with spec defaults, fields in spec order.

    Omitted fixed fields take their spec default (transaction dates: now,
    local time).  Tag keyword values may be a string, a sequence (the tag
    repeats) or None (omitted).  Required tags the caller did not give are
    emitted empty, as the spec asks.  Unknown tags follow the known ones.
    """
    spec = SPECS.get(code)
    if spec is None:
        raise EncodeError(f"unknown message code {code!r}")
    given = dict(fixed or {})
    unknown = set(given) - {f.name for f in spec.fixed}
    if unknown:
        raise EncodeError(f"{spec.name}: no fixed field(s) {sorted(unknown)}")
    values: dict[str, str] = {}
    for f in spec.fixed:
        if f.name in given:
            values[f.name] = given[f.name]
        elif f.default is not None:
            values[f.name] = f.default
        elif f.kind == "date":
            values[f.name] = format_date()
        else:
            raise EncodeError(f"{spec.name}: fixed field {f.name!r} has no default")
    order = list(spec.tags) + [t for t in tags if t not in spec.tags]
    fields_: list[tuple[str, str]] = []
    for tag in order:
        value = tags.get(tag)
        if value is None:
            if tag in spec.required:
                fields_.append((tag, ""))
            continue
        for item in [value] if isinstance(value, str) else value:
            fields_.append((tag, item))
    return Message(code, values, fields_)


# ------------------------------------------------------------------ encode


def encode(
    message: Message,
    seq: int | None = None,
    error_detection: bool = True,
    encoding: str = "utf-8",
) -> bytes:
    """Encode to wire bytes, terminator (CR) included.

    With error detection the frame gets ``AY<seq>`` (when `seq` is given;
    96/97 carry none) and ``AZ<checksum>``.  Refuses values that would
    corrupt the frame (delimiter, CR/LF) and fixed fields of the wrong
    width, instead of silently padding or truncating them.
    """
    spec = SPECS.get(message.code)
    if spec is None:
        raise EncodeError(f"unknown message code {message.code!r}")
    extra = set(message.fixed) - {f.name for f in spec.fixed}
    if extra:
        raise EncodeError(f"{spec.name}: no fixed field(s) {sorted(extra)}")
    parts = [message.code]
    for f in spec.fixed:
        value = message.fixed.get(f.name)
        if value is None or len(value) != f.width:
            raise EncodeError(f"{spec.name}.{f.name} must be {f.width} characters, got {value!r}")
        _check_value(f"{spec.name}.{f.name}", value)
        parts.append(value)
    for tag, value in message.fields:
        if not _TAG.match(tag) or tag in ("AY", "AZ"):
            raise EncodeError(f"{spec.name}: bad field tag {tag!r}")
        _check_value(f"{spec.name}.{tag}", value)
        parts.append(f"{tag}{value}{DELIMITER}")
    try:
        body = "".join(parts).encode(encoding)
    except UnicodeEncodeError as exc:
        raise EncodeError(f"{spec.name}: not representable in {encoding}: {exc.reason}") from exc
    if error_detection:
        if seq is not None:
            if not 0 <= seq <= 9:
                raise EncodeError(f"sequence number must be 0-9, got {seq}")
            body += b"AY%d" % seq
        body += b"AZ"
        body += checksum(body).encode("ascii")
    return body + TERMINATOR


def _check_value(where: str, value: str) -> None:
    if DELIMITER in value or "\r" in value or "\n" in value:
        raise EncodeError(f"{where}: value contains a delimiter or line break")


# ------------------------------------------------------------------ decode


def decode(raw: bytes, encoding: str = "utf-8", *, verify: bool = True) -> Message:
    """Parse one frame (terminator optional) into a `Message`.

    Raises `ChecksumError` for a wrong or unreadable AZ, `UnknownMessage`
    for an unknown code, `MalformedMessage` for anything else unusable.
    Undecodable bytes become U+FFFD; unknown tags and missing fields are
    kept / tolerated.
    """
    frame = raw.strip(b"\r\n")
    if not frame:
        raise MalformedMessage("empty frame")
    seq: int | None = None
    check: str | None = None
    body = frame
    trailer = _TRAILER.search(frame)
    if trailer is not None:
        if verify and not verify_checksum(frame):
            raise ChecksumError(f"checksum {trailer.group(2).decode()} does not match {checksum(frame[:-4])}")
        check = trailer.group(2).decode("ascii").upper()
        seq = int(trailer.group(1)) if trailer.group(1) is not None else None
        body = frame[: trailer.start()]
    elif _BROKEN_TRAILER.search(frame):
        raise ChecksumError("unreadable checksum field")
    else:
        seq_only = _SEQ_ONLY.search(frame)
        if seq_only is not None:
            seq = int(seq_only.group(1))
            body = frame[: seq_only.start() + 1]
    text = body.decode(encoding, errors="replace")
    code = text[:2]
    spec = SPECS.get(code)
    if spec is None:
        raise UnknownMessage(f"unknown message code {code!r}")
    end = 2 + spec.fixed_length
    if len(text) < end:
        raise MalformedMessage(f"{spec.name}: fixed part is {len(text) - 2} characters, needs {spec.fixed_length}")
    fixed: dict[str, str] = {}
    pos = 2
    for f in spec.fixed:
        fixed[f.name] = text[pos : pos + f.width]
        pos += f.width
    fields_ = [(seg[:2], seg[2:]) for seg in text[end:].split(DELIMITER) if len(seg) >= 2]
    if any(tag in ("AY", "AZ") for tag, _ in fields_):
        # Only a damaged trailer leaves AY/AZ among the fields.
        raise MalformedMessage(f"{spec.name}: sequence/checksum field in the wrong place")
    return Message(code, fixed, fields_, seq=seq, checksum=check, raw=frame)


# ----------------------------------------------------------------- framing


class FrameSplitter:
    """Reassemble frames from a byte stream (TCP splits and merges them).

    CR ends a frame; LF does too, so CRLF, LF-only and stray LFs all work
    (no field may contain either).  Empty frames are dropped.  A buffer
    growing past `max_frame` bytes without a terminator raises
    `FrameTooLong` and is discarded, so garbage cannot eat memory.
    """

    _SPLIT = re.compile(rb"[\r\n]")

    def __init__(self, max_frame: int = 64 * 1024) -> None:
        self.max_frame = max_frame
        self._buffer = b""

    def feed(self, data: bytes) -> list[bytes]:
        """Add received bytes; return the frames they completed."""
        self._buffer += data
        *complete, self._buffer = self._SPLIT.split(self._buffer)
        if len(self._buffer) > self.max_frame:
            self._buffer = b""
            raise FrameTooLong(f"no terminator within {self.max_frame} bytes")
        return [frame for frame in complete if frame]

    @property
    def pending(self) -> bytes:
        """Bytes of an incomplete frame still waiting for their terminator."""
        return self._buffer

    def reset(self) -> None:
        self._buffer = b""


# --------------------------------------------------------------- redaction

_SECRET_ANYWHERE = re.compile(f"({'|'.join(sorted(SECRET_TAGS))})[^|]*")
_CHECKSUM_TAIL = re.compile(r"AZ[0-9A-Fa-f]{4}\Z")


def redact(message_text: str) -> str:
    """Mask PIN / password / login fields (AD, CO, CN, AC) for logging.

    Known messages are masked field by field.  Text that does not parse
    is masked wherever a secret tag could start, which may over-mask but
    never leaks.  When something was masked the AZ checksum is masked
    too: it is a sum over all bytes, so it would leak the sum of the PIN.
    """
    spec = SPECS.get(message_text[:2])
    if spec is not None and len(message_text) >= 2 + spec.fixed_length:
        head = message_text[: 2 + spec.fixed_length]
        segments = message_text[2 + spec.fixed_length :].split(DELIMITER)
        masked = [seg[:2] + "****" if seg[:2] in SECRET_TAGS else seg for seg in segments]
        text, hidden = head + DELIMITER.join(masked), masked != segments
    else:
        text, hidden = _SECRET_ANYWHERE.subn(lambda m: m.group(1) + "****", message_text)
    return _CHECKSUM_TAIL.sub("AZ****", text) if hidden else text


def redact_bytes(frame: bytes, encoding: str = "utf-8") -> str:
    """`redact` for raw frames (decoded with replacement, never raises)."""
    return redact(frame.rstrip(b"\r\n").decode(encoding, errors="replace"))


def summary_field(kind: str | None) -> str:
    """The 10-character 63 summary asking for one item list (or none)."""
    chars = [" "] * 10
    if kind is not None:
        if kind not in SUMMARY_POSITIONS:
            raise EncodeError(f"unknown summary {kind!r}; use one of {sorted(SUMMARY_POSITIONS)}")
        chars[SUMMARY_POSITIONS[kind]] = "Y"
    return "".join(chars)


__all__ = [
    "BLANK_DATE",
    "DELIMITER",
    "TERMINATOR",
    "FrameSplitter",
    "Message",
    "ascii_digits",
    "checksum",
    "decode",
    "encode",
    "format_date",
    "make",
    "parse_date",
    "redact",
    "redact_bytes",
    "summary_field",
    "verify_checksum",
]
