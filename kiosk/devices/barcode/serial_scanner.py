"""Serial barcode scanners (RS-232 or USB-CDC): one code per line.

The port is a :class:`kiosk.devices.serial_line.SerialLine` read by a
:class:`ReaderThread` (a path such as ``/dev/ttyACM0``, better
``/dev/serial/by-id/...``, which survives re-plugging into another USB
socket, or ``socket://`` / ``rfc2217://``); :class:`ScannerProtocol` turns its
bytes into codes. A lost port makes the scanner ``disconnected`` and the
device manager reopens it; noise on the line is logged and dropped, never
reported as a code.
"""

from __future__ import annotations

import codecs
import logging
import time
from dataclasses import dataclass

from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState
from kiosk.devices.options import REQUIRED, option
from kiosk.devices.serial_line import LineError, LineSettings, PortUnusable, Protocol, ReaderThread, SerialLine
from kiosk.devices.site import Site
from kiosk.errors import DeviceError

log = logging.getLogger(__name__)

#: AIM symbology identifiers ("]" + letter + modifier) that scanners can be set to send first.
AIM_SYMBOLOGIES = {
    "A": "code39",
    "C": "code128",
    "E": "ean13",
    "F": "codabar",
    "G": "code93",
    "I": "itf",
    "L": "pdf417",
    "Q": "qrcode",
    "d": "datamatrix",
}


def _encoding_known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


@dataclass(frozen=True)
class ScannerOptions:
    port: str = option(REQUIRED, (str,), 'a serial port or pyserial URL such as "/dev/ttyACM0"', bool)
    baudrate: int = option(9600, (int,), "a baud rate such as 9600", lambda v: v > 0)
    bytesize: int = option(8, (int,), "7 or 8", lambda v: v in (7, 8))
    parity: str = option("N", (str,), '"N", "E" or "O"', lambda v: v in ("N", "E", "O"))
    stopbits: int = option(1, (int,), "1 or 2", lambda v: v in (1, 2))
    # Default: a line ends at CR, LF or CRLF, whichever the scanner sends.
    terminator: str | None = option(None, (str,), 'the characters ending a code, e.g. "\\r\\n"', bool)
    encoding: str = option("ascii", (str,), 'a text encoding such as "ascii" or "latin-1"', _encoding_known)
    # The scanner is set to send AIM identifiers ("]F0" for Codabar...): report the symbology.
    aim_ids: bool = option(False, (bool,), "true or false")
    reconnect_s: float = option(
        0.5, (int, float), "the longest wait, in seconds, between attempts to reopen a lost port", lambda v: v > 0
    )


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
            line, self._buffer = self._buffer[:index], self._buffer[index + len(terminator) :]
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


class ScannerProtocol(Protocol):
    """A scanner's bytes in, :class:`BarcodeRead` events out (through ``emit``)."""

    def __init__(
        self, device: str, options: ScannerOptions, emit, lost, partial_line_s: float, clock=time.monotonic
    ) -> None:
        """``lost(reason)`` is told when the line fails; ``partial_line_s``: how long half a line may wait."""
        self.device = device
        self.options = options
        self._emit = emit
        self._lost = lost
        self._partial_line_s = partial_line_s
        self._clock = clock
        terminator = options.terminator
        self._splitter = LineSplitter(terminator.encode("latin-1") if terminator else None)
        self._last_data = clock()

    def data_received(self, data: bytes) -> None:
        self._last_data = self._clock()
        for line in self._splitter.feed(data):
            parsed = parse_line(line, self.options.encoding, self.options.aim_ids)
            if parsed is None:
                log.warning("scanner %s: dropped a line that is not a code: %r", self.device, line)
            else:
                self._emit(BarcodeRead(self.device, *parsed))

    def idle(self) -> None:
        if self._splitter.pending and self._clock() - self._last_data > self._partial_line_s:
            log.warning(
                "scanner %s: dropped %r, which never got its line end (is the scanner set to "
                "send CR or LF after a code?)",
                self.device,
                self._splitter.drop(),
            )

    def connection_lost(self, reason: str | None) -> None:
        if reason is not None:
            self._lost(reason)


class SerialScanner(BarcodeSource):
    driver = "serial"
    Options = ScannerOptions
    #: Seconds a read waits, which bounds how long close() takes.
    read_timeout_s = 0.1
    #: A line without its terminator for this long is noise (or a scanner set up without one).
    partial_line_s = 1.0

    def __init__(self, name: str, options: ScannerOptions, site: Site) -> None:
        super().__init__(name, options, site)
        self.reconnect_s = options.reconnect_s
        self._line = SerialLine(
            LineSettings(
                options.port,
                options.baudrate,
                options.parity,
                options.bytesize,
                options.stopbits,
                read_timeout_s=self.read_timeout_s,
            )
        )
        self._reader: ReaderThread | None = None

    def open(self) -> None:
        try:  # at once, so the first status says whether the scanner is there
            self._connect()
        except PortUnusable as exc:  # a URL pyserial cannot use: no reconnecting will fix that
            raise DeviceError(
                f"[devices.{self.name}] port: {exc.reason}",
                hint="give a device path or a pyserial URL (socket://, rfc2217://)",
            ) from exc

    def reconnect(self) -> bool:
        return self._connect()

    def close(self) -> None:
        self._stop_reading()
        self._line.close()
        self._set_state(DeviceState.CLOSED)

    def _connect(self) -> bool:
        self._stop_reading()
        try:
            self._line.open()
        except PortUnusable:
            raise
        except LineError as exc:
            self._set_state(DeviceState.DISCONNECTED, f"{exc.reason}; reconnecting")
            return False
        protocol = ScannerProtocol(self.name, self.options, self._emit, self._lost, self.partial_line_s)
        self._reader = ReaderThread(self._line, protocol, f"scanner-{self.name}")
        self._set_state(DeviceState.OK)
        self._reader.start()
        return True

    def _lost(self, reason: str) -> None:
        self._line.close()
        self._set_state(DeviceState.DISCONNECTED, f"{reason}; reconnecting")

    def _stop_reading(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.stop()
