"""A QWERTY keyboard on the screen, for the survey's suggestion: letters,
digits, a little punctuation, shift, space and backspace, each key at least
64 px square. It types into a line edit that never takes the focus, so a
barcode scanner's keystrokes still go to the window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, set_text

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm,.?")
KEY_SIZE = 64


class OnScreenKeyboard(QWidget):
    """Keys are named ``key_<character>``, ``keyShift``, ``keySpace``, ``keyBackspace``.
    Shift capitalises the next letter only, as phone keyboards do."""

    typed = Signal()

    def __init__(self, field: QLineEdit) -> None:
        super().__init__()
        self.field = field
        self.shifted = False
        self.keys: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(8)
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                key = self._key(f"key_{ch}")
                key.clicked.connect(lambda _checked=False, ch=ch: self._type(ch))
                self.keys[ch] = key
                grid.addWidget(key, r, c)
        layout.addLayout(grid)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        self.shift = self._key("keyShift")
        self.shift.setCheckable(True)
        self.shift.clicked.connect(self._toggle_shift)
        self.space = self._key("keySpace")
        self.space.clicked.connect(lambda: self._type(" "))
        self.backspace = self._key("keyBackspace")
        self.backspace.clicked.connect(self._backspace)
        bottom.addWidget(self.shift, 1)
        bottom.addWidget(self.space, 6)
        bottom.addWidget(self.backspace, 1)
        layout.addLayout(bottom)
        self._label_keys()

    def _key(self, name: str) -> QPushButton:
        key = button(name, secondary=True)
        key.setProperty("keyboardKey", True)
        key.setMinimumSize(KEY_SIZE, KEY_SIZE)
        return key

    def _type(self, ch: str) -> None:
        if self.shifted and ch.isalpha():
            ch = ch.upper()
            self._set_shift(False)
        self.field.insert(ch)
        self.typed.emit()

    def _backspace(self) -> None:
        self.field.backspace()
        self.typed.emit()

    def _toggle_shift(self, on: bool) -> None:
        self._set_shift(on)
        self.typed.emit()

    def _set_shift(self, on: bool) -> None:
        self.shifted = bool(on)
        self.shift.setChecked(self.shifted)
        self._label_keys()

    def _label_keys(self) -> None:
        for ch, key in self.keys.items():
            set_text(key, ch.upper() if self.shifted else ch)

    def retranslate(self, shift: str, space: str, backspace: str) -> None:
        set_text(self.shift, "⇧", shift)
        set_text(self.space, space, space)
        set_text(self.backspace, "⌫", backspace)

    def reset(self) -> None:
        self.field.clear()
        self._set_shift(False)
