"""The rules of one patron session at the kiosk: sign in, check out,
check in, renew, end — journal first, catalog second, offline policy when
the catalog does not answer.

Each is an operation for the circulation worker (kiosk/worker.py): its
journal writes and decisions run on the worker thread, its catalog and
tag-security calls are yielded to the I/O pool. The screen submits them;
the command line, the benchmarks and the tests call the blocking methods
of :class:`CirculationService`, which run the very same operations.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Generator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import partial
from typing import Any, TypeVar

from kiosk.catalog.base import Catalog
from kiosk.config import OfflineSettings
from kiosk.devices.barcode.rules import RuleSet
from kiosk.errors import CatalogProtocolError, CatalogUnavailable
from kiosk.journal import Journal
from kiosk.models import Destination, Patron, Reason, Transaction, TxKind, TxState
from kiosk.pins import PinPolicy, offline_pin_hash, verify_pin
from kiosk.worker import Blocking, CirculationWorker, Operation

log = logging.getLogger(__name__)
DEFAULT_PINS = PinPolicy()
# Switches an item's security (True: armed for the gate); returns whether it took.
SecureFn = Callable[[bool], bool]


@dataclass(frozen=True)
class OfflinePolicy:
    """What the kiosk may do on its own while the catalog is unreachable."""

    enabled: bool = True
    max_items_per_patron: int = 5
    loan_days: int = 14
    refuse_known_blocked: bool = True

    @classmethod
    def from_settings(cls, section: OfflineSettings) -> OfflinePolicy:
        """The lending part of [offline]; its PIN keys are kiosk.pins.PinPolicy's."""
        return cls(**{f.name: getattr(section, f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Outcome:
    """What the patron is shown for one item."""

    kind: TxKind
    item_id: str
    ok: bool
    title: str = ""
    due: date | None = None
    reason: Reason | None = None
    offline: bool = False
    destination: Destination | None = None
    destination_detail: str = ""
    screen_message: str = ""
    tx_uuid: str = ""
    security_ok: bool = True  # False: the tag's security could not be switched; the item goes to the desk
    missing_parts: tuple[int, ...] = ()  # for an incomplete set: the part numbers not on the pad
    print_lines: tuple[str, ...] = ()  # what the ILS wants printed on the receipt for this item
    was_on_loan: bool = True  # a return: False when the item was not on loan
    late: bool = False  # a return after the due date
    fine: int = 0  # a late return's fine (rupiah), when the ILS says
    sort_bin: str = ""  # a return: the ILS's sort bin (SIP2 CL)
    hold_patron: str = ""  # a return to the hold shelf: whom it waits for (for the slip, never the screen)


@dataclass
class Session:
    """One patron at the kiosk. ``patron`` is None when signed in offline.
    Changed only by operations, on the circulation worker."""

    card: str
    patron: Patron | None
    offline: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)  # for the session-length metric

    @property
    def display_name(self) -> str:
        return self.patron.name if self.patron else ""

    def loans_done(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok and o.kind is TxKind.CHECKOUT]


@dataclass(frozen=True)
class SignIn:
    session: Session | None
    reason: Reason | None = None
    fines: int = 0  # a refusal for fines says how much (rupiah)

    @property
    def ok(self) -> bool:
        return self.session is not None


T = TypeVar("T")
Steps = Generator[Blocking, Any, T]
_OFFLINE = (CatalogUnavailable, CatalogProtocolError)


class Desk:
    """What operations work with: the catalog, the journal and the offline
    policy. Lives on the circulation worker; only operations touch it."""

    def __init__(
        self,
        catalog: Catalog,
        journal: Journal,
        policy: OfflinePolicy,
        today: Callable[[], date] = date.today,
        on_change: Callable[[], None] = lambda: None,
        pins: PinPolicy = DEFAULT_PINS,
        card_rules: RuleSet | None = None,
    ) -> None:
        self.catalog = catalog
        self.journal = journal
        self.policy = policy
        self.today = today
        self.on_change = on_change  # wakes the syncer when a row is queued
        self.on_session_end: Callable[[float], None] = lambda seconds: None  # the metrics' session length
        # Told whether the catalog answered (True) or not (False, why): the syncer's one online state.
        self.on_link: Callable[[bool, str], None] = lambda online, error: None
        self.pins = pins
        self.card_rules = card_rules  # offline, a card must fit a patron rule of these (None: not checked)

    def heard(self, exc: CatalogUnavailable | CatalogProtocolError | None = None) -> None:
        """A catalog request ended: answered (``exc`` None), or not, and why."""
        self.on_link(exc is None, "" if exc is None else exc.message)

    def decide_offline(self, session: Session, tx: Transaction, exc: Exception | None) -> Outcome:
        """The offline policy's word on a checkout. Runs on the one worker
        thread, so parallel checkouts of a stack cannot overrun the limit."""
        refuse = None
        if not self.policy.enabled:
            refuse = Reason.OFFLINE_NOT_ALLOWED
        elif self.journal.offline_count(session.card) >= self.policy.max_items_per_patron:
            refuse = Reason.OFFLINE_LIMIT
        maybe_applied = isinstance(exc, _OFFLINE) and exc.maybe_applied
        if refuse:
            # The catalog may still have applied a request whose answer was lost: let the syncer verify.
            if maybe_applied:
                self.journal.finish(
                    tx.uuid,
                    TxState.QUEUED,
                    offline=True,
                    reason=refuse,
                    extra={"verify": True, "refused_offline": True},
                )
            else:
                self.journal.finish(tx.uuid, TxState.REFUSED, reason=refuse, offline=True)
            return Outcome(
                TxKind.CHECKOUT, tx.item_id, False, self.known_title(tx), reason=refuse, offline=True, tx_uuid=tx.uuid
            )
        due = self.today() + timedelta(days=self.policy.loan_days)
        self.journal.finish(tx.uuid, TxState.QUEUED, due=due, offline=True, extra={"verify": maybe_applied})
        self.on_change()
        return Outcome(TxKind.CHECKOUT, tx.item_id, True, self.known_title(tx), due=due, offline=True, tx_uuid=tx.uuid)

    def known_title(self, tx: Transaction) -> str:
        """The title the catalog last gave for the item (offline rows name it from the cache)."""
        return self.journal.title_of(tx.item_id) or ""

    def answered(
        self,
        tx: Transaction,
        ok: bool,
        *,
        due: date | None = None,
        reason: Reason | None = None,
        detail: str = "",
        title: str = "",
    ) -> None:
        """The catalog's word on a request, journalled: done or refused (and the item's title cached)."""
        self.journal.finish(tx.uuid, TxState.DONE if ok else TxState.REFUSED, due=due, reason=reason, detail=detail)
        if title:
            self.journal.remember_titles({tx.item_id: title})

    def refuse_offline(self, tx: Transaction, reason: Reason = Reason.OFFLINE_NOT_ALLOWED) -> Outcome:
        """A request that needs the catalog's answer and got none: refused, and journalled so."""
        self.journal.finish(tx.uuid, TxState.REFUSED, reason=reason, offline=True)
        return Outcome(tx.kind, tx.item_id, False, self.known_title(tx), reason=reason, offline=True, tx_uuid=tx.uuid)

    def secure(self, outcome: Outcome, secure: SecureFn | None, *, armed: bool) -> Steps[Outcome]:
        """Switch the tag's security after the catalog's yes (DESIGN.md §3 step 5)."""
        if secure is None or not outcome.ok:
            return outcome
        if (yield partial(secure, armed)):
            return outcome
        what = "re-secured" if armed else "unsecured"
        self.journal.add_alert(
            "security", f"{outcome.kind.value} done but the tag could not be {what}", outcome.item_id
        )
        return replace(outcome, security_ok=False)


def _record(session: Session | None, outcome: Outcome) -> Outcome:
    if session is not None:
        session.outcomes.append(outcome)
    return outcome


@dataclass
class SignInPatron(Operation[Desk, SignIn]):
    """The catalog's word on a card and PIN, guarded by the wrong-PIN limit per card; offline,
    the offline policy's word (kiosk/pins.py for the PIN, a patron-card rule for the card)."""

    card: str
    pin: str | None = None

    def run(self, desk: Desk) -> Steps[SignIn]:
        if self.pin is not None and desk.journal.pin_locked_until(self.card):
            log.info("sign-in refused: card locked after wrong PINs")
            return SignIn(None, Reason.PIN_LOCKED)
        try:
            answer = yield partial(desk.catalog.patron, self.card, self.pin)
        except CatalogUnavailable as exc:
            log.warning("sign-in offline: %s", exc.message)
            desk.heard(exc)
            return (yield from self._offline(desk))
        except CatalogProtocolError as exc:
            log.error("sign-in: catalog answered nonsense: %s", exc.message)
            desk.heard(exc)
            return (yield from self._offline(desk))
        desk.heard()
        if answer.reason is Reason.WRONG_PIN:
            return self._wrong_pin(desk)
        if answer.patron is None:
            return SignIn(None, answer.reason or Reason.UNKNOWN_PATRON)
        desk.journal.remember_patron(self.card, answer.patron.blocked, answer.patron.block_reason)
        if self.pin is not None:
            desk.journal.pin_succeeded(self.card)
        if answer.patron.blocked:
            desk.journal.forget_offline_pin(self.card)
            return SignIn(None, answer.patron.block_reason or Reason.PATRON_BLOCKED, fines=answer.patron.fines)
        if self.pin is not None and desk.pins.offline == "verify":
            kept = yield partial(offline_pin_hash, self.pin, desk.pins)  # slow on purpose: off the worker
            desk.journal.keep_offline_pin(
                self.card, kept, keep_days=desk.pins.keep_days, keep_at_most=desk.pins.keep_at_most
            )
        return SignIn(Session(self.card, answer.patron))

    def _wrong_pin(self, desk: Desk) -> SignIn:
        pins = desk.pins
        if desk.journal.pin_failed(self.card, pins.max_attempts, pins.lockout):
            log.warning("card locked for %s after %d wrong PINs", pins.lockout, pins.max_attempts)
            return SignIn(None, Reason.PIN_LOCKED)
        return SignIn(None, Reason.WRONG_PIN)

    def _offline(self, desk: Desk) -> Steps[SignIn]:
        policy, pins = desk.policy, desk.pins
        if not policy.enabled:
            return SignIn(None, Reason.OFFLINE_NOT_ALLOWED)
        if desk.card_rules is not None and desk.card_rules.classify(self.card).kind != "patron":
            log.info("offline sign-in refused: the card fits no patron-card rule")
            return SignIn(None, Reason.UNKNOWN_PATRON)
        if policy.refuse_known_blocked and (reason := desk.journal.known_block(self.card)):
            return SignIn(None, reason)
        if self.pin is not None and not pins.trusts_offline:
            kept = desk.journal.offline_pin(self.card, keep_days=pins.keep_days) if pins.offline == "verify" else None
            if kept is None:
                return SignIn(None, Reason.OFFLINE_PIN_UNCHECKED)
            if not (yield partial(verify_pin, self.pin, kept)):
                return self._wrong_pin(desk)
            desk.journal.pin_succeeded(self.card)
        return SignIn(Session(self.card, None, offline=True))


@dataclass
class CheckoutItem(Operation[Desk, Outcome]):
    """Journal first, then the catalog, then unsecure the tag."""

    session: Session
    item_id: str
    secure: SecureFn | None = None

    def run(self, desk: Desk) -> Steps[Outcome]:
        session = self.session
        tx = desk.journal.begin(TxKind.CHECKOUT, self.item_id, session.card)
        if session.offline:
            outcome = desk.decide_offline(session, tx, None)
        else:
            try:
                result = yield partial(desk.catalog.checkout, session.card, self.item_id)
            except _OFFLINE as exc:
                session.offline = True
                desk.heard(exc)
                outcome = desk.decide_offline(session, tx, exc)
            else:
                desk.heard()
                desk.answered(
                    tx,
                    result.ok,
                    due=result.due,
                    reason=result.reason,
                    detail=result.screen_message,
                    title=result.title,
                )
                outcome = Outcome(
                    TxKind.CHECKOUT,
                    self.item_id,
                    result.ok,
                    result.title,
                    result.due,
                    result.reason,
                    screen_message=result.screen_message,
                    tx_uuid=tx.uuid,
                    print_lines=result.print_lines,
                )
        return _record(session, (yield from desk.secure(outcome, self.secure, armed=False)))


@dataclass
class CheckinItem(Operation[Desk, Outcome]):
    """Catalog checkin, then re-secure the tag."""

    item_id: str
    session: Session | None = None
    secure: SecureFn | None = None

    def run(self, desk: Desk) -> Steps[Outcome]:
        tx = desk.journal.begin(TxKind.CHECKIN, self.item_id, None)
        try:
            result = yield partial(desk.catalog.checkin, self.item_id)
        except _OFFLINE as exc:
            desk.heard(exc)
            if not desk.policy.enabled:
                return _record(self.session, desk.refuse_offline(tx))
            desk.journal.finish(tx.uuid, TxState.QUEUED, offline=True, extra={"verify": exc.maybe_applied})
            desk.on_change()
            # Offline, nobody knows where it goes: it waits on the returns trolley for sorting.
            outcome = Outcome(
                TxKind.CHECKIN,
                self.item_id,
                True,
                desk.known_title(tx),
                offline=True,
                destination=Destination.STAFF,
                tx_uuid=tx.uuid,
            )
        else:
            desk.heard()
            desk.answered(tx, result.ok, reason=result.reason, detail=result.screen_message, title=result.title)
            outcome = Outcome(
                TxKind.CHECKIN,
                self.item_id,
                result.ok,
                result.title,
                reason=result.reason,
                destination=result.destination,
                destination_detail=result.destination_detail,
                screen_message=result.screen_message,
                tx_uuid=tx.uuid,
                print_lines=result.print_lines,
                was_on_loan=result.was_on_loan,
                late=result.late,
                fine=result.fine,
                sort_bin=result.sort_bin,
                hold_patron=result.hold_patron,
            )
        return _record(self.session, (yield from desk.secure(outcome, self.secure, armed=True)))


@dataclass
class RenewItem(Operation[Desk, Outcome]):
    """Renewals need the catalog's answer: offline they are refused, not queued."""

    session: Session
    item_id: str

    def run(self, desk: Desk) -> Steps[Outcome]:
        tx = desk.journal.begin(TxKind.RENEW, self.item_id, self.session.card)
        try:
            result = yield partial(desk.catalog.renew, self.session.card, self.item_id)
        except _OFFLINE as exc:
            # Not queued: a renewal whose answer was lost is harmless to leave to the patron.
            desk.heard(exc)
            return _record(self.session, desk.refuse_offline(tx, Reason.OFFLINE_NO_RENEWAL))
        desk.heard()
        desk.answered(tx, result.ok, due=result.due, reason=result.reason, title=result.title)
        return _record(
            self.session,
            Outcome(TxKind.RENEW, self.item_id, result.ok, result.title, result.due, result.reason, tx_uuid=tx.uuid),
        )


@dataclass
class EndSession(Operation[Desk, None]):
    """Tell the catalog and forget the patron's data held in memory."""

    session: Session

    def run(self, desk: Desk) -> Steps[None]:
        try:
            if not self.session.offline:
                yield partial(desk.catalog.end_session, self.session.card)
        except _OFFLINE as exc:
            log.info("end session not sent: %s", exc)
        desk.on_session_end(time.monotonic() - self.session.started)
        self.session.patron = None
        self.session.outcomes.clear()


@dataclass
class OnJournal(Operation[Desk, T]):
    """A read or write of the journal (diagnostics, the syncer's bookkeeping), on the worker that owns it."""

    fn: Callable[[Journal], T]

    def run(self, desk: Desk) -> Steps[T]:
        return self.fn(desk.journal)
        yield  # a generator, like every operation


class CirculationService:
    """The circulation worker and its operations behind plain methods.

    ``submit`` starts an operation and returns its future (the screen);
    the other methods wait for the result (command line, benchmarks, tests).
    ``threaded=False`` runs operations inline on the caller's thread."""

    def __init__(
        self,
        catalog: Catalog,
        journal: Journal,
        policy: OfflinePolicy,
        *,
        today: Callable[[], date] = date.today,
        on_change: Callable[[], None] = lambda: None,
        threaded: bool = False,
        pins: PinPolicy = DEFAULT_PINS,
        card_rules: RuleSet | None = None,
    ) -> None:
        self.desk = Desk(catalog, journal, policy, today, on_change, pins, card_rules)
        self.worker: CirculationWorker[Desk] = CirculationWorker(
            self.desk, io_workers=catalog.sessions, threaded=threaded, group=journal.group
        )

    @property
    def catalog(self) -> Catalog:
        return self.desk.catalog

    @property
    def journal(self) -> Journal:
        return self.desk.journal

    def submit(self, op: Operation[Desk, T]) -> Future[T]:
        return self.worker.submit(op)

    def run(self, op: Operation[Desk, T]) -> T:
        return self.worker.run(op)

    def sign_in(self, card: str, pin: str | None = None) -> SignIn:
        return self.run(SignInPatron(card, pin))

    def checkout(self, session: Session, item_id: str, secure: SecureFn | None = None) -> Outcome:
        return self.run(CheckoutItem(session, item_id, secure))

    def checkout_stack(self, session: Session, items: list[tuple[str, SecureFn | None]]) -> list[Outcome]:
        """A stack placed on the pad at once: every item starts at once, and
        the catalog's sessions bound how many are in flight. Outcomes come
        back in the order of ``items``, each what :meth:`checkout` gives."""
        futures = [self.submit(CheckoutItem(session, item_id, secure)) for item_id, secure in items]
        return [f.result() for f in futures]

    def checkin(self, item_id: str, session: Session | None = None, secure: SecureFn | None = None) -> Outcome:
        return self.run(CheckinItem(item_id, session, secure))

    def renew(self, session: Session, item_id: str) -> Outcome:
        return self.run(RenewItem(session, item_id))

    def end_session(self, session: Session) -> None:
        self.run(EndSession(session))

    def close(self) -> None:
        self.worker.close()
