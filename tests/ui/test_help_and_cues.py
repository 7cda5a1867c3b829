"""Call staff, the help screen and the audio cues, as a patron meets them."""

import sys

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.app import build
from kiosk.call_staff import ALERT_KIND
from kiosk.catalog import demo_data as demo
from kiosk.config import AudioSettings, override
from kiosk.sounds import Cue, SoundPlayer
from kiosk.ui.app import GuiKiosk
from tests.ui.conftest import Driver


class Heard(SoundPlayer):
    """The real player with its subprocess replaced: records each cue it would sound."""

    def __init__(self, folder):
        self.cues: list[Cue] = []
        super().__init__(
            AudioSettings(player="aplay"), folder=folder, run=self._record, which=lambda p: p, threaded=False
        )

    def _record(self, command) -> int:
        self.cues.append(Cue(command[-1].rsplit("/", 1)[-1].split("-")[0]))
        return 0


def make(settings, qtbot, tmp_path):
    heard = Heard(tmp_path)
    gui = GuiKiosk(build(settings, threaded=False), tick_ms=0, sounds=heard)
    qtbot.addWidget(gui.window)
    gui.window.resize(1280, 800)
    gui.window.show()
    return Driver(gui, qtbot), heard


@pytest.fixture
def ui(demo_settings, qtbot, tmp_path):
    driver, heard = make(demo_settings, qtbot, tmp_path)
    yield driver, heard
    driver.gui.close()


def sign_in(driver):
    driver.scanner.scan(demo.patron_card(1))
    driver.type_on_keypad("pin", "1234")


def test_cues_for_sign_in_a_loan_a_refusal_and_the_countdown(ui, demo_settings):
    driver, heard = ui
    driver.scanner.scan(demo.item_barcode(1))  # an item before signing in: refused
    assert heard.cues == [Cue.REFUSAL]
    sign_in(driver)
    assert heard.cues[-1] is Cue.SUCCESS
    driver.scanner.scan(demo.item_barcode(1))
    assert heard.cues[-1] is Cue.SUCCESS
    driver.scanner.scan(demo.item_barcode(3))  # on hold for someone else
    assert heard.cues[-1] is Cue.REFUSAL
    before = len(heard.cues)
    for _ in range(demo_settings.kiosk.idle_timeout_s - demo_settings.kiosk.idle_warning_s + 3):
        driver.vm.tick()
    assert heard.cues[before:] == [Cue.ATTENTION]  # once when the countdown starts, not each second


def test_call_staff_on_any_screen_raises_one_alert_and_says_someone_is_coming(demo_settings, qtbot, tmp_path):
    marker = tmp_path / "light-on"
    settings = override(
        demo_settings, "call_staff", light_command=[sys.executable, "-c", f"open({str(marker)!r}, 'w')"]
    )
    driver, heard = make(settings, qtbot, tmp_path)
    sign_in(driver)
    notice = driver.window.findChild(QLabel, "staffComingText")
    assert not notice.isVisible()
    driver.press("callStaffButton")
    driver.press("callStaffButton")  # pressed again while waiting: still one call
    assert notice.isVisible() and "Petugas segera datang" in notice.text()
    alerts = driver.gui.kiosk.journal.open_alerts()
    assert [a["kind"] for a in alerts] == [ALERT_KIND] and "session" in alerts[0]["message"]
    assert marker.exists()  # the kiosk's light was switched on
    assert heard.cues[-1] is Cue.ATTENTION
    driver.press("signOutButton")  # the visit ends: the next patron does not see the notice
    assert not notice.isVisible()
    driver.gui.close()


def test_header_offers_help_call_staff_and_large_text_on_every_screen(ui):
    driver, _ = ui
    sign_in(driver)
    for name in driver.window.screens:
        driver.vm._go(type(driver.vm.screen)(name))
        for button in ("helpButton", "callStaffButton", "largeTextButton"):
            assert driver.window.findChild(QPushButton, button).isVisible(), (name, button)


def test_help_returns_where_it_was_opened_and_a_book_on_the_pad_answers_it(ui):
    driver, _ = ui
    sign_in(driver)
    driver.scanner.scan(demo.item_barcode(1))
    driver.press("helpButton")
    assert driver.screen() == "help"
    assert "Cara menggunakan kios" in driver.visible_text() and "papan pemindai" in driver.visible_text()
    driver.press("helpBackButton")
    assert driver.screen() == "session" and "Laskar Pelangi" in driver.rows()[0]
    driver.press("helpButton")
    driver.scanner.scan(demo.item_barcode(2))  # the patron just carries on
    assert driver.screen() == "session" and len(driver.rows()) == 2


def test_help_from_the_welcome_screen_shows_where_the_card_goes(ui):
    driver, _ = ui
    driver.press("helpButton")
    text = driver.visible_text()
    assert "kartu perpustakaan" in text and "Panggil petugas" in text
    driver.press("helpButton")  # pressed again: help closes
    assert driver.screen() == "welcome"
