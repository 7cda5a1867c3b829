"""Walks through each diagnostics section as a technician would, on the demo
kiosk (inline worker, simulated devices: every result is on screen when the
press returns)."""

from __future__ import annotations

import json
import logging
import tarfile

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.catalog import demo_data as d
from kiosk.config import override
from kiosk.devices.base import Device, DeviceState
from kiosk.errors import DeviceError
from kiosk.models import TxKind, TxState
from kiosk.ui.simulator import demo_tag
from tests.ui.conftest import make_driver


class FakePrinter(Device):
    """A receipt printer as diagnostics see one: a state and a test print that can fail."""

    kind, driver, has_self_test = "printer", "fake", True

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.paper = True
        self.pages = 0

    def open(self) -> None:
        self._set_state(DeviceState.OK)

    def close(self) -> None:
        self._set_state(DeviceState.CLOSED)

    def self_test(self) -> str:
        if not self.paper:
            self.count("failed_prints")
            raise DeviceError("paper out", hint="load a paper roll")
        self.pages += 1
        return "test page printed"

    def run_out(self) -> None:
        self.paper = False
        self._set_state(DeviceState.ERROR, "paper out")


def open_diagnostics(ui, section: str) -> None:
    ui.press("staffButton")
    ui.type_on_keypad("staff_pin", "2468")
    ui.press("language_en")
    assert ui.screen() == "diagnostics"
    ui.press(f"diagNav{section}")


def text_of(ui, name: str) -> str:
    widget = ui.window.findChild(QLabel, name)
    assert widget is not None and widget.isVisible(), name
    return widget.text()


def test_devices_show_the_last_raw_read_and_reconnect(kiosk_ui):
    ui = kiosk_ui
    ui.pad.place_memory("E004010012345678", bytes.fromhex("1101013339303031303030303030303239") + bytes(17))
    ui.scanner.scan(d.patron_card(1))  # a sign-in begins...
    ui.vm.cancel()  # ...and is left
    open_diagnostics(ui, "Devices")
    scanner = text_of(ui, "diagDevice_scannerText")
    assert f"barcode {d.patron_card(1)}" in scanner
    assert "32 39 30 30 31" in scanner  # the card number's bytes, in hex
    pad = text_of(ui, "diagDevice_padText")
    assert "Raw bytes: 11 01 01 33 39" in pad and "E004010012345678" in pad
    ui.pad.unplug("cable pulled")
    assert "State: disconnected — cable pulled" in text_of(ui, "diagDevice_padText")
    ui.press("diagReconnect_pad")
    assert "State: working" in text_of(ui, "diagDevice_padText")
    assert "reconnects_by_hand 1" in text_of(ui, "diagDevice_padText")
    assert "pad reconnected." in text_of(ui, "diagDevicesResult")


def test_a_failed_test_print_says_why_and_paper_out_becomes_an_alert(kiosk_ui):
    ui = kiosk_ui
    printer = FakePrinter("printer")
    printer.on_status(ui.gui.bridge.emit_device_status)
    ui.gui.kiosk.devices.devices["printer"] = printer
    printer.open()
    open_diagnostics(ui, "Devices")
    ui.press("diagSelfTest_printer")
    assert printer.pages == 1 and "Test page printed on printer." in text_of(ui, "diagDevicesResult")
    printer.run_out()
    assert "State: error — paper out" in text_of(ui, "diagDevice_printerText")
    ui.press("diagSelfTest_printer")
    assert "Test print on printer failed: paper out" in text_of(ui, "diagDevicesResult")
    assert "failed_prints 1" in text_of(ui, "diagDevice_printerText")
    ui.press("diagNavAlerts")
    assert "Printer out of paper" in ui.visible_text()


def test_catalog_state_is_the_same_in_the_header_and_the_section(kiosk_ui):
    ui = kiosk_ui
    badge = ui.window.findChild(QLabel, "offlineBadge")
    ui.scanner.scan(d.patron_card(1))
    ui.type_on_keypad("pin", "1234")
    ui.gui.kiosk.catalog.reachable = False
    ui.scanner.scan(d.item_barcode(1))  # lent offline
    ui.press("finishButton")
    ui.press("receiptNoneButton")  # no receipt: the visit ends
    assert badge.isVisible()
    open_diagnostics(ui, "Catalog")
    assert "NOT reachable" in text_of(ui, "diagCatalogState") and "switched off" in text_of(ui, "diagCatalogState")
    ui.press("diagPingButton")
    assert "The catalog does not answer" in text_of(ui, "diagCatalogResult") and badge.isVisible()
    ui.gui.kiosk.catalog.reachable = True
    ui.press("diagPingButton")
    assert "The catalog answered in" in text_of(ui, "diagCatalogResult")
    assert "Reachable — round trip" in text_of(ui, "diagCatalogState")
    assert not badge.isVisible()


