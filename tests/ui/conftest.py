"""A kiosk window on the demo data, with a synchronous task runner and
unthreaded simulated devices: every action's result is on screen when the
call returns, so no test waits."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton

from kiosk.app import build
from kiosk.config import override
from kiosk.ui.app import GuiKiosk


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test():
    """Windows a test closed are deleted before the next test: a window only closed stays in
    memory, and every later style change re-polishes it (the screenshot tour slowed to minutes)."""
    yield
    app = QApplication.instance()
    if app is not None:
        for widget in app.topLevelWidgets():
            if not widget.isVisible():
                widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


class Driver:
    """What a person does at the kiosk, and what they see."""

    def __init__(self, gui, qtbot):
        self.gui, self.qtbot = gui, qtbot
        self.vm, self.window = gui.flow, gui.window
        self.scanner = gui.kiosk.devices.first("barcode")
        self.pad = gui.kiosk.devices.first("rfid")

    def press(self, name: str) -> None:
        button = self.window.findChild(QPushButton, name)
        assert button is not None, name
        assert button.isVisible(), f"{name} is not visible"
        self.qtbot.mouseClick(button, Qt.LeftButton)

    def type_on_keypad(self, prefix: str, digits: str) -> None:
        for digit in digits:
            self.press(f"{prefix}Key{digit}")
        self.press(f"{prefix}Ok")

    def screen(self) -> str:
        return self.window.current_screen()

    def visible_text(self) -> str:
        """Everything a person can read on the window now."""
        parts = [w.text() for w in self.window.findChildren(QLabel) if w.isVisible()]
        parts += [w.text() for w in self.window.findChildren(QPushButton) if w.isVisible()]
        for lst in self.window.findChildren(QListWidget):
            if lst.isVisible():
                parts += [lst.item(i).text() for i in range(lst.count())]
        return "\n".join(parts)

    def rows(self, name: str = "sessionItems") -> list[str]:
        return self.window.findChild(QListWidget, name).texts()


def make_driver(settings, qtbot):
    gui = GuiKiosk(build(settings, threaded=False), tick_ms=0)
    qtbot.addWidget(gui.window)
    gui.window.resize(1280, 800)
    gui.window.show()
    return Driver(gui, qtbot)


@pytest.fixture
def kiosk_ui(demo_settings, qtbot):
    driver = make_driver(demo_settings, qtbot)
    yield driver
    driver.gui.close()


@pytest.fixture
def return_ui(demo_settings, qtbot):
    driver = make_driver(override(demo_settings, "kiosk", mode="return"), qtbot)
    yield driver
    driver.gui.close()
