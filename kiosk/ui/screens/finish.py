"""End of a visit: what was borrowed and when it is due, what was refused
and what to do, the renewals; then the receipt — print, email, to my phone
(a QR code on screen) or none — as the library offers it, inside the
countdown shown below."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk.models import Reason, TxKind
from kiosk.receipts.qr import PhoneQr
from kiosk.receipts.service import Channel
from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.texts import item_title, reason_text
from kiosk.ui.widgets import ItemList, button, label, set_text

translate = QCoreApplication.translate


def qr_pixmap(qr: PhoneQr, side: int) -> QPixmap:
    """The code drawn module by module, black on white, ``side`` pixels square."""
    scale = max(side // max(qr.size, 1), 1)
    pixmap = QPixmap(qr.size * scale, qr.size * scale)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    for y, row in enumerate(qr.matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, QColor("black"))
    painter.end()
    return pixmap


def summary_lines(outcomes, format_date, fines: int = 0) -> list[tuple[str, str, str]]:
    """(title, status, style) per item: loans with due dates, refusals with what to do, renewals."""
    lines = []
    for o in outcomes:
        title = item_title(o, o.item_id)
        if o.kind is TxKind.RENEW and o.ok:
            lines.append((title, translate("Finish", "Renewed: due back %1").replace("%1", format_date(o.due)), "ok"))
        elif o.kind is TxKind.RENEW:
            text = translate("Finish", "Not renewed: %1").replace("%1", o.screen_message or reason_text(o.reason))
            lines.append((title, text, "refused"))
        elif not o.ok:
            lines.append((title, o.screen_message or reason_text(o.reason, fines), "refused"))
        elif not o.security_ok:
            lines.append((title, reason_text(Reason.SECURITY_FAILED), "refused"))
        elif o.due is not None:
            text = translate("Outcome", "Due back %1").replace("%1", format_date(o.due))
            if o.offline:
                text += " " + translate("Outcome", "(kiosk offline: the library confirms it later)")
            lines.append((title, text, "ok"))
        else:
            lines.append((title, translate("Outcome", "Done."), "ok"))
    return lines


class FinishScreen(ScreenBase):
    screen_name = "finish"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.summary = ItemList("finishItems")
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.summary.setResizeMode(ItemList.ResizeMode.Adjust)  # long lines wrap, never scroll sideways
        self.question = label("subtitle")
        self.withheld = label("receiptWithheld")
        self.qr = QLabel()
        self.qr.setObjectName("receiptQr")
        self.qr.setAlignment(Qt.AlignCenter)
        self.qr.setVisible(False)
        self.channels: dict[Channel, object] = {}
        choices = QHBoxLayout()
        choices.addStretch()
        for channel, name in (
            (Channel.PRINT, "receiptPrintButton"),
            (Channel.EMAIL, "receiptEmailButton"),
            (Channel.PHONE, "receiptPhoneButton"),
            (Channel.NONE, "receiptNoneButton"),
        ):
            b = button(name, secondary=channel is Channel.NONE)
            b.clicked.connect(lambda _checked=False, channel=channel: vm.choose_receipt(channel))
            b.setVisible(False)
            self.channels[channel] = b
            choices.addWidget(b)
        choices.addStretch()
        self.done = button("doneButton")
        self.done.clicked.connect(vm.end_session)
        middle = QHBoxLayout()
        middle.addWidget(self.summary, 3)
        middle.addWidget(self.qr, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(middle, 1)
        layout.addWidget(self.question)
        layout.addWidget(self.withheld)
        layout.addLayout(choices)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.done)
        row.addStretch()
        layout.addLayout(row)
        vm.screen_changed.connect(lambda _name: self.retranslate())
        vm.receipt_changed.connect(self.render_receipt)
        self.retranslate()

    def retranslate(self) -> None:
        outcomes = self.vm.summary()
        loans = [o for o in outcomes if o.ok and o.kind is TxKind.CHECKOUT]
        self.title.setText(translate("Finish", "Thank you! Items borrowed: %1").replace("%1", str(len(loans))))
        fines = self.vm.patron.fines if self.vm.patron else 0
        self.summary.show_rows(summary_lines(outcomes, self.vm.format_date, fines))
        set_text(self.channels[Channel.PRINT], translate("Finish", "Print"), translate("Finish", "Print a receipt"))
        set_text(self.channels[Channel.EMAIL], translate("Finish", "Email"), translate("Finish", "Email a receipt"))
        set_text(
            self.channels[Channel.PHONE],
            translate("Finish", "To my phone"),
            translate("Finish", "Receipt to my phone"),
        )
        set_text(self.channels[Channel.NONE], translate("Finish", "No receipt"))
        set_text(self.done, translate("Finish", "Done"))
        self.render_receipt()

    def render_receipt(self) -> None:
        finishing = self.vm.finishing
        offer, delivery, chosen = finishing.offer, finishing.delivery, finishing.chosen
        open_choice = offer is not None and chosen is None
        self.done.setVisible(not (open_choice and len(offer.channels) > 1))  # "No receipt" is the way out then
        for channel, b in self.channels.items():
            b.setVisible(open_choice and channel in offer.channels and len(offer.channels) > 1)
        language = self.vm.languages.current or self.vm.settings.kiosk.default_language
        withheld = [w.why.text(language) for w in offer.withheld if w.channel is not Channel.PHONE] if offer else []
        self.withheld.setText(" ".join(withheld) if open_choice else "")
        self.withheld.setVisible(bool(withheld) and open_choice)
        self.qr.setVisible(False)
        if offer is None:
            self.question.setText(translate("Finish", "Getting your receipt ready…"))
        elif open_choice and len(offer.channels) > 1:
            self.question.setText(translate("Finish", "Would you like a receipt?"))
        elif delivery is not None and not delivery.ok:
            self.question.setText(translate("Finish", "That did not work. Please choose again."))
        elif chosen is not None and delivery is None:
            self.question.setText(translate("Finish", "One moment…"))
        elif chosen is Channel.PRINT:
            self.question.setText(translate("Finish", "Please take your receipt from the printer."))
        elif chosen is Channel.EMAIL:
            self.question.setText(translate("Finish", "Your receipt is on its way to your email."))
        elif chosen is Channel.PHONE and delivery is not None and delivery.qr is not None:
            self.question.setText(
                translate("Finish", "Scan this code with your phone's camera: it adds the due dates to your calendar.")
            )
            self.qr.setPixmap(qr_pixmap(delivery.qr, max(min(self.height() * 2 // 3, 560), 300)))
            self.qr.setVisible(True)
        else:
            self.question.setText("")
