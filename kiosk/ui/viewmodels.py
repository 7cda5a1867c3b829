"""One small view model per screen (or the window's frame): each turns the
parts of the Qt-free :class:`kiosk.flow.KioskFlow` its screen shows into
Qt signals, and passes the screen's buttons on to the flow. No rules
live here; they are in kiosk/flow.py and kiosk/circulation.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.circulation import Outcome
from kiosk.devices.base import DeviceStatus
from kiosk.flow import KioskFlow, Row, Screen
from kiosk.models import Patron, Reason
from kiosk.ui.i18n import Languages

if TYPE_CHECKING:
    from kiosk.devices.base import FrameSource


class ViewModel(QObject):
    """What every view model offers its screen: the flow's screen and dates in the patron's language."""

    screen_changed = Signal(str)

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__()
        self.flow = flow
        self.languages = languages
        self.settings = flow.settings
        flow.screen_changed.connect(self.screen_changed.emit)

    @property
    def screen(self) -> Screen:
        return self.flow.screen

    def format_date(self, value) -> str:
        return self.languages.format_date(value)

    def cancel(self) -> None:
        self.flow.cancel()


class ShellViewModel(ViewModel):
    """The window around the screens: header badges, language buttons, the idle countdown."""

    countdown_changed = Signal(int)  # seconds left, or -1 when hidden
    offline_changed = Signal(bool)
    devices_changed = Signal()
    staff_call_changed = Signal(bool)  # "someone is coming" shows while True
    large_text_changed = Signal(bool)

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__(flow, languages)
        flow.staff_call.connect(self.staff_call_changed.emit)
        flow.large_text_changed.connect(self.large_text_changed.emit)
        flow.countdown_changed.connect(self.countdown_changed.emit)
        flow.offline_changed.connect(self.offline_changed.emit)
        flow.devices_changed.connect(self.devices_changed.emit)
        flow.language_changed.connect(languages.switch)
        languages.switch(flow.language)

    @property
    def checkout_mode(self) -> bool:
        return self.flow.checkout_mode

    @property
    def offline(self) -> bool:
        return self.flow.offline

    @property
    def countdown(self) -> int:
        return self.flow.countdown

    def device_problems(self) -> list[DeviceStatus]:
        return self.flow.device_problems()

    def set_language(self, lang: str) -> None:
        self.flow.set_language(lang)

    def request_staff(self) -> None:
        self.flow.request_staff()

    @property
    def staff_called(self) -> bool:
        return self.flow.staff_call.open

    def call_staff(self) -> None:
        self.flow.call_staff()

    def show_help(self) -> None:
        self.flow.show_help()

    def close_help(self) -> None:
        self.flow.close_help()

    def set_large_text(self, on: bool) -> None:
        self.flow.set_large_text(on)

    def touch(self) -> None:
        self.flow.touch()

    def tick(self) -> None:
        self.flow.tick()


class SignInViewModel(ViewModel):
    """Welcome, typed card number and PIN: a card comes in, a refusal goes out."""

    message_changed = Signal(object)  # Reason | None

    def __init__(self, flow: KioskFlow, languages: Languages, camera: FrameSource | None) -> None:
        super().__init__(flow, languages)
        self.camera = camera
        flow.message_changed.connect(self.message_changed.emit)

    @property
    def message(self) -> Reason | None:
        return self.flow.message

    @property
    def message_fines(self) -> int:
        return self.flow.message_fines

    def start_card_entry(self) -> None:
        self.flow.start_card_entry()

    def card_presented(self, card: str) -> None:
        self.flow.card_presented(card)

    def pin_entered(self, pin: str) -> None:
        self.flow.pin_entered(pin)


class SessionViewModel(ViewModel):
    """The patron's session and its finish screen: the rows, who is signed in, switching patrons."""

    rows_changed = Signal()
    session_changed = Signal()
    switch_prompt_changed = Signal(str)  # another patron's card mid-session ("" hides the question)

    def __init__(self, flow: KioskFlow, languages: Languages, camera: FrameSource | None) -> None:
        super().__init__(flow, languages)
        self.camera = camera
        flow.rows_changed.connect(self.rows_changed.emit)
        flow.session_changed.connect(self.session_changed.emit)
        flow.switch_prompt_changed.connect(self.switch_prompt_changed.emit)

    @property
    def rows(self) -> list[Row]:
        return self.flow.rows

    @property
    def patron(self) -> Patron | None:
        return self.flow.patron

    def pending(self) -> bool:
        return self.flow.pending()

    def loans(self) -> list[Outcome]:
        return self.flow.loans()

    def finish(self) -> None:
        self.flow.finish()

    def sign_out(self) -> None:
        self.flow.sign_out()

    def open_account(self) -> None:
        self.flow.account.open()

    def end_session(self) -> None:
        self.flow.end_session()

    def confirm_switch(self) -> None:
        self.flow.confirm_switch()

    def cancel_switch(self) -> None:
        self.flow.cancel_switch()


class ReturnsViewModel(ViewModel):
    """The return station's list of items checked in."""

    rows_changed = Signal()

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__(flow, languages)
        flow.rows_changed.connect(self.rows_changed.emit)

    @property
    def rows(self) -> list[Row]:
        return self.flow.rows

    def clear_returns(self) -> None:
        self.flow.clear_returns()

    def slip_printed(self, item_id: str) -> bool | None:
        """A hold or transit slip: printed (True), failed (False), or none (None)."""
        return self.flow.slips.printed.get(item_id)


class StaffViewModel(ViewModel):
    """The staff PIN (diagnostics have their own, kiosk/ui/diagnostics_vm.py)."""

    message_changed = Signal(object)

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__(flow, languages)
        flow.message_changed.connect(self.message_changed.emit)

    @property
    def message(self) -> Reason | None:
        return self.flow.message

    def staff_pin_entered(self, pin: str) -> None:
        self.flow.staff_pin_entered(pin)
