"""What the 3M and Feig reader emulators share: a reader on a pty that holds
tags in memory and answers the real protocol bytes.

The driver under test opens ``path``, a symlink like udev's
``/dev/serial/by-id/...`` pointing at the pty's slave side; the emulator
thread reads requests from the master side, parses them with the production
frame parser and answers with frames built by the production encoder (both
checked byte-exact against captures in tests/unit/rfid), so the driver,
transport and pyserial are what the tests exercise.

Fault knobs: :meth:`unplug` / :meth:`plug` (the port vanishes: the pty is
closed and the link removed, like a pulled USB cable), ``mute`` (the reader
drops out: it reads and ignores requests), ``reply_delay_s`` (slow),
:meth:`noise` and ``garbage_before_reply`` (line noise), ``corrupt_replies``
and ``truncate_replies`` (wrong CRC, half a frame), ``failing_writes``,
``stuck`` (writes say OK but change nothing) ``leave_on_write`` (tag
taken away mid-write) and ``unreadable`` (a tag that answers inventories but
no read).

With ``paced=True`` every byte the emulator receives and sends takes
10 bit-times at ``baudrate``, as on a real line (a pty is instant); the
``wire_log`` records when, for the benchmark's wire-time floor.
"""

from __future__ import annotations

import hashlib
import os
import select
import threading
import time
import tty
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.devices.rfid.framing import StreamParser, uid_hex
from kiosk.devices.rfid.tagdata import MODEL_ISO28560_3, USAGE_CIRCULATING, TagData, encode_tag

BLOCK_SIZE = 4
BITS_PER_BYTE = 10  # start + 8 data + stop (parity adds one more on 8E1; ignored, as in the issue)


def fake_uid(label: str) -> bytes:
    """A stable ISO 15693-looking UID (E0 04 01 = NXP ICODE) for a test tag."""
    return bytes.fromhex("E00401") + hashlib.sha1(label.encode()).digest()[:5]


@dataclass
class EmulatedTag:
    uid: bytes
    memory: bytearray
    afi: int = 0x07
    eas: bool = True
    dsfid: int = 0x00

    @classmethod
    def item(
        cls,
        item_id: str,
        *,
        parts: int = 1,
        part: int = 1,
        usage: int = USAGE_CIRCULATING,
        byte_order: str = "as-is",
        blocks: int = 28,
        afi: int = 0x07,
        label: str = "",
        **fields,
    ) -> EmulatedTag:
        """An ISO 28560-3 library tag with real encoded memory."""
        data = TagData(
            MODEL_ISO28560_3,
            item_id,
            type_of_usage=usage,
            parts_in_set=parts,
            part_number=part,
            country=fields.pop("country", "ID"),
            isil=fields.pop("isil", "DEMO"),
            byte_order=byte_order,
        )
        return cls.with_memory(encode_tag(data), blocks=blocks, afi=afi, label=label or f"{item_id}/{part}", **fields)

    @classmethod
    def with_memory(cls, memory: bytes, *, blocks: int = 28, label: str = "", **fields) -> EmulatedTag:
        memory = bytes(memory).ljust(blocks * BLOCK_SIZE, b"\x00")
        return cls(uid=fields.pop("uid", None) or fake_uid(label or memory.hex()), memory=bytearray(memory), **fields)

    @property
    def uid_hex(self) -> str:
        return uid_hex(self.uid)

    @property
    def block_count(self) -> int:
        return len(self.memory) // BLOCK_SIZE

    def blocks(self, first: int, count: int) -> list[bytes] | None:
        """The blocks asked for, or None if they run past the tag's end."""
        if count < 1 or first + count > self.block_count:
            return None
        return [bytes(self.memory[i * BLOCK_SIZE : (i + 1) * BLOCK_SIZE]) for i in range(first, first + count)]

    def write(self, first: int, data: bytes) -> None:
        self.memory[first * BLOCK_SIZE : first * BLOCK_SIZE + len(data)] = data


