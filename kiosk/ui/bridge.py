"""Carries events from device and sync threads onto the GUI thread.

Emitting a Qt signal from another thread to an object living on the GUI
thread queues the call there; from the GUI thread itself it is direct, so
tests that drive simulated devices synchronously see results at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class EventBridge(QObject):
    device_event = Signal(object)  # TagsSeen | BarcodeRead
    device_status = Signal(object)  # DeviceStatus
    sync_status = Signal(object)  # SyncStatus

    def emit_device_event(self, event) -> None:
        self.device_event.emit(event)

    def emit_device_status(self, status) -> None:
        self.device_status.emit(status)

    def emit_sync_status(self, status) -> None:
        self.sync_status.emit(status)
