"""The kiosk window: a header (library, large text, help, call staff,
language), the offline and device badges, one stack of screens, the
"someone is coming" notice and the idle countdown banner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QInputDevice
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.flow import Screen
from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.viewmodels import ShellViewModel, ViewModel
from kiosk.ui.widgets import button, header_button, label, set_text

translate = QCoreApplication.translate
_ACTIVITY = {QEvent.MouseButtonPress, QEvent.TouchBegin, QEvent.KeyPress}


class MainWindow(QMainWindow):
    def __init__(self, vm: ShellViewModel, screen_vms: dict[type, ViewModel], *, tick_ms: int = 1000) -> None:
        super().__init__()
        self.vm = vm
        self.kiosk_mode = False
        self.setObjectName("kioskWindow")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)  # the screen's edge is the kiosk's frame: no room wasted at 800 px
        layout.setSpacing(4)
        layout.addLayout(self._header())
        layout.addLayout(self._badges())
        self.stack = QStackedWidget()
        self.screens = {}
        for cls, screen_vm in screen_vms.items():
            screen = cls(screen_vm)
            self.screens[cls.screen_name] = screen
            self.stack.addWidget(screen)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self._countdown_banner())
        self.setCentralWidget(central)

        vm.screen_changed.connect(self._show_screen)
        vm.countdown_changed.connect(self._show_countdown)
        vm.offline_changed.connect(lambda offline: self.offline_badge.setVisible(offline))
        vm.staff_call_changed.connect(self.staff_coming.setVisible)
        vm.large_text_changed.connect(self.large_text.setChecked)
        vm.devices_changed.connect(self._show_device_problems)
        self._show_screen(vm.screen.value)
        self._show_countdown(-1)
        self.retranslate()

        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(vm.tick)
        if tick_ms > 0:
            self.timer.start()

    def _header(self) -> QHBoxLayout:
        """On every screen: large text, help, call staff, the languages and ⚙ (staff)."""
        row = QHBoxLayout()
        self.library = label("headerName", align=Qt.AlignLeft | Qt.AlignVCenter)
        row.addWidget(self.library, 1)
        self.large_text = header_button("largeTextButton")
        self.large_text.setCheckable(True)
        self.large_text.clicked.connect(self.vm.set_large_text)
        row.addWidget(self.large_text)
        self.help_button = header_button("helpButton")
        self.help_button.setCheckable(True)
        self.help_button.clicked.connect(lambda checked: self.vm.show_help() if checked else self.vm.close_help())
        row.addWidget(self.help_button)
        self.call_staff = header_button("callStaffButton")
        self.call_staff.clicked.connect(self.vm.call_staff)
        row.addWidget(self.call_staff)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang in self.vm.languages.available:
            b = header_button(f"language_{lang}")
            b.setProperty("language", True)
            b.setCheckable(True)
            set_text(b, LANGUAGE_NAMES[lang])
            b.clicked.connect(lambda _checked=False, lang=lang: self.vm.set_language(lang))
            self.language_buttons[lang] = b
            row.addWidget(b)
        self.staff_button = header_button("staffButton")
        self.staff_button.clicked.connect(self.vm.request_staff)
        row.addWidget(self.staff_button)
        return row

    def _badges(self) -> QHBoxLayout:
        """Offline, device problems and "someone is coming", under the header so long wording never
        squeezes its buttons; one row, so 800 px high still has room for the screen."""
        row = QHBoxLayout()
        self.offline_badge = label("offlineBadge", wrap=False)
        self.offline_badge.setVisible(self.vm.offline)
        row.addWidget(self.offline_badge)
        self.device_alert = label("deviceAlert")
        self.device_alert.setVisible(False)
        row.addWidget(self.device_alert)
        row.addWidget(self._staff_notice(), 1)
        return row

    def _staff_notice(self) -> QFrame:
        self.staff_coming = QFrame()
        self.staff_coming.setObjectName("staffComing")
        row = QHBoxLayout(self.staff_coming)
        row.setContentsMargins(16, 2, 16, 2)
        self.staff_coming_text = label("staffComingText")
        row.addWidget(self.staff_coming_text, 1)
        self.staff_coming.setVisible(self.vm.staff_called)
        return self.staff_coming

    def _countdown_banner(self) -> QFrame:
        self.countdown = QFrame()
        self.countdown.setObjectName("countdown")
        row = QHBoxLayout(self.countdown)
        row.setContentsMargins(16, 2, 2, 2)
        self.countdown_text = label("countdownText", align=Qt.AlignLeft | Qt.AlignVCenter)
        row.addWidget(self.countdown_text, 1)
        self.still_here = button("stillHereButton")
        self.still_here.clicked.connect(self.vm.touch)
        row.addWidget(self.still_here)
        return self.countdown

    def enter_kiosk_mode(self) -> None:
        """Full screen, no frame, no pointer on a touchscreen; the window
        refuses to close (technicians leave through diagnostics)."""
        self.kiosk_mode = True
        self.setWindowFlags(self.windowFlags() | Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint)
        if any(d.type() == QInputDevice.DeviceType.TouchScreen for d in QInputDevice.devices()):
            QApplication.setOverrideCursor(Qt.BlankCursor)
        # Full screen is a request to a window manager; a bare X server (a common kiosk set-up) has
        # none and would map the window at its default size. The screen's own geometry fills it
        # there, and a window manager or a Wayland kiosk compositor (cage) is asked as usual.
        screen = self.screen() or QApplication.primaryScreen()
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.kiosk_mode:
            event.ignore()  # Alt+F4 or a window manager must not end a patron's session
        else:
            super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        settings = self.vm.settings.kiosk
        mode = translate("Header", "Borrow") if self.vm.checkout_mode else translate("Header", "Return")
        self.library.setText(f"{settings.library} — {mode}")
        self.offline_badge.setText(translate("Header", "Working offline"))
        set_text(self.staff_button, "⚙", translate("Header", "Staff"))
        set_text(self.large_text, "A+", translate("Header", "Large text"))
        set_text(self.help_button, "? " + translate("Header", "Help"), translate("Header", "Help"))
        set_text(self.call_staff, translate("Header", "Call staff"))
        self.staff_coming_text.setText(translate("Header", "Someone is coming to help you. Please wait here."))
        set_text(self.still_here, translate("Countdown", "I am still here"))
        for lang, b in self.language_buttons.items():
            b.setChecked(lang == self.vm.languages.current)
        self._show_countdown(self.vm.countdown)
        self._show_device_problems()

    def _show_screen(self, name: str) -> None:
        # Only the screen on show counts for the window's minimum size: a tall screen elsewhere in the
        # stack must not push the one on show (and its buttons) off a 1280x800 screen.
        for screen_name, screen in self.screens.items():
            shown = screen_name == name
            policy = QSizePolicy.Preferred if shown else QSizePolicy.Ignored
            screen.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(self.screens[name])
        self.staff_button.setVisible(name in (Screen.WELCOME.value, Screen.RETURNS.value))
        self.help_button.setChecked(name == Screen.HELP.value)

    def _show_countdown(self, left: int) -> None:
        self.countdown.setVisible(left >= 0)
        if left >= 0:
            self.countdown_text.setText(
                translate("Countdown", "Are you still there? The session closes in %1 s.").replace("%1", str(left))
            )

    def _show_device_problems(self) -> None:
        problems = self.vm.device_problems()
        self.device_alert.setVisible(bool(problems))
        if problems:
            self.device_alert.setText(translate("Header", "A device is not working: please tell staff"))

    def current_screen(self) -> str:
        return self.stack.currentWidget().screen_name


class ActivityFilter(QObject):
    """Any touch, click or key anywhere restarts the idle clock. Installed on
    the application; only events addressed to windows count, since a filter
    on QApplication sees each input event once per widget it passes."""

    def __init__(self, vm: ShellViewModel) -> None:
        super().__init__()
        self.vm = vm

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY and obj.isWindowType():
            self.vm.touch()
        return False
