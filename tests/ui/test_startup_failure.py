"""A kiosk that cannot start says why on its screen, then exits 2 by itself (nobody dismisses
a dialog at night); the time is counted by a Qt timer, driven here by hand."""

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from kiosk.errors import JournalError
from kiosk.ui import app as ui_app
from kiosk.ui.startup_failure import StartupFailure

ERROR = JournalError("journal /var/lib/kiosk/journal.sqlite3 is damaged", hint="move it aside, then start again")


def test_the_reason_and_what_to_do_are_on_screen_in_both_languages(qtbot):
    screen = StartupFailure(ERROR, exit_after_s=3)
    qtbot.addWidget(screen)
    screen.show()
    text = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "is damaged" in text and "move it aside" in text
    assert "The kiosk cannot start" in text and "Kiosk belum dapat digunakan" in text
    assert "3" in screen.countdown.text()


def test_it_expires_after_the_configured_seconds_of_timer_ticks(qtbot):
    screen = StartupFailure(ERROR, exit_after_s=3)
    qtbot.addWidget(screen)
    screen.start()
    assert screen.timer.isActive() and screen.timer.interval() == 1000
    expired = []
    screen.expired.connect(lambda: expired.append(True))
    screen.timer.timeout.emit()
    screen.timer.timeout.emit()
    assert not expired and "1" in screen.countdown.text()
    with qtbot.waitSignal(screen.expired, timeout=1000):
        screen.timer.timeout.emit()
    assert not screen.timer.isActive()


def test_run_gui_that_cannot_build_returns_2_without_a_modal_dialog(qtbot, demo_settings, monkeypatch):
    def broken_build(settings):
        raise ERROR

    monkeypatch.setattr(ui_app, "build", broken_build)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: (_ for _ in ()).throw(AssertionError("modal")))
    assert ui_app.run_gui(demo_settings, fullscreen=False, simulator=False, failure_exit_s=0) == 2
    assert QApplication.instance() is not None
