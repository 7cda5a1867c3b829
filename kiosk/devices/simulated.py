"""Simulated devices: what ``kiosk demo`` and the tests drive.

They behave like real ones from the outside — events arrive on their own
thread, tags stay on the pad until removed, a security write can fail —
so the code above them cannot tell the difference.
"""

from __future__ import annotations

import threading

from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState, RfidReader, TagRead, TagsSeen
from kiosk.devices.registry import register
from kiosk.errors import DeviceError


def _no_options(device) -> None:
    if device.options:
        raise DeviceError(f"[devices.{device.name}]: the simulated driver takes no options "
                          f"(got {', '.join(device.options)})", hint="remove them")


def _deliver(fn, *args) -> None:
    """Run on a fresh thread, like a real device's read loop would."""
    threading.Thread(target=fn, args=args, daemon=True).start()


@register
class SimulatedRfidReader(RfidReader):
    driver = "simulated"

    def __init__(self, name: str, options: dict | None = None, *, threaded: bool = True) -> None:
        super().__init__(name, options)
        self._tags: dict[str, TagRead] = {}
        self.secured: dict[str, bool] = {}
        self.fail_security: set[str] = set()  # uids whose security write "does not take"
        self._threaded = threaded

    def open(self) -> None:
        _no_options(self)
        self._set_state(DeviceState.OK)

    def close(self) -> None:
        self._set_state(DeviceState.CLOSED)

    def _send(self, event: TagsSeen) -> None:
        (_deliver if self._threaded else (lambda fn, *a: fn(*a)))(self._emit, event)

    def place(self, *tags: TagRead, secured: bool = True) -> None:
        new = [t for t in tags if t.uid not in self._tags]
        for tag in new:
            self._tags[tag.uid] = tag
            self.secured.setdefault(tag.uid, secured)
        if new:
            self._send(TagsSeen(self.name, arrived=tuple(new)))

    def remove(self, *uids: str) -> None:
        gone = [u for u in uids if self._tags.pop(u, None) is not None]
        if gone:
            self._send(TagsSeen(self.name, left=tuple(gone)))

    def clear(self) -> None:
        self.remove(*list(self._tags))

    def tags(self) -> list[TagRead]:
        return list(self._tags.values())

    def set_secured(self, uid: str, secured: bool) -> bool:
        if uid not in self._tags or uid in self.fail_security:
            return False
        self.secured[uid] = secured
        return True

    def unplug(self, reason: str = "cable unplugged (simulated)") -> None:
        self._set_state(DeviceState.DISCONNECTED, reason)

    def replug(self) -> None:
        self._set_state(DeviceState.OK)


@register
class SimulatedBarcodeScanner(BarcodeSource):
    driver = "simulated"

    def __init__(self, name: str, options: dict | None = None, *, threaded: bool = True) -> None:
        super().__init__(name, options)
        self._threaded = threaded

    def open(self) -> None:
        _no_options(self)
        self._set_state(DeviceState.OK)

    def close(self) -> None:
        self._set_state(DeviceState.CLOSED)

    def scan(self, code: str, symbology: str | None = None) -> None:
        event = BarcodeRead(self.name, code, symbology)
        (_deliver if self._threaded else (lambda fn, *a: fn(*a)))(self._emit, event)