def test_a_test_loan_checks_the_item_out_and_back_in(kiosk_ui):
    ui = kiosk_ui
    item = ui.gui.kiosk.settings.diagnostics.test_item
    open_diagnostics(ui, "Catalog")
    ui.press("diagTestTxButton")
    result = text_of(ui, "diagCatalogResult")
    assert "Test loan passed." in result and "Check out: OK" in result and "Check in: OK" in result
    assert ui.gui.kiosk.catalog.item(item).charged_to is None  # nothing left behind
    assert ui.gui.kiosk.journal.counts()["done"] == 0  # a test, not a loan: nothing journalled
    ui.gui.kiosk.catalog.reachable = False
    ui.press("diagTestTxButton")
    assert "Test loan failed." in text_of(ui, "diagCatalogResult")


def test_test_loan_is_offered_only_when_configured(demo_settings, qtbot):
    ui = make_driver(override(demo_settings, "diagnostics", test_item=""), qtbot)
    try:
        open_diagnostics(ui, "Catalog")
        assert not ui.window.findChild(QPushButton, "diagTestTxButton").isVisible()
        assert "test_patron and test_item" in ui.visible_text()
    finally:
        ui.gui.close()


def _conflict(kiosk, item: str) -> str:
    journal = kiosk.journal
    tx = journal.begin(TxKind.CHECKOUT, item, d.patron_card(2))
    journal.finish(tx.uuid, TxState.CONFLICT, reason="checked_out_to_other", detail="Item checked out to another")
    journal.add_alert("sync_conflict", f"checkout {item}: Item checked out to another", item)
    return tx.uuid


def test_a_conflict_is_resolved_with_a_note_kept_in_the_journal(kiosk_ui):
    ui = kiosk_ui
    tx_uuid = _conflict(ui.gui.kiosk, d.item_barcode(2))
    open_diagnostics(ui, "Sync")
    assert ui.window.findChild(QPushButton, "diagNavAlerts").text() == "Alerts (1)"
    row = text_of(ui, f"diagConflict_{tx_uuid[:8]}Text")
    assert "CONFLICT: Loan — " + d.item_barcode(2) in row and "Item checked out to another" in row
    ui.press(f"diagResolve_{tx_uuid[:8]}")
    ui.press("diagResolveSave")  # no note yet: refused
    assert "Write a note first" in text_of(ui, "diagSyncResult")
    ui.press("diagNote_1")
    ui.press("diagResolveSave")
    journal = ui.gui.kiosk.journal
    assert journal.get(tx_uuid).state is TxState.RESOLVED
    assert journal.resolution(tx_uuid)[1] == "Item found on the shelf"
    assert journal.open_alerts() == []  # the conflict's alert went with it
    assert "resolved; the note is kept in the journal" in text_of(ui, "diagSyncResult")
    assert ui.window.findChild(QPushButton, f"diagResolve_{tx_uuid[:8]}") is None
    assert ui.window.findChild(QPushButton, "diagNavSync").text() == "Sync queue"


def test_indonesian_quick_note_is_kept_as_shown(kiosk_ui):
    ui = kiosk_ui
    tx_uuid = _conflict(ui.gui.kiosk, d.item_barcode(3))
    ui.press("staffButton")
    ui.type_on_keypad("staff_pin", "2468")
    ui.press("diagNavSync")
    ui.press(f"diagResolve_{tx_uuid[:8]}")
    ui.press("diagNote_0")
    ui.press("diagResolveSave")
    assert ui.gui.kiosk.journal.resolution(tx_uuid)[1] == "Dicatat manual di ILS"


def test_alerts_are_acknowledged_from_the_screen(kiosk_ui):
    ui = kiosk_ui
    ui.gui.kiosk.journal.add_alert("security", "checkout done but the tag could not be unsecured", "3900")
    open_diagnostics(ui, "Alerts")
    [alert] = ui.gui.kiosk.journal.open_alerts()
    assert "Security tag not switched" in text_of(ui, f"diagAlert_{alert['id']}Text")
    ui.press(f"diagAck_{alert['id']}")
    assert ui.gui.kiosk.journal.open_alerts() == []
    assert "No open alerts." in ui.visible_text()


