"""The patron's session: items appear as they are read, with their due
date or why they were refused and what to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.texts import row_lines
from kiosk.ui.widgets import ItemList, button, label, set_text

translate = QCoreApplication.translate


class SessionScreen(ScreenBase):
    screen_name = "session"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.greeting = label("title")
        self.instruction = label("subtitle")
        self.items = ItemList("sessionItems")
        self.count = label("itemCount")
        self.finish = button("finishButton")
        self.finish.clicked.connect(vm.finish)
        self.cancel = button("signOutButton", secondary=True)
        self.cancel.clicked.connect(vm.sign_out)
        self.account = button("accountButton", secondary=True)
        self.account.clicked.connect(vm.open_account)
        self.switch_question = label("switchQuestion")
        self.switch_yes = button("switchYesButton")
        self.switch_yes.clicked.connect(vm.confirm_switch)
        self.switch_no = button("switchNoButton", secondary=True)
        self.switch_no.clicked.connect(vm.cancel_switch)
        self.switch_box = QWidget()
        switch_row = QHBoxLayout(self.switch_box)
        switch_row.addWidget(self.switch_question, 1)
        switch_row.addWidget(self.switch_no)
        switch_row.addWidget(self.switch_yes)
        self.switch_box.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(self.instruction)
        layout.addWidget(self.switch_box)
        middle = QHBoxLayout()
        middle.addWidget(self.items, 1)
        if vm.camera is not None:
            from kiosk.ui.camera_preview import CameraPreview  # OpenCV and numpy only with a camera

            middle.addWidget(CameraPreview(vm.camera))
        layout.addLayout(middle, 1)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.account)
        row.addWidget(self.cancel)
        row.addWidget(self.finish)
        layout.addLayout(row)
        vm.rows_changed.connect(self.render_rows)
        vm.session_changed.connect(self.retranslate)
        vm.switch_prompt_changed.connect(lambda card: self.switch_box.setVisible(bool(card)))
        self.retranslate()

    def retranslate(self) -> None:
        patron = self.vm.patron
        if patron is not None and patron.name:
            self.greeting.setText(translate("Session", "Hello, %1").replace("%1", patron.name))
        else:
            self.greeting.setText(translate("Session", "Hello"))
        self.instruction.setText(translate("Session", "Place your items on the pad, or scan their barcodes."))
        set_text(self.finish, translate("Session", "Finish"))
        set_text(self.cancel, translate("Session", "Cancel"))
        set_text(self.account, translate("Session", "My account"))
        self.switch_question.setText(
            translate("Session", "Another library card was scanned. End this session and sign in with that card?")
        )
        set_text(self.switch_yes, translate("Session", "Yes, switch"))
        set_text(self.switch_no, translate("Session", "No, continue"))
        self.render_rows()

    def render_rows(self) -> None:
        rows = self.vm.rows
        fines = self.vm.patron.fines if self.vm.patron else 0
        self.items.show_rows(row_lines(rows, self.vm.format_date, fines=fines))
        done = sum(1 for r in rows if r.outcome is not None and r.outcome.ok)
        self.count.setText(translate("Session", "Items borrowed: %1").replace("%1", str(done)))
        self.finish.setEnabled(not self.vm.pending())  # the summary must not miss an item still checking
