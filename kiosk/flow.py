"""The kiosk's screen flow and one visit's rules, without Qt: which screen
shows, what a scanned code or a tag on the pad means there, the rows of a
session with their pending outcomes, multi-part sets waiting for their
other parts, and the idle clock.

Input comes in as plain calls (device events, button presses, a tick a
second); what changed goes out through :class:`Hook` s that the screens'
view models (kiosk/ui/viewmodels.py) turn into Qt signals. Blocking work
is submitted as operations to the circulation worker through a
:data:`Submit` function that delivers results back on the caller's thread.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.call_staff import StaffCall
from kiosk.circulation import (
    CheckinItem,
    CheckoutItem,
    EndSession,
    OnJournal,
    Outcome,
    SecureFn,
    Session,
    SignIn,
    SignInPatron,
)
from kiosk.devices.barcode.rules import RuleSet
from kiosk.devices.base import BarcodeRead, DeviceState, DeviceStatus, RfidReader, TagRead, TagsSeen
from kiosk.errors import CatalogProtocolError, CatalogUnavailable, KnownError
from kiosk.models import Patron, Reason, TxKind
from kiosk.pins import verify_pin
from kiosk.survey.flow import FULL_SCREEN, QUICK_SCREEN, SurveyFlow
from kiosk.sync import SyncStatus
from kiosk.worker import Offload, Operation

log = logging.getLogger(__name__)
# A refusal on the screen clears after this many ticks (seconds): the next person never sees it.
MESSAGE_SHOW_S = 8

# submit(operation, on_done, on_error): both callbacks run on the caller's (GUI) thread.
Submit = Callable[[Operation, Callable[[Any], None], Callable[[BaseException], None]], None]


class Screen(str, enum.Enum):
    WELCOME = "welcome"
    CARD_ENTRY = "card_entry"
    PIN = "pin"
    SESSION = "session"
    ACCOUNT = "account"
    FINISH = "finish"
    RETURNS = "returns"
    STAFF_PIN = "staff_pin"
    DIAGNOSTICS = "diagnostics"
    SURVEY_QUICK = QUICK_SCREEN
    SURVEY = FULL_SCREEN
    HELP = "help"


SIGN_IN_SCREENS = (Screen.WELCOME, Screen.CARD_ENTRY, Screen.PIN)
# Screens where a patron (or staff) may have walked away with data on show.
WATCHED = {
    Screen.CARD_ENTRY,
    Screen.PIN,
    Screen.SESSION,
    Screen.ACCOUNT,
    Screen.FINISH,
    Screen.STAFF_PIN,
    Screen.DIAGNOSTICS,
    Screen.RETURNS,
    Screen.SURVEY_QUICK,
    Screen.SURVEY,
    Screen.HELP,
}
SURVEY_SCREENS = (Screen.SURVEY_QUICK, Screen.SURVEY)


class Hook:
    """A plain-Python signal: ``connect(fn)``, ``emit(*args)``."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., None]] = []

    def connect(self, slot: Callable[..., None]) -> None:
        self._slots.append(slot)

    def emit(self, *args) -> None:
        for slot in list(self._slots):
            slot(*args)


@dataclass
class Row:
    """One item on screen: pending until its outcome arrives."""

    item_id: str
    kind: TxKind
    outcome: Outcome | None = None
    waiting_for: tuple[int, ...] = ()  # a multi-part set waiting: the part numbers not on the pad yet


# -- what a code means -----------------------------------------------------------


@dataclass(frozen=True)
class CodeMeaning:
    """A scanned code read through the site's rules: a patron card, an item, or refused with why."""

    code: str
    kind: str  # "patron" | "item" | "any" (no rules: the screen decides) | "refused"
    reason: Reason | None = None


