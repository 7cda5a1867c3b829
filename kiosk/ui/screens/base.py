"""What every screen shares: re-rendering its text when the language changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.viewmodels import ViewModel


class ScreenBase(QWidget):
    screen_name = ""

    def __init__(self, vm: ViewModel) -> None:
        super().__init__()
        self.vm = vm
        self.setObjectName(f"{self.screen_name}Screen")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError
