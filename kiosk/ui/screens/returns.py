"""Return station: each item placed is checked in and shows where it goes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.widgets import ItemList, button, label, set_text

translate = QCoreApplication.translate


class ReturnsScreen(ScreenBase):
    screen_name = "returns"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title")
        self.instruction = label("subtitle")
        self.items = ItemList("returnItems")
        self.count = label("itemCount")
        self.clear = button("clearReturnsButton", secondary=True)
        self.clear.clicked.connect(vm.clear_returns)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.instruction)
        layout.addWidget(self.items, 1)
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
        done = self.items.show_outcomes([(r.item_id, r.outcome) for r in self.vm.rows], self.vm.format_date)
        self.count.setText(translate("Returns", "Items returned: %1").replace("%1", str(done)))
