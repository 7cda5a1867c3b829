"""Help: three pictures and a line each (where the card goes, how to place
books, what the screen then says), and a big "call staff" button. Reached
from the header on every screen; it returns where it was opened.

The pictures are drawn with QPainter from simple shapes, so they scale to
any screen, need no image files and follow the kiosk's colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import style
from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate


class Picture(QWidget):
    """One illustration; ``kind`` is "card", "books" or "done"."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.setObjectName(f"helpPicture_{kind}")
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        side = min(self.width(), self.height() * 4 / 3)
        # A 400 x 300 drawing, centred and scaled to fit.
        p.translate((self.width() - side) / 2, (self.height() - side * 3 / 4) / 2)
        p.scale(side / 400, side / 400)
        {"card": _card, "books": _books, "done": _done}[self.kind](p)
        p.end()


def _pen(colour: str, width: float = 6) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setJoinStyle(Qt.RoundJoin)
    pen.setCapStyle(Qt.RoundCap)
    return pen


def _pad(p: QPainter) -> None:
    """The kiosk's reading pad, seen at a slant, with its RFID waves."""
    p.setPen(_pen(style.INK, 5))
    p.setBrush(QColor("#d0ccc2"))
    p.drawPolygon(QPolygonF([QPointF(60, 250), QPointF(340, 250), QPointF(380, 290), QPointF(20, 290)]))
    p.setPen(_pen(style.ACCENT, 5))
    p.setBrush(Qt.NoBrush)
    for r in (30, 55):
        p.drawArc(QRectF(200 - r, 262 - r / 3, 2 * r, 2 * r / 3), 20 * 16, 140 * 16)


def _arrow(p: QPainter, x: float, y0: float, y1: float) -> None:
    p.setPen(_pen(style.ACCENT, 10))
    p.drawLine(QPointF(x, y0), QPointF(x, y1 - 16))
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(style.ACCENT))
    p.drawPolygon(QPolygonF([QPointF(x - 24, y1 - 24), QPointF(x + 24, y1 - 24), QPointF(x, y1 + 6)]))


def _card(p: QPainter) -> None:
    """A library card with its barcode, going onto the pad (or under the scanner)."""
    _pad(p)
    _arrow(p, 185, 160, 240)
    p.setPen(_pen(style.INK, 5))
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(90, 30, 190, 120), 14, 14)
    p.setBrush(QColor(style.ACCENT))
    p.setPen(Qt.NoPen)
    p.drawRect(QRectF(90, 30, 190, 28))
    p.setBrush(QColor(style.INK))
    x = 110.0
    for i, w in enumerate((4, 2, 6, 2, 3, 5, 2, 4, 2, 6, 3, 2, 5, 2, 4, 3, 2, 6, 2, 4)):
        if i % 2 == 0:
            p.drawRect(QRectF(x, 78, w, 52))
        x += w + 2.5


def _books(p: QPainter) -> None:
    """A short stack of books set down flat on the pad."""
    _pad(p)
    colours = (style.ACCENT, style.OK, style.REFUSED, style.WARN)
    p.setPen(_pen(style.INK, 4))
    for i, colour in enumerate(colours):
        y = 196 - i * 38
        x = 120 + (i % 2) * 12
        p.setBrush(QColor(colour))
        p.drawRoundedRect(QRectF(x, y, 160, 34), 5, 5)
        p.setBrush(QColor("white"))
        p.drawRect(QRectF(x + 150, y + 5, 8, 24))
    _arrow(p, 60, 60, 230)
    _arrow(p, 340, 60, 230)


def _done(p: QPainter) -> None:
    """The screen showing a tick: take your books."""
    p.setPen(_pen(style.INK, 6))
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(70, 20, 260, 200), 16, 16)
    p.setBrush(QColor(style.INK))
    p.drawRect(QRectF(175, 220, 50, 40))
    p.drawRoundedRect(QRectF(120, 260, 160, 18), 6, 6)
    p.setPen(_pen(style.OK, 22))
    p.setBrush(Qt.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(140, 120), QPointF(185, 165), QPointF(265, 75)]))


class HelpScreen(ScreenBase):
    screen_name = "help"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        kinds = ("card", "books", "done") if vm.checkout_mode else ("books", "done")
        self.pictures = [Picture(kind) for kind in kinds]
        self.captions = {kind: label(f"helpCaption_{kind}", align=Qt.AlignHCenter | Qt.AlignTop) for kind in kinds}
        self.still_stuck = label("subtitle")
        self.call_staff = button("helpCallStaffButton")
        self.call_staff.clicked.connect(vm.call_staff)
        self.back = button("helpBackButton", secondary=True)
        self.back.clicked.connect(vm.close_help)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        steps = QGridLayout()  # pictures in one row, their captions in the next: the lines start level
        steps.setHorizontalSpacing(24)
        steps.setRowStretch(0, 1)
        for column, picture in enumerate(self.pictures):
            steps.addWidget(picture, 0, column)
            steps.addWidget(self.captions[picture.kind], 1, column)
            steps.setColumnStretch(column, 1)
        layout.addLayout(steps, 1)
        layout.addWidget(self.still_stuck)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.back)
        row.addWidget(self.call_staff)
        row.addStretch()
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("Help", "How to use the kiosk"))
        captions = {
            "card": translate("Help", "Hold your library card under the scanner, or lay it on the pad."),
            "books": translate("Help", "Lay your books flat on the pad, one small stack at a time."),
            "done": translate("Help", "Wait for the tick on the screen, then take your books."),
        }
        for number, (kind, caption) in enumerate(self.captions.items(), 1):
            caption.setText(f"{number}. {captions[kind]}")
        self.still_stuck.setText(translate("Help", "Still stuck? Staff will come to you."))
        set_text(self.call_staff, translate("Help", "Call staff"))
        set_text(self.back, translate("Help", "Back"))