def meaning_of(rules: RuleSet, read: BarcodeRead) -> CodeMeaning:
    """What a scanned code means comes from the site's [barcodes] rules; a
    code no rule accepts is explained and never sent to the catalog."""
    if not rules.rules:
        return CodeMeaning(read.code.strip(), "any")
    verdict = rules.classify(read.code, read.symbology)
    if not verdict.accepted:
        log.info("barcode %r refused: %s", read.code, verdict.reason)
        misread = verdict.reason in ("length", "check_digit")
        return CodeMeaning(read.code, "refused", Reason.MISREAD if misread else Reason.NOT_A_LIBRARY_CODE)
    return CodeMeaning(verdict.normalized, "patron" if verdict.kind == "patron" else "item")


# -- the pad -------------------------------------------------------------------------


@dataclass(frozen=True)
class PadItem:
    """An item ready to go to the catalog: every part of it lies on the pad."""

    item_id: str
    uids: tuple[str, ...]


@dataclass
class Pad:
    """What lies on the RFID pad, and the multi-part sets waiting for their
    other parts: an incomplete set is never sent to the catalog."""

    set_wait_s: float
    on_pad: dict[str, TagRead] = field(default_factory=dict)  # uid -> tag
    device: dict[str, str] = field(default_factory=dict)  # uid -> the reader it lies on
    waiting: dict[str, tuple[int, float]] = field(default_factory=dict)  # item id -> (parts, seconds left)

    def update(self, seen: TagsSeen) -> list[TagRead | PadItem]:
        """Unreadable tags and patron cards as they arrived, and items whose parts are all here."""
        for uid in seen.left:
            self.on_pad.pop(uid, None)
            self.device.pop(uid, None)
        ready: list[TagRead | PadItem] = []
        for tag in seen.arrived:
            self.on_pad[tag.uid] = tag
            self.device[tag.uid] = seen.device
            if tag.error or tag.is_patron_card:
                ready.append(tag)
            elif tag.parts_in_set <= 1:
                ready.append(PadItem(tag.item_id, (tag.uid,)))
            elif len(parts := self.parts(tag.item_id)) >= tag.parts_in_set:
                self.waiting.pop(tag.item_id, None)
                ready.append(PadItem(tag.item_id, tuple(parts.values())))
            else:
                self.waiting[tag.item_id] = (tag.parts_in_set, self.set_wait_s)
        return ready

    def present(self) -> list[tuple[str, PadItem]]:
        """(reader, item) of every complete item lying on the pad now; incomplete
        sets start waiting again. What was placed before sign-in is read at sign-in."""
        ready, seen = [], set()
        for uid, tag in list(self.on_pad.items()):
            if tag.error or tag.is_patron_card or tag.item_id in seen:
                continue
            seen.add(tag.item_id)
            parts = self.parts(tag.item_id)
            if tag.parts_in_set <= 1 or len(parts) >= tag.parts_in_set:
                ready.append((self.device.get(uid, ""), PadItem(tag.item_id, tuple(parts.values()) or (uid,))))
            else:
                self.waiting[tag.item_id] = (tag.parts_in_set, self.set_wait_s)
        return ready

    def missing(self, item_id: str) -> tuple[int, ...]:
        """The part numbers of a waiting set that are not on the pad."""
        total = self.waiting.get(item_id, (1, 0))[0]
        return tuple(p for p in range(1, total + 1) if p not in self.parts(item_id))

    def wait_for(self, item_id: str, parts: int) -> None:
        """A set named by its barcode: wait for all its parts like one placed on the pad."""
        self.waiting[item_id] = (parts, self.set_wait_s)

    def parts(self, item_id: str) -> dict[int, str]:
        return {t.part_number: uid for uid, t in self.on_pad.items() if t.item_id == item_id and not t.error}

    def expire(self) -> list[tuple[str, tuple[int, ...]]]:
        """Called each second: the sets still incomplete after ``set_wait_s``,
        with their missing part numbers. A set is taken as soon as its last
        part arrives, even after that."""
        expired = []
        for item_id, (total, left) in list(self.waiting.items()):
            if left > 1:
                self.waiting[item_id] = (total, left - 1)
                continue
            expired.append((item_id, self.missing(item_id)))
            del self.waiting[item_id]
        return expired

    def clear_waiting(self) -> None:
        self.waiting.clear()


