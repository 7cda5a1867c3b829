"""Diagnostics for technicians (behind the staff PIN): devices, catalog,
journal and sync queue, open alerts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate


class DiagnosticsScreen(ScreenBase):
    screen_name = "diagnostics"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.devices = label("diagDevices", align=Qt.AlignLeft | Qt.AlignTop)
        self.journal = label("diagJournal", align=Qt.AlignLeft | Qt.AlignTop)
        self.alerts = label("diagAlerts", align=Qt.AlignLeft | Qt.AlignTop)
        self.refresh = button("diagRefreshButton", secondary=True)
        self.refresh.clicked.connect(vm.refresh_diagnostics)
        self.sync = button("diagSyncButton", secondary=True)
        self.sync.clicked.connect(vm.sync_now)
        self.quit = button("diagQuitButton", secondary=True)
        self.quit.clicked.connect(QApplication.quit)
        self.back = button("diagBackButton")
        self.back.clicked.connect(vm.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.devices)
        layout.addWidget(self.journal)
        layout.addWidget(self.alerts, 1)
        row = QHBoxLayout()
        for b in (self.refresh, self.sync, self.quit, self.back):
            row.addWidget(b)
        layout.addLayout(row)
        self._snapshot: dict = {}
        vm.diagnostics_changed.connect(self._show)
        vm.devices_changed.connect(self.retranslate)
        self.retranslate()

    def _show(self, snapshot: dict) -> None:
        self._snapshot = snapshot
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("Diagnostics", "Diagnostics"))
        set_text(self.refresh, translate("Diagnostics", "Refresh"))
        set_text(self.sync, translate("Diagnostics", "Sync now"))
        set_text(self.quit, translate("Diagnostics", "Exit kiosk"))
        set_text(self.back, translate("Diagnostics", "Back"))
        devices = [
            f"{s.name} ({s.kind}/{s.driver}): {s.state.value}" + (f" — {s.reason}" if s.reason else "")
            for s in self.vm.device_statuses.values()
        ]
        self.devices.setText(translate("Diagnostics", "Devices") + "\n" + ("\n".join(devices) or "—"))
        snap = self._snapshot
        if snap:
            sync = snap["sync"]
            counts = ", ".join(f"{k} {v}" for k, v in snap["counts"].items())
            online = (
                translate("Diagnostics", "online")
                if sync is None or sync.online
                else translate("Diagnostics", "OFFLINE")
            )
            self.journal.setText(
                translate("Diagnostics", "Catalog")
                + f": {snap['catalog']} — {online}"
                + (f" ({sync.last_error})" if sync and sync.last_error else "")
                + "\n"
                + translate("Diagnostics", "Journal")
                + f": {snap['journal']}\n{counts}"
            )
            alerts = [f"{a['created_at']}  {a['kind']}  {a['item_id']}  {a['message']}" for a in snap["alerts"]]
            self.alerts.setText(translate("Diagnostics", "Alerts for staff") + "\n" + ("\n".join(alerts) or "—"))
