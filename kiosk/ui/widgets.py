"""Reusable touch widgets: labelled buttons, the keypad, the item list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import style
from kiosk.ui.texts import item_title, outcome_text


def button(object_name: str, *, secondary: bool = False, parent: QWidget | None = None) -> QPushButton:
    b = QPushButton(parent)
    b.setObjectName(object_name)
    b.setFocusPolicy(Qt.NoFocus)  # scanners type into the window, never into a button
    if secondary:
        b.setProperty("secondary", True)
    return b


def header_button(object_name: str) -> QPushButton:
    """A button of the header, on every screen: smaller type, still a full touch target."""
    b = button(object_name, secondary=True)
    b.setProperty("header", True)
    return b


def set_text(widget, text: str, accessible: str | None = None) -> None:
    """Set visible text and the accessible name together, so screen readers
    and tests find every control by what it says in the current language."""
    widget.setText(text)
    widget.setAccessibleName(accessible or text)


def label(object_name: str, *, wrap: bool = True, align=Qt.AlignCenter) -> QLabel:
    lab = QLabel()
    lab.setObjectName(object_name)
    lab.setWordWrap(wrap)
    lab.setAlignment(align)
    return lab


class Keypad(QWidget):
    """Digits, backspace and OK, big enough for a thumb; ``masked`` hides
    what is typed (PINs). Key objectNames are ``<prefix>Key0``..``Key9``,
    ``<prefix>Backspace``, ``<prefix>Ok``, ``<prefix>Cancel``."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, prefix: str, *, masked: bool, max_length: int = 16) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.field.setObjectName(f"{prefix}Field")
        self.field.setAlignment(Qt.AlignCenter)
        self.field.setMaxLength(max_length)
        self.field.setFocusPolicy(Qt.NoFocus)
        if masked:
            self.field.setEchoMode(QLineEdit.Password)
        # Laid out like a cash machine: four rows, so the keypad fits 800 px high
        # with the countdown banner showing.
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._key(prefix, digit), i // 3, i % 3)
        grid.addWidget(self._key(prefix, "0"), 3, 1)
        self.backspace = button(f"{prefix}Backspace", secondary=True)
        self.backspace.clicked.connect(self.field.backspace)
        grid.addWidget(self.backspace, 0, 3)
        self.cancel = button(f"{prefix}Cancel", secondary=True)
        self.cancel.clicked.connect(self.cancelled)
        grid.addWidget(self.cancel, 1, 3)
        self.ok = button(f"{prefix}Ok")
        self.ok.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.ok.clicked.connect(self._submit)
        grid.addWidget(self.ok, 2, 3, 2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addLayout(grid)

    def _key(self, prefix: str, digit: str) -> QPushButton:
        key = button(f"{prefix}Key{digit}")
        key.setProperty("pinKey", True)
        set_text(key, digit)
        key.clicked.connect(lambda: self.field.insert(digit))
        return key

    def _submit(self) -> None:
        value = self.field.text()
        self.field.clear()  # a PIN never stays in a widget after use
        self.submitted.emit(value)

    def retranslate(self, ok: str, backspace: str, cancel: str) -> None:
        set_text(self.ok, ok)
        set_text(self.backspace, "⌫", backspace)
        set_text(self.cancel, cancel)

    def clear(self) -> None:
        self.field.clear()


class ItemList(QListWidget):
    """Items as they are read: a title line and a status line each."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setFocusPolicy(Qt.NoFocus)
        self.setSelectionMode(QListWidget.NoSelection)
        self.setWordWrap(True)

    def show_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """rows: (title, status line, style ok|refused|pending)."""
        self.clear()
        colours = {"ok": style.OK, "refused": style.REFUSED, "pending": style.PENDING}
        marks = {"ok": "✓", "refused": "✗", "pending": "…"}
        for title, status, kind in rows:
            item = QListWidgetItem(f"{marks[kind]}  {title}\n     {status}")
            item.setForeground(_colour(colours[kind]))
            item.setData(Qt.UserRole, kind)
            self.addItem(item)
        if rows:
            self.scrollToBottom()

    def show_outcomes(self, pairs, format_date) -> int:
        """pairs: (item id, Outcome or None while pending); returns how many succeeded."""
        self.show_rows(
            [(item_title(outcome, item_id), *outcome_text(outcome, format_date)) for item_id, outcome in pairs]
        )
        return sum(1 for _, outcome in pairs if outcome is not None and outcome.ok)

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def _colour(hex_colour: str):
    from PySide6.QtGui import QColor

    return QColor(hex_colour)
