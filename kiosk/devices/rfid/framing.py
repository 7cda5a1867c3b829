"""Shared streaming-frame machinery for the reader protocols.

A serial reader hands the transport arbitrary chunks: half a frame, three
frames, a frame preceded by line noise left over from a reader reset. The
protocol modules only know how to *probe* a buffer position ("is there a
complete, CRC-valid frame starting here?"); :class:`StreamParser` owns the
buffering, resynchronisation and statistics so that the 3M and Feig parsers
are not two copies of the same loop.

Resync policy:

* bytes that cannot start a frame are counted as ``garbage_bytes``;
* a complete candidate whose CRC is wrong is counted in ``crc_errors`` and
  the parser retries from the next byte (its own bytes are not counted again
  as garbage), so a frame embedded after a corrupted length is still found;
* a candidate that fails its CRC while a valid frame starts inside it, or is
  still incomplete while a valid frame already follows, was cut short by a
  reader reset or dropped bytes: it is counted in ``truncated`` and skipped.
  (Protocols without a start byte apply the second rule to a candidate that
  follows a good frame only when the later frame ends the data or has another
  frame after it.)
  :meth:`StreamParser.reset` counts a pending partial frame the same way -
  call it on an inter-byte timeout.

Nothing here raises on bad input; errors in the *content* of a well-framed
message are the typed decoders' business (:class:`FrameError`).
"""

from __future__ import annotations

import bisect
import enum
import heapq
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "FrameError",
    "ParserStats",
    "Probe",
    "StreamParser",
    "byte_args",
    "require_uid",
    "uid_from_hex",
    "uid_hex",
]

FrameT = TypeVar("FrameT")

# Far beyond any real reply, small enough that a corrupted length cannot make
# the parser hoard megabytes waiting for a frame that will never come.
DEFAULT_MAX_BUFFER = 64 * 1024


class FrameError(ValueError):
    """A well-framed message whose content does not match the expected reply."""


class Probe(enum.Enum):
    """What a protocol found when probing a buffer position."""

    OK = "ok"  # complete frame, CRC valid
    BAD_CRC = "bad-crc"  # complete candidate, CRC wrong
    INCOMPLETE = "incomplete"  # plausible header, more bytes needed
    NOT_A_FRAME = "not-a-frame"  # this byte cannot start a frame


@dataclass
class ParserStats:
    """Counters a diagnostics screen can show; never reset implicitly."""

    frames: int = 0
    garbage_bytes: int = 0
    crc_errors: int = 0
    truncated: int = 0


class _FrameIndex:
    """Incremental index of the complete, CRC-valid frames in the buffer.

    Offsets are absolute stream positions, so the index survives the parser
    dropping consumed bytes. Every candidate position is probed when first
    seen and, if it was incomplete, once more when its claimed length has
    arrived - never on every feed - which keeps resynchronisation linear even
    when a corrupted length makes the parser wait for kilobytes.
    """

    def __init__(self) -> None:
        self.fresh = 0  # next position never probed
        self.waiting: list[tuple[int, int]] = []  # heap of (ready at, offset)
        self.valid: list[tuple[int, int]] = []  # sorted (offset, length)

    def update(self, parser: StreamParser, buf: bytearray, base: int) -> None:
        end = base + len(buf)
        off = max(self.fresh, base)
        while off < end:
            off = base + parser._next_candidate(buf, off - base)
            if off >= end:
                break
            self._probe(parser, buf, base, off)
            off += 1
        self.fresh = max(self.fresh, end)
        while self.waiting and self.waiting[0][0] <= end:
            _, off = heapq.heappop(self.waiting)
            if off >= base:
                self._probe(parser, buf, base, off)

    def _probe(self, parser: StreamParser, buf: bytearray, base: int, off: int) -> None:
        result, length = parser._probe(buf, off - base)
        if result is Probe.OK:
            bisect.insort(self.valid, (off, length))
        elif result is Probe.INCOMPLETE:
            heapq.heappush(self.waiting, (off + max(length, _HEADER_GUESS), off))

    def first(self, start: int, limit: int, end: int, anchored: bool) -> int | None:
        """First valid frame starting in [start, limit); if *anchored*, one
        that ends the data or has another valid frame after it."""
        valid = self.valid
        for i in range(bisect.bisect_left(valid, (start, -1)), len(valid)):
            off, length = valid[i]
            if off >= limit:
                return None
            if not anchored or off + length == end or (bisect.bisect_left(valid, (off + length, -1)) < len(valid)):
                return off
        return None

    def forget_before(self, base: int) -> None:
        cut = bisect.bisect_left(self.valid, (base, -1))
        if cut:
            del self.valid[:cut]


# An incomplete header (e.g. a lone start byte) is probed again once this
# many bytes follow it; both protocols know their length after 3 bytes.
_HEADER_GUESS = 3


