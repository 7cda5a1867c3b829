"""Diagnostics for technicians (behind the staff PIN): a section per part of
the kiosk (kiosk/ui/screens/diagnostics_sections.py) chosen from the left,
"Back" under them, and "Exit kiosk" apart at the top right, asked twice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout

from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.screens.diagnostics_sections import SECTIONS, Section
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate

# Which section words an action's outcome.
_RESULT_SECTION = {
    "reconnect": "Devices",
    "self_test": "Devices",
    "ping": "Catalog",
    "test": "Catalog",
    "sync": "Sync",
    "resolve": "Sync",
    "acknowledge": "Alerts",
    "export": "Logs",
}


class DiagnosticsScreen(ScreenBase):
    screen_name = "diagnostics"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.title = label("title", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.exit = button("diagExitButton", secondary=True)
        self.exit.setProperty("danger", True)
        self.exit.clicked.connect(self._ask_exit)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.exit)

        self.confirm = QFrame()
        self.confirm.setObjectName("diagExitConfirmBar")
        bar = QHBoxLayout(self.confirm)
        self.confirm_text = label("diagExitQuestion", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.confirm_yes = button("diagExitConfirm")
        self.confirm_yes.setProperty("danger", True)
        self.confirm_yes.clicked.connect(vm.exit_kiosk)
        self.confirm_no = button("diagExitCancel", secondary=True)
        self.confirm_no.clicked.connect(lambda: self.confirm.setVisible(False))
        bar.addWidget(self.confirm_text, 1)
        bar.addWidget(self.confirm_yes)
        bar.addWidget(self.confirm_no)
        self.confirm.setVisible(False)

        self.sections: dict[str, Section] = {}
        self.stack = QStackedWidget()
        self.nav = QButtonGroup(self)
        self.nav.setExclusive(True)
        nav = QVBoxLayout()
        self.nav_buttons = {}
        for cls in SECTIONS:
            section = cls(vm)
            self.sections[cls.name] = section
            self.stack.addWidget(section)
            b = button(f"diagNav{cls.name}", secondary=True)
            b.setCheckable(True)
            b.setProperty("nav", True)
            b.clicked.connect(lambda _=False, name=cls.name: self.show_section(name))
            self.nav.addButton(b)
            self.nav_buttons[cls.name] = b
            nav.addWidget(b)
        nav.addStretch(1)
        self.back = button("diagBackButton")
        self.back.clicked.connect(self._back)
        nav.addWidget(self.back)

        body = QHBoxLayout()
        body.addLayout(nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.confirm)
        layout.addLayout(body, 1)

        vm.changed.connect(self._redraw)
        vm.result.connect(self._result)
        self.show_section("Devices")
        self.retranslate()

    def show_section(self, name: str) -> None:
        self.nav_buttons[name].setChecked(True)
        self.stack.setCurrentWidget(self.sections[name])
        self.sections[name].redraw()

    def current_section(self) -> str:
        return self.stack.currentWidget().name

    def _redraw(self) -> None:
        self._name_sections()
        self.stack.currentWidget().redraw()

    def _name_sections(self) -> None:
        """Section names, with how many conflicts and alerts wait (so they are seen from any section)."""
        view = self.vm.view
        waiting = {"Sync": len(view.conflicts) if view else 0, "Alerts": len(view.alerts) if view else 0}
        names = {
            "Devices": translate("Diagnostics", "Devices"),
            "Catalog": translate("Diagnostics", "Catalog"),
            "Sync": translate("Diagnostics", "Sync queue"),
            "Alerts": translate("Diagnostics", "Alerts"),
            "Logs": translate("Diagnostics", "Logs"),
        }
        for name, b in self.nav_buttons.items():
            count = waiting.get(name, 0)
            set_text(b, f"{names[name]} ({count})" if count else names[name], names[name])

    def _result(self, result) -> None:
        section = self.sections[_RESULT_SECTION[result.action]]
        section.show_result(result)
        self.stack.currentWidget().redraw()

    def _ask_exit(self) -> None:
        self.confirm.setVisible(True)

    def _back(self) -> None:
        self.confirm.setVisible(False)
        self.vm.cancel()

    def retranslate(self) -> None:
        self.title.setText(translate("Diagnostics", "Diagnostics"))
        set_text(self.exit, translate("Diagnostics", "Exit kiosk"))
        self.confirm_text.setText(
            translate("Diagnostics", "Close the kiosk program? Patrons cannot borrow until it is started again.")
        )
        set_text(self.confirm_yes, translate("Diagnostics", "Yes, exit"))
        set_text(self.confirm_no, translate("Diagnostics", "No, stay"))
        set_text(self.back, translate("Diagnostics", "Back"))
        self._name_sections()
        for section in self.sections.values():
            section.retranslate()
