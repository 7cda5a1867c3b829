"""The rules of one patron session at the kiosk: sign in, check out,
check in, renew, end — journal first, catalog second, offline policy when
the catalog does not answer.

Every call blocks (it talks to the catalog); the UI runs it on the
circulation executor, never on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Callable

from kiosk.catalog.base import Catalog
from kiosk.errors import CatalogProtocolError, CatalogUnavailable
from kiosk.journal import Journal
from kiosk.models import Destination, Patron, Reason, Transaction, TxKind, TxState

log = logging.getLogger(__name__)
# Switches an item's security (True: armed for the gate); returns whether it took.
SecureFn = Callable[[bool], bool]


@dataclass(frozen=True)
class OfflinePolicy:
    """What the kiosk may do on its own while the catalog is unreachable."""

    enabled: bool = True
    max_items_per_patron: int = 5
    loan_days: int = 14
    refuse_known_blocked: bool = True
    pin: str = "accept"  # "accept": take the PIN on trust, the catalog checks on sync; "refuse"

    @classmethod
    def from_settings(cls, section) -> "OfflinePolicy":
        return cls(**section.values)


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


@dataclass
class Session:
    """One patron at the kiosk. ``patron`` is None when signed in offline."""

    card: str
    patron: Patron | None
    offline: bool = False
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return self.patron.name if self.patron else ""

    def loans_done(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok and o.kind is TxKind.CHECKOUT]


@dataclass(frozen=True)
class SignIn:
    session: Session | None
    reason: Reason | None = None

    @property
    def ok(self) -> bool:
        return self.session is not None


class CirculationService:
    def __init__(self, catalog: Catalog, journal: Journal, policy: OfflinePolicy,
                 today: Callable[[], date] = date.today, on_change: Callable[[], None] = lambda: None) -> None:
        self.catalog = catalog
        self.journal = journal
        self.policy = policy
        self._today = today
        self._on_change = on_change  # wakes the syncer when a row is queued
        self._offline_lock = threading.Lock()  # parallel checkouts must not overrun the offline limit

    # -- sign in -------------------------------------------------------------
    def sign_in(self, card: str, pin: str | None = None) -> SignIn:
        try:
            answer = self.catalog.patron(card, pin)
        except CatalogUnavailable as exc:
            log.warning("sign-in offline: %s", exc.message)
            return self._sign_in_offline(card, pin)
        except CatalogProtocolError as exc:
            log.error("sign-in: catalog answered nonsense: %s", exc.message)
            return self._sign_in_offline(card, pin)
        if answer.patron is None:
            return SignIn(None, answer.reason or Reason.UNKNOWN_PATRON)
        self.journal.remember_patron(card, answer.patron.blocked, answer.patron.block_reason)
        if answer.patron.blocked:
            return SignIn(None, answer.patron.block_reason or Reason.PATRON_BLOCKED)
        return SignIn(Session(card, answer.patron))

    def _sign_in_offline(self, card: str, pin: str | None) -> SignIn:
        if not self.policy.enabled:
            return SignIn(None, Reason.OFFLINE_NOT_ALLOWED)
        if self.policy.refuse_known_blocked and (reason := self.journal.known_block(card)):
            return SignIn(None, reason)
        if pin is not None and self.policy.pin == "refuse":
            return SignIn(None, Reason.OFFLINE_NOT_ALLOWED)
        return SignIn(Session(card, None, offline=True))

    # -- circulation ---------------------------------------------------------
    def checkout(self, session: Session, item_id: str, secure: SecureFn | None = None) -> Outcome:
        """Catalog first, then unsecure the tag (DESIGN.md §3 step 5)."""
        tx = self.journal.begin(TxKind.CHECKOUT, item_id, session.card)
        if not session.offline:
            try:
                result = self.catalog.checkout(session.card, item_id)
            except (CatalogUnavailable, CatalogProtocolError) as exc:
                session.offline = True
                outcome = self._checkout_offline(session, tx, exc)
            else:
                state = TxState.DONE if result.ok else TxState.REFUSED
                self.journal.finish(tx.uuid, state, due=result.due, reason=result.reason,
                                    detail=result.screen_message)
                outcome = Outcome(TxKind.CHECKOUT, item_id, result.ok, result.title, result.due, result.reason,
                                  screen_message=result.screen_message, tx_uuid=tx.uuid,
                                  print_lines=result.print_lines)
        else:
            outcome = self._checkout_offline(session, tx, None)
        return self._record(session, self._secure(outcome, secure, armed=False))

    def checkout_stack(self, session: Session, items: list[tuple[str, SecureFn | None]],
                       workers: int = 4) -> list[Outcome]:
        """Check out a stack placed on the pad at once, ``workers`` items in
        parallel (the catalog adapter's connection pool bounds real
        concurrency). Outcomes come back in the order of ``items``; each is
        exactly what :meth:`checkout` would have given one by one."""
        if workers <= 1 or len(items) <= 1:
            return [self.checkout(session, item_id, secure) for item_id, secure in items]
        with ThreadPoolExecutor(max_workers=min(workers, len(items)), thread_name_prefix="kiosk-stack") as pool:
            return list(pool.map(lambda pair: self.checkout(session, *pair), items))

    def _secure(self, outcome: Outcome, secure: SecureFn | None, *, armed: bool) -> Outcome:
        if secure is None or not outcome.ok or secure(armed):
            return outcome
        what = "re-secured" if armed else "unsecured"
        self.journal.add_alert("security", f"{outcome.kind.value} done but the tag could not be {what}",
                               outcome.item_id)
        return replace(outcome, security_ok=False)

    def _checkout_offline(self, session: Session, tx: Transaction, exc: Exception | None) -> Outcome:
        with self._offline_lock:
            return self._decide_offline(session, tx, exc)

    def _decide_offline(self, session: Session, tx: Transaction, exc: Exception | None) -> Outcome:
        refuse = None
        if not self.policy.enabled:
            refuse = Reason.OFFLINE_NOT_ALLOWED
        elif self.journal.offline_count(session.card) >= self.policy.max_items_per_patron:
            refuse = Reason.OFFLINE_LIMIT
        if refuse:
            # The catalog may still have applied a request whose answer was lost: let the syncer verify.
            if exc is not None and exc.maybe_applied:
                self.journal.finish(tx.uuid, TxState.QUEUED, offline=True, reason=refuse,
                                    extra={"verify": True, "refused_offline": True})
            else:
                self.journal.finish(tx.uuid, TxState.REFUSED, reason=refuse, offline=True)
            return Outcome(TxKind.CHECKOUT, tx.item_id, False, reason=refuse, offline=True, tx_uuid=tx.uuid)
        due = self._today() + timedelta(days=self.policy.loan_days)
        self.journal.finish(tx.uuid, TxState.QUEUED, due=due, offline=True,
                            extra={"verify": exc is not None and exc.maybe_applied})
        self._on_change()
        return Outcome(TxKind.CHECKOUT, tx.item_id, True, due=due, offline=True, tx_uuid=tx.uuid)

    def checkin(self, item_id: str, session: Session | None = None, secure: SecureFn | None = None) -> Outcome:
        """Catalog checkin, then re-secure the tag."""
        tx = self.journal.begin(TxKind.CHECKIN, item_id, None)
        try:
            result = self.catalog.checkin(item_id)
        except (CatalogUnavailable, CatalogProtocolError) as exc:
            if not self.policy.enabled:
                self.journal.finish(tx.uuid, TxState.REFUSED, reason=Reason.OFFLINE_NOT_ALLOWED, offline=True)
                return self._record(session, Outcome(TxKind.CHECKIN, item_id, False,
                                                     reason=Reason.OFFLINE_NOT_ALLOWED, offline=True,
                                                     tx_uuid=tx.uuid))
            self.journal.finish(tx.uuid, TxState.QUEUED, offline=True,
                                extra={"verify": exc.maybe_applied})
            self._on_change()
            # Offline, nobody knows where it goes: it waits on the returns trolley for sorting.
            outcome = Outcome(TxKind.CHECKIN, item_id, True, offline=True, destination=Destination.STAFF,
                              tx_uuid=tx.uuid)
            return self._record(session, self._secure(outcome, secure, armed=True))
        state = TxState.DONE if result.ok else TxState.REFUSED
        self.journal.finish(tx.uuid, state, reason=result.reason, detail=result.screen_message)
        outcome = Outcome(TxKind.CHECKIN, item_id, result.ok, result.title, reason=result.reason,
                          destination=result.destination, destination_detail=result.destination_detail,
                          screen_message=result.screen_message, tx_uuid=tx.uuid, print_lines=result.print_lines)
        return self._record(session, self._secure(outcome, secure, armed=True))

    def renew(self, session: Session, item_id: str) -> Outcome:
        """Renewals need the catalog's answer: offline they are refused, not queued."""
        tx = self.journal.begin(TxKind.RENEW, item_id, session.card)
        try:
            result = self.catalog.renew(session.card, item_id)
        except (CatalogUnavailable, CatalogProtocolError):
            # Not queued: a renewal whose answer was lost is harmless to leave to the patron.
            self.journal.finish(tx.uuid, TxState.REFUSED, reason=Reason.OFFLINE_NOT_ALLOWED, offline=True)
            return self._record(session, Outcome(TxKind.RENEW, item_id, False, reason=Reason.OFFLINE_NOT_ALLOWED,
                                                 offline=True, tx_uuid=tx.uuid))
        self.journal.finish(tx.uuid, TxState.DONE if result.ok else TxState.REFUSED, due=result.due,
                            reason=result.reason)
        return self._record(session, Outcome(TxKind.RENEW, item_id, result.ok, result.title, result.due,
                                             result.reason, tx_uuid=tx.uuid))

    def end_session(self, session: Session) -> None:
        """Tell the catalog and forget the patron's data held in memory."""
        try:
            if not session.offline:
                self.catalog.end_session(session.card)
        except (CatalogUnavailable, CatalogProtocolError) as exc:
            log.info("end session not sent: %s", exc)
        session.patron = None
        session.outcomes.clear()

    @staticmethod
    def _record(session: Session | None, outcome: Outcome) -> Outcome:
        if session is not None:
            session.outcomes.append(outcome)
        return outcome
