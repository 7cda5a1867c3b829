"""The demo's simulator panel drives the kiosk like real hardware would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QPushButton

from kiosk.catalog import demo_data as d
from kiosk.ui.simulator import LIST_ROWS, SimulatorPanel
from kiosk.ui.style import contrast
from tests.ui.accessibility import painted_colours


@pytest.fixture
def panel(kiosk_ui, qtbot):
    p = SimulatorPanel(kiosk_ui.gui.kiosk)
    qtbot.addWidget(p)
    return p


def select(panel, list_name, code):
    lst = panel.findChild(QListWidget, list_name)
    for i in range(lst.count()):
        lst.item(i).setSelected(lst.item(i).data(Qt.UserRole) == code)


def click(qtbot, panel, name):
    qtbot.mouseClick(panel.findChild(QPushButton, name), Qt.LeftButton)


def test_scan_a_card_then_place_items_with_real_tag_data(kiosk_ui, panel, qtbot):
    select(panel, "simPatrons", d.patron_card(1))
    click(qtbot, panel, "simScanCard")
    kiosk_ui.type_on_keypad("pin", "1234")
    select(panel, "simItems", d.item_barcode(1))
    click(qtbot, panel, "simPlaceItems")
    select(panel, "simItems", d.item_barcode(5))
    click(qtbot, panel, "simReversedTag")  # decoded all the same
    select(panel, "simItems", d.item_barcode(6))
    click(qtbot, panel, "simDamagedTag")
    rows = kiosk_ui.rows()
    assert "Laskar Pelangi" in rows[0] and "Kembalikan" in rows[0]
    assert "Cantik Itu Luka" in rows[1] and "Kembalikan" in rows[1]
    assert "Tag ini tidak dapat dibaca" in rows[2]


def test_a_set_with_a_part_missing(kiosk_ui, panel, qtbot):
    kiosk_ui.scanner.scan(d.patron_card(1))
    kiosk_ui.type_on_keypad("pin", "1234")
    panel.findChild(QCheckBox, "simFirstPartOnly").setChecked(True)
    select(panel, "simItems", d.item_barcode(20))
    click(qtbot, panel, "simPlaceItems")
    for _ in range(3):
        kiosk_ui.vm.tick()
    assert "Bagian 2" in kiosk_ui.rows()[0]


def test_pulling_the_network_cable_sends_the_kiosk_offline(kiosk_ui, panel, qtbot):
    panel.findChild(QCheckBox, "simNetwork").setChecked(False)
    kiosk_ui.scanner.scan(d.patron_card(1))
    kiosk_ui.type_on_keypad("pin", "1234")
    kiosk_ui.scanner.scan(d.item_barcode(1))
    assert "kios luring" in kiosk_ui.rows()[0]
    panel.findChild(QCheckBox, "simReaderPlug").setChecked(False)
    assert "tidak berfungsi" in kiosk_ui.visible_text()


def test_scan_card_with_nothing_picked_says_what_to_pick(kiosk_ui, panel, qtbot):
    status = panel.findChild(QLabel, "simStatus")
    click(qtbot, panel, "simScanCard")
    assert "Pick a patron card in the list first" in status.text()
    click(qtbot, panel, "simPlaceItems")
    assert "Pick one or more items" in status.text()
    select(panel, "simPatrons", d.patron_card(1))  # picking one clears the hint
    assert status.text() == ""
    click(qtbot, panel, "simScanCard")
    assert kiosk_ui.screen() == "pin"


def test_lists_show_several_rows_and_the_selected_row_reads_clearly(kiosk_ui, panel, qtbot):
    kiosk_ui.gui.apply_style(800)  # the kiosk's own style sheet is the application's; the panel must hold its own
    panel.show()
    qtbot.waitExposed(panel)
    for name, rows in LIST_ROWS.items():
        lst = panel.findChild(QListWidget, name)
        assert lst.viewport().height() >= rows * lst.sizeHintForRow(0), name
    select(panel, "simItems", d.item_barcode(1))
    lst = panel.findChild(QListWidget, "simItems")
    row = lst.viewport().grab(lst.visualItemRect(lst.item(0)).adjusted(0, 0, 0, -2)).toImage()  # without its rule
    ink, background = painted_colours(row)
    assert contrast(ink, background) >= 7, (ink, background)
