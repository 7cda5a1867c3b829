"""What every device offers the rest of the kiosk, whatever its vendor.

Devices report what they read as events to listeners. Listeners are
called on the device's own thread; the UI bridges them onto the GUI
thread with Qt signals (kiosk/ui/bridge.py), so nothing here imports Qt.
"""

from __future__ import annotations

import enum
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from kiosk.devices.options import NoOptions
from kiosk.devices.site import Site

log = logging.getLogger(__name__)


class DeviceState(str, enum.Enum):
    OK = "ok"
    DEGRADED = "degraded"
    DISCONNECTED = "disconnected"
    ERROR = "error"
    CLOSED = "closed"


@dataclass(frozen=True)
class DeviceStatus:
    name: str
    kind: str
    driver: str
    state: DeviceState
    reason: str = ""


@dataclass(frozen=True)
class LastRead:
    """What a device last read, for a technician: the raw bytes (hex) and what they decoded to."""

    raw_hex: str
    decoded: str
    at: datetime


@dataclass(frozen=True)
class DeviceReport:
    """A device as diagnostics show it: its state, its last read, its error counters."""

    status: DeviceStatus
    last_read: LastRead | None = None
    counters: tuple[tuple[str, int], ...] = ()
    has_self_test: bool = False


@dataclass(frozen=True)
class TagRead:
    """One tag on the pad, decoded. ``error`` is set for an unreadable tag."""

    uid: str
    item_id: str = ""
    parts_in_set: int = 1
    part_number: int = 1
    is_patron_card: bool = False
    model: str = ""
    error: str = ""


@dataclass(frozen=True)
class TagsSeen:
    device: str
    arrived: tuple[TagRead, ...] = ()
    left: tuple[str, ...] = ()  # uids


@dataclass(frozen=True)
class BarcodeRead:
    device: str
    code: str
    symbology: str | None = None


Event = TagsSeen | BarcodeRead


def describe(event: Event) -> str:
    """What an event means, in one line for a technician ("" for tags only leaving)."""
    if isinstance(event, BarcodeRead):
        return f"{event.symbology or 'barcode'} {event.code}"
    parts = []
    for tag in event.arrived:
        if tag.error:
            parts.append(f"tag {tag.uid}: unreadable ({tag.error})")
        else:
            what = "patron card" if tag.is_patron_card else f"item {tag.item_id}"
            set_part = f" part {tag.part_number}/{tag.parts_in_set}" if tag.parts_in_set > 1 else ""
            parts.append(f"tag {tag.uid}: {what}{set_part} [{tag.model}]")
    return "; ".join(parts)


Listener = Callable[[Event], None]
StatusListener = Callable[[DeviceStatus], None]


