"""End of a checkout: what was borrowed and when it is due."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.widgets import ItemList, button, label, set_text

translate = QCoreApplication.translate


class FinishScreen(ScreenBase):
    screen_name = "finish"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.summary = ItemList("finishItems")
        self.receipt = label("subtitle")
        self.done = button("doneButton")
        self.done.clicked.connect(vm.end_session)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.receipt)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.done)
        row.addStretch()
        layout.addLayout(row)
        vm.screen_changed.connect(lambda _name: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        loans = self.vm.loans()
        self.title.setText(translate("Finish", "Thank you! Items borrowed: %1").replace("%1", str(len(loans))))
        self.summary.show_outcomes([(o.item_id, o) for o in loans], self.vm.format_date)
        # Until paper receipts come, the lines the ILS wants printed (SIP2 AG) are shown here.
        patron_lines = self.vm.patron.print_lines if self.vm.patron else ()
        lines = [*patron_lines, *(line for o in loans for line in o.print_lines)]
        self.receipt.setText("\n".join([translate("Finish", "Please take your receipt."), *lines]))
        set_text(self.done, translate("Finish", "Done"))
