"""The keyboard-wedge filter fed real QKeyEvents with explicit timestamps,
sent to the window's QWindow as the platform would: scanner bursts, people
typing, a scan while a text field has focus, a dropped Enter."""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.devices.base import BarcodeRead, DeviceState
from kiosk.ui.wedge import WedgeScanner

CARD = "29001000000013"
ITEM = "39001000000011"
SETTINGS = {"wedge_max_gap_ms": 50, "wedge_min_length": 4, "wedge_max_duration_ms": 1500, "wedge_prefix": ""}
SCANNER_GAP, PERSON_GAP = 8, 140  # ms between keys


class Keyboard:
    """Presses keys on a window at given times (ms), like the platform plugin would."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.now = 1_000_000

    def _send(self, kind, key: int, text: str, modifiers=Qt.NoModifier) -> None:
        event = QKeyEvent(kind, key, modifiers, text)
        event.setTimestamp(self.now)
        QCoreApplication.sendEvent(self.window.windowHandle(), event)

    def key(self, text: str, gap_ms: int, *, key: int | None = None, modifiers=Qt.NoModifier) -> None:
        self.now += gap_ms
        key = key if key is not None else (Qt.Key_Return if text == "\r" else ord(text.upper()))
        self._send(QEvent.KeyPress, key, text, modifiers)
        self._send(QEvent.KeyRelease, key, text, modifiers)

    def type(self, text: str, gap_ms: int, *, enter: bool = True, pause_ms: int = 0) -> None:
        for i, char in enumerate(text):
            self.key(char, pause_ms if i == 0 and pause_ms else gap_ms)
        if enter:
            self.key("\r", gap_ms)


@pytest.fixture
def form(qtbot):
    """A window whose text field has focus, like a screen with a PIN field."""
    window = QWidget()
    field = QLineEdit(window)
    field.setObjectName("pinField")
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    entered = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    return window, field, entered


@pytest.fixture
def wedge(form):
    opened = []

    def make(**overrides):
        scanner = WedgeScanner({**SETTINGS, **overrides}, window=form[0])
        reads = []
        scanner.on_event(reads.append)
        scanner.open()
        opened.append(scanner)
        return scanner, reads, Keyboard(form[0])

    yield make
    for scanner in opened:
        scanner.close()


def test_a_scanner_burst_is_one_scan_and_never_reaches_the_focused_field(form, wedge):
    _, field, entered = form
    scanner, reads, keyboard = wedge()
    assert scanner.status.state is DeviceState.OK
    keyboard.type(CARD, SCANNER_GAP)
    assert reads == [BarcodeRead("wedge", CARD)]
    assert field.text() == "" and entered == []


def test_a_person_typing_is_never_a_scan_and_lands_in_the_field(form, wedge):
    _, field, entered = form
    _, reads, keyboard = wedge()
    keyboard.type("1234", PERSON_GAP)
    assert reads == []
    assert entered == ["1234"]


def test_a_fast_typist_is_still_a_person_when_the_burst_is_too_short(form, wedge):
    _, field, entered = form
    _, reads, keyboard = wedge()
    keyboard.type("12", SCANNER_GAP)  # two quick keys: shorter than wedge_min_length
    assert reads == [] and entered == ["12"]


def test_typing_right_after_a_scan_is_kept_apart_from_it(form, wedge):
    _, field, _ = form
    _, reads, keyboard = wedge()
    keyboard.type(CARD, SCANNER_GAP)
    keyboard.type("78", PERSON_GAP, enter=False, pause_ms=500)
    keyboard.key("9", PERSON_GAP)  # the gap before it hands "8" over; "9" waits for the idle timer
    assert reads == [BarcodeRead("wedge", CARD)]
    assert field.text() == "78"


def test_a_dropped_enter_ends_the_scan_at_the_next_gap(form, wedge):
    _, field, _ = form
    _, reads, keyboard = wedge()
    keyboard.type(CARD, SCANNER_GAP, enter=False)
    keyboard.type("39001000000011", SCANNER_GAP, pause_ms=400)
    assert [r.code for r in reads] == [CARD, "39001000000011"]
    assert field.text() == ""


def test_a_burst_without_enter_is_reported_when_the_keys_stop(form, wedge, qtbot):
    _, field, _ = form
    scanner, reads, keyboard = wedge()
    with qtbot.waitSignal(scanner.filter.scanned, timeout=5000):
        keyboard.type(CARD, SCANNER_GAP, enter=False)
    assert reads == [BarcodeRead("wedge", CARD)]
    keyboard.key("\r", 120)  # its Enter, late: still the scan's, not the field's
    assert field.text() == "" and form[2] == []


def test_a_burst_that_takes_too_long_is_typing(form, wedge):
    _, field, entered = form
    _, reads, keyboard = wedge(wedge_max_duration_ms=100)
    keyboard.type(CARD, 40)  # 14 keys 40 ms apart: fast, but 520 ms in all
    assert reads == [] and entered == [CARD]


def test_capitals_typed_with_shift_are_part_of_the_scan(form, wedge):
    _, field, _ = form
    _, reads, keyboard = wedge()
    for char in "AB12":
        keyboard.key("", SCANNER_GAP // 2, key=Qt.Key_Shift, modifiers=Qt.ShiftModifier)
        keyboard.key(char, SCANNER_GAP // 2, modifiers=Qt.ShiftModifier if char.isalpha() else Qt.NoModifier)
    keyboard.key("\r", SCANNER_GAP)
    assert reads == [BarcodeRead("wedge", "AB12")] and field.text() == ""


def test_with_a_prefix_only_prefixed_bursts_are_scans_and_typing_is_not_held(form, wedge):
    _, field, entered = form
    _, reads, keyboard = wedge(wedge_prefix="~")
    keyboard.type("5678", SCANNER_GAP)  # fast, but no prefix: typing, delivered at once
    assert entered == ["5678"]
    keyboard.type("~" + CARD, SCANNER_GAP, pause_ms=300)
    assert reads == [BarcodeRead("wedge", CARD)]
    assert entered == ["5678"]


def test_shortcuts_and_editing_keys_pass_and_end_a_burst(form, wedge):
    _, field, _ = form
    _, reads, keyboard = wedge()
    keyboard.type("123", SCANNER_GAP, enter=False)
    keyboard.key("\x08", SCANNER_GAP, key=Qt.Key_Backspace)  # a person correcting themselves
    assert reads == [] and field.text() == "12"


def test_closing_removes_the_filter(form, wedge):
    _, field, entered = form
    scanner, reads, keyboard = wedge()
    scanner.close()
    keyboard.type(CARD, SCANNER_GAP)
    assert reads == [] and entered == [CARD]
    assert scanner.status.state is DeviceState.CLOSED


def test_on_the_kiosk_a_scan_while_the_pin_field_has_focus_is_a_scan_and_never_pin_digits(kiosk_ui):
    window = kiosk_ui.window
    scanner = kiosk_ui.gui.wedge  # the kiosk's own filter: a second one would hold keys twice
    reads = []
    scanner.on_event(reads.append)
    keyboard = Keyboard(window)
    keyboard.type(CARD, SCANNER_GAP)
    assert kiosk_ui.screen() == "pin" and reads == [BarcodeRead("wedge", CARD)]
    pin = window.findChild(QLineEdit, "pinField")
    # The keypad's field takes no focus on the touch screen, so no key could
    # reach it and the test would pass with no filter at all. Give it focus,
    # as a keyboard-driven screen would, and prove keys do land in it.
    pin.setFocusPolicy(Qt.StrongFocus)
    window.activateWindow()
    pin.setFocus()
    keyboard.type("1234", PERSON_GAP)  # someone typing a PIN on a keyboard: not a scan
    assert pin.text() == "1234" and reads == [BarcodeRead("wedge", CARD)]
    keyboard.type(ITEM, SCANNER_GAP, pause_ms=500)  # a scan while the PIN field has focus
    assert pin.text() == "1234"  # not one digit of the scan in the PIN
    assert reads == [BarcodeRead("wedge", CARD), BarcodeRead("wedge", ITEM)]  # delivered as a scan
    assert kiosk_ui.screen() == "pin"
