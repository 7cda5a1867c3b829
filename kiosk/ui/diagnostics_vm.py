"""The diagnostics screen's view model: the Qt-free
:class:`kiosk.diagnostics.Diagnostics` as Qt signals, and its buttons
passed on. No rules here; they are in kiosk/diagnostics.py."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.devices.base import DeviceReport
from kiosk.diagnostics import Diagnostics, JournalView
from kiosk.flow import KioskFlow, Screen
from kiosk.sync import SyncStatus
from kiosk.ui.i18n import Languages
from kiosk.ui.viewmodels import ViewModel


class DiagnosticsViewModel(ViewModel):
    changed = Signal()
    result = Signal(object)  # ActionResult
    exit_requested = Signal()

    def __init__(self, flow: KioskFlow, languages: Languages, diagnostics: Diagnostics) -> None:
        super().__init__(flow, languages)
        self.diagnostics = diagnostics
        diagnostics.changed.connect(self.changed.emit)
        diagnostics.result.connect(self.result.emit)
        flow.screen_changed.connect(self._screen_shown)
        flow.devices_changed.connect(self._devices_changed)
        flow.offline_changed.connect(lambda _offline: self._redraw())

    def _screen_shown(self, name: str) -> None:
        if name == Screen.DIAGNOSTICS.value:
            self.refresh()

    def _devices_changed(self) -> None:
        if self.flow.screen is Screen.DIAGNOSTICS:
            self.diagnostics.refresh_devices()
            self.changed.emit()

    def _redraw(self) -> None:
        if self.flow.screen is Screen.DIAGNOSTICS:
            self.changed.emit()

    # -- what the screen shows ----------------------------------------------------
    @property
    def view(self) -> JournalView | None:
        return self.diagnostics.view

    @property
    def devices(self) -> list[DeviceReport]:
        return self.diagnostics.devices

    @property
    def sync(self) -> SyncStatus | None:
        """The one online state (the header badge reads the same)."""
        return self.diagnostics.sync

    @property
    def catalog_name(self) -> str:
        return self.diagnostics.kiosk.catalog.describe()

    @property
    def test_item(self) -> str:
        return self.settings.diagnostics.test_item if self.diagnostics.test_configured else ""

    def busy(self, action: str) -> bool:
        return action in self.diagnostics.busy

    def log_lines(self, last: int = 200) -> list[str]:
        return self.diagnostics.ring.lines(last)

    # -- buttons ----------------------------------------------------------------------
    def refresh(self) -> None:
        self.diagnostics.refresh()

    def sync_now(self) -> None:
        self.diagnostics.sync_now()

    def ping(self) -> None:
        self.diagnostics.ping()

    def test_transaction(self) -> None:
        self.diagnostics.test_transaction()

    def resolve(self, tx_uuid: str, note: str) -> None:
        self.diagnostics.resolve(tx_uuid, note)

    def acknowledge(self, alert_id: int) -> None:
        self.diagnostics.acknowledge(alert_id)

    def reconnect(self, name: str) -> None:
        self.diagnostics.reconnect(name)

    def self_test(self, name: str) -> None:
        self.diagnostics.self_test(name)

    def export(self) -> None:
        self.diagnostics.export()

    def exit_kiosk(self) -> None:
        """Confirmed on the screen; the app quits (systemd's unit decides whether it comes back)."""
        self.exit_requested.emit()