class ReaderEmulator:
    """Subclasses give the parser and answer frames (:meth:`_answer`)."""

    baudrate = 19200

    def __init__(self, folder: Path, name: str = "rfid", *, baudrate: int | None = None, paced: bool = False) -> None:
        self.path = Path(folder) / name
        self.baudrate = baudrate or self.baudrate
        self.paced = paced
        self.field: dict[bytes, EmulatedTag] = {}  # the tags on the pad, in placing order
        # fault knobs (see the module docstring)
        self.mute = False
        self.reply_delay_s = 0.0
        self.garbage_before_reply = b""
        self.corrupt_replies = 0
        self.truncate_replies = 0
        self.failing_writes = 0
        self.stuck: set[bytes] = set()
        self.leave_on_write: set[bytes] = set()
        self.unreadable: set[bytes] = set()  # answer inventories, fail every read (a tag at the pad's edge)
        # what happened
        self.operations: Counter[tuple[str, bytes]] = Counter()  # (operation, uid) -> times asked
        self.history: list[tuple[float, str, bytes]] = []  # (request's first byte on the line, operation, uid)
        self._request_started = 0.0
        self.wire_log: list[tuple[str, float, float, int]] = []  # (in|out, start, end, bytes)
        self.lock = threading.RLock()  # field, knobs and records
        self._io = threading.Lock()  # the pty's file descriptors
        self._master: int | None = None
        self._slave: int | None = None
        self._generation = 0
        self._wake_r, self._wake_w = os.pipe()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=f"emulator-{name}", daemon=True)
        self._thread.start()

    # -- the cable ------------------------------------------------------------------
    @property
    def plugged(self) -> bool:
        return self._master is not None

    def plug(self) -> ReaderEmulator:
        with self._io:
            if self._master is None:
                master, slave = os.openpty()
                tty.setraw(slave)  # no echo, no CR/LF translation: bytes pass as they are
                link = self.path.with_name(self.path.name + ".new")
                link.unlink(missing_ok=True)
                link.symlink_to(os.ttyname(slave))
                link.replace(self.path)
                self._master, self._slave = master, slave
                self._generation += 1
        self._wake()
        return self

    def unplug(self) -> None:
        with self._io:
            self.path.unlink(missing_ok=True)
            for fd in (self._master, self._slave):
                if fd is not None:
                    os.close(fd)
            self._master = self._slave = None
            self._generation += 1
        self._wake()

    def close(self) -> None:
        self._closed = True
        self.unplug()
        self._thread.join(timeout=5)
        os.close(self._wake_r)
        os.close(self._wake_w)

    # -- the pad --------------------------------------------------------------------
    def place(self, *tags: EmulatedTag) -> None:
        with self.lock:
            for tag in tags:
                self.field[tag.uid] = tag

    def remove(self, *uids: bytes) -> None:
        with self.lock:
            for uid in uids:
                self.field.pop(uid, None)

    def tag(self, uid: bytes) -> EmulatedTag | None:
        with self.lock:
            return self.field.get(uid)

    def asked(self, operation: str, uid: bytes = b"") -> int:
        with self.lock:
            return self.operations[(operation, uid)]

    def noise(self, data: bytes) -> None:
        """Raw bytes down the line now, between exchanges."""
        self._send(data, self._generation)

    # -- for subclasses -------------------------------------------------------------
    def _parser(self) -> StreamParser:
        raise NotImplementedError

    def _answer(self, frame) -> bytes | None:
        """The reply frame to one request (None: stay silent). Called under ``lock``."""
        raise NotImplementedError

    def _note(self, operation: str, uid: bytes = b"") -> None:
        self.operations[(operation, uid)] += 1
        self.history.append((self._request_started, operation, uid))

    def _readable(self, uid: bytes) -> EmulatedTag | None:
        self._note("read", uid)
        return None if uid in self.unreadable else self.field.get(uid)

    def _write(self, uid: bytes, change: Callable[[EmulatedTag], None]) -> bool:
        """Apply a write to a tag in the field, through the write fault knobs."""
        self._note("write", uid)
        tag = self.field.get(uid)
        if tag is None:
            return False
        if uid in self.leave_on_write:
            self.remove(uid)
            return False
        if self.failing_writes:
            self.failing_writes -= 1
            return False
        if uid not in self.stuck:
            change(tag)
        return True

    # -- the emulator thread --------------------------------------------------------
    def _wake(self) -> None:
        os.write(self._wake_w, b"!")

    def _byte_time(self) -> float:
        return BITS_PER_BYTE / self.baudrate

    def _run(self) -> None:
        parser, generation, line_free_at = self._parser(), -1, 0.0
        while not self._closed:
            with self._io:
                master, current = self._master, self._generation
            if current != generation:
                parser, generation = self._parser(), current
            watched = [self._wake_r] + ([master] if master is not None else [])
            try:
                ready, _, _ = select.select(watched, [], [], 1.0)
            except (OSError, ValueError):
                continue  # the pty closed under select
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
            if master is None or master not in ready:
                continue
            with self._io:
                if self._generation != generation:
                    continue
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    continue
            start = time.monotonic()
            if self.paced:  # the bytes arrived at once; on a real line they follow each other
                start = max(start, line_free_at)
                line_free_at = start + len(chunk) * self._byte_time()
                _sleep_until(line_free_at)
            with self.lock:
                self.wire_log.append(("in", start, start + len(chunk) * self._byte_time(), len(chunk)))
            for frame in parser.feed(chunk):
                self._serve(frame, generation, start)

    def _serve(self, frame, generation: int, started: float) -> None:
        with self.lock:
            if self.mute:
                return
            self._request_started = started
            reply = self._answer(frame)
            if reply is None:
                return
            if self.corrupt_replies:
                self.corrupt_replies -= 1
                reply = reply[:-1] + bytes((reply[-1] ^ 0xFF,))
            if self.truncate_replies:
                self.truncate_replies -= 1
                reply = reply[: len(reply) // 2]
            reply, self.garbage_before_reply = self.garbage_before_reply + reply, b""
            delay = self.reply_delay_s
        if delay:
            time.sleep(delay)  # a slow reader (the emulator's thread, never a test's)
        self._send(reply, generation)

    def _send(self, data: bytes, generation: int) -> None:
        """Write *data* to the line; paced, each byte is delivered once its 10 bits are out."""
        start = time.monotonic()
        byte_time, sent = self._byte_time(), 0
        with self.lock:  # logged first: the reader may act on the last byte before this thread runs again
            self.wire_log.append(("out", start, start + len(data) * byte_time, len(data)))
        while sent < len(data):
            due = len(data)
            if self.paced:
                due = min(len(data), int((time.monotonic() - start) / byte_time))
                if due <= sent:
                    _sleep_until(start + (sent + 1) * byte_time)
                    continue
            with self._io:
                if self._generation != generation or self._master is None:
                    return  # unplugged mid-reply
                os.write(self._master, data[sent:due])
            sent = due


def _sleep_until(deadline: float) -> None:
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(left)
