"""``kiosk screenshots``: every screen, in every language, rendered
offscreen from the demo data. The README's pictures and the translators'
review sheets come from here, so they always show the real screens."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from kiosk.catalog import demo_data as demo
from kiosk.config import DeviceConfig, Settings, override


def render_all(settings: Settings, out: Path, *, size: tuple[int, int] = (1280, 800)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.qt_messages import route_to_logging

    route_to_logging()
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = override(
            override(settings, "journal", path=f"{tmp}/journal.sqlite3"),
            "catalog",
            kind="demo",
            path=f"{tmp}/catalog.sqlite3",
        )
        # The tour scans and places demo items: on simulated devices, whatever the site's hardware.
        simulated = (DeviceConfig("pad", "rfid", "simulated"), DeviceConfig("scanner", "barcode", "simulated"))
        base = replace(base, devices=simulated)
        checkout = override(base, "kiosk", mode="checkout", require_pin=True)
        written += _checkout_tour(app, checkout, out, size)
        returns = override(override(base, "kiosk", mode="return"), "journal", path=f"{tmp}/returns.sqlite3")
        written += _returns_tour(app, returns, out, size)
        survey = override(checkout, "survey", enabled=True, one_tap=True, full_every_n=2)
        survey = override(
            override(survey, "journal", path=f"{tmp}/survey.sqlite3"), "catalog", path=f"{tmp}/survey-catalog.sqlite3"
        )
        written += _survey_tour(app, survey, out, size)
    return written


def _gui(app, settings: Settings, size):
    from kiosk.app import build
    from kiosk.sounds import SoundPlayer
    from kiosk.ui.app import GuiKiosk

    silent = SoundPlayer(replace(settings.audio, enabled=False))
    gui = GuiKiosk(build(settings, threaded=False), tick_ms=0, sounds=silent)
    gui.apply_style(size[1])
    gui.window.resize(*size)
    gui.window.show()
    return gui


def _grab(app, gui, out: Path, name: str) -> list[Path]:
    paths = []
    for lang in gui.languages.available:
        gui.languages.switch(lang)
        app.processEvents()
        path = out / f"{name}-{lang}.png"
        gui.window.grab().save(str(path))
        paths.append(path)
    return paths


def _checkout_tour(app, settings: Settings, out: Path, size) -> list[Path]:
    gui = _gui(app, settings, size)
    vm, scanner = gui.flow, gui.kiosk.devices.first("barcode")
    shots = _grab(app, gui, out, "welcome")
    vm.show_help()
    shots += _grab(app, gui, out, "help")
    vm.close_help()
    vm.set_large_text(True)
    shots += _grab(app, gui, out, "welcome-large-text")
    vm.set_large_text(False)
    scanner.scan(demo.patron_card(3))  # blocked patron: the refusal on the welcome screen
    vm.pin_entered("1234")
    shots += _grab(app, gui, out, "welcome-refused")
    vm.start_card_entry()
    shots += _grab(app, gui, out, "card_entry")
    vm.cancel()
    scanner.scan(demo.patron_card(1))
    shots += _grab(app, gui, out, "pin")
    vm.pin_entered("1234")
    for n in (1, 3, 9, 18):  # a loan, on hold for someone else, her own hold, not for loan
        scanner.scan(demo.item_barcode(n))
    shots += _grab(app, gui, out, "session")
    vm.set_large_text(True)
    shots += _grab(app, gui, out, "session-large-text")
    vm.set_large_text(False)
    for _ in range(settings.kiosk.idle_timeout_s - settings.kiosk.idle_warning_s + 3):
        vm.tick()
    shots += _grab(app, gui, out, "session-countdown")
    vm.touch()
    vm.finish()
    shots += _grab(app, gui, out, "finish")  # the summary and the receipt choice
    vm.finishing.choose("phone")
    shots += _grab(app, gui, out, "finish-phone")
    vm.end_session()
    scanner.scan(demo.patron_card(6))  # Joko: a loan overdue, one someone waits for, a small fine
    vm.pin_entered("1234")
    vm.account.open()
    vm.account.renew(demo.item_barcode(23))
    shots += _grab(app, gui, out, "account")
    gui.kiosk.catalog.reachable = False
    vm.account.open()
    shots += _grab(app, gui, out, "account-offline")
    gui.kiosk.catalog.reachable = True
    vm.end_session()
    gui.kiosk.catalog.reachable = False
    scanner.scan(demo.patron_card(2))
    vm.pin_entered("1234")
    scanner.scan(demo.item_barcode(5))
    scanner.scan(demo.item_barcode(2))  # on loan to someone else: a conflict once synced
    shots += _grab(app, gui, out, "session-offline")
    vm.call_staff()
    shots += _grab(app, gui, out, "session-staff-called")
    vm.end_session()
    vm.request_staff()
    shots += _grab(app, gui, out, "staff_pin")
    vm.show_diagnostics()
    shots += _grab(app, gui, out, "diagnostics")
    shots += _diagnostics_tour(app, gui, out)
    gui.window.close()
    gui.close()
    return shots


def _diagnostics_tour(app, gui, out: Path) -> list[Path]:
    """Each section of diagnostics, with something to show: the offline loans
    queued, then synced (one becomes a conflict with its alert), a test loan."""
    screen, diag = gui.window.screens["diagnostics"], gui.diagnostics_vm
    screen.show_section("Catalog")
    shots = _grab(app, gui, out, "diagnostics-catalog-offline")
    screen.show_section("Sync")
    shots += _grab(app, gui, out, "diagnostics-queue")
    gui.kiosk.catalog.reachable = True
    diag.sync_now()
    shots += _grab(app, gui, out, "diagnostics-conflict")
    screen.show_section("Catalog")
    diag.ping()
    diag.test_transaction()
    shots += _grab(app, gui, out, "diagnostics-catalog")
    screen.show_section("Alerts")
    shots += _grab(app, gui, out, "diagnostics-alerts")
    screen.show_section("Logs")
    shots += _grab(app, gui, out, "diagnostics-logs")
    return shots


def _returns_tour(app, settings: Settings, out: Path, size) -> list[Path]:
    gui = _gui(app, settings, size)
    scanner = gui.kiosk.devices.first("barcode")
    for n in (10, 11, 4, 7):  # to the hold shelf, to another branch, back to the shelf, not on loan
        scanner.scan(demo.item_barcode(n))
    shots = _grab(app, gui, out, "returns")
    gui.window.close()
    gui.close()
    return shots


def _survey_tour(app, settings: Settings, out: Path, size) -> list[Path]:
    """The one-tap faces after a first visit, the full questionnaire after the second."""
    gui = _gui(app, settings, size)
    vm, scanner = gui.flow, gui.kiosk.devices.first("barcode")

    def visit(item: int) -> None:
        scanner.scan(demo.patron_card(1))
        vm.pin_entered("1234")
        scanner.scan(demo.item_barcode(item))
        vm.finish()
        vm.end_session()

    visit(1)
    shots = _grab(app, gui, out, "survey-quick")
    vm.survey.quick_chosen(4)
    shots += _grab(app, gui, out, "survey-thanks")
    vm.survey.leave()
    visit(5)
    shots += _grab(app, gui, out, "survey-intro")
    vm.survey.start()
    vm.survey.choose("3")
    shots += _grab(app, gui, out, "survey-question")
    while vm.survey.question.key != "education":
        vm.survey.skip()
    shots += _grab(app, gui, out, "survey-profile")
    vm.survey.skip()
    vm.survey.skip()
    keyboard = gui.window.screens["survey"].keyboard
    keyboard.field.setText("Tambah koleksi buku anak")
    shots += _grab(app, gui, out, "survey-suggestion")
    gui.window.close()
    gui.close()
    return shots
