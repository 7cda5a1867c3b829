"""An ESC/POS receipt printer on a real TCP socket (a network printer's port 9100).

It parses what it is sent the way a printer's command interpreter does
(command by command, with each command's parameter length), answers the
real-time status requests DLE EOT 1/2/4 at once with the bytes an Epson
printer sends, and keeps what would be on the paper: text lines, QR codes
and cuts. Fault knobs: ``paper_out``, ``paper_low``, ``cover_open``,
``offline``, ``silent`` (no status answers), and ``power_off()`` (the port
closes: connections are refused).

:class:`EscposDecoder` is the same parser on its own, for bytes rendered
into python-escpos's ``Dummy``.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

DLE, ESC, GS, FS = 0x10, 0x1B, 0x1D, 0x1C
# ESC t n -> Python codec (the common Epson code pages).
CODEPAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252", 17: "cp866", 19: "cp858"}
# ESC <c>: how many parameter bytes follow.
ESC_PARAMS = {
    ord(c): n for c, n in {"@": 0, "!": 1, "E": 1, "-": 1, "a": 1, "d": 1, "t": 1, "{": 1, "M": 1, "G": 1, "2": 0,
                           "3": 1, "J": 1, "p": 3, "V": 1, "r": 1, "R": 1, "=": 1, "U": 1, " ": 1, "$": 2, "\\": 2,
                           "i": 0, "m": 0, "c": 2, "e": 1}.items()
}  # fmt: skip
GS_PARAMS = {ord(c): n for c, n in {"!": 1, "B": 1, "b": 1, "h": 1, "w": 1, "H": 1, "f": 1, "L": 2, "W": 2,
                                     "P": 2, "a": 1, "r": 1, "I": 1}.items()}  # fmt: skip


@dataclass
class Paper:
    """What the printer put on paper, in order."""

    lines: list[str] = field(default_factory=list)
    qr_codes: list[str] = field(default_factory=list)
    cuts: int = 0
    events: list[str] = field(default_factory=list)  # "text", "qr", "cut", "image", in the order printed

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class EscposDecoder:
    """Bytes in, paper out; an incomplete command waits for the rest of its bytes."""

    def __init__(self, on_status=lambda n: None) -> None:
        self.paper = Paper()
        self._buffer = bytearray()
        self._line = bytearray()
        self._codepage = "cp437"
        self._qr_data = b""
        self._on_status = on_status
        self.unknown: list[bytes] = []

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while self._buffer:
            used = self._one(self._buffer)
            if used == 0:
                return  # wait for more bytes
            del self._buffer[:used]

    def flush(self) -> Paper:
        if self._line:
            self._end_line()
        return self.paper

    # -- one command: how many bytes it used (0: incomplete) -------------------------------
    def _one(self, b: bytearray) -> int:
        c = b[0]
        if c == 0x0A:
            self._end_line()
            return 1
        if c in (0x0D, 0x00):
            return 1
        if c == 0x09:
            self._line += b"    "
            return 1
        if c == DLE:
            return self._dle(b)
        if c == ESC:
            return self._esc(b)
        if c == GS:
            return self._gs(b)
        if c == FS:
            return 2 if len(b) >= 2 else 0
        self._line.append(c)
        return 1

    def _dle(self, b: bytearray) -> int:
        if len(b) < 3:
            return 0
        if b[1] == 0x04:
            self._on_status(b[2])
            return 3
        if b[1] == 0x14:
            return 5 if len(b) >= 5 else 0
        return 3

    def _esc(self, b: bytearray) -> int:
        if len(b) < 2:
            return 0
        cmd = b[1]
        if cmd == ord("*"):  # bit image: m nL nH data
            if len(b) < 5:
                return 0
            n = (b[3] + 256 * b[4]) * (1 if b[2] in (0, 1) else 3)
            return self._take(b, 5 + n, "image")
        if cmd not in ESC_PARAMS:
            self.unknown.append(bytes(b[:2]))
            return 2
        size = 2 + ESC_PARAMS[cmd]
        if len(b) < size:
            return 0
        if cmd == ord("@"):
            self._codepage = "cp437"
        elif cmd == ord("t"):
            self._codepage = CODEPAGES.get(b[2], "latin-1")
        elif cmd == ord("d"):
            self._end_line()
            self.paper.lines.extend([""] * max(0, b[2] - 1))
        return size

    def _gs(self, b: bytearray) -> int:
        if len(b) < 2:
            return 0
        cmd = b[1]
        if cmd == ord("V"):  # cut: m, or m n
            if len(b) < 3:
                return 0
            size = 4 if b[2] in (65, 66, 97, 98, 103, 104) else 3
            if len(b) < size:
                return 0
            self._end_line(if_any=True)
            self.paper.cuts += 1
            self.paper.events.append("cut")
            return size
        if cmd == ord("("):  # GS ( fn pL pH data
            if len(b) < 5:
                return 0
            size = 5 + b[3] + 256 * b[4]
            if len(b) < size:
                return 0
            if b[2] == ord("k") and size >= 8 and b[5] == ord("1"):
                self._qr(bytes(b[6:size]))
            elif b[2] == ord("L"):
                self.paper.events.append("image")
            return size
        if cmd == ord("v"):  # GS v 0 m xL xH yL yH data: raster image
            if len(b) < 8:
                return 0
            return self._take(b, 8 + (b[4] + 256 * b[5]) * (b[6] + 256 * b[7]), "image")
        if cmd == ord("8") and len(b) >= 7 and b[2] == ord("L"):  # GS 8 L p1..p4 data
            return self._take(b, 7 + int.from_bytes(b[3:7], "little"), "image")
        if cmd == ord("k"):  # barcode: m data NUL (m <= 6) or m n data
            if len(b) < 4:
                return 0
            if b[2] <= 6:
                end = b.find(0, 3)
                return 0 if end < 0 else end + 1
            return self._take(b, 4 + b[3], "barcode")
        if cmd not in GS_PARAMS:
            self.unknown.append(bytes(b[:2]))
            return 2
        size = 2 + GS_PARAMS[cmd]
        return size if len(b) >= size else 0

    def _qr(self, body: bytes) -> None:
        fn = body[0]
        if fn == ord("P"):  # store: '0' then the data
            self._qr_data = body[2:]
        elif fn == ord("Q"):  # print the stored symbol
            self._end_line(if_any=True)
            self.paper.qr_codes.append(self._qr_data.decode("utf-8", "replace"))
            self.paper.events.append("qr")

    def _take(self, b: bytearray, size: int, event: str) -> int:
        if len(b) < size:
            return 0
        self._end_line(if_any=True)
        self.paper.events.append(event)
        return size

    def _end_line(self, if_any: bool = False) -> None:
        if if_any and not self._line:
            return
        self.paper.lines.append(bytes(self._line).decode(self._codepage, "replace"))
        self.paper.events.append("text")
        self._line.clear()


def decode(data: bytes) -> Paper:
    """What ``data`` would print."""
    decoder = EscposDecoder()
    decoder.feed(data)
    return decoder.flush()


class EscposPrinterEmulator:
    """A network receipt printer on 127.0.0.1:<ephemeral port>, one connection at a time."""

    def __init__(self) -> None:
        self.paper_out = False
        self.paper_low = False
        self.cover_open = False
        self.offline = False
        self.silent = False
        self.received = bytearray()
        self.status_requests: list[int] = []
        self._decoder = EscposDecoder(self._status)
        self._changed = threading.Condition()
        self._conn: socket.socket | None = None
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, args=(self._listener,), daemon=True)
        self._thread.start()

    @property
    def paper(self) -> Paper:
        return self._decoder.paper

    # -- DLE EOT n: the bytes an Epson printer answers ------------------------------------
    def status_byte(self, n: int) -> int:
        stopped = self.paper_out or self.cover_open or self.offline
        if n == 1:
            return 0x12 | (0x08 if stopped else 0)
        if n == 2:
            return 0x12 | (0x04 if self.cover_open else 0) | (0x20 if self.paper_out else 0)
        if n == 4:
            return 0x12 | (0x0C if self.paper_low else 0) | (0x60 if self.paper_out else 0)
        return 0x12

    def _status(self, n: int) -> None:
        self.status_requests.append(n)
        if not self.silent and self._conn is not None:
            self._conn.sendall(bytes([self.status_byte(n)]))

    # -- waiting for what the kiosk sent (no sleeping: woken when bytes arrive) -----------
    def wait_for_cuts(self, n: int = 1, timeout: float = 10.0) -> Paper:
        with self._changed:
            if not self._changed.wait_for(lambda: self.paper.cuts >= n, timeout):
                raise AssertionError(f"the printer got {self.paper.cuts} cut(s), expected {n}: {self.paper.lines}")
        return self.paper

    def power_off(self) -> None:
        """The printer goes away: the port closes, the connection drops, new ones are refused."""
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone does not, on Linux)
        except OSError:
            pass
        self._listener.close()
        if self._conn is not None:
            try:
                self._conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(timeout=10)

    def close(self) -> None:
        self.power_off()

    # -- the printer's side ----------------------------------------------------------------
    def _serve(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # closed: powered off
                return
            with conn:
                self._conn = conn
                while True:
                    try:
                        data = conn.recv(4096)
                    except OSError:
                        data = b""
                    if not data:
                        break
                    with self._changed:
                        self.received += data
                        self._decoder.feed(data)
                        self._changed.notify_all()
                self._conn = None
