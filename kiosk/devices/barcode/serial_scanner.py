"""Serial barcode scanners (RS-232 or USB-CDC): one code per line.

The port is opened with pyserial's ``serial_for_url``, so a path
(``/dev/ttyACM0``, better ``/dev/serial/by-id/...``, which survives
re-plugging into another USB socket), ``socket://host:port`` and
``rfc2217://`` all work.  A lost port is reopened by the read thread on its
own; noise on the line is logged and dropped, never reported as a code.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import threading
import time

import serial

from kiosk.devices.options import REQUIRED, Option, read_options
from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState
from kiosk.devices.registry import register
from kiosk.errors import DeviceError

log = logging.getLogger(__name__)

#: AIM symbology identifiers ("]" + letter + modifier) that scanners can be set to send first.
AIM_SYMBOLOGIES = {"A": "code39", "C": "code128", "E": "ean13", "F": "codabar", "G": "code93",
                   "I": "itf", "L": "pdf417", "Q": "qrcode", "d": "datamatrix"}


def _encoding_known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


OPTIONS = {
    "port": Option(REQUIRED, (str,), "a serial port or pyserial URL such as \"/dev/ttyACM0\"", bool),
    "baudrate": Option(9600, (int,), "a baud rate such as 9600", lambda v: v > 0),
    "bytesize": Option(8, (int,), "7 or 8", lambda v: v in (7, 8)),
    "parity": Option("N", (str,), "\"N\", \"E\" or \"O\"", lambda v: v in ("N", "E", "O")),
    "stopbits": Option(1, (int,), "1 or 2", lambda v: v in (1, 2)),
    # Default: a line ends at CR, LF or CRLF, whichever the scanner sends.
    "terminator": Option(None, (str,), "the characters ending a code, e.g. \"\\r\\n\"", bool),
    "encoding": Option("ascii", (str,), "a text encoding such as \"ascii\" or \"latin-1\"", _encoding_known),
    # The scanner is set to send AIM identifiers ("]F0" for Codabar...): report the symbology.
    "aim_ids": Option(False, (bool,), "true or false"),
    "reconnect_s": Option(1.0, (int, float), "seconds between attempts to reopen a lost port",
                          lambda v: v > 0),
}


class LineSplitter:
    """Bytes in, complete lines out; empty lines (the LF of a CRLF) are dropped."""

    def __init__(self, terminator: bytes | None = None) -> None:
        self._terminators = [terminator] if terminator else [b"\r", b"\n"]
        self._buffer = b""

    @property
    def pending(self) -> bytes:
        return self._buffer

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        lines = []
        while True:
            cuts = [(i, t) for t in self._terminators if (i := self._buffer.find(t)) >= 0]
            if not cuts:
                return lines
            index, terminator = min(cuts)
            line, self._buffer = self._buffer[:index], self._buffer[index + len(terminator):]
            if line:
                lines.append(line)

    def drop(self) -> bytes:
        dropped, self._buffer = self._buffer, b""
        return dropped


def parse_line(raw: bytes, encoding: str = "ascii", aim_ids: bool = False) -> tuple[str, str | None] | None:
    """(code, symbology or None) from one line, or None for noise (logged by the caller)."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    text = text.strip("".join(map(chr, range(33))) + "\x7f")  # spaces and control characters around a code
    if not text or not text.isprintable():
        return None
    symbology = None
    if aim_ids and len(text) > 3 and text[0] == "]":
        symbology = AIM_SYMBOLOGIES.get(text[1])
        if text[1] == "E" and text[2] == "4":
            symbology = "ean8"
        text = text[3:]
    return text, symbology


@register
class SerialScanner(BarcodeSource):
    driver = "serial"
    #: Seconds a read waits, which bounds how long close() takes.
    read_timeout_s = 0.1
    #: A line without its terminator for this long is noise (or a scanner set up without one).
    partial_line_s = 1.0

    def __init__(self, name: str, options: dict | None = None, *, threaded: bool = True) -> None:
        """``threaded`` is accepted for the device manager's sake: a port is always read on its own thread."""
        super().__init__(name, options)
        self._opts: dict = {}
        self._port: serial.SerialBase | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._splitter = LineSplitter()

    def open(self) -> None:
        self._opts = read_options(self.name, self.driver, self.options, OPTIONS)
        terminator = self._opts["terminator"]
        self._splitter = LineSplitter(terminator.encode("latin-1") if terminator else None)
        self._stop.clear()
        self._connect()  # at once, so the first status says whether the scanner is there
        self._thread = threading.Thread(target=self._run, name=f"scanner-{self.name}", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._release()
        self._set_state(DeviceState.CLOSED)

    # -- the read thread ----------------------------------------------------------
    def _connect(self) -> bool:
        port = self._opts["port"]
        try:
            self._port = serial.serial_for_url(
                port, baudrate=self._opts["baudrate"], bytesize=self._opts["bytesize"],
                parity=self._opts["parity"], stopbits=self._opts["stopbits"], timeout=self.read_timeout_s)
        except ValueError as exc:  # a URL pyserial cannot use: no reconnecting will fix that
            raise DeviceError(f"[devices.{self.name}] port: cannot use {port!r} ({exc})",
                              hint="give a device path or a pyserial URL (socket://, rfc2217://)") from exc
        except (serial.SerialException, OSError) as exc:
            self._set_state(DeviceState.DISCONNECTED, f"cannot open {port}: {_why(exc)}")
            return False
        self._splitter.drop()
        self._set_state(DeviceState.OK)
        return True

    def _run(self) -> None:
        last_data = time.monotonic()
        while not self._stop.is_set():
            if self._port is None:
                if self._stop.wait(self._opts["reconnect_s"]):
                    break
                try:
                    self._connect()
                except DeviceError as exc:  # cannot happen after open() succeeded once, but never die silently
                    self._set_state(DeviceState.ERROR, exc.message)
                    break
                continue
            try:
                data = self._port.read(1)
                if data:
                    data += self._port.read(self._port.in_waiting)
            except (serial.SerialException, OSError) as exc:
                self._release()
                self._set_state(DeviceState.DISCONNECTED, f"lost {self._opts['port']}: {_why(exc)}; reconnecting")
                continue
            now = time.monotonic()
            if data:
                last_data = now
                for line in self._splitter.feed(data):
                    self._line(line)
            elif self._splitter.pending and now - last_data > self.partial_line_s:
                log.warning("scanner %s: dropped %r, which never got its line end (is the scanner set to "
                            "send CR or LF after a code?)", self.name, self._splitter.drop())
        self._release()

    def _line(self, raw: bytes) -> None:
        parsed = parse_line(raw, self._opts["encoding"], self._opts["aim_ids"])
        if parsed is None:
            log.warning("scanner %s: dropped a line that is not a code: %r", self.name, raw)
            return
        self._emit(BarcodeRead(self.name, *parsed))

    def _release(self) -> None:
        port, self._port = self._port, None
        with contextlib.suppress(serial.SerialException, OSError):  # closing a port whose cable is out
            if port is not None:
                port.close()


def _why(exc: BaseException) -> str:
    """The operating system's words ("No such file or directory") where pyserial wraps them."""
    inner = exc.__cause__ or exc.__context__
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror
    return str(exc)