class Device(ABC):
    """One configured device. Drivers are built alike, ``cls(name, options, site)``,
    where ``options`` is an instance of the driver's own ``Options`` dataclass
    (kiosk/devices/options.py) and ``site`` the site's settings (kiosk/devices/site.py)."""

    kind: ClassVar[str] = ""
    driver: ClassVar[str] = ""
    #: The driver's options, declared as a frozen dataclass of :func:`kiosk.devices.options.option` fields.
    Options: ClassVar[type] = NoOptions
    #: Whether :meth:`self_test` does something (a printer's test page); diagnostics offer it then.
    has_self_test: ClassVar[bool] = False

    def __init__(self, name: str, options: Any = None, site: Site | None = None) -> None:
        self.name = name
        self.options = options if options is not None else self.Options()
        self.site = site if site is not None else Site()
        #: The longest the device manager waits between attempts to reopen it once lost.
        self.reconnect_s = 0.5
        self._listeners: list[Listener] = []
        self._status_listeners: list[StatusListener] = []
        self._state, self._reason = DeviceState.CLOSED, ""
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._last_read: LastRead | None = None
        self._raw = b""

    @abstractmethod
    def open(self) -> None:
        """Start reading; raise :class:`kiosk.errors.DeviceError` if the device cannot be used.

        A device that is configured right but not there (unplugged) is no error:
        it opens ``disconnected`` with the reason, and the manager reconnects it."""

    def reconnect(self) -> bool:
        """One attempt to get a lost device back, made by the device manager; True if it is back.

        The default suits devices with nothing to reopen: they are back when they say so."""
        return self._state is DeviceState.OK

    @abstractmethod
    def close(self) -> None: ...

    def on_event(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def on_status(self, listener: StatusListener) -> None:
        self._status_listeners.append(listener)

    @property
    def status(self) -> DeviceStatus:
        return DeviceStatus(self.name, self.kind, self.driver, self._state, self._reason)

    # -- what diagnostics show ----------------------------------------------------------
    def counters(self) -> dict[str, int]:
        """Error counters (failed reads, timeouts, reconnects...); drivers add their line's own."""
        with self._lock:
            return dict(self._counts)

    def count(self, counter: str) -> None:
        with self._lock:
            self._counts[counter] = self._counts.get(counter, 0) + 1

    def note_raw(self, raw: bytes) -> None:
        """The bytes a driver just read (a tag's memory); the next event it emits says what they meant."""
        self._raw = raw

    def report(self) -> DeviceReport:
        return DeviceReport(self.status, self._last_read, tuple(sorted(self.counters().items())), self.has_self_test)

    def self_test(self) -> str:
        """One harmless action proving the device works end to end (a printer prints a test
        page); returns what happened, raises :class:`kiosk.errors.DeviceError` with why not.
        Only called when ``has_self_test``; printer drivers override both."""
        raise NotImplementedError(f"{self.driver} {self.kind} has no self test")

    def _set_state(self, state: DeviceState, reason: str = "") -> None:
        with self._lock:
            changed = (state, reason) != (self._state, self._reason)
            self._state, self._reason = state, reason
        if changed:
            log.info("device %s: %s %s", self.name, state.value, reason)
            for listener in self._status_listeners:
                listener(self.status)

    def _emit(self, event: Event) -> None:
        raw, self._raw = self._raw, b""
        if isinstance(event, BarcodeRead):
            raw = raw or event.code.encode("utf-8", "replace")
        if decoded := describe(event):
            self._last_read = LastRead(raw.hex(" ").upper(), decoded, datetime.now().astimezone())
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:  # a listener's bug must not kill a device thread
                log.exception("device %s: listener failed on %r", self.name, event)


class RfidReader(Device):
    kind = "rfid"

    @abstractmethod
    def tags(self) -> list[TagRead]:
        """The tags on the pad now."""

    @abstractmethod
    def set_secured(self, uid: str, secured: bool) -> bool:
        """Switch a tag's security (AFI or EAS per site), read it back; True if it took."""


class BarcodeSource(Device):
    kind = "barcode"


class PrinterCondition(str, enum.Enum):
    """What a receipt printer says of itself (ESC/POS real-time status, DLE EOT n)."""

    OK = "ok"
    PAPER_LOW = "paper_low"  # still prints; staff should change the roll soon
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # does not answer, or reports itself offline

    @property
    def can_print(self) -> bool:
        return self in (PrinterCondition.OK, PrinterCondition.PAPER_LOW)


class ReceiptPrinter(Device):
    """A receipt printer: takes whole rendered jobs (ESC/POS bytes, kiosk/receipts/paper.py).

    Both calls are blocking I/O: run them off the GUI thread (the receipts
    desk sends them to the circulation worker's I/O pool)."""

    kind = "printer"
    # The condition the last check() found (read without asking the printer: metrics, diagnostics).
    condition: PrinterCondition = PrinterCondition.OFFLINE

    @property
    @abstractmethod
    def profile(self) -> str | None:
        """The python-escpos profile jobs are rendered for (None: python-escpos's default)."""

    @property
    @abstractmethod
    def columns(self) -> int:
        """Characters per line in the normal font (0: the profile's)."""

    @abstractmethod
    def check(self) -> PrinterCondition:
        """Ask the printer how it is now, and report it as the device's state."""

    @abstractmethod
    def print_job(self, job: bytes) -> None:
        """Send one rendered job; :class:`kiosk.errors.DeviceError` (with the reason) when it cannot print."""


class FrameSource(ABC):
    """A device whose picture the screens show (the scanning camera's live preview)."""

    @property
    @abstractmethod
    def crop(self) -> float | tuple[float, float]:
        """The guide box the decoder reads, as a fraction of the frame: one number, or (width, height)."""

    @abstractmethod
    def latest_frame(self) -> Any:
        """The newest BGR frame (an ndarray, never modified: copy before drawing on it), or None."""