# -- the flow ------------------------------------------------------------------------


class KioskFlow:
    """The state every screen renders, and what each input does to it."""

    def __init__(self, kiosk, submit: Submit, watch=None) -> None:
        self.kiosk = kiosk
        self.settings = kiosk.settings
        self._submit = submit
        self.checkout_mode = self.settings.kiosk.mode == "checkout"
        self.home = Screen.WELCOME if self.checkout_mode else Screen.RETURNS
        self.screen = self.home
        self.language = self.settings.kiosk.default_language
        self.session: Session | None = None  # a handle for operations; changed only on the worker
        self.patron: Patron | None = None  # who signed in, as the catalog said then
        self.rows: list[Row] = []
        self.message: Reason | None = None
        self.message_fines = 0  # a refusal for fines says how much (rupiah)
        self._message_left = 0
        self._language_tapped = False  # a language the patron chose wins over the ILS's for the session
        self.offline = False
        self.busy = False
        self.countdown = -1
        self.switch_card = ""  # a second patron card waiting for "switch patrons?"
        self.device_statuses: dict[str, DeviceStatus] = {}
        self.sync_status: SyncStatus | None = None
        self.pad = Pad(self.settings.rfid.set_wait_s)
        self._pending_card = ""
        self._idle = 0
        self._session_started = 0.0  # time.monotonic() at sign-in, for the usage report's session length
        self.screen_changed, self.message_changed, self.language_changed = Hook(), Hook(), Hook()
        self.session_changed, self.rows_changed, self.countdown_changed = Hook(), Hook(), Hook()
        self.offline_changed, self.devices_changed, self.busy_changed = Hook(), Hook(), Hook()
        self.switch_prompt_changed = Hook()
        self.survey_changed = Hook()
        self.survey = SurveyFlow(
            self.settings.survey,
            self.settings.kiosk.name,
            show=self._show_survey,
            set_language=self._switch_language,
            at_home=lambda: self.screen is self.home and self.session is None and not self.rows,
            on_journal=lambda fn, on_done: self._run(OnJournal(fn), on_done),
            changed=self.survey_changed.emit,
            idle_timeout_s=self.settings.kiosk.idle_timeout_s,
        )
        from kiosk.flow_account import AccountFlow  # they build on this module
        from kiosk.flow_finish import FinishFlow, watch_inline
        from kiosk.flow_returns import SlipPrinter

        self.account = AccountFlow(self)
        self.finishing = FinishFlow(self, watch or watch_inline)  # watch: futures' results on this thread
        self.slips = SlipPrinter(self, watch or watch_inline)
        # Help and accessibility (kiosk/call_staff.py): the help screen returns where it was opened.
        self.staff_call = StaffCall(self.settings.call_staff, self.settings.kiosk.name, submit)
        self.large_text, self.large_text_changed = False, Hook()
        self._before_help = self.home

    # -- state changes -----------------------------------------------------------------
    def _go(self, screen: Screen, message: Reason | None = None) -> None:
        self.screen = screen
        self._idle = 0
        self._set_countdown(-1)
        self.screen_changed.emit(screen.value)
        self._set_message(message)

    def _set_message(self, reason: Reason | None, fines: int = 0) -> None:
        self.message = reason
        self.message_fines = fines if reason is Reason.PATRON_FINES else 0
        self._message_left = MESSAGE_SHOW_S if reason is not None else 0
        self.message_changed.emit(reason)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _set_countdown(self, left: int) -> None:
        self.countdown = left
        self.countdown_changed.emit(left)

    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.offline_changed.emit(offline)

    def set_language(self, lang: str) -> None:
        """The patron tapped a language: it stays for this session, whatever the ILS says."""
        self.touch()
        if lang in self.settings.kiosk.languages:
            self._language_tapped = True
        self._switch_language(lang)

    def _switch_language(self, lang: str) -> None:
        if lang in self.settings.kiosk.languages and lang != self.language:
            self.language = lang
            self.language_changed.emit(lang)

    def _run(self, op: Operation, on_done: Callable[[Any], None], row: Row | None = None) -> None:
        self._submit(op, on_done, lambda exc: self._failed(exc, row))

    def _failed(self, exc: BaseException, row: Row | None) -> None:
        """A known fault (disk, device) or a bug in an operation: the patron is
        sent to the desk for that item alone; the details go to the log."""
        if isinstance(exc, KnownError):
            log.error("operation failed: %s", exc)
        else:
            log.error("operation failed with a bug", exc_info=exc)
        self._set_busy(False)
        if row is not None and row.outcome is None:
            row.outcome = Outcome(row.kind, row.item_id, False, reason=Reason.OTHER)
            self.rows_changed.emit()
        else:
            self._set_message(Reason.OTHER)

    # -- input: device events ------------------------------------------------------------
    def on_device_event(self, event) -> None:
        self.touch()
        if self.screen in SURVEY_SCREENS and (
            isinstance(event, BarcodeRead) or (isinstance(event, TagsSeen) and event.arrived)
        ):
            self.survey.leave()  # the next patron (or more books): the survey gives way
        if self.screen is Screen.HELP:
            self.close_help()  # a card or a book arriving answers the help screen's question
        if isinstance(event, BarcodeRead):
            self._on_barcode(meaning_of(self.kiosk.barcode_rules, event))
        elif isinstance(event, TagsSeen):
            reader = self.kiosk.devices.get(event.device)
            for ready in self.pad.update(event):
                if isinstance(ready, PadItem):
                    self.on_item(ready.item_id, _securer(reader, ready.uids))
                elif ready.error:
                    log.warning("unreadable tag %s on %s: %s", ready.uid, event.device, ready.error)
                    self._refuse(ready.uid, Reason.UNREADABLE_TAG)
                else:
                    self.on_code(ready.item_id)
            self._show_waiting_sets()

    def _on_barcode(self, meaning: CodeMeaning) -> None:
        if meaning.kind == "refused":
            self._refuse(meaning.code, meaning.reason)
        elif meaning.kind == "patron":
            if (
                self.screen in (Screen.SESSION, Screen.ACCOUNT, Screen.FINISH)
                and self.session is not None
                and meaning.code != self.session.card
            ):
                self.switch_card = meaning.code  # ask: the first patron may still be here
                self.switch_prompt_changed.emit(self.switch_card)
            else:
                self.on_code(meaning.code)
        elif meaning.kind == "item" and self.screen in SIGN_IN_SCREENS:
            self._set_message(Reason.SIGN_IN_FIRST)
        elif meaning.kind == "item":
            self._scanned_item(meaning.code)
        else:
            self.on_code(meaning.code)

    def _refuse(self, code: str, reason: Reason) -> None:
        """A code or tag that cannot be used: a row saying why where items are listed, a message elsewhere."""
        if self.screen not in (Screen.SESSION, Screen.RETURNS):
            self._set_message(reason)
            return
        kind = self._row_kind()
        self.rows = [r for r in self.rows if r.item_id != code]
        self.rows.append(Row(code, kind, Outcome(kind, code, False, reason=reason)))
        self.rows_changed.emit()

    def _row_kind(self) -> TxKind:
        return TxKind.CHECKOUT if self.checkout_mode else TxKind.CHECKIN

    def on_code(self, code: str) -> None:
        """A code typed, scanned or read from a card: its meaning depends on the screen."""
        if not code or self.busy:
            return
        if self.screen in SIGN_IN_SCREENS and self.checkout_mode:
            self.card_presented(code)
        elif self.screen in (Screen.SESSION, Screen.ACCOUNT, Screen.FINISH, Screen.RETURNS):
            if self.session is not None and code == self.session.card:
                return  # the patron's own card again: nothing to do
            self._scanned_item(code)

    def _scanned_item(self, item_id: str) -> None:
        """A barcode names an item, never its parts: a multi-part set is
        checked like one on the pad (all parts there, else it waits)."""
        reader = self._reader()
        if reader is None or self.screen not in (Screen.SESSION, Screen.ACCOUNT, Screen.FINISH, Screen.RETURNS):
            self.on_item(item_id, None)
            return
        catalog = self.kiosk.catalog

        def parts() -> int:
            try:
                item = catalog.item(item_id)
            except (CatalogUnavailable, CatalogProtocolError):
                return 1  # offline: nothing says it is a set
            return item.set_parts if item is not None else 1

        self._run(Offload(parts), lambda n: self._scanned_parts(item_id, n))

    def _scanned_parts(self, item_id: str, parts: int) -> None:
        on_pad = self.pad.parts(item_id)
        if parts <= 1:
            self.on_item(item_id, None)
        elif len(on_pad) >= parts:
            self.on_item(item_id, _securer(self._reader(), tuple(on_pad.values())))
        else:
            self.pad.wait_for(item_id, parts)
            self._show_waiting_sets()

    def _reader(self) -> RfidReader | None:
        reader = self.kiosk.devices.first("rfid")
        return reader if isinstance(reader, RfidReader) else None

    def on_item(self, item_id: str, secure: SecureFn | None) -> None:
        if self.screen in (Screen.FINISH, Screen.ACCOUNT):
            self._go(Screen.SESSION)
        if self.screen is Screen.RETURNS:
            if row := self._add_row(item_id, TxKind.CHECKIN):
                self._run(CheckinItem(item_id, None, secure), lambda outcome: self._returned(row, outcome), row)
        elif self.screen is Screen.SESSION and self.session is not None:
            if row := self._add_row(item_id, TxKind.CHECKOUT):
                self._run(
                    CheckoutItem(self.session, item_id, secure), lambda outcome: self._row_done(row, outcome), row
                )
        elif self.screen is Screen.WELCOME:
            self._set_message(Reason.SIGN_IN_FIRST)

    # -- sign in ---------------------------------------------------------------------------
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
        self._run(SignInPatron(card, pin), self._signed_in)

    def _signed_in(self, result: SignIn) -> None:
        self._set_busy(False)
        if result.ok:
            self._pending_card = ""
            self.session, self.patron = result.session, result.session.patron
            self._session_started = time.monotonic()
            self.rows = []
            if self.patron and self.patron.language and not self._language_tapped:
                self._switch_language(self.patron.language)
            self.session_changed.emit()
            self.rows_changed.emit()
            self._go(Screen.SESSION)
            self._read_pad()
        elif result.reason is Reason.WRONG_PIN:
            self._go(Screen.PIN, result.reason)
        else:
            self._pending_card = ""
            self._go(Screen.WELCOME)
            self._set_message(result.reason, result.fines)

    def _read_pad(self) -> None:
        """Items put on the pad before the card was read are borrowed now."""
        for device, item in self.pad.present():
            self.on_item(item.item_id, _securer(self.kiosk.devices.get(device), item.uids))
        self._show_waiting_sets()

    def cancel(self) -> None:
        """Back to the start from any screen, forgetting whatever was entered."""
        self._pending_card = ""
        self._go(self.home)

    # -- rows --------------------------------------------------------------------------------
    def _add_row(self, item_id: str, kind: TxKind) -> Row | None:
        if any(r.item_id == item_id and not r.waiting_for and (r.outcome is None or r.outcome.ok) for r in self.rows):
            return None  # the same tag read twice, or a barcode scanned again: done once
        self.rows = [r for r in self.rows if r.item_id != item_id]  # a retry replaces its refusal
        row = Row(item_id, kind)
        self.rows.append(row)
        self.rows_changed.emit()
        return row

    def _row_done(self, row: Row, outcome: Outcome) -> None:
        row.outcome = outcome
        self.rows_changed.emit()

    def _returned(self, row: Row, outcome: Outcome) -> None:
        self._row_done(row, outcome)
        self.slips.print_for(outcome)

    def pending(self) -> bool:
        """An item still checking (a set waiting for its parts is not: it is refused if they never come)."""
        return any(r.outcome is None and not r.waiting_for for r in self.rows)

    def loans(self) -> list[Outcome]:
        """What this session borrowed, for the finish screen."""
        return [r.outcome for r in self.rows if r.outcome and r.outcome.ok and r.outcome.kind is TxKind.CHECKOUT]

    def _show_waiting_sets(self) -> None:
        """A set waiting for its parts shows as a row saying which part is missing."""
        if self.screen not in (Screen.SESSION, Screen.RETURNS) or not self.pad.waiting:
            return
        kind, waiting = self._row_kind(), set(self.pad.waiting)
        kept = [r for r in self.rows if not (r.waiting_for and r.item_id in waiting)]
        kept = [r for r in kept if r.item_id not in waiting or (r.outcome is not None and r.outcome.ok)]
        busy = {r.item_id for r in kept}
        self.rows = kept + [Row(i, kind, waiting_for=self.pad.missing(i)) for i in waiting if i not in busy]
        self.rows_changed.emit()

    def _expire_sets(self) -> None:
        kind = self._row_kind()
        for item_id, missing in self.pad.expire():
            self.rows = [r for r in self.rows if not (r.item_id == item_id and r.waiting_for)]
            self.rows.append(
                Row(item_id, kind, Outcome(kind, item_id, False, reason=Reason.INCOMPLETE_SET, missing_parts=missing))
            )
            self.rows_changed.emit()

    # -- ending ---------------------------------------------------------------------------------
    def finish(self) -> None:
        if self.session is not None:
            self._go(Screen.FINISH)
            self.finishing.start()

    def sign_out(self) -> None:
        """Cancel: after any loan, refusal or renewal the summary shows first
        (due dates are never left unseen); with nothing done, straight out."""
        if self.rows or self.account.outcomes():
            self.finish()
        else:
            self.end_session()

    def confirm_switch(self) -> None:
        """End this session and sign in with the card scanned mid-session."""
        card = self.switch_card
        self.cancel_switch()
        self.end_session(ended="switch")
        if card:
            self.card_presented(card)

    def cancel_switch(self) -> None:
        self.switch_card = ""
        self.switch_prompt_changed.emit("")

    def end_session(self, *, ended: str = "patron") -> None:
        """Sign out: the catalog is told, every trace of the patron leaves the screen.
        ``ended``: "patron" (finished on purpose: the survey may ask), "idle" or "switch"."""
        items = sum(1 for r in self.rows if r.outcome and r.outcome.ok)
        language = self.language
        if self.switch_card:
            self.cancel_switch()
        session, self.session, self.patron = self.session, None, None
        self.rows = []
        self.pad.clear_waiting()
        self.account.clear()
        self.finishing.clear()
        self._pending_card = ""
        if session is not None:
            self._run(EndSession(session), lambda _: None)
            self._record_visit(ended, items)
        self._language_tapped = False
        self._switch_language(self.settings.kiosk.default_language)
        self.staff_call.clear()
        self.set_large_text(False)
        self.session_changed.emit()
        self.rows_changed.emit()
        self._go(self.home)
        if ended == "patron" and items:
            self.survey.visit_ended(language)

    def _record_visit(self, ended: str, items: int) -> None:
        """The session's length (to the last sign of the patron) and items, for `kiosk report usage`."""
        idle = self._idle if ended == "idle" else 0
        seconds = max(0, round(time.monotonic() - self._session_started) - idle)
        self._run(OnJournal(lambda journal: journal.add_visit(seconds, items, ended)), lambda _: None)

    def clear_returns(self, *, ended: str = "patron") -> None:
        """Empty the return station's list; ``ended`` as for :meth:`end_session`."""
        visited = ended == "patron" and any(r.outcome and r.outcome.ok for r in self.rows)
        self.rows = []
        self.slips.clear()
        self.rows_changed.emit()
        self._go(Screen.RETURNS)
        if visited:
            self.survey.visit_ended(self.language)

    def _show_survey(self, name: str | None) -> None:
        """A survey screen, or (None) the survey is over: home, in the library's language."""
        if name is None:
            self.set_language(self.settings.kiosk.default_language)
        self._go(Screen(name) if name else self.home)

    # -- idle timeout -----------------------------------------------------------------------------
    def touch(self) -> None:
        """Any sign of a person: the idle clock starts again."""
        self._idle = 0
        if self.countdown >= 0:
            self._set_countdown(-1)

    def tick(self) -> None:
        """Called once a second by the window's timer (and by tests, directly)."""
        if self.pad.waiting:
            self._expire_sets()
        if self.message is not None:
            self._message_left -= 1
            if self._message_left <= 0:
                self._set_message(None)
        if self.screen not in WATCHED or (self.screen is Screen.RETURNS and not self.rows):
            return
        self._idle += 1
        kiosk = self.settings.kiosk
        finish = self.screen is Screen.FINISH
        in_survey = self.screen in SURVEY_SCREENS
        # The receipt choice is inside the idle countdown, shown all along on the finish screen.
        quick = finish and not self.finishing.open_choice
        limit = self.survey.timeout_s() if in_survey else kiosk.idle_timeout_s
        left = (kiosk.finish_screen_s if quick else limit) - self._idle
        if left <= 0:
            log.info("idle timeout on %s: session cleared", self.screen.value)
            if in_survey:
                self.survey.timed_out()
            elif self.screen is Screen.RETURNS:
                self.clear_returns(ended="idle")
            else:
                if finish:
                    self.finishing.deliver_default()
                self.end_session(ended="idle")
        elif (finish or left <= kiosk.idle_warning_s) and self._counts_down():
            self._set_countdown(left)

    def _counts_down(self) -> bool:
        return self.screen not in SURVEY_SCREENS or self.survey.shows_countdown()

    # -- status ---------------------------------------------------------------------------------
    def on_sync_status(self, status: SyncStatus) -> None:
        self.sync_status = status
        self._set_offline(not status.online)

    def on_device_status(self, status: DeviceStatus) -> None:
        self.device_statuses[status.name] = status
        self.devices_changed.emit()

    def device_problems(self) -> list[DeviceStatus]:
        return [s for s in self.device_statuses.values() if s.state not in (DeviceState.OK, DeviceState.CLOSED)]

    # -- staff ------------------------------------------------------------------------------------
    def request_staff(self) -> None:
        self._go(Screen.STAFF_PIN)

    def staff_pin_entered(self, pin: str) -> None:
        stored = self.settings.staff_pin_hash
        self._set_busy(True)
        self._run(Offload(lambda: bool(stored) and verify_pin(pin, stored)), self._staff_checked)

    def _staff_checked(self, ok: bool) -> None:
        self._set_busy(False)
        if ok:
            self.show_diagnostics()
        else:
            log.warning("wrong staff PIN entered")
            self._set_message(Reason.WRONG_PIN)

    def show_diagnostics(self) -> None:
        """Open diagnostics (kiosk/diagnostics.py); reached only through the staff PIN (or offscreen screenshots)."""
        self.staff_call.clear()  # staff are here
        self._go(Screen.DIAGNOSTICS)

    # -- help and accessibility --------------------------------------------------------------
    def show_help(self) -> None:
        if self.screen is not Screen.HELP:
            self._before_help = self.screen
            self._go(Screen.HELP)

    def close_help(self) -> None:
        back = self._before_help
        if back is Screen.SESSION and self.session is None:
            back = self.home
        self._go(back)

    def call_staff(self) -> None:
        self.touch()
        self.staff_call.call(self.screen.value)

    def set_large_text(self, on: bool) -> None:
        self.touch()
        if on != self.large_text:
            self.large_text = on
            self.large_text_changed.emit(on)


def _securer(reader, uids: tuple[str, ...]) -> SecureFn | None:
    """Switches every tag of an item (all parts of a set); True only if all took."""
    if not isinstance(reader, RfidReader):
        return None
    return lambda armed: all([reader.set_secured(uid, armed) for uid in uids])  # noqa: C419 - switch every tag
