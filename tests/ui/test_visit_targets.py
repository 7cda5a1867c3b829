"""The account, finish and return screens on a real touchscreen: every
button at least 64x64 px at 1280x800 and 1920x1080, walked widget by widget."""

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk.catalog import demo_data as d
from kiosk.ui.simulator import demo_tag
from kiosk.ui.style import stylesheet


def visible_buttons(ui):
    """The current screen's own buttons (the header's are checked with the window's other screens)."""
    screen = ui.window.screens[ui.screen()]
    return [b for b in screen.findChildren(QPushButton) if b.isVisible()]


def small(ui) -> list[str]:
    ui.gui.app.processEvents()  # lay out at this size
    return [
        f"{b.objectName()} {b.width()}x{b.height()}" for b in visible_buttons(ui) if b.width() < 64 or b.height() < 64
    ]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_account_finish_and_returns_buttons_are_thumb_sized(kiosk_ui, size):
    ui = kiosk_ui
    ui.gui.app.setStyleSheet(stylesheet(size[1]))
    ui.window.resize(*size)
    try:
        ui.scanner.scan(d.patron_card(6))
        ui.type_on_keypad("pin", "1234")
        ui.press("accountButton")
        assert [b for b in visible_buttons(ui) if b.objectName().startswith("renewButton")]
        assert small(ui) == []
        ui.press("accountBackButton")
        ui.pad.place(demo_tag(d.item_barcode(1)))
        ui.press("finishButton")
        assert ui.window.findChild(QPushButton, "receiptPrintButton").isVisible()
        assert small(ui) == []
        ui.press("receiptNoneButton")
        assert ui.screen() == "welcome"
    finally:
        ui.gui.app.setStyleSheet("")
