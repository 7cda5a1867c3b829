"""Opens the devices a config names, owns them, reconnects the lost ones, and reports their state.

A device that fails to open is kept with state ``error`` and its reason,
so the kiosk shows staff what is wrong instead of starting half-working
in silence. A device that goes ``disconnected`` (or fails while running) is
retried here, not by its own loop: first soon, then less often, never
waiting longer than the device's ``reconnect_s`` between attempts, so a
replugged reader is back within about that long of its port returning.
Every change a device goes through reaches the status listeners.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.config import DeviceConfig
from kiosk.devices.base import (
    Device,
    DeviceReport,
    DeviceState,
    DeviceStatus,
    FrameSource,
    Listener,
    StatusListener,
)
from kiosk.devices.registry import build, options_for
from kiosk.devices.site import Site, SiteBarcodes, SiteRfid
from kiosk.errors import DeviceError

__all__ = ["DeviceManager", "Scheduler", "TimerScheduler", "backoff_s"]

log = logging.getLogger(__name__)

_RETRY_STATES = (DeviceState.DISCONNECTED, DeviceState.ERROR)


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    """Runs ``fn`` after ``delay_s`` on some thread; tests give one they step by hand."""

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> Cancellable: ...


class TimerScheduler:
    """The real one: a daemon ``threading.Timer`` per call."""

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> Cancellable:
        timer = threading.Timer(delay_s, fn)
        timer.daemon = True
        timer.start()
        return timer


def backoff_s(attempt: int, longest_s: float) -> float:
    """Delay before reconnect attempt ``attempt`` (0, 1, ...): doubling from an eighth of ``longest_s``."""
    return min(longest_s, longest_s / 8 * 2**attempt)


@dataclass
class _Retry:
    attempt: int
    timer: Cancellable | None  # None while the attempt runs


class DeviceManager:
    def __init__(
        self,
        configs: Iterable[DeviceConfig],
        *,
        rfid: Any,
        barcodes: Any,
        threaded: bool = True,
        capture: Callable[[Any], Any] | None = None,
        scheduler: Scheduler | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``rfid``/``barcodes``: the site's [rfid] and [barcodes] settings (read by attribute);
        ``threaded``, ``capture``, ``clock``: test switches every driver is given alike (kiosk/devices/site.py);
        ``scheduler``: when reconnect attempts run (default: timer threads)."""
        self.devices: dict[str, Device] = {}
        self._failed: dict[str, DeviceStatus] = {}
        self._configs = [c for c in configs if c.enabled]
        self._site = Site(SiteRfid.of(rfid), SiteBarcodes.of(barcodes), threaded=threaded, capture=capture, clock=clock)
        self._scheduler = scheduler or TimerScheduler()
        self._retries: dict[str, _Retry] = {}
        self._retry_lock = threading.Lock()
        self._closed = False
        self._listeners: list[Listener] = []
        self._status_listeners: list[StatusListener] = []

    @staticmethod
    def check(configs: Iterable[DeviceConfig]) -> None:
        """Raise DeviceError for a driver name no module provides or an option its driver
        refuses, naming ``[devices.<name>] <key>``: what ``kiosk check-config`` and start-up both run."""
        for cfg in configs:
            options_for(cfg)

    def open_all(self, listener: Listener, status_listener: StatusListener | None = None) -> list[DeviceStatus]:
        self._listeners = [listener]
        self._status_listeners = [status_listener] if status_listener else []
        for cfg in self._configs:
            try:
                device = build(cfg, self._site)
                device.on_event(listener)
                if status_listener:
                    device.on_status(status_listener)
                device.on_status(self._watch)
                self.devices[cfg.name] = device
                device.open()
            except DeviceError as exc:
                log.error("device %s not opened: %s", cfg.name, exc)
                self.devices.pop(cfg.name, None)
                self._failed[cfg.name] = DeviceStatus(cfg.name, cfg.kind, cfg.driver, DeviceState.ERROR, exc.message)
        return self.statuses()

    def statuses(self) -> list[DeviceStatus]:
        return [d.status for d in self.devices.values()] + list(self._failed.values())

    def reports(self) -> list[DeviceReport]:
        """Every device as diagnostics show it; one that failed to open has only its status."""
        return [d.report() for d in self.devices.values()] + [DeviceReport(s) for s in self._failed.values()]

    def reconnect(self, name: str) -> DeviceStatus:
        """A technician's "reconnect": close and reopen this device now (blocking; not on the
        GUI thread). A device that failed to open is built again from its config."""
        device = self.devices.get(name)
        if device is None:
            cfg = next((c for c in self._configs if c.name == name), None)
            if cfg is None or name not in self._failed:
                raise KeyError(name)
            try:
                device = build(cfg, self._site)
            except DeviceError as exc:
                self._failed[name] = DeviceStatus(cfg.name, cfg.kind, cfg.driver, DeviceState.ERROR, exc.message)
                return self._failed[name]
            for listener in self._listeners:
                device.on_event(listener)
            for status_listener in [*self._status_listeners, self._watch]:
                device.on_status(status_listener)
            del self._failed[name]
            self.devices[name] = device
        else:
            device.close()
        device.count("reconnects_by_hand")
        try:
            device.open()
        except DeviceError as exc:
            log.error("device %s not reopened: %s", name, exc)
            device._set_state(DeviceState.ERROR, exc.message)
        return device.status

    def get(self, name: str) -> Device | None:
        return self.devices.get(name)

    def first(self, kind: str) -> Device | None:
        return next((d for d in self.devices.values() if d.kind == kind), None)

    def frame_source(self) -> FrameSource | None:
        """The device whose picture the screens show (the scanning camera), if there is one."""
        return next((d for d in self.devices.values() if isinstance(d, FrameSource)), None)

    def close_all(self) -> None:
        with self._retry_lock:
            self._closed = True
            retries, self._retries = list(self._retries.values()), {}
        for retry in retries:
            if retry.timer is not None:
                retry.timer.cancel()
        for device in self.devices.values():
            try:
                device.close()
            except Exception:
                log.exception("device %s did not close cleanly", device.name)

    # -- reconnecting -----------------------------------------------------------------
    def reconnect_now(self) -> None:
        """Make every waiting reconnect attempt now, on this thread (a technician's
        "try again", and how tests step the retries without waiting)."""
        with self._retry_lock:
            waiting = [name for name, retry in self._retries.items() if retry.timer is not None]
        for name in waiting:
            self._attempt(name)

    def _watch(self, status: DeviceStatus) -> None:
        """A device went disconnected (or failed while running): schedule its first attempt."""
        if status.state in _RETRY_STATES:
            with self._retry_lock:
                if not self._closed and status.name not in self._retries and status.name in self.devices:
                    self._schedule(status.name, 0)

    def _schedule(self, name: str, attempt: int) -> None:
        """Inside the lock."""
        delay = backoff_s(attempt, self.devices[name].reconnect_s)
        self._retries[name] = retry = _Retry(attempt, None)
        retry.timer = self._scheduler.call_later(delay, lambda: self._attempt(name))

    def _attempt(self, name: str) -> None:
        with self._retry_lock:
            retry = self._retries.get(name)
            if self._closed or retry is None or retry.timer is None:
                return  # cancelled, or another thread is on it
            timer, retry.timer = retry.timer, None
        timer.cancel()  # when run by reconnect_now
        device = self.devices.get(name)
        if device is None:  # refused while opening: nothing to reconnect
            with self._retry_lock:
                self._retries.pop(name, None)
            return
        try:
            back = device.status.state is DeviceState.OK or device.reconnect()
        except Exception:  # a driver's bug must not end the retries
            log.exception("device %s: reconnecting failed", name)
            back = False
        if not back:
            device.count("reconnect_failures")
        with self._retry_lock:
            if self._retries.get(name) is not retry:
                return
            del self._retries[name]
            if self._closed:
                return
            if not back:
                self._schedule(name, retry.attempt + 1)
            elif device.status.state in _RETRY_STATES:  # back, and lost again while we were on it
                self._schedule(name, 0)
            else:
                log.info("device %s reconnected after %d attempt(s)", name, retry.attempt + 1)
