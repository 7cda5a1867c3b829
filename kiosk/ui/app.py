"""Starts the Qt kiosk: the composition root of the GUI."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, build, serve_metrics
from kiosk.circulation import OnJournal
from kiosk.config import Settings
from kiosk.diagnostics import Diagnostics, RingLog
from kiosk.errors import KnownError
from kiosk.flow import KioskFlow
from kiosk.sounds import CueWatcher, SoundPlayer
from kiosk.ui.account_viewmodel import AccountViewModel
from kiosk.ui.bridge import EventBridge
from kiosk.ui.diagnostics_vm import DiagnosticsViewModel
from kiosk.ui.finish_viewmodel import FinishViewModel
from kiosk.ui.i18n import Languages
from kiosk.ui.main_window import ActivityFilter, MainWindow
from kiosk.ui.qt_messages import route_to_logging
from kiosk.ui.screens.account import AccountScreen
from kiosk.ui.screens.diagnostics import DiagnosticsScreen
from kiosk.ui.screens.finish import FinishScreen
from kiosk.ui.screens.help import HelpScreen
from kiosk.ui.screens.keypad import CardEntryScreen, PinScreen, StaffPinScreen
from kiosk.ui.screens.returns import ReturnsScreen
from kiosk.ui.screens.session import SessionScreen
from kiosk.ui.screens.survey import QuickSurveyScreen, SurveyScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.startup_failure import show_startup_failure
from kiosk.ui.style import stylesheet
from kiosk.ui.survey_viewmodel import SurveyViewModel
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.viewmodels import ReturnsViewModel, SessionViewModel, ShellViewModel, SignInViewModel, StaffViewModel
from kiosk.ui.wedge import WedgeScanner
from kiosk.watchdog import TurnProbe, Watchdog

log = logging.getLogger(__name__)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class GuiKiosk:
    """Everything the window needs, wired; tests build it from a kiosk whose
    worker and simulated devices run inline (``build(settings, threaded=False)``)."""

    def __init__(self, kiosk: Kiosk, *, tick_ms: int = 1000, sounds: SoundPlayer | None = None) -> None:
        self.kiosk = kiosk
        self.screen_height = 800
        self.app = QApplication.instance()
        self.bridge = EventBridge()
        self.runner = TaskRunner(kiosk.circulation)
        self.flow = KioskFlow(kiosk, self.runner.submit, self.runner.watch)
        self.languages = Languages(self.app, list(kiosk.settings.kiosk.languages))
        self.ring = RingLog()
        logging.getLogger().addHandler(self.ring)
        self.diagnostics = Diagnostics(kiosk, self.runner.submit, self.runner.post, self.ring)
        self.bridge.device_event.connect(self.flow.on_device_event)
        self.bridge.device_status.connect(
            lambda status: self.diagnostics.on_device_status(status, self.flow.device_statuses.get(status.name))
        )
        self.bridge.device_status.connect(self.flow.on_device_status)
        self.bridge.sync_status.connect(self.diagnostics.on_sync_status)
        self.bridge.sync_status.connect(self.flow.on_sync_status)
        kiosk.syncer.add_listener(self.bridge.emit_sync_status)
        self.bridge.emit_sync_status(kiosk.syncer.status())
        for status in kiosk.devices.open_all(self.bridge.emit_device_event, self.bridge.emit_device_status):
            self.flow.on_device_status(status)
        camera = kiosk.devices.frame_source()
        self.shell = ShellViewModel(self.flow, self.languages)
        sign_in = SignInViewModel(self.flow, self.languages, camera)
        session = SessionViewModel(self.flow, self.languages, camera)
        staff = StaffViewModel(self.flow, self.languages)
        survey = SurveyViewModel(self.flow, self.languages)
        self.diagnostics_vm = DiagnosticsViewModel(self.flow, self.languages, self.diagnostics)
        self.diagnostics_vm.exit_requested.connect(self.app.quit)
        screen_vms = {
            WelcomeScreen: sign_in,
            CardEntryScreen: sign_in,
            PinScreen: sign_in,
            SessionScreen: session,
            AccountScreen: AccountViewModel(self.flow, self.languages),
            FinishScreen: FinishViewModel(self.flow, self.languages),
            ReturnsScreen: ReturnsViewModel(self.flow, self.languages),
            StaffPinScreen: staff,
            QuickSurveyScreen: survey,
            SurveyScreen: survey,
            DiagnosticsScreen: self.diagnostics_vm,
            HelpScreen: self.shell,
        }
        self.window = MainWindow(self.shell, screen_vms, tick_ms=tick_ms)
        # Tests pass a player that records; the real one plays through aplay & co. off this thread.
        self.sounds = sounds or SoundPlayer(kiosk.settings.audio)
        self.cues = CueWatcher(self.flow, self.sounds.play)
        self.flow.large_text_changed.connect(lambda _on: self.apply_style())
        self.activity = ActivityFilter(self.shell)
        self.app.installEventFilter(self.activity)
        # Installed last, so it sees keys first: a scanner's burst never reaches a field.
        self.wedge = WedgeScanner(kiosk.settings.barcodes)
        self.wedge.on_event(self.bridge.emit_device_event)
        self.wedge.on_status(self.bridge.emit_device_status)
        self.wedge.open()

    def apply_style(self, screen_height: int | None = None) -> None:
        """The style sheet for this screen's height, in large text while the patron wants it."""
        self.screen_height = screen_height or self.screen_height
        self.app.setStyleSheet(stylesheet(self.screen_height, large=self.flow.large_text))

    def start_watchdog(self) -> Watchdog:
        """systemd's watchdog, pinged from this event loop while the circulation
        worker still turns: a hung screen or worker gets the kiosk restarted."""
        circulation = self.kiosk.circulation
        # Kept on self: Qt holds a bound method's object only weakly.
        self.watchdog = watchdog = Watchdog(TurnProbe(lambda: circulation.submit(OnJournal(_noop))))
        if watchdog.interval_ms:
            self.watchdog_timer = QTimer(self.window)
            self.watchdog_timer.setInterval(watchdog.interval_ms)
            self.watchdog_timer.timeout.connect(watchdog.beat)
            self.watchdog_timer.start()
        watchdog.ready()
        return watchdog

    def close(self) -> None:
        logging.getLogger().removeHandler(self.ring)
        self.sounds.close()
        self.wedge.close()
        self.app.removeEventFilter(self.activity)
        self.languages.uninstall()
        self.window.timer.stop()
        self.kiosk.close()


