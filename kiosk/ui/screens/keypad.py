"""Keypad screens: the patron's PIN, a typed card number, the staff PIN."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.texts import reason_text
from kiosk.ui.widgets import Keypad, label

translate = QCoreApplication.translate


class KeypadScreen(ScreenBase):
    masked = True
    max_length = 8

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.instruction = label("subtitle")
        self.message = label("message")
        self.keypad = Keypad(self.screen_name, masked=self.masked, max_length=self.max_length)
        self.keypad.submitted.connect(self.submit)
        self.keypad.cancelled.connect(vm.cancel)
        # Words beside the keypad, not above it: a wide screen 800 px high keeps room for the
        # countdown, a refusal and large text.
        words = QVBoxLayout()
        words.addStretch(1)
        for widget in (self.title, self.instruction, self.message):
            words.addWidget(widget)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(words, 1)
        layout.addSpacing(24)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.keypad)
        column.addStretch(1)
        layout.addLayout(column)
        layout.addStretch(0)
        vm.message_changed.connect(self._show_message)
        vm.screen_changed.connect(lambda _name: self.keypad.clear())
        self.retranslate()

    def submit(self, value: str) -> None:
        raise NotImplementedError

    def _keypad_words(self) -> None:
        self.keypad.retranslate(
            translate("Keypad", "OK"), translate("Keypad", "Delete last digit"), translate("Keypad", "Cancel")
        )

    def _show_message(self, reason) -> None:
        self.message.setText(reason_text(reason) if reason and self.vm.screen.value == self.screen_name else "")


class PinScreen(KeypadScreen):
    screen_name = "pin"

    def submit(self, value: str) -> None:
        self.vm.pin_entered(value)

    def retranslate(self) -> None:
        self.title.setText(translate("Pin", "Enter your PIN"))
        self.instruction.setText(translate("Pin", "Cover the keypad with your other hand."))
        self._keypad_words()


class CardEntryScreen(KeypadScreen):
    screen_name = "card_entry"
    masked = False
    max_length = 20

    def submit(self, value: str) -> None:
        self.vm.card_presented(value)

    def retranslate(self) -> None:
        self.title.setText(translate("CardEntry", "Type your card number"))
        self.instruction.setText(translate("CardEntry", "It is printed under the barcode on your card."))
        self._keypad_words()


class StaffPinScreen(KeypadScreen):
    screen_name = "staff_pin"

    def submit(self, value: str) -> None:
        self.vm.staff_pin_entered(value)

    def retranslate(self) -> None:
        self.title.setText(translate("StaffPin", "Staff only"))
        self.instruction.setText(translate("StaffPin", "Enter the staff PIN to open diagnostics."))
        self._keypad_words()
