"""What a kiosk that cannot start shows: the reason and what to do, on its own
screen for whoever passes by, then the process exits with status 2 after a
bounded time so that systemd (or whoever started it) restarts it.

Never a modal dialog: at night nobody is there to dismiss one, and the
process would hang for good. The start-up screen has no language chosen yet,
so the words for the patron stand in both languages; the reason is for staff.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.errors import KnownError
from kiosk.ui.qt_messages import route_to_logging

log = logging.getLogger(__name__)

EXIT_STATUS = 2

TITLE = "Kiosk belum dapat digunakan · The kiosk cannot start"
PLEASE = "Mohon beri tahu petugas perpustakaan. · Please tell the library staff."
COUNTDOWN = "Mencoba lagi dalam {s} detik · Trying again in {s} s"


class StartupFailure(QWidget):
    """The reason on screen and a Qt timer counting down to ``expired`` (and the window closing)."""

    expired = Signal()

    def __init__(self, error: KnownError, exit_after_s: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startupFailure")
        self.setWindowTitle("Kiosk")
        self.remaining_s = exit_after_s
        title = QLabel(TITLE)
        title.setObjectName("title")
        self.reason = QLabel(error.message)
        self.hint = QLabel(f"What to do: {error.hint}" if error.hint else "")
        self.countdown = QLabel()
        layout = QVBoxLayout(self)
        for widget in (title, QLabel(PLEASE), self.reason, self.hint, self.countdown):
            widget.setWordWrap(True)
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(widget)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self._show_remaining()

    def start(self) -> None:
        """Start counting; with nothing left to count, expire at the event loop's first turn."""
        if self.remaining_s <= 0:
            QTimer.singleShot(0, self._expire)
        else:
            self.timer.start()

    def _tick(self) -> None:
        self.remaining_s -= 1
        self._show_remaining()
        if self.remaining_s <= 0:
            self._expire()

    def _show_remaining(self) -> None:
        self.countdown.setText(COUNTDOWN.format(s=max(self.remaining_s, 0)))

    def _expire(self) -> None:
        self.timer.stop()
        self.expired.emit()


def show_startup_failure(error: KnownError, *, exit_after_s: int, fullscreen: bool) -> int:
    """Log the reason, show it, and return EXIT_STATUS once the time is up."""
    log.error("kiosk cannot start: %s", error)
    route_to_logging()
    app = QApplication.instance() or QApplication([])
    screen = StartupFailure(error, exit_after_s)
    screen.expired.connect(lambda: app.exit(EXIT_STATUS))
    if fullscreen:
        screen.showFullScreen()
    else:
        screen.resize(1280, 800)
        screen.show()
    screen.start()
    app.exec()
    screen.close()
    return EXIT_STATUS
