"""Collects what a threaded device reports, so tests wait for an event or a
state instead of sleeping (the wait ends as soon as it arrives)."""

from __future__ import annotations

import queue
import threading
import time

from kiosk.devices.base import BarcodeRead, Device, DeviceState

TIMEOUT_S = 10.0  # only reached when a test fails


class Recorder:
    """Listens to one device; given none, it is handed to ``DeviceManager.open_all``
    (``open_all(rec.events.put, rec.status)``) and told the device after."""

    def __init__(self, device: Device | None = None) -> None:
        self.events: queue.Queue[BarcodeRead] = queue.Queue()
        self.states: list[DeviceState] = []
        self._changed = threading.Condition()
        self.device = device
        if device is not None:
            device.on_event(self.events.put)
            device.on_status(self.status)

    def status(self, status) -> None:
        self._status(status)

    def _status(self, status) -> None:
        with self._changed:
            self.states.append(status.state)
            self._changed.notify_all()

    def next_read(self) -> BarcodeRead:
        return self.events.get(timeout=TIMEOUT_S)

    def wait_state(self, state: DeviceState) -> str:
        """Wait until the device is in `state`; returns its reason."""
        with self._changed:
            assert self._changed.wait_for(lambda: self.device.status.state is state, TIMEOUT_S), (
                f"still {self.device.status} (seen {self.states})"
            )
        return self.device.status.reason

    def no_more_reads(self) -> bool:
        return self.events.empty()


def wait_until(predicate, timeout: float = TIMEOUT_S) -> None:
    """Poll a condition another thread makes true (a frame counter, a log record)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        threading.Event().wait(0.002)


class ManualScheduler:
    """A device manager's scheduler that runs nothing by itself: it records the
    delays asked for, and the test makes the attempts with ``manager.reconnect_now()``."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def call_later(self, delay_s: float, fn) -> ManualScheduler:
        self.delays.append(delay_s)
        return self

    def cancel(self) -> None:
        pass


class RecordingScheduler:
    """The real timer scheduler, recording the delays asked for (to check the bound)."""

    def __init__(self) -> None:
        from kiosk.devices.manager import TimerScheduler

        self._timers = TimerScheduler()
        self.delays: list[float] = []

    def call_later(self, delay_s: float, fn):
        self.delays.append(delay_s)
        return self._timers.call_later(delay_s, fn)
