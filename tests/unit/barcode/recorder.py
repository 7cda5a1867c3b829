"""Collects what a threaded device reports, so tests wait for an event or a
state instead of sleeping (the wait ends as soon as it arrives)."""

from __future__ import annotations

import queue
import threading
import time

from kiosk.devices.base import BarcodeRead, Device, DeviceState

TIMEOUT_S = 10.0  # only reached when a test fails


class Recorder:
    def __init__(self, device: Device) -> None:
        self.events: queue.Queue[BarcodeRead] = queue.Queue()
        self.states: list[DeviceState] = []
        self._changed = threading.Condition()
        device.on_event(self.events.put)
        device.on_status(self._status)
        self.device = device

    def _status(self, status) -> None:
        with self._changed:
            self.states.append(status.state)
            self._changed.notify_all()

    def next_read(self) -> BarcodeRead:
        return self.events.get(timeout=TIMEOUT_S)

    def wait_state(self, state: DeviceState) -> str:
        """Wait until the device is in `state`; returns its reason."""
        with self._changed:
            assert self._changed.wait_for(lambda: self.device.status.state is state, TIMEOUT_S), \
                f"still {self.device.status} (seen {self.states})"
        return self.device.status.reason

    def no_more_reads(self) -> bool:
        return self.events.empty()


def wait_until(predicate, timeout: float = TIMEOUT_S) -> None:
    """Poll a condition another thread makes true (a frame counter, a log record)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        threading.Event().wait(0.002)
