"""What a patron sees when their card is locked after wrong PINs, or offline with a PIN nobody can check."""

import pytest

from kiosk.catalog import demo_data as d
from kiosk.config import override
from tests.ui.conftest import make_driver

SITI = d.patron_card(1)


def test_after_five_wrong_pins_the_card_is_locked_and_the_screen_says_so(kiosk_ui):
    ui = kiosk_ui
    ui.scanner.scan(SITI)
    for _ in range(4):
        ui.type_on_keypad("pin", "9999")
        assert ui.screen() == "pin"
    ui.type_on_keypad("pin", "9999")
    assert ui.screen() == "welcome"
    assert "kartu ini dikunci untuk sementara" in ui.visible_text()
    ui.scanner.scan(SITI)
    ui.type_on_keypad("pin", "1234")  # the right PIN is refused while locked
    assert ui.screen() == "welcome" and "dikunci" in ui.visible_text()


@pytest.fixture
def refusing_ui(demo_settings, qtbot):
    """The demo trusts PINs offline (to show offline lending); a site's default refuses them."""
    driver = make_driver(override(demo_settings, "offline", pin="refuse"), qtbot)
    yield driver
    driver.gui.close()


def test_offline_a_pin_that_cannot_be_checked_is_refused_with_a_reason(refusing_ui):
    ui = refusing_ui
    ui.gui.kiosk.catalog.reachable = False
    ui.scanner.scan(SITI)
    ui.type_on_keypad("pin", "1234")
    assert ui.screen() == "welcome"
    assert "belum bisa memeriksa PIN Anda" in ui.visible_text()
    ui.press("language_en")
    assert "cannot check your PIN" in ui.visible_text()
