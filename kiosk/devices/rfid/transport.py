"""The serial line under an RFID reader: the only RFID module that touches a port.

Opened with pyserial's ``serial_for_url``, so a device path
(``/dev/ttyUSB0``, better ``/dev/serial/by-id/...``), a pty, ``socket://``
and ``rfc2217://`` all work. One request at a time: :meth:`Transport.exchange`
writes a request and waits for the reply the caller accepts, under a lock, so
the reader loop's polling and a security write from the circulation thread
never interleave on the wire.

Bytes become frames in the protocol's pure :class:`StreamParser`; noise,
truncated and wrong-CRC frames are counted there and skipped, replies nobody
asked for (a late answer to a timed-out request) are counted here. None of it
is fatal: only a port that fails (:class:`PortLost`) or a reader that stays
silent (:class:`NoAnswer`) reaches the caller.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass
from typing import Callable, Generic, TypeVar

import serial

from .framing import ParserStats, StreamParser

try:  # pyserial lets termios.error out of open(): a tty vanishing mid-setup, a setting it refuses
    from termios import error as _TtyError
except ImportError:  # not a POSIX system
    _TtyError = OSError

__all__ = ["LineSettings", "NoAnswer", "PortLost", "PortUnusable", "Transport", "TransportError"]

log = logging.getLogger(__name__)

FrameT = TypeVar("FrameT")


class TransportError(Exception):
    """The line failed; ``reason`` is what staff see next to the device."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PortLost(TransportError):
    """The port cannot be opened, or failed under us (cable pulled)."""


class PortUnusable(TransportError):
    """pyserial refuses the port name or line settings: reopening will not help."""


class NoAnswer(TransportError):
    """No reply the caller accepts arrived within the answer timeout."""


@dataclass(frozen=True)
class LineSettings:
    url: str
    baudrate: int
    parity: str = "N"
    bytesize: int = 8
    stopbits: int = 1
    answer_timeout_s: float = 1.0
    # A partial frame followed by this much silence is dropped (Feig's manuals
    # say 12 ms; USB adapters batch bytes, so drivers allow more).
    frame_gap_s: float = 0.05


@dataclass
class LineStats:
    opens: int = 0
    requests: int = 0
    timeouts: int = 0
    unexpected_frames: int = 0
    port_errors: int = 0
    bytes_out: int = 0
    bytes_in: int = 0


class Transport(Generic[FrameT]):
    """Request/reply over one serial line, with a fresh parser per opening."""

    def __init__(self, line: LineSettings, parser_factory: Callable[[], StreamParser[FrameT]]) -> None:
        self.line = line
        self._parser_factory = parser_factory
        self._parser = parser_factory()
        self._retired = asdict(ParserStats())  # what the parsers of earlier openings counted
        self.stats = LineStats()
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def counters(self) -> dict[str, int]:
        """Frames, garbage, CRC errors, truncations, timeouts...: for diagnostics."""
        parser = asdict(self._parser.stats)
        return {**{k: self._retired[k] + parser[k] for k in parser}, **asdict(self.stats)}

    def open(self) -> None:
        with self._lock:
            if self._port is not None:
                return
            line = self.line
            try:
                # exclusive: a second process (``kiosk diag rfid`` beside the running
                # kiosk) is refused instead of stealing half of every reply.
                port = serial.serial_for_url(
                    line.url, baudrate=line.baudrate, bytesize=line.bytesize, parity=line.parity,
                    stopbits=line.stopbits, timeout=min(line.frame_gap_s, 0.02), write_timeout=line.answer_timeout_s,
                    exclusive=True)
            except ValueError as exc:
                raise PortUnusable(f"cannot use {line.url!r}: {exc}") from exc
            except (serial.SerialException, OSError, _TtyError) as exc:
                raise PortLost(f"cannot open {line.url}: {_why(exc)}") from exc
            self._retire_parser()
            self._port = port
            self.stats.opens += 1

    def close(self) -> None:
        with self._lock:
            self._release()

    def exchange(self, request: bytes, accept: Callable[[FrameT], bool]) -> FrameT:
        """Send *request*; return the first frame *accept* takes. Frames it
        refuses are counted as unexpected and skipped."""
        with self._lock:
            port = self._port
            if port is None:
                raise PortLost(f"{self.line.url} is not open")
            try:
                self._discard_stale(port)
                port.write(request)
                self.stats.requests += 1
                self.stats.bytes_out += len(request)
                return self._await(port, accept)
            except (serial.SerialException, OSError, _TtyError) as exc:
                self.stats.port_errors += 1
                self._release()
                raise PortLost(f"lost {self.line.url}: {_why(exc)}") from exc

    # -- inside the lock ------------------------------------------------------------
    def _await(self, port: serial.SerialBase, accept: Callable[[FrameT], bool]) -> FrameT:
        line = self.line
        started = last_byte = time.monotonic()
        # A babbling line keeps resetting the silence timer; cap the wait anyway.
        give_up = started + 10 * line.answer_timeout_s
        while True:
            chunk = port.read(port.in_waiting or 1)
            now = time.monotonic()
            if chunk:
                last_byte = now
                self.stats.bytes_in += len(chunk)
                frames = self._parser.feed(chunk)
                for index, frame in enumerate(frames):
                    if accept(frame):
                        self._unexpected(frames[index + 1:])
                        return frame
                    self._unexpected([frame])
            elif self._parser.pending and now - last_byte >= line.frame_gap_s:
                self._parser.reset()  # counted as truncated
            if now - last_byte >= line.answer_timeout_s or now >= give_up:
                self.stats.timeouts += 1
                raise NoAnswer(f"reader does not answer on {line.url} "
                               f"(nothing for {line.answer_timeout_s:g} s)")

    def _discard_stale(self, port: serial.SerialBase) -> None:
        """Bytes waiting before a request belong to an earlier exchange."""
        waiting = port.in_waiting
        if waiting:
            stale = port.read(waiting)
            self.stats.bytes_in += len(stale)
            self._unexpected(self._parser.feed(stale))
        if self._parser.pending:
            self._parser.reset()

    def _unexpected(self, frames: list) -> None:
        if frames:
            self.stats.unexpected_frames += len(frames)
            log.debug("%s: skipped %d unexpected frame(s): %r", self.line.url, len(frames), frames)

    def _retire_parser(self) -> None:
        for key, value in asdict(self._parser.stats).items():
            self._retired[key] += value
        self._parser = self._parser_factory()  # no half frame survives a reopening

    def _release(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass  # already gone with the cable


def _why(exc: BaseException) -> str:
    """What went wrong, in the words staff see (pyserial's wrap the OS's)."""
    text = str(getattr(exc, "strerror", None) or exc)
    if "exclusively lock" in text:
        return "in use by another program (is the kiosk running?)"
    cause = exc.__context__
    if text.startswith("could not open port") and isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    if isinstance(exc, _TtyError) and len(exc.args) == 2:
        return str(exc.args[1])
    return text
