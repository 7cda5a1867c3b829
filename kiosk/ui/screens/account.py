"""My account: what the patron has on loan (and when it is due, overdue
ones marked), their holds (which wait to be collected, and where), what
they owe; renew one item or all, each with its new due date or why not."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.account import Account, Hold, Loan, rupiah
from kiosk.circulation import Outcome
from kiosk.ui import style
from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.texts import reason_text
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate
LEFT = Qt.AlignLeft | Qt.AlignVCenter
ROW_STYLE = (
    "QFrame#ROW { background: white; border: 2px solid #d0ccc2; border-radius: 10px; }"
    " QFrame#ROW QLabel { background: white; border: none; }"
)
# Green text at 7:1 or more on white (style.OK gives 6.6:1).
OK_TEXT = "#155724"


def _coloured(object_name: str, colour: str, *, bold: bool = False) -> QLabel:
    lab = label(object_name, align=LEFT)
    lab.setStyleSheet(f"color: {colour};" + (" font-weight: 600;" if bold else ""))
    return lab


class AccountScreen(ScreenBase):
    screen_name = "account"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.status = label("accountStatus")
        self.body = QWidget()
        self.body.setObjectName("accountBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setAlignment(Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setObjectName("accountScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.body)
        self.back = button("accountBackButton", secondary=True)
        self.back.clicked.connect(vm.back)
        self.renew_all = button("renewAllButton")
        self.renew_all.clicked.connect(vm.renew_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch()
        row.addWidget(self.renew_all)
        layout.addLayout(row)
        vm.changed.connect(self.render)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("Account", "My account"))
        set_text(self.back, translate("Account", "Back to my items"))
        set_text(self.renew_all, translate("Account", "Renew all"))
        self.render()

    # -- rendering ---------------------------------------------------------------
    def render(self) -> None:
        while self.body_layout.count():
            child = self.body_layout.takeAt(0).widget()
            if child is not None:
                child.setParent(None)  # gone now, not at the next event loop turn
                child.deleteLater()
        view = self.vm.view
        account = view.account if view is not None else None
        if view is None:
            self.status.setText(translate("Account", "Asking the library for your account…"))
        elif account is None:
            self.status.setText(reason_text(view.reason))
        else:
            self.status.setText(self._summary(account))
        self.renew_all.setVisible(account is not None and bool(account.loans))
        self.renew_all.setEnabled(not any(self.vm.renewing(loan.item_id) for loan in self.vm.loans()))
        if account is None:
            return
        self._section(translate("Account", "On loan"), translate("Account", "Nothing on loan."), account.loans)
        for index, loan in enumerate(account.loans):
            self._add(self._loan_row(index, loan))
        self._section(translate("Account", "Holds"), translate("Account", "No holds."), account.holds)
        for hold in account.holds:
            self._add(self._hold_row(hold))
        self._section(translate("Account", "Fines and fees"), "", [1])
        self._add(self._fines(account))

    def _add(self, widget: QWidget) -> None:
        """Shown at once, not at the next event loop turn: the screen is complete when render returns."""
        self.body_layout.addWidget(widget)
        widget.show()

    def _summary(self, account: Account) -> str:
        return (
            translate("Account", "On loan: %1 · overdue: %2 · ready to collect: %3")
            .replace("%1", str(len(account.loans)))
            .replace("%2", str(sum(1 for loan in account.overdue if not self._renewed(loan.item_id))))
            .replace("%3", str(len(account.ready_holds)))
        )

    def _renewed(self, item_id: str) -> bool:
        result = self.vm.renewals.get(item_id)
        return result is not None and result.ok

    def _section(self, heading: str, empty: str, entries) -> None:
        head = label("accountHeading", align=LEFT)
        head.setText(heading)
        head.setStyleSheet(f"font-weight: 600; color: {style.ACCENT}; padding-top: 12px;")
        self._add(head)
        if not entries and empty:
            none = label("accountEmpty", align=LEFT)
            none.setText(empty)
            self._add(none)

    def _loan_row(self, index: int, loan: Loan) -> QWidget:
        frame = QFrame()
        frame.setObjectName("loanRow")
        frame.setStyleSheet(ROW_STYLE.replace("ROW", "loanRow"))
        row = QHBoxLayout(frame)
        text = QVBoxLayout()
        title = label("loanTitle", align=LEFT)
        title.setText(loan.title or translate("Outcome", "An item"))
        title.setStyleSheet("font-weight: 600; border: none;")
        text.addWidget(title)
        result = self.vm.renewals.get(loan.item_id)
        if result is not None and result.ok:
            text.addWidget(self._renewal_line(result))  # the new due date replaces the old one
        else:
            status = _coloured("loanDue", style.REFUSED if loan.overdue else style.INK, bold=loan.overdue)
            status.setText(self._due_text(loan.due, loan.overdue, loan))
            text.addWidget(status)
            if result is not None:
                text.addWidget(self._renewal_line(result))
        row.addLayout(text, 1)
        renew = button(f"renewButton{index}", secondary=True)
        busy = self.vm.renewing(loan.item_id)
        set_text(
            renew,
            translate("Account", "Renewing…") if busy else translate("Account", "Renew"),
            translate("Account", "Renew %1").replace("%1", loan.title or translate("Outcome", "An item")),
        )
        renew.setEnabled(not busy)
        renew.clicked.connect(lambda _checked=False, item_id=loan.item_id: self.vm.renew(item_id))
        row.addWidget(renew)
        return frame

    def _due_text(self, due, late: bool, loan: Loan) -> str:
        if due is None:
            return translate("Account", "Due date not known: please ask at the desk.")
        when = self.vm.format_date(due)
        text = (
            translate("Account", "⚠ Overdue: it was due back %1").replace("%1", when)
            if late
            else translate("Outcome", "Due back %1").replace("%1", when)
        )
        if loan.others_waiting:
            text += " · " + translate("Account", "Someone else is waiting for it.")
        return text

    def _renewal_line(self, result: Outcome) -> QLabel:
        line = _coloured("renewalResult", OK_TEXT if result.ok else style.REFUSED, bold=True)
        if result.ok and result.due:
            line.setText(
                translate("Account", "✓ Renewed: now due back %1").replace("%1", self.vm.format_date(result.due))
            )
        elif result.ok:
            line.setText(translate("Account", "✓ Renewed."))
        else:
            line.setText(
                translate("Account", "✗ Not renewed: %1").replace(
                    "%1", result.screen_message or reason_text(result.reason)
                )
            )
        return line

    def _hold_row(self, hold: Hold) -> QWidget:
        frame = QFrame()
        frame.setObjectName("holdRow")
        frame.setStyleSheet(ROW_STYLE.replace("ROW", "holdRow"))
        box = QVBoxLayout(frame)
        title = label("holdTitle", align=LEFT)
        title.setText(hold.title or translate("Outcome", "An item"))
        title.setStyleSheet("font-weight: 600; border: none;")
        box.addWidget(title)
        status = _coloured("holdStatus", OK_TEXT if hold.ready else style.INK, bold=hold.ready)
        if hold.ready and hold.pickup:
            status.setText(translate("Account", "✓ Ready to collect at %1").replace("%1", hold.pickup))
        elif hold.ready:
            status.setText(translate("Account", "✓ Ready to collect at the hold shelf"))
        else:
            status.setText(translate("Account", "Not ready yet: we will let you know."))
        box.addWidget(status)
        return frame

    def _fines(self, account: Account) -> QLabel:
        over = account.fine_limit is not None and account.fines > account.fine_limit
        lab = _coloured("finesText", style.REFUSED if over else style.INK, bold=over)
        if not account.fines:
            lab.setText(translate("Account", "You owe nothing."))
            return lab
        text = translate("Account", "You owe %1.").replace("%1", rupiah(account.fines))
        if over:
            text += " " + translate("Account", "Above %1 you cannot borrow: please pay at the desk.").replace(
                "%1", rupiah(account.fine_limit)
            )
        else:
            text += " " + translate("Account", "Please pay at the desk.")
        lab.setText(text)
        return lab