def run_gui(settings: Settings, *, fullscreen: bool, simulator: bool, failure_exit_s: int | None = None) -> int:
    """The kiosk until its window closes; one that cannot start shows why and returns 2 after
    ``failure_exit_s`` (default: [kiosk] startup_failure_s)."""
    if not has_display():
        raise KnownError(
            "no display to show the kiosk on (DISPLAY is not set)",
            hint="run it on the kiosk's screen, or without one: xvfb-run -a make demo "
            "(apt-get install xvfb), or QT_QPA_PLATFORM=offscreen for a quick check",
        )
    route_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    try:
        kiosk = build(settings)
    except KnownError as exc:
        # Never start half-working in silence: say what is wrong on the screen itself, then exit.
        exit_after_s = settings.kiosk.startup_failure_s if failure_exit_s is None else failure_exit_s
        return show_startup_failure(exc, exit_after_s=exit_after_s, fullscreen=fullscreen)
    gui = GuiKiosk(kiosk)
    kiosk.sync_worker.start()
    serve_metrics(kiosk)
    panel = show_windows(gui, fullscreen=fullscreen, simulator=simulator)  # noqa: F841 - kept alive
    watchdog = gui.start_watchdog()
    try:
        return app.exec()
    finally:
        watchdog.stopping()
        gui.close()


def _noop(journal) -> None:
    return None


def show_windows(gui: GuiKiosk, *, fullscreen: bool, simulator: bool):
    """The kiosk full screen, or (demo) a 1280x800 window with the simulator panel beside it.

    Both windows are placed on the screen explicitly, so a bare X server without a window manager
    shows them side by side as a desktop does."""
    screen = gui.app.primaryScreen()
    gui.apply_style(screen.size().height() if fullscreen else 800)
    panel = None
    if simulator:
        from kiosk.ui.simulator import SimulatorPanel

        panel = SimulatorPanel(gui.kiosk)
    if fullscreen:
        gui.window.enter_kiosk_mode()
        if panel is not None:
            panel.show()
        return panel
    area = screen.availableGeometry()
    gap = 8
    panel_width = panel.width() if panel is not None else 0
    width = min(1280, area.width())  # a screen too narrow for both: the panel stands over the kiosk's right edge
    gui.window.setGeometry(area.left(), area.top(), width, min(800, area.height()))
    gui.window.show()
    if panel is not None:
        panel.fit_height(area.height())
        left = min(area.left() + width + gap, area.right() - panel_width)
        panel.setGeometry(left, area.top(), panel_width, min(panel.height(), area.height()))
        panel.show()
    return panel
