"""The whole path with a real reader driver: tags on an emulated 3M 810 →
items in the kiosk's UI with due dates → AFI switched on the tags; a return
re-secures them. Waits are on the Qt event loop until a condition holds."""

from dataclasses import replace

import pytest

from kiosk.catalog import demo_data as d
from kiosk.config import DeviceConfig, override
from tests.fakes.rfid_3m import Emulated3M
from tests.fakes.rfid_emulator import EmulatedTag
from tests.ui.conftest import make_driver

FAST = {"poll_interval_ms": 5, "reconnect_ms": 20, "timeout_ms": 150, "frame_gap_ms": 20}
ON_LOAN, IN_STOCK = 0xC2, 0x07


@pytest.fixture
def pad(tmp_path):
    emulator = Emulated3M(tmp_path, "pad").plug()
    yield emulator
    emulator.close()


def kiosk_on(pad, settings, qtbot, mode="checkout"):
    devices = (
        DeviceConfig("pad", "rfid", "3m810", options={"port": str(pad.path), **FAST}),
        DeviceConfig("scanner", "barcode", "simulated"),
    )
    ui = make_driver(replace(override(settings, "kiosk", mode=mode), devices=devices), qtbot)
    qtbot.waitUntil(lambda: ui.vm.device_statuses["pad"].state.value == "ok", timeout=5000)
    return ui


def test_a_stack_on_the_reader_is_lent_and_unsecured(pad, demo_settings, qtbot):
    ui = kiosk_on(pad, demo_settings, qtbot)
    try:
        ui.scanner.scan(d.patron_card(1), "codabar")
        ui.type_on_keypad("pin", "1234")
        book = EmulatedTag.item(d.item_barcode(1))
        held = EmulatedTag.item(d.item_barcode(3))  # on hold for someone else
        cd_set = [EmulatedTag.item(d.item_barcode(20), parts=2, part=p) for p in (1, 2)]
        pad.place(book, held, *cd_set)
        qtbot.waitUntil(lambda: len(ui.rows()) == 3 and not ui.vm.pending(), timeout=5000)
        rows = ui.rows()
        assert any("Laskar Pelangi" in r and "Kembalikan paling lambat" in r for r in rows)
        assert any("Bumi Manusia" in r and "dipesan untuk orang lain" in r for r in rows)
        assert any("Belajar Bahasa Inggris" in r and "Kembalikan" in r for r in rows)
        assert pad.tag(book.uid).afi == ON_LOAN
        assert all(pad.tag(t.uid).afi == ON_LOAN for t in cd_set)
        assert pad.tag(held.uid).afi == IN_STOCK  # refused: the gate still sounds
    finally:
        ui.gui.close()


def test_a_return_re_secures_the_tag(pad, demo_settings, qtbot):
    ui = kiosk_on(pad, demo_settings, qtbot, mode="return")
    try:
        back = EmulatedTag.item(d.item_barcode(4), afi=ON_LOAN)  # Budi's loan comes back
        pad.place(back)
        qtbot.waitUntil(lambda: len(ui.window.screens["returns"].texts()) == 1 and not ui.vm.pending(), timeout=5000)
        assert "Anak Semua Bangsa" in ui.window.screens["returns"].texts()[0]
        assert pad.tag(back.uid).afi == IN_STOCK
        assert ui.gui.kiosk.catalog.item(d.item_barcode(4)).charged_to is None
    finally:
        ui.gui.close()
