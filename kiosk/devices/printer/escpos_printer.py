"""ESC/POS receipt printers through python-escpos: network (TCP 9100), serial, USB.

python-escpos opens the transport and speaks to it (``_raw`` writes, its
``query_status`` sends a DLE EOT and reads the answer); this module keeps
one connection, asks the printer's real-time status before each job, and
turns what the printer says into the device's state (status.py). A job is
sent whole, in one write, only when the printer says it can print it.

A printer that is not there (switched off, unplugged, wrong address) is no
configuration error: it opens ``disconnected`` and the device manager
keeps trying. With ``status = false`` (printers that cannot answer, such
as USB printers without an IN endpoint) the printer is taken to be fine as
long as the connection opens and the writes go through.
"""

from __future__ import annotations

import logging
import threading
from abc import abstractmethod
from dataclasses import dataclass
from typing import Any

from kiosk.devices.base import DeviceState, PrinterCondition
from kiosk.devices.options import REQUIRED, option
from kiosk.devices.printer import status
from kiosk.devices.printer.common import PrinterDevice, PrinterOptions
from kiosk.errors import DeviceError
from kiosk.receipts.paper import escpos_printers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _EscposOptions(PrinterOptions):
    # Ask the printer's real-time status (DLE EOT) before each job and when the finish screen opens.
    status: bool = option(True, (bool,), "true or false")
    # Seconds to wait for the printer to accept data or answer a status request.
    timeout_s: float = option(3.0, (int, float), "seconds, more than 0", lambda v: v > 0)


class _ConnectionLost(Exception):
    pass


class EscposPrinter(PrinterDevice):
    """One python-escpos printer object, used under a lock (the I/O pool has several threads)."""

    def __init__(self, name, options=None, site=None) -> None:
        super().__init__(name, options, site)
        self._io = threading.Lock()
        self._printer: Any = None

    @abstractmethod
    def _connection(self) -> Any:
        """The python-escpos printer object for this transport, not yet opened."""

    @abstractmethod
    def where(self) -> str:
        """The transport's address, for messages (host:port, port, USB ids)."""

    # -- Device -----------------------------------------------------------------------
    def open(self) -> None:
        self.check()

    def close(self) -> None:
        with self._io:
            self._drop()
        self._set_state(DeviceState.CLOSED)

    # -- ReceiptPrinter ---------------------------------------------------------------
    def check(self) -> PrinterCondition:
        with self._io:
            return self._check()

    def print_job(self, job: bytes) -> None:
        with self._io:
            condition = self._check()
            if not condition.can_print:
                raise DeviceError(f"printer {self.name}: {self.status.reason}", hint="see the printer")
            try:
                self._printer._raw(job)  # python-escpos's one write call: the whole job at once
            except Exception as exc:  # OSError, pyserial's and pyusb's errors: the job did not get through
                self._drop()
                self._report(PrinterCondition.OFFLINE, f"writing to {self.where()} failed: {exc}")
                raise DeviceError(
                    f"printer {self.name}: the receipt could not be sent ({exc})", hint="check the printer's cable"
                ) from exc

    # -- inside the lock --------------------------------------------------------------
    def _check(self) -> PrinterCondition:
        """Connect if need be and ask the printer; a connection found dead is made again once."""
        for attempt in (1, 2):
            if self._printer is None and not self._connect():
                return self.condition
            if not self.options.status:
                return self._report(PrinterCondition.OK)
            try:
                return self._report(status.condition(*(self._ask(n) for n in status.QUERIES)))
            except status.StatusUnreadable as exc:
                self._drop()
                return self._report(PrinterCondition.OFFLINE, str(exc))
            except _ConnectionLost as exc:
                self._drop()
                if attempt == 2:
                    return self._report(PrinterCondition.OFFLINE, str(exc))
        raise AssertionError("not reached")

    def _connect(self) -> bool:
        printer = self._connection()
        try:
            printer.open()
        except Exception as exc:  # python-escpos's DeviceNotFoundError, and what the transport raises
            self._report(PrinterCondition.OFFLINE, f"cannot reach {self.where()}: {_first_line(exc)}")
            return False
        self._printer = printer
        return True

    def _ask(self, n: int) -> int:
        try:
            reply = self._printer.query_status(status.request(n))
        except Exception as exc:  # a timeout or a reset connection
            raise _ConnectionLost(f"no answer to a status request from {self.where()}: {exc}") from exc
        if not reply:
            raise _ConnectionLost(f"{self.where()} closed the connection")
        return reply[-1]

    def _drop(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception:  # closing a connection that is already gone
                log.debug("printer %s: closing failed", self.name, exc_info=True)


def _first_line(exc: Exception) -> str:
    """The transport's own words: python-escpos wraps them as "Device not found (<where>:\n<why>)"."""
    from escpos.exceptions import DeviceNotFoundError

    words = (exc.msg if isinstance(exc, DeviceNotFoundError) else str(exc)).strip()
    return words.splitlines()[-1] if words else type(exc).__name__


@dataclass(frozen=True)
class NetworkOptions(_EscposOptions):
    host: str = option(REQUIRED, (str,), "the printer's host name or IP address", lambda v: bool(v.strip()))
    port: int = option(9100, (int,), "a TCP port (1-65535)", lambda v: 0 < v < 65536)


class NetworkPrinter(EscposPrinter):
    driver = "escpos-network"
    Options = NetworkOptions

    def where(self) -> str:
        return f"{self.options.host}:{self.options.port}"

    def _connection(self) -> Any:
        import socket

        class _Network(escpos_printers().Network):
            """python-escpos's network printer, closing its socket when the connection fails
            (python-escpos 3.1 drops it open, a file descriptor lost per attempt)."""

            def open(self, raise_not_found: bool = True) -> None:
                self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)

        return _Network(self.options.host, self.options.port, timeout=self.options.timeout_s, profile=self.profile)


