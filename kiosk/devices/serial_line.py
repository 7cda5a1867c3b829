"""One serial line, for every serial device: the only module that opens a port.

Opened with pyserial's ``serial_for_url`` and an exclusive lock, so a device
path (``/dev/ttyUSB0``, better ``/dev/serial/by-id/...``), a pty,
``socket://`` and ``rfc2217://`` all work, and a second program (``kiosk diag``
beside the running kiosk) is refused instead of stealing half of every reply.
Whatever pyserial or the OS raises becomes :class:`PortLost` or
:class:`PortUnusable` here, with a reason in the words staff see.

Two ways to use a line, as in pyserial's ``serial.threaded``:

* :class:`ReaderThread` reads on its own thread and feeds a :class:`Protocol`
  (bytes in, events out) - a scanner's line protocol;
* a caller that asks and waits (an RFID reader's poll loop) calls
  :meth:`SerialLine.write` and :meth:`SerialLine.read` itself, from its own
  thread (kiosk/devices/rfid/transport.py).

Neither reopens a lost line: the device reports ``disconnected`` and the
device manager decides when to try again.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass

import serial

try:  # pyserial lets termios.error out of open(): a tty vanishing mid-setup, a setting it refuses
    from termios import error as _tty_error
except ImportError:  # not a POSIX system
    _tty_error = OSError

__all__ = [
    "LineError",
    "LineSettings",
    "LineStats",
    "PortLost",
    "PortUnusable",
    "Protocol",
    "ReaderThread",
    "SerialLine",
]

log = logging.getLogger(__name__)

_PORT_ERRORS = (serial.SerialException, OSError, _tty_error)


class LineError(Exception):
    """The line failed; ``reason`` is what staff see next to the device."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PortLost(LineError):
    """The port cannot be opened, or failed under us (cable pulled): worth trying again later."""


class PortUnusable(LineError):
    """pyserial refuses the port name or line settings: reopening will not help."""


@dataclass(frozen=True)
class LineSettings:
    url: str
    baudrate: int
    parity: str = "N"
    bytesize: int = 8
    stopbits: int = 1
    #: How long one read waits for a first byte: bounds how fast a reader thread stops.
    read_timeout_s: float = 0.1
    write_timeout_s: float = 1.0


@dataclass
class LineStats:
    opens: int = 0
    port_errors: int = 0
    bytes_out: int = 0
    bytes_in: int = 0


class SerialLine:
    """A serial port that is open or not; every failure is a :class:`LineError`.

    Not locked: one thread reads and writes at a time (the reader thread, or
    the RFID transport under its own lock); :meth:`close` may come from another.
    """

    def __init__(self, settings: LineSettings) -> None:
        self.settings = settings
        self.stats = LineStats()
        self._port: serial.SerialBase | None = None

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def open(self) -> None:
        if self._port is not None:
            return
        s = self.settings
        try:
            self._port = serial.serial_for_url(
                s.url,
                baudrate=s.baudrate,
                bytesize=s.bytesize,
                parity=s.parity,
                stopbits=s.stopbits,
                timeout=s.read_timeout_s,
                write_timeout=s.write_timeout_s,
                exclusive=True,
            )
        except ValueError as exc:
            raise PortUnusable(f"cannot use {s.url!r}: {exc}") from exc
        except _PORT_ERRORS as exc:
            raise PortLost(f"cannot open {s.url}: {_why(exc)}") from exc
        self.stats.opens += 1

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(*_PORT_ERRORS):  # already gone with the cable
                port.close()

    def read(self) -> bytes:
        """What has arrived; waits up to ``read_timeout_s`` for a first byte (b"" if none came)."""
        port = self._require()
        try:
            data = port.read(port.in_waiting or 1)
        except _PORT_ERRORS as exc:
            raise self._lost(exc) from exc
        self.stats.bytes_in += len(data)
        return data

    def read_waiting(self) -> bytes:
        """What has arrived, without waiting."""
        port = self._require()
        try:
            waiting = port.in_waiting
            data = port.read(waiting) if waiting else b""
        except _PORT_ERRORS as exc:
            raise self._lost(exc) from exc
        self.stats.bytes_in += len(data)
        return data

    def write(self, data: bytes) -> None:
        port = self._require()
        try:
            port.write(data)
        except _PORT_ERRORS as exc:
            raise self._lost(exc) from exc
        self.stats.bytes_out += len(data)

    def _require(self) -> serial.SerialBase:
        port = self._port
        if port is None:
            raise PortLost(f"{self.settings.url} is not open")
        return port

    def _lost(self, exc: BaseException) -> PortLost:
        self.stats.port_errors += 1
        self.close()
        return PortLost(f"lost {self.settings.url}: {_why(exc)}")


class Protocol:
    """Bytes in, events out: what a :class:`ReaderThread` feeds (``serial.threaded.Protocol``'s shape)."""

    def connection_made(self, line: SerialLine) -> None:
        """The thread started reading ``line``."""

    def data_received(self, data: bytes) -> None:
        """Some bytes arrived (any cut: a line may come in pieces)."""

    def idle(self) -> None:
        """A read waited ``read_timeout_s`` and nothing came (to drop a half line, say)."""

    def connection_lost(self, reason: str | None) -> None:
        """The thread stopped: ``reason`` if the line failed, None if asked to stop."""


class ReaderThread:
    """Reads an open :class:`SerialLine` on its own thread and feeds a :class:`Protocol`.

    A line failure ends the thread after ``connection_lost(reason)``; it never
    reopens the port (the device manager does, through the device).
    """

    def __init__(self, line: SerialLine, protocol: Protocol, name: str) -> None:
        self.line = line
        self.protocol = protocol
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading (at most one read timeout later) and wait for the thread."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        protocol = self.protocol
        protocol.connection_made(self.line)
        reason = None
        try:
            while not self._stop.is_set():
                data = self.line.read()
                if data:
                    protocol.data_received(data)
                else:
                    protocol.idle()
        except LineError as exc:
            reason = exc.reason
        except Exception as exc:  # a protocol's bug: logged whole, and the device says so
            log.exception("%s: the read loop failed", self._thread.name)
            reason = f"internal error ({exc!r})"
        protocol.connection_lost(reason)


def _why(exc: BaseException) -> str:
    """What went wrong, in the words staff see (pyserial's messages wrap the OS's)."""
    text = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
    if "exclusively lock" in text:
        return "in use by another program (is the kiosk running?)"
    cause = exc.__context__
    if (
        isinstance(cause, OSError)
        and cause.strerror
        and (text.startswith("could not open port") or isinstance(exc, serial.SerialException))
    ):
        return cause.strerror
    if isinstance(exc, _tty_error) and len(exc.args) == 2:
        return str(exc.args[1])
    return text
