"""First screen of checkout mode: choose a language, scan your card."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.texts import reason_text
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate


class WelcomeScreen(ScreenBase):
    screen_name = "welcome"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.instruction = label("subtitle")
        self.hint = label("hint")
        self.message = label("message")
        self.type_card = button("typeCardButton", secondary=True)
        self.type_card.clicked.connect(vm.start_card_entry)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.instruction)
        layout.addWidget(self.hint)
        layout.addSpacing(24)
        layout.addWidget(self.message)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.type_card)
        row.addStretch()
        layout.addLayout(row)
        if vm.camera is not None:
            from kiosk.ui.camera_preview import CameraPreview  # OpenCV and numpy only with a camera

            layout.addWidget(CameraPreview(vm.camera), 3)
        layout.addStretch(2)
        vm.message_changed.connect(self._show_message)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("Welcome", "Welcome to the library"))
        self.instruction.setText(translate("Welcome", "Scan your library card, or place it on the pad."))
        self.hint.setText(translate("Welcome", "Then place your books on the pad, one stack at a time."))
        set_text(self.type_card, translate("Welcome", "Type my card number"))
        self._show_message(self.vm.message)

    def _show_message(self, reason) -> None:
        self.message.setText(
            reason_text(reason, self.vm.message_fines) if reason and self.vm.screen.value == self.screen_name else ""
        )
        self.message.setAlignment(Qt.AlignCenter)
