"""Opens the devices a config names, owns them, and reports their state.

A device that fails to open is kept with state ``error`` and its reason,
so the kiosk shows staff what is wrong instead of starting half-working
in silence.
"""

from __future__ import annotations

import inspect
import logging
from typing import Iterable

from kiosk.config import DeviceConfig
from kiosk.devices.base import Device, DeviceState, DeviceStatus, Listener, StatusListener
from kiosk.devices.registry import driver_class
from kiosk.errors import DeviceError

log = logging.getLogger(__name__)


class DeviceManager:
    def __init__(self, configs: Iterable[DeviceConfig], **driver_kwargs) -> None:
        self.devices: dict[str, Device] = {}
        self._failed: dict[str, DeviceStatus] = {}
        self._configs = [c for c in configs if c.enabled]
        self._driver_kwargs = driver_kwargs

    @staticmethod
    def check(configs: Iterable[DeviceConfig]) -> None:
        """Raise DeviceError for a driver name no module provides (config-time check)."""
        for cfg in configs:
            driver_class(cfg.kind, cfg.driver, f"[devices.{cfg.name}]: ")

    def open_all(self, listener: Listener, status_listener: StatusListener | None = None) -> list[DeviceStatus]:
        for cfg in self._configs:
            try:
                cls = driver_class(cfg.kind, cfg.driver, f"[devices.{cfg.name}]: ")
                device = cls(cfg.name, cfg.options, **self._kwargs_for(cls))
                device.on_event(listener)
                if status_listener:
                    device.on_status(status_listener)
                device.open()
                self.devices[cfg.name] = device
            except DeviceError as exc:
                log.error("device %s not opened: %s", cfg.name, exc)
                self._failed[cfg.name] = DeviceStatus(cfg.name, cfg.kind, cfg.driver, DeviceState.ERROR, exc.message)
        return self.statuses()

    def _kwargs_for(self, cls: type) -> dict:
        """Site settings ([rfid], [barcodes]) and test switches go only to the
        drivers whose constructor names them."""
        params = inspect.signature(cls).parameters
        return {k: v for k, v in self._driver_kwargs.items() if k in params}

    def statuses(self) -> list[DeviceStatus]:
        return [d.status for d in self.devices.values()] + list(self._failed.values())

    def frame_source(self):
        """The scanning camera whose picture the screens show, if there is one."""
        return next((d for d in self.devices.values() if hasattr(d, "latest_frame")), None)

    def first(self, kind: str) -> Device | None:
        return next((d for d in self.devices.values() if d.kind == kind), None)

    def close_all(self) -> None:
        for device in self.devices.values():
            try:
                device.close()
            except Exception:
                log.exception("device %s did not close cleanly", device.name)