@dataclass(frozen=True)
class SerialOptions(_EscposOptions):
    # A device (/dev/ttyUSB0) or any pyserial URL (socket://host:port, rfc2217://...).
    port: str = option(REQUIRED, (str,), "a serial port such as /dev/ttyUSB0", lambda v: bool(v.strip()))
    baudrate: int = option(9600, (int,), "a baud rate such as 9600", lambda v: v > 0)


class SerialPrinter(EscposPrinter):
    driver = "escpos-serial"
    Options = SerialOptions

    def where(self) -> str:
        return self.options.port

    def _connection(self) -> Any:
        import serial

        class _UrlSerial(escpos_printers().Serial):
            """python-escpos's serial printer, opened with serial_for_url (socket://, rfc2217:// too),
            reading one status byte instead of waiting out the timeout for sixteen."""

            def open(self, raise_not_found: bool = True) -> None:
                self.device = serial.serial_for_url(
                    self.devfile, baudrate=self.baudrate, timeout=self.timeout, write_timeout=self.timeout
                )

            def _read(self) -> bytes:
                return self.device.read(1)

        return _UrlSerial(
            self.options.port, self.options.baudrate, timeout=self.options.timeout_s, profile=self.profile
        )


@dataclass(frozen=True)
class UsbOptions(_EscposOptions):
    vendor_id: int = option(REQUIRED, (int,), "the USB vendor id, e.g. 0x04b8", lambda v: 0 < v <= 0xFFFF)
    product_id: int = option(REQUIRED, (int,), "the USB product id, e.g. 0x0202", lambda v: 0 < v <= 0xFFFF)
    in_ep: int = option(0x82, (int,), "a USB IN endpoint address, e.g. 0x82", lambda v: 0 < v <= 0xFF)
    out_ep: int = option(0x01, (int,), "a USB OUT endpoint address, e.g. 0x01", lambda v: 0 < v <= 0xFF)


class UsbPrinter(EscposPrinter):
    """Needs read/write access to the USB device (a udev rule) and the kernel's usblp let go."""

    driver = "escpos-usb"
    Options = UsbOptions

    def where(self) -> str:
        return f"USB {self.options.vendor_id:04x}:{self.options.product_id:04x}"

    def _connection(self) -> Any:
        return escpos_printers().Usb(
            self.options.vendor_id,
            self.options.product_id,
            timeout=int(self.options.timeout_s * 1000),
            in_ep=self.options.in_ep,
            out_ep=self.options.out_ep,
            profile=self.profile,
        )
