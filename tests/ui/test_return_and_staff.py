"""The return station, diagnostics behind the staff PIN, and what every screen owes its users."""

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from kiosk.catalog import demo_data as d
from kiosk.ui.simulator import demo_tag


def returned(ui) -> list[str]:
    """The return rows, oldest first."""
    return list(reversed(ui.window.screens["returns"].texts()))


def test_returns_say_where_each_item_goes(return_ui):
    ui = return_ui
    assert ui.screen() == "returns"
    ui.press("language_en")
    ui.pad.place(demo_tag(d.item_barcode(10)), demo_tag(d.item_barcode(11)), demo_tag(d.item_barcode(4)))
    rows = returned(ui)
    assert "Pulang" in rows[0] and "HOLD SHELF" in rows[0]
    assert "Saman" in rows[1] and "TRANSIT TO CABANG TIMUR" in rows[1]
    assert "Anak Semua Bangsa" in rows[2] and "BACK TO THE SHELF" in rows[2]
    assert all(ui.pad.secured[demo_tag(d.item_barcode(n)).uid] for n in (10, 11, 4))  # re-armed for the gate
    assert "Items returned: 3" in ui.visible_text()
    ui.press("clearReturnsButton")
    assert returned(ui) == []


def test_returns_offline_are_queued_for_sorting(return_ui):
    return_ui.gui.kiosk.catalog.reachable = False
    return_ui.scanner.scan(d.item_barcode(4))
    assert "PERLU PETUGAS" in returned(return_ui)[0]
    assert return_ui.gui.kiosk.journal.counts()["queued"] == 1


def test_return_list_clears_itself_when_idle(return_ui):
    return_ui.scanner.scan(d.item_barcode(4))
    for _ in range(return_ui.gui.kiosk.settings.kiosk.idle_timeout_s):
        return_ui.vm.tick()
    assert returned(return_ui) == []


def test_diagnostics_open_only_with_the_staff_pin(kiosk_ui):
    ui = kiosk_ui
    ui.press("staffButton")
    assert ui.screen() == "staff_pin"
    ui.type_on_keypad("staff_pin", "1111")
    assert ui.screen() == "staff_pin" and "PIN salah" in ui.visible_text()
    ui.type_on_keypad("staff_pin", "2468")
    assert ui.screen() == "diagnostics"
    ui.press("language_en")
    text = ui.visible_text()
    assert "pad — rfid / simulated\nState: working" in text and "scanner — barcode / simulated" in text
    ui.press("diagNavCatalog")
    assert "demo catalog" in ui.visible_text()
    ui.press("diagBackButton")
    assert ui.screen() == "welcome"


def test_no_staff_pin_configured_means_no_diagnostics_from_the_screen(demo_settings, qtbot):
    from kiosk.config import override
    from tests.ui.conftest import make_driver

    ui = make_driver(override(demo_settings, "staff", pin_hash=""), qtbot)
    try:
        ui.press("staffButton")
        ui.type_on_keypad("staff_pin", "2468")
        assert ui.screen() == "staff_pin"
    finally:
        ui.gui.close()


def test_diagnostics_sync_now_drains_the_queue(kiosk_ui):
    ui = kiosk_ui
    ui.scanner.scan(d.patron_card(1))
    ui.type_on_keypad("pin", "1234")
    ui.gui.kiosk.catalog.reachable = False
    ui.scanner.scan(d.item_barcode(1))
    ui.press("finishButton")
    ui.press("receiptNoneButton")
    ui.gui.kiosk.catalog.reachable = True
    ui.press("staffButton")
    ui.type_on_keypad("staff_pin", "2468")
    ui.press("language_en")
    ui.press("diagNavSync")
    assert "Queued 1" in ui.visible_text()
    ui.press("diagSyncButton")
    assert ui.gui.kiosk.journal.counts()["done"] == 1
    assert "Synced 1, conflicts 0, still queued 0." in ui.visible_text()
    assert "Nothing waiting" in ui.visible_text()
    assert not ui.window.findChild(QLabel, "offlineBadge").isVisible()


def test_every_control_has_a_name_and_an_accessible_name(kiosk_ui):
    controls = kiosk_ui.window.findChildren(QAbstractButton) + kiosk_ui.window.findChildren(QLineEdit)
    assert len(controls) > 30
    for control in controls:
        assert control.objectName(), control
        if isinstance(control, QAbstractButton):
            assert control.accessibleName(), control.objectName()
    names = [c.objectName() for c in controls]
    assert len(names) == len(set(names)), "objectNames must be unique"


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_screen_fits_the_supported_sizes(kiosk_ui, size, lang):
    from kiosk.ui.style import stylesheet

    window = kiosk_ui.window
    window.setStyleSheet(stylesheet(size[1]))
    kiosk_ui.gui.languages.switch(lang)
    kiosk_ui.vm._set_countdown(15)  # the tallest state: the idle banner showing too
    for name, screen in window.screens.items():
        window.stack.setCurrentWidget(screen)
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], (name, hint.toTuple(), size)


def test_kiosk_mode_window_cannot_be_closed_by_the_window_manager(kiosk_ui):
    kiosk_ui.window.enter_kiosk_mode()
    assert not kiosk_ui.window.close()
    assert kiosk_ui.window.isVisible()
    kiosk_ui.window.kiosk_mode = False  # let the fixture close it
