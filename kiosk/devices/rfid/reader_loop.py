"""One thread per RFID pad: poll the inventory, read each new tag once,
and report what arrived and what left.

:class:`Pad` is the bookkeeping (pure, no I/O): which tags are on the pad,
which still need reading, which have gone. A tag lying on the pad is read
once, however many polls see it; a tag missing from one inventory (a book
shifted on the pad, an RF collision) is only reported as left after
``misses_before_left`` polls in a row. A tag whose memory cannot be read is
retried on later polls, then reported with ``error`` set - never an
exception in the loop.

:class:`ReaderLoop` runs the polls. A port that fails, or a reader that
stays silent for ``silent_polls_before_disconnect`` polls, makes the device
``disconnected`` with the reason and ends the thread; the device manager
reopens the port (through the driver) and starts the loop again. The
:class:`Pad` outlives the thread, so what lay on the pad is kept across a
reconnection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kiosk.devices.base import DeviceState, TagRead, TagsSeen
from kiosk.devices.serial_line import LineError

from .framing import FrameError, uid_hex
from .reader_options import ReaderSettings
from .reading import to_tag_read
from .transport import NoAnswer

__all__ = ["Pad", "PadDriver", "ReaderLoop", "Seen", "TagError"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Seen:
    """One tag answering an inventory (``dsfid`` if the reader reports it)."""

    uid: bytes
    dsfid: int | None = None

    @property
    def uid_hex(self) -> str:
        return uid_hex(self.uid)


class TagError(Exception):
    """The reader answered, the tag did not do what was asked (gone from the
    field, RF error, locked block): worth retrying while it is on the pad."""


class PadDriver(Protocol):
    """What the loop needs from a reader driver (see reader_base)."""

    name: str
    settings: ReaderSettings

    def disconnect(self, reason: str, state: DeviceState = DeviceState.DISCONNECTED) -> None: ...
    def scan(self) -> list[Seen]: ...
    def read_memory(self, seen: Seen) -> tuple[bytes, int | None]: ...
    def count(self, counter: str) -> None: ...
    def note_raw(self, raw: bytes) -> None: ...
    def _emit(self, event: TagsSeen) -> None: ...


class Pad:
    """What lies on the pad; thread-safe, no I/O."""

    def __init__(self, misses_before_left: int = 2, read_attempts: int = 3) -> None:
        self.misses_before_left = misses_before_left
        self.read_attempts = read_attempts
        self._tags: dict[str, TagRead] = {}  # read and reported
        self._misses: dict[str, int] = {}  # of reported tags absent from recent polls
        self._failures: dict[str, int] = {}  # present, not read yet: failed attempts
        self._lock = threading.Lock()

    def update(self, present: Iterable[str]) -> tuple[list[str], list[str]]:
        """One inventory's uids in; (uids to read, uids that left) out."""
        present = list(dict.fromkeys(present))
        here = set(present)
        with self._lock:
            left = []
            for uid in list(self._tags):
                if uid in here:
                    self._misses.pop(uid, None)
                    continue
                self._misses[uid] = self._misses.get(uid, 0) + 1
                if self._misses[uid] >= self.misses_before_left:
                    del self._tags[uid], self._misses[uid]
                    left.append(uid)
            for uid in list(self._failures):
                if uid not in here:
                    del self._failures[uid]  # taken away before it could be read
            return [uid for uid in present if uid not in self._tags], left

    def add(self, tag: TagRead) -> None:
        with self._lock:
            self._tags[tag.uid] = tag
            self._failures.pop(tag.uid, None)

    def read_failed(self, uid: str) -> bool:
        """Count a failed read; True once the tag has had all its attempts."""
        with self._lock:
            self._failures[uid] = self._failures.get(uid, 0) + 1
            return self._failures[uid] >= self.read_attempts

    def tags(self) -> list[TagRead]:
        with self._lock:
            return list(self._tags.values())


class ReaderLoop:
    silent_polls_before_disconnect = 2

    def __init__(self, reader: PadDriver, poll_s: float, pad: Pad | None = None) -> None:
        self.reader = reader
        self.poll_s = poll_s
        self.pad = pad or Pad()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._silent = 0

    def start(self) -> None:
        """Poll on a new thread (the reader is connected)."""
        self._stop.clear()
        self._silent = 0
        self._thread = threading.Thread(target=self._run, name=f"rfid-{self.reader.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        """Poll until stopped or the reader is lost; losing it ends the thread."""
        reader = self.reader
        while not self._stop.is_set():
            try:
                self.poll()
            except NoAnswer as exc:
                self._silent += 1
                if self._silent >= self.silent_polls_before_disconnect:
                    reader.disconnect(f"{exc.reason}; reconnecting")
                    return
            except LineError as exc:  # the port failed under us
                reader.disconnect(f"{exc.reason}; reconnecting")
                return
            except (FrameError, TagError) as exc:  # the reader is there; try again next poll
                reader.count("failed_polls")
                log.warning("rfid %s: inventory failed: %s", reader.name, exc)
            except Exception as exc:  # a bug: logged whole, shown to staff; the manager starts afresh
                log.exception("rfid %s: the reader loop failed", reader.name)
                reader.disconnect(f"internal error ({exc!r}); retrying", DeviceState.ERROR)
                return
            else:
                self._silent = 0
            self._stop.wait(self.poll_s)

    def poll(self) -> None:
        """One inventory; new tags are read, and one TagsSeen reports the changes."""
        reader = self.reader
        seen = {s.uid_hex: s for s in reader.scan()}
        to_read, left = self.pad.update(seen)
        arrived: list[TagRead] = []
        try:
            for uid in to_read:
                if self._stop.is_set():
                    break
                tag = self._read(seen[uid])
                if tag is not None:
                    self.pad.add(tag)
                    arrived.append(tag)
        finally:  # a reader lost mid-stack still reports the tags it did read
            if arrived or left:
                reader._emit(TagsSeen(reader.name, arrived=tuple(arrived), left=tuple(left)))

    def _read(self, seen: Seen) -> TagRead | None:
        reader = self.reader
        try:
            memory, dsfid = reader.read_memory(seen)
        except (TagError, FrameError) as exc:
            reader.count("tag_read_failures")
            if self.pad.read_failed(seen.uid_hex):
                return TagRead(seen.uid_hex, error=f"tag memory cannot be read ({exc})")
            return None
        reader.note_raw(memory)
        return to_tag_read(seen.uid_hex, memory, model=reader.settings.site.data_model, dsfid=dsfid)
