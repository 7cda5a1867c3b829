"""Request/reply over a serial line: how an RFID reader's poll loop talks to it.

The port itself (opening with ``serial_for_url``, exclusive access, what a
failure is called) is :class:`kiosk.devices.serial_line.SerialLine`'s, shared
with the serial scanners. One request at a time: :meth:`Transport.exchange`
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
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Generic, TypeVar

from kiosk.devices.serial_line import LineError, LineSettings, SerialLine

from .framing import ParserStats, StreamParser

__all__ = ["NoAnswer", "Timing", "Transport"]

log = logging.getLogger(__name__)

FrameT = TypeVar("FrameT")


class NoAnswer(LineError):
    """No reply the caller accepts arrived within the answer timeout."""


@dataclass(frozen=True)
class Timing:
    answer_timeout_s: float = 1.0
    # A partial frame followed by this much silence is dropped (Feig's manuals
    # say 12 ms; USB adapters batch bytes, so drivers allow more).
    frame_gap_s: float = 0.05

    def line(self, url: str, baudrate: int, parity: str = "N") -> LineSettings:
        """Line settings whose reads wake often enough to see a frame gap."""
        return LineSettings(
            url, baudrate, parity, read_timeout_s=min(self.frame_gap_s, 0.02), write_timeout_s=self.answer_timeout_s
        )


@dataclass
class ExchangeStats:
    requests: int = 0
    timeouts: int = 0
    unexpected_frames: int = 0


class Transport(Generic[FrameT]):
    """Request/reply over one serial line, with a fresh parser per opening."""

    def __init__(
        self, line: LineSettings, parser_factory: Callable[[], StreamParser[FrameT]], timing: Timing = Timing()
    ) -> None:
        self.line = SerialLine(line)
        self.timing = timing
        self._parser_factory = parser_factory
        self._parser = parser_factory()
        self._retired = asdict(ParserStats())  # what the parsers of earlier openings counted
        self.stats = ExchangeStats()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.line.settings.url

    @property
    def is_open(self) -> bool:
        return self.line.is_open

    def counters(self) -> dict[str, int]:
        """Frames, garbage, CRC errors, truncations, timeouts...: for diagnostics."""
        parser = asdict(self._parser.stats)
        return {**{k: self._retired[k] + parser[k] for k in parser}, **asdict(self.stats), **asdict(self.line.stats)}

    def open(self) -> None:
        with self._lock:
            if self.line.is_open:
                return
            self.line.open()
            self._retire_parser()

    def close(self) -> None:
        with self._lock:
            self.line.close()

    def exchange(self, request: bytes, accept: Callable[[FrameT], bool]) -> FrameT:
        """Send *request*; return the first frame *accept* takes. Frames it
        refuses are counted as unexpected and skipped."""
        with self._lock:
            self._discard_stale()
            self.line.write(request)
            self.stats.requests += 1
            return self._await(accept)

    # -- inside the lock ------------------------------------------------------------
    def _await(self, accept: Callable[[FrameT], bool]) -> FrameT:
        timing = self.timing
        started = last_byte = time.monotonic()
        # A babbling line keeps resetting the silence timer; cap the wait anyway.
        give_up = started + 10 * timing.answer_timeout_s
        while True:
            chunk = self.line.read()
            now = time.monotonic()
            if chunk:
                last_byte = now
                frames = self._parser.feed(chunk)
                for index, frame in enumerate(frames):
                    if accept(frame):
                        self._unexpected(frames[index + 1 :])
                        return frame
                    self._unexpected([frame])
            elif self._parser.pending and now - last_byte >= timing.frame_gap_s:
                self._parser.reset()  # counted as truncated
            if now - last_byte >= timing.answer_timeout_s or now >= give_up:
                self.stats.timeouts += 1
                raise NoAnswer(f"reader does not answer on {self.url} (nothing for {timing.answer_timeout_s:g} s)")

    def _discard_stale(self) -> None:
        """Bytes waiting before a request belong to an earlier exchange."""
        stale = self.line.read_waiting()
        if stale:
            self._unexpected(self._parser.feed(stale))
        if self._parser.pending:
            self._parser.reset()

    def _unexpected(self, frames: list) -> None:
        if frames:
            self.stats.unexpected_frames += len(frames)
            log.debug("%s: skipped %d unexpected frame(s): %r", self.url, len(frames), frames)

    def _retire_parser(self) -> None:
        for key, value in asdict(self._parser.stats).items():
            self._retired[key] += value
        self._parser = self._parser_factory()  # no half frame survives a reopening
