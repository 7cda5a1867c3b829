"""The kiosk's screen flow and state, without widgets.

Device events, button presses and idle ticks come in; signals go out that
the screens render. Blocking work (catalog, journal, tag security) goes
through the TaskRunner, so the GUI thread never waits on I/O.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from kiosk.app import Kiosk
from kiosk.circulation import Outcome, Session
from kiosk.devices.base import BarcodeRead, DeviceState, DeviceStatus, RfidReader, TagsSeen
from kiosk.errors import KnownError
from kiosk.models import Reason, TxKind
from kiosk.pins import verify_pin
from kiosk.sync import SyncStatus
from kiosk.ui.i18n import Languages
from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class Screen(str, enum.Enum):
    WELCOME = "welcome"
    CARD_ENTRY = "card_entry"
    PIN = "pin"
    SESSION = "session"
    FINISH = "finish"
    RETURNS = "returns"
    STAFF_PIN = "staff_pin"
    DIAGNOSTICS = "diagnostics"


@dataclass
class Row:
    """One item on screen: pending until its outcome arrives."""

    item_id: str
    kind: TxKind
    outcome: Outcome | None = None


class KioskViewModel(QObject):
    screen_changed = Signal(str)
    message_changed = Signal(object)   # Reason | None, for the current screen
    session_changed = Signal()
    rows_changed = Signal()
    countdown_changed = Signal(int)    # seconds left, or -1 when hidden
    offline_changed = Signal(bool)
    devices_changed = Signal()
    busy_changed = Signal(bool)
    diagnostics_changed = Signal(dict)
    switch_prompt_changed = Signal(str)  # another patron's card mid-session ("" hides the question)

    # Screens where a patron (or staff) may have walked away with data on show.
    _WATCHED = {Screen.CARD_ENTRY, Screen.PIN, Screen.SESSION, Screen.FINISH, Screen.STAFF_PIN,
                Screen.DIAGNOSTICS, Screen.RETURNS}

    def __init__(self, kiosk: Kiosk, runner: TaskRunner, languages: Languages) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.settings = kiosk.settings
        self.runner = runner
        self.languages = languages
        self.checkout_mode = self.settings.kiosk.mode == "checkout"
        self.home = Screen.WELCOME if self.checkout_mode else Screen.RETURNS
        self.screen = self.home
        self.session: Session | None = None
        self.rows: list[Row] = []
        self.message: Reason | None = None
        self.offline = False
        self.busy = False
        self.device_statuses: dict[str, DeviceStatus] = {}
        self._pending_card = ""
        self._idle = 0
        self.countdown = -1
        self.switch_card = ""            # a second patron card waiting for "switch patrons?"
        self._on_pad: dict = {}          # uid -> TagRead, what lies on the pad now
        self._waiting_sets: dict = {}    # item id -> (parts in set, seconds left to wait)
        languages.switch(self.settings.kiosk.default_language)

    # -- navigation -----------------------------------------------------------
    def _go(self, screen: Screen, message: Reason | None = None) -> None:
        self.screen = screen
        self._idle = 0
        self._set_countdown(-1)
        self.screen_changed.emit(screen.value)
        self._set_message(message)

    def _set_message(self, reason: Reason | None) -> None:
        self.message = reason
        self.message_changed.emit(reason)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _run(self, fn, on_done) -> None:
        self.runner.submit(fn, on_done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        """A known fault (disk, device) or a bug in a task: the patron is sent
        to the desk, staff find the details in the log and diagnostics."""
        if isinstance(exc, KnownError):
            log.error("task failed: %s", exc)
        else:
            log.error("task failed with a bug", exc_info=exc)
        self._set_busy(False)
        self._settle_pending(Reason.OTHER)
        self._set_message(Reason.OTHER)

    def _settle_pending(self, reason: Reason) -> None:
        for row in self.rows:
            if row.outcome is None:
                row.outcome = Outcome(row.kind, row.item_id, False, reason=reason)
        self.rows_changed.emit()

    # -- language ---------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.touch()
        self.languages.switch(lang)

    # -- input: codes from any source ---------------------------------------------
    def on_device_event(self, event) -> None:
        if isinstance(event, BarcodeRead):
            self.touch()
            self._on_barcode(event)
        elif isinstance(event, TagsSeen):
            self.touch()
            reader = self.kiosk.devices.devices.get(event.device)
            for uid in event.left:
                self._on_pad.pop(uid, None)
            for tag in event.arrived:
                self._on_pad[tag.uid] = tag
                if tag.error:
                    log.warning("unreadable tag %s on %s: %s", tag.uid, event.device, tag.error)
                    self._unreadable(tag.uid)
                elif tag.is_patron_card:
                    self.on_code(tag.item_id)
                elif tag.parts_in_set > 1:
                    self._set_part_arrived(tag, reader)
                else:
                    self.on_item(tag.item_id, self._securer(reader, [tag.uid]))

    @staticmethod
    def _securer(reader, uids: list[str]):
        """Switches every tag of an item (all parts of a set); True only if all took."""
        if not isinstance(reader, RfidReader):
            return None
        return lambda armed: all([reader.set_secured(uid, armed) for uid in uids])

    # -- multi-part sets: all parts on the pad, or none goes to the catalog ----------
    def _parts_on_pad(self, item_id: str) -> dict[int, str]:
        return {t.part_number: uid for uid, t in self._on_pad.items() if t.item_id == item_id and not t.error}

    def _set_part_arrived(self, tag, reader) -> None:
        parts = self._parts_on_pad(tag.item_id)
        if len(parts) >= tag.parts_in_set:
            self._waiting_sets.pop(tag.item_id, None)
            self.on_item(tag.item_id, self._securer(reader, list(parts.values())))
        else:
            self._waiting_sets[tag.item_id] = (tag.parts_in_set, self.settings.rfid.set_wait_s)

    def _expire_sets(self) -> None:
        """Called each second: a set still incomplete after ``set_wait_s`` is
        shown as such (and never sent to the catalog); it is taken as soon
        as the missing part arrives."""
        for item_id, (total, left) in list(self._waiting_sets.items()):
            if left > 1:
                self._waiting_sets[item_id] = (total, left - 1)
                continue
            del self._waiting_sets[item_id]
            missing = tuple(p for p in range(1, total + 1) if p not in self._parts_on_pad(item_id))
            kind = TxKind.CHECKOUT if self.checkout_mode else TxKind.CHECKIN
            self.rows.append(Row(item_id, kind, Outcome(kind, item_id, False, reason=Reason.INCOMPLETE_SET,
                                                        missing_parts=missing)))
            self.rows_changed.emit()

    def _unreadable(self, uid: str) -> None:
        if self.screen in (Screen.SESSION, Screen.RETURNS):
            kind = TxKind.CHECKOUT if self.checkout_mode else TxKind.CHECKIN
            self.rows.append(Row(uid, kind, Outcome(kind, uid, False, reason=Reason.UNREADABLE_TAG)))
            self.rows_changed.emit()
        else:
            self._set_message(Reason.UNREADABLE_TAG)

    def _on_barcode(self, event: BarcodeRead) -> None:
        """What a scanned code means comes from the site's [barcodes] rules; a
        code no rule accepts is explained and never sent to the catalog."""
        rules = self.kiosk.barcode_rules
        if not rules.rules:
            self.on_code(event.code.strip())
            return
        verdict = rules.classify(event.code, event.symbology)
        if not verdict.accepted:
            log.info("barcode %r refused: %s", event.code, verdict.reason)
            self._refuse_code(event.code, Reason.MISREAD if verdict.reason in ("length", "check_digit")
                              else Reason.NOT_A_LIBRARY_CODE)
        elif verdict.kind == "patron":
            if self.screen in (Screen.SESSION, Screen.FINISH) and self.session is not None \
                    and verdict.normalized != self.session.card:
                self.switch_card = verdict.normalized  # ask: the first patron may still be here
                self.switch_prompt_changed.emit(self.switch_card)
            else:
                self.on_code(verdict.normalized)
        elif self.screen in (Screen.WELCOME, Screen.CARD_ENTRY, Screen.PIN):
            self._set_message(Reason.SIGN_IN_FIRST)
        else:
            self.on_item(verdict.normalized, None)

    def _refuse_code(self, code: str, reason: Reason) -> None:
        if self.screen in (Screen.SESSION, Screen.RETURNS):
            kind = TxKind.CHECKOUT if self.checkout_mode else TxKind.CHECKIN
            self.rows = [r for r in self.rows if r.item_id != code]
            self.rows.append(Row(code, kind, Outcome(kind, code, False, reason=reason)))
            self.rows_changed.emit()
        else:
            self._set_message(reason)

    def on_code(self, code: str) -> None:
        """A code typed, scanned or read from a card: its meaning depends on the screen."""
        if not code or self.busy:
            return
        if self.screen in (Screen.WELCOME, Screen.CARD_ENTRY, Screen.PIN) and self.checkout_mode:
            self.card_presented(code)
        elif self.screen in (Screen.SESSION, Screen.FINISH, Screen.RETURNS):
            if self.session is not None and code == self.session.card:
                return  # the patron's own card again: nothing to do
            self.on_item(code, None)

    def on_item(self, item_id: str, secure) -> None:
        if self.screen is Screen.FINISH:
            self._go(Screen.SESSION)
        if self.screen is Screen.RETURNS:
            self._checkin(item_id, secure)
        elif self.screen is Screen.SESSION and self.session is not None:
            self._checkout(item_id, secure)
        elif self.screen is Screen.WELCOME:
            self._set_message(Reason.SIGN_IN_FIRST)

    # -- sign in -------------------------------------------------------------------
    def start_card_entry(self) -> None:
        self._go(Screen.CARD_ENTRY)

    def card_presented(self, card: str) -> None:
        if self.settings.kiosk.require_pin:
            self._pending_card = card
            self._go(Screen.PIN)
        else:
            self._sign_in(card, None)

    def pin_entered(self, pin: str) -> None:
        if not pin:
            self._set_message(Reason.PIN_REQUIRED)
            return
        self._sign_in(self._pending_card, pin)

    def _sign_in(self, card: str, pin: str | None) -> None:
        self._set_busy(True)
        self._run(lambda: self.kiosk.circulation.sign_in(card, pin), self._signed_in)

    def _signed_in(self, result) -> None:
        self._set_busy(False)
        if result.ok:
            self._pending_card = ""
            self.session = result.session
            self.rows = []
            self._set_offline(self.offline or result.session.offline)
            patron = result.session.patron
            if patron and patron.language in self.languages.available:
                self.languages.switch(patron.language)
            self.session_changed.emit()
            self.rows_changed.emit()
            self._go(Screen.SESSION)
        elif result.reason is Reason.WRONG_PIN:
            self._go(Screen.PIN, result.reason)
        else:
            self._pending_card = ""
            self._go(Screen.WELCOME, result.reason)

    def cancel(self) -> None:
        """Back to the start from any screen, forgetting whatever was entered."""
        self._pending_card = ""
        self._go(self.home)

    # -- circulation ---------------------------------------------------------------
    def _add_row(self, item_id: str, kind: TxKind) -> Row | None:
        if any(r.item_id == item_id and (r.outcome is None or r.outcome.ok) for r in self.rows):
            return None  # the same tag read twice, or a barcode scanned again: done once
        self.rows = [r for r in self.rows if r.item_id != item_id]  # a retry replaces its refusal
        row = Row(item_id, kind)
        self.rows.append(row)
        self.rows_changed.emit()
        return row

    def _checkout(self, item_id: str, secure) -> None:
        row = self._add_row(item_id, TxKind.CHECKOUT)
        if row is not None:
            session = self.session
            self._run(lambda: self.kiosk.circulation.checkout(session, item_id, secure),
                      lambda outcome: self._row_done(row, outcome))

    def _checkin(self, item_id: str, secure) -> None:
        row = self._add_row(item_id, TxKind.CHECKIN)
        if row is not None:
            self._run(lambda: self.kiosk.circulation.checkin(item_id, None, secure),
                      lambda outcome: self._row_done(row, outcome))

    def _row_done(self, row: Row, outcome: Outcome) -> None:
        row.outcome = outcome
        if outcome.offline:
            self._set_offline(True)
        self.rows_changed.emit()

    def finish(self) -> None:
        if self.session is not None:
            self._go(Screen.FINISH)

    def confirm_switch(self) -> None:
        """End this session and sign in with the card scanned mid-session."""
        card = self.switch_card
        self.cancel_switch()
        self.end_session()
        if card:
            self.card_presented(card)

    def cancel_switch(self) -> None:
        self.switch_card = ""
        self.switch_prompt_changed.emit("")

    @property
    def camera(self):
        """The scanning camera whose picture the screens show, if there is one."""
        return next((d for d in self.kiosk.devices.devices.values() if hasattr(d, "latest_frame")), None)

    def pending(self) -> bool:
        return any(r.outcome is None for r in self.rows)

    def end_session(self) -> None:
        """Sign out: the catalog is told, every trace of the patron leaves the screen."""
        if self.switch_card:
            self.cancel_switch()
        session, self.session = self.session, None
        self.rows = []
        self._waiting_sets.clear()
        self._pending_card = ""
        if session is not None:
            self._run(lambda: self.kiosk.circulation.end_session(session), lambda _: None)
        self.languages.switch(self.settings.kiosk.default_language)
        self.session_changed.emit()
        self.rows_changed.emit()
        self._go(self.home)

    def clear_returns(self) -> None:
        self.rows = []
        self.rows_changed.emit()
        self._go(Screen.RETURNS)

    # -- idle timeout ----------------------------------------------------------------
    def touch(self) -> None:
        """Any sign of a person: the idle clock starts again."""
        self._idle = 0
        if self.countdown >= 0:
            self._set_countdown(-1)

    def tick(self) -> None:
        """Called once a second by the window's timer (and by tests, directly)."""
        if self._waiting_sets:
            self._expire_sets()
        if self.screen not in self._WATCHED or (self.screen is Screen.RETURNS and not self.rows):
            return
        self._idle += 1
        limit = self.settings.kiosk.finish_screen_s if self.screen is Screen.FINISH \
            else self.settings.kiosk.idle_timeout_s
        left = limit - self._idle
        if left <= 0:
            log.info("idle timeout on %s: session cleared", self.screen.value)
            if self.screen is Screen.RETURNS:
                self.clear_returns()
            else:
                self.end_session()
        elif self.screen is not Screen.FINISH and left <= self.settings.kiosk.idle_warning_s:
            self._set_countdown(left)

    def _set_countdown(self, left: int) -> None:
        self.countdown = left
        self.countdown_changed.emit(left)

    # -- status ------------------------------------------------------------------------
    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.offline_changed.emit(offline)

    def on_sync_status(self, status: SyncStatus) -> None:
        self._set_offline(not status.online)

    def on_device_status(self, status: DeviceStatus) -> None:
        self.device_statuses[status.name] = status
        self.devices_changed.emit()

    def device_problems(self) -> list[DeviceStatus]:
        return [s for s in self.device_statuses.values() if s.state not in (DeviceState.OK, DeviceState.CLOSED)]

    # -- staff -------------------------------------------------------------------------
    def request_staff(self) -> None:
        self._go(Screen.STAFF_PIN)

    def staff_pin_entered(self, pin: str) -> None:
        stored = self.settings.staff_pin_hash
        self._set_busy(True)
        self._run(lambda: bool(stored) and verify_pin(pin, stored), self._staff_checked)

    def _staff_checked(self, ok: bool) -> None:
        self._set_busy(False)
        if ok:
            self.show_diagnostics()
        else:
            log.warning("wrong staff PIN entered")
            self._set_message(Reason.WRONG_PIN)

    def show_diagnostics(self) -> None:
        """Open diagnostics; reached only through the staff PIN (or offscreen screenshots)."""
        self._go(Screen.DIAGNOSTICS)
        self.refresh_diagnostics()

    def refresh_diagnostics(self) -> None:
        def snapshot() -> dict:
            return {"counts": self.kiosk.journal.counts(), "alerts": self.kiosk.journal.open_alerts(),
                    "sync": self.kiosk.syncer.status(), "catalog": self.kiosk.catalog.describe(),
                    "journal": str(self.kiosk.journal.path)}

        self._run(snapshot, self.diagnostics_changed.emit)

    def sync_now(self) -> None:
        self._run(self.kiosk.syncer.run_once, lambda _report: self.refresh_diagnostics())
