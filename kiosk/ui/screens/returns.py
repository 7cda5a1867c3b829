"""Return station: each item placed is checked in, and a large coloured
label says where it goes, readable from across the room: back to the
shelf, hold shelf, transit to another branch, or staff attention; with the
ILS's sort bin, and whether it was on loan or came back late."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.account import rupiah
from kiosk.returns_view import Note, ReturnSign, Sign, return_sign
from kiosk.ui import style
from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.texts import item_title, reason_text, waiting_text
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate
LEFT = Qt.AlignLeft | Qt.AlignVCenter
# Sign backgrounds under white text, each at least 7:1. Green and amber are
# darker than style.OK and style.WARN (6.6:1 and 5.9:1 under white).
SIGN_COLOURS = {
    Sign.SHELF: "#155724",
    Sign.HOLD_SHELF: style.ACCENT,
    Sign.TRANSIT: "#6b4500",
    Sign.STAFF: style.REFUSED,
}
SIGN_MARKS = {Sign.SHELF: "↩", Sign.HOLD_SHELF: "★", Sign.TRANSIT: "➜", Sign.STAFF: "!"}


def sign_text(sign: ReturnSign) -> str:
    if sign.sign is Sign.HOLD_SHELF:
        return translate("Returns", "HOLD SHELF")
    if sign.sign is Sign.TRANSIT:
        if sign.place:
            return translate("Returns", "TRANSIT TO %1").replace("%1", sign.place.upper())
        return translate("Returns", "TRANSIT")
    if sign.sign is Sign.STAFF:
        return translate("Returns", "STAFF ATTENTION")
    return translate("Returns", "BACK TO THE SHELF")


def note_text(sign: ReturnSign, outcome) -> str:
    if sign.note is Note.REFUSED:
        return outcome.screen_message or reason_text(outcome.reason)
    if not outcome.security_ok:
        return translate("Returns", "Returned, but its security tag could not be set: staff check it.")
    if sign.note is Note.NOT_ON_LOAN:
        text = translate("Returns", "It was not on loan.")
    elif sign.note is Note.LATE and sign.fine:
        text = translate("Returns", "Returned late. Fine: %1").replace("%1", rupiah(sign.fine))
    elif sign.note is Note.LATE:
        text = translate("Returns", "Returned late.")
    else:
        text = translate("Returns", "Returned.")
    if outcome.offline:
        text += " " + translate("Outcome", "(kiosk offline: the library confirms it later)")
    return text


class ReturnsScreen(ScreenBase):
    screen_name = "returns"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.instruction = label("subtitle")
        self.body = QWidget()
        self.body.setObjectName("returnItems")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setAlignment(Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.body)
        self.count = label("itemCount")
        self.clear = button("clearReturnsButton", secondary=True)
        self.clear.clicked.connect(vm.clear_returns)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.instruction)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.clear)
        layout.addLayout(row)
        vm.rows_changed.connect(self.render_rows)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("Returns", "Return items"))
        self.instruction.setText(translate("Returns", "Place items on the pad, or scan their barcodes."))
        set_text(self.clear, translate("Returns", "Clear the list"))
        self.render_rows()

    def render_rows(self) -> None:
        while self.body_layout.count():
            child = self.body_layout.takeAt(0).widget()
            if child is not None:
                child.setParent(None)  # gone now, not at the next event loop turn
                child.deleteLater()
        rows = self.vm.rows
        for row in reversed(rows):  # the item just placed is on top
            widget = self._row(row)
            self.body_layout.addWidget(widget)
            widget.show()
        done = sum(1 for r in rows if r.outcome is not None and r.outcome.ok)
        self.count.setText(translate("Returns", "Items returned: %1").replace("%1", str(done)))

    def texts(self) -> list[str]:
        """Each row's words, top to bottom (for tests and screen readers)."""
        return [
            "\n".join(lab.text() for lab in self.body_layout.itemAt(i).widget().findChildren(QLabel))
            for i in range(self.body_layout.count())
        ]

    def _row(self, row) -> QWidget:
        frame = QFrame()
        frame.setObjectName("returnRow")
        frame.setStyleSheet(
            "QFrame#returnRow { background: white; border: 2px solid #d0ccc2; border-radius: 10px; }"
            " QFrame#returnRow QLabel#returnTitle, QFrame#returnRow QLabel#returnNote { background: white; }"
        )
        box = QHBoxLayout(frame)
        outcome = row.outcome
        text = QVBoxLayout()
        title = label("returnTitle", align=LEFT)
        title.setText(item_title(outcome, row.item_id))
        title.setStyleSheet("font-weight: 600; border: none;")
        text.addWidget(title)
        note = label("returnNote", align=LEFT)
        note.setStyleSheet("border: none;")
        text.addWidget(note)
        box.addLayout(text, 1)
        if outcome is None:
            note.setText(waiting_text(row.waiting_for) if row.waiting_for else translate("Outcome", "Checking…"))
            return frame
        sign = return_sign(outcome)
        text = note_text(sign, outcome)
        slip = self.vm.slip_printed(row.item_id)
        if slip is True:
            text += " " + translate("Returns", "Slip printed: put it in the item.")
        elif slip is False:
            text += " " + translate("Returns", "The slip could not be printed: write one by hand.")
        note.setText(text)
        box.addWidget(self._sign(sign))
        return frame

    def _sign(self, sign: ReturnSign) -> QLabel:
        big = QLabel()
        big.setObjectName(f"returnSign_{sign.sign.value}")
        big.setAlignment(Qt.AlignCenter)
        big.setWordWrap(True)
        lines = [f"{SIGN_MARKS[sign.sign]}  {sign_text(sign)}"]
        if sign.sort_bin:
            lines.append(translate("Returns", "Bin %1").replace("%1", sign.sort_bin))
        big.setText("\n".join(lines))
        # About 1.6 times the body text (the stylesheet scales with the screen's height), bold, white on colour.
        size = max(30, round(self.window().height() / 25))
        big.setStyleSheet(
            f"background: {SIGN_COLOURS[sign.sign]}; color: white; font-weight: 700; font-size: {size}px;"
            " border-radius: 12px; padding: 10px 20px;"
        )
        big.setMinimumWidth(round(self.window().width() * 0.42))
        return big