class StreamParser(Generic[FrameT]):
    """Buffer arbitrary chunks and yield complete frames; never raises.

    Subclasses implement :meth:`_probe` and :meth:`_build`, and may override
    :meth:`_next_candidate` when the protocol has a start byte to search for.
    """

    # A skipped candidate shorter than this was a stray byte or two, not a
    # frame cut short: count it as garbage.
    min_truncated = 3
    # While a candidate is incomplete, look for a complete frame further on
    # (and drop the candidate as truncated). Sound when frames have a start
    # byte; without one, valid-looking frames hide in payloads, so such
    # protocols set this False and only accept "anchored" later frames while
    # in sync (see feed).
    lookahead_on_incomplete = True

    def __init__(self, max_buffer: int = DEFAULT_MAX_BUFFER) -> None:
        self.stats = ParserStats()
        self._buf = bytearray()
        self._max_buffer = max_buffer
        self._base = 0  # stream offset of _buf[0]
        self._quiet = 0  # buffer prefix that belongs to a rejected candidate
        self._in_sync = True  # the buffer starts at a frame boundary
        self._index = _FrameIndex()

    # -- protocol hooks -------------------------------------------------
    def _probe(self, buf: bytearray, pos: int) -> tuple[Probe, int]:
        """Return the probe result at *pos* and the candidate length (if known)."""
        raise NotImplementedError

    def _build(self, raw: bytes) -> FrameT:
        """Turn the bytes of one CRC-valid frame into a frame object."""
        raise NotImplementedError

    def _next_candidate(self, buf: bytearray, pos: int) -> int:
        """Index of the first position >= *pos* that may start a frame."""
        return pos

    # -- public API -----------------------------------------------------
    @property
    def pending(self) -> int:
        """Bytes buffered that do not (yet) form a complete frame."""
        return len(self._buf)

    def feed(self, chunk: bytes) -> list[FrameT]:
        """Add *chunk* to the buffer; return every frame now complete."""
        if chunk:
            self._buf += chunk
        frames: list[FrameT] = []
        buf = self._buf
        pos = 0
        quiet_until = self._quiet  # bytes of a rejected candidate are not "garbage"
        end = len(buf)
        indexed = False
        while pos < end:
            start = self._next_candidate(buf, pos)
            if start > pos:
                self._count_garbage(pos, min(start, end), quiet_until)
                self._in_sync = False
                pos = start
                if pos >= end:
                    break
            result, length = self._probe(buf, pos)
            if result is Probe.OK:
                frames.append(self._build(bytes(buf[pos : pos + length])))
                self.stats.frames += 1
                self._in_sync = True
                pos += length
                continue
            if result is Probe.NOT_A_FRAME:
                self._count_garbage(pos, pos + 1, quiet_until)
                self._in_sync = False
                pos += 1
                continue
            if not indexed:
                self._index.update(self, buf, self._base)
                indexed = True
            if result is Probe.BAD_CRC:
                # A valid frame starting inside the candidate means the
                # candidate was cut short by it, not corrupted in transit.
                inner = self._later_frame(pos, pos + length, anchored=False)
                self._in_sync = False
                if inner is None:
                    if pos >= quiet_until:
                        self.stats.crc_errors += 1
                    quiet_until = max(quiet_until, pos + length)
                    pos += 1
                else:
                    self._count_skipped(pos, inner, quiet_until)
                    quiet_until = max(quiet_until, inner)
                    pos = inner
                continue
            # INCOMPLETE. Without a start byte, a frame that follows a good
            # one is only abandoned for a later frame that ends the data or
            # has another frame after it: a look-alike inside a payload
            # almost never does.
            anchored = not self.lookahead_on_incomplete and self._in_sync
            later = self._later_frame(pos, end, anchored)
            if later is None:
                break
            self._count_skipped(pos, later, quiet_until)
            quiet_until = max(quiet_until, later)
            pos = later
        self._consume(pos)
        self._quiet = max(0, quiet_until - pos)
        if len(buf) > self._max_buffer:
            # Only a pathological length field gets here; drop the oldest.
            overflow = len(buf) - self._max_buffer
            self.stats.garbage_bytes += overflow
            self._consume(overflow)
            self._quiet = max(0, self._quiet - overflow)
            self._in_sync = False
        return frames

    def reset(self) -> None:
        """Discard buffered bytes (e.g. on an inter-byte timeout)."""
        if self._buf:
            self.stats.truncated += 1
        self._consume(len(self._buf))
        self._quiet = 0
        self._in_sync = True

    # -- helpers --------------------------------------------------------
    def _consume(self, count: int) -> None:
        if count:
            del self._buf[:count]
            self._base += count
            self._index.forget_before(self._base)

    def _later_frame(self, pos: int, limit: int, anchored: bool) -> int | None:
        base = self._base
        found = self._index.first(base + pos + 1, base + limit, base + len(self._buf), anchored)
        return None if found is None else found - base

    def _count_skipped(self, start: int, stop: int, quiet_until: int) -> None:
        """Account for a candidate abandoned because a valid frame starts at *stop*."""
        if start < quiet_until:
            return
        if stop - start < self.min_truncated:
            self.stats.garbage_bytes += stop - start
        else:
            self.stats.truncated += 1

    def _count_garbage(self, start: int, stop: int, quiet_until: int) -> None:
        counted = stop - max(start, quiet_until)
        if counted > 0:
            self.stats.garbage_bytes += counted


def require_uid(uid: bytes) -> bytes:
    """Validate an ISO 15693 UID argument of a request builder."""
    uid = bytes(uid)
    if len(uid) != 8:
        raise ValueError(f"an ISO 15693 UID has 8 bytes, got {len(uid)}")
    return uid


def byte_args(**values: int) -> bytes:
    """Pack one-byte request arguments in order, naming any that overflow."""
    for name, value in values.items():
        if not 0 <= value <= 0xFF:
            raise ValueError(f"{name} must fit in one byte, got {value}")
    return bytes(values.values())


def uid_hex(uid: bytes) -> str:
    """Print an ISO 15693 UID MSB first, as on labels and in logs (E004...)."""
    return uid.hex().upper()


def uid_from_hex(text: str) -> bytes:
    """Parse a UID printed by :func:`uid_hex` (spaces allowed) to 8 bytes."""
    raw = bytes.fromhex(text.replace(" ", ""))
    if len(raw) != 8:
        raise ValueError(f"an ISO 15693 UID has 8 bytes, got {len(raw)}")
    return raw