def test_logs_show_the_last_lines_and_export_to_the_stick(demo_settings, qtbot, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    ui = make_driver(override(demo_settings, "diagnostics", export_dir=str(stick)), qtbot)
    try:
        logging.getLogger("kiosk.test").warning("reader cable loose at the returns desk")
        open_diagnostics(ui, "Logs")
        from PySide6.QtWidgets import QPlainTextEdit

        assert "reader cable loose" in ui.window.findChild(QPlainTextEdit, "diagLogText").toPlainText()
        ui.press("diagExportButton")
        [archive] = stick.glob("kiosk-diag-Kiosk-Demo-1-*.tar.gz")
        assert str(archive) in text_of(ui, "diagLogsResult")
        with tarfile.open(archive) as tar:
            assert sorted(tar.getnames()) == ["kiosk.log", "status.json"]
            assert "reader cable loose" in tar.extractfile("kiosk.log").read().decode()
            status = json.loads(tar.extractfile("status.json").read())
        assert status["catalog"]["answers"] is True and status["kiosk"] == "Kiosk Demo 1"
        assert (archive.stat().st_mode & 0o777) == 0o600
    finally:
        ui.gui.close()


def test_export_without_a_stick_says_to_plug_one_in(kiosk_ui, monkeypatch):
    monkeypatch.setattr("kiosk.diagnostics.removable_drives", list)
    open_diagnostics(kiosk_ui, "Logs")
    kiosk_ui.press("diagExportButton")
    assert "Not saved: no USB stick found" in text_of(kiosk_ui, "diagLogsResult")


def test_exit_kiosk_asks_first(kiosk_ui):
    ui = kiosk_ui
    exits = []
    ui.gui.diagnostics_vm.exit_requested.disconnect()
    ui.gui.diagnostics_vm.exit_requested.connect(lambda: exits.append(True))
    open_diagnostics(ui, "Devices")
    ui.press("diagExitButton")
    assert "Patrons cannot borrow" in text_of(ui, "diagExitQuestion")
    ui.press("diagExitCancel")
    assert exits == [] and not ui.window.findChild(QLabel, "diagExitQuestion").isVisible()
    ui.press("diagExitButton")
    ui.press("diagExitConfirm")
    assert exits == [True]


@pytest.mark.parametrize("section", ["Devices", "Catalog", "Sync", "Alerts", "Logs"])
def test_every_section_speaks_indonesian(kiosk_ui, section):
    ui = kiosk_ui
    _conflict(ui.gui.kiosk, d.item_barcode(4))
    ui.pad.place(demo_tag(d.item_barcode(5)))
    ui.press("staffButton")
    ui.type_on_keypad("staff_pin", "2468")
    ui.press(f"diagNav{section}")
    text = ui.visible_text()
    english = ["State:", "Reconnect", "Reachable", "Test connection", "Sync now", "Resolve", "Export", "Alerts"]
    assert not [w for w in english if w in text], text


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_diagnostics_button_is_a_thumb_wide_target(kiosk_ui, size):
    from kiosk.ui.style import stylesheet

    ui = kiosk_ui
    _conflict(ui.gui.kiosk, d.item_barcode(4))
    ui.gui.kiosk.journal.add_alert("security", "tag not re-secured", d.item_barcode(4))
    ui.window.setStyleSheet(stylesheet(size[1]))
    ui.window.resize(*size)
    open_diagnostics(ui, "Sync")
    [conflict] = ui.gui.kiosk.journal.in_state(TxState.CONFLICT)
    ui.press(f"diagResolve_{conflict.uuid[:8]}")
    ui.press("diagExitButton")
    screen = ui.window.screens["diagnostics"]
    for section in ("Devices", "Catalog", "Sync", "Alerts", "Logs"):
        ui.press(f"diagNav{section}")
        if section == "Sync":
            ui.press(f"diagResolve_{conflict.uuid[:8]}")
        buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible()]
        assert len(buttons) >= 8, section
        small = [(b.objectName(), b.width(), b.height()) for b in buttons if b.width() < 64 or b.height() < 64]
        assert not small, (section, small)
