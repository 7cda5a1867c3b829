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

    def _set_state(self, state: DeviceState, reason: str = "") -> None:
        with self._lock:
            changed = (state, reason) != (self._state, self._reason)
            self._state, self._reason = state, reason
        if changed:
            log.info("device %s: %s %s", self.name, state.value, reason)
            for listener in self._status_listeners:
                listener(self.status)

    def _emit(self, event: Event) -> None:
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
