"""Drains the journal's outbox to the catalog, exactly once, and knows
whether the kiosk is online.

Order of a replay (DESIGN.md §5): a row goes ``queued -> syncing``
durably before anything is sent, so a crash mid-replay leaves a row the
next start verifies instead of resending. Every checkout and checkin is
verified with the catalog before it is sent ("already charged to this
patron" / "no longer charged" means done): SIP2 has no idempotency key,
and Koha takes a second checkout of the same loan as a renewal, so neither
a lost answer nor the same item queued twice may reach it blindly. A
refusal on replay is a ``conflict`` for staff, never dropped. Rows start
in journal order; rows that cannot affect each other (other item, other
patron, no return before a loan) replay side by side on the catalog's
sessions, so a long outage drains quickly.

The syncer runs on its own thread but touches the journal only through
the circulation worker (kiosk/worker.py): each row's replay is an
operation there, its catalog calls fan out on the worker's I/O pool.

One syncer per journal at a time, across processes too (the kiosk's
worker and a technician's ``kiosk sync``): a pass holds an exclusive lock
on ``<journal>.sync-lock``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import TypeVar

from kiosk.catalog.base import Catalog, Replay
from kiosk.circulation import Desk, OfflinePolicy, OnJournal, Steps
from kiosk.errors import CatalogProtocolError, CatalogUnavailable
from kiosk.journal import Journal
from kiosk.models import Reason, Transaction, TxKind, TxState
from kiosk.worker import CirculationWorker, Operation

T = TypeVar("T")
RowResult = tuple[TxState | None, str]

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now().astimezone()


# A row the catalog keeps answering unreadably goes to staff after this
# many attempts, so it cannot hold up every row behind it for ever.
MAX_UNREADABLE_ATTEMPTS = 5
# Rows started per catalog session: one on the wire and one waiting behind
# it, so a session never idles while the sync thread wakes to start the
# next (bench sip2_replay: 0.69 of the floor with one, 0.87 with two). More
# would only add rows that each wait out a timeout when the catalog hangs.
ROWS_PER_SESSION = 2


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    queued: int
    conflicts: int
    last_error: str = ""
    last_sync: datetime | None = None
    rtt_ms: float | None = None  # the last measured round trip to the catalog


@dataclass
class SyncReport:
    synced: int = 0
    conflicts: int = 0
    still_queued: int = 0
    error: str = ""
    details: list[str] = field(default_factory=list)


class Syncer:
    """One replay pass at a time; :class:`SyncWorker` runs passes on a thread."""

    def __init__(
        self,
        catalog: Catalog,
        journal: Journal,
        *,
        worker: CirculationWorker[Desk] | None = None,
        retention_days: int = 7,
        settle_s: float | None = None,
        parallel: int | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.catalog = catalog
        self.journal = journal
        # The kiosk passes its circulation worker; alone (tests, tools) the syncer runs inline.
        self.worker = worker or CirculationWorker(Desk(catalog, journal, OfflinePolicy()), threaded=False)
        self.retention_days = retention_days
        # A request whose answer was lost (a timeout) may still be on its way
        # into the catalog: verifying it too early would find nothing and
        # resend it. Such rows wait this long; the catalog knows how long
        # its requests can be in flight (None: ask it).
        self.settle_s = catalog.lost_answer_settle_s if settle_s is None else settle_s
        # Rows that do not depend on each other replay on this many catalog
        # sessions at once (None: as many as the catalog has).
        self.parallel = max(1, catalog.sessions if parallel is None else parallel)
        self._clock = clock
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._lock = threading.Lock()  # one pass at a time, whoever calls
        self._online = True
        self._last_error = ""
        self._last_sync: datetime | None = None
        self._steps: list[Callable[[], object]] = []
        self._rtt_ms: float | None = None
        self._last_status = SyncStatus(True, 0, 0)

    def add_step(self, step: Callable[[], object]) -> None:
        """More outbox work for every pass, after the catalog's rows (the receipts' emails,
        kiosk/receipts/outbox.py): it runs whether or not the catalog answers."""
        self._steps.append(step)

    def add_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(listener)

    def _on_journal(self, fn: Callable[[Journal], T]) -> T:
        return self.worker.run(OnJournal(fn))

    def status(self) -> SyncStatus:
        waiting, conflicts = self._on_journal(
            lambda journal: (
                journal.count(TxState.QUEUED, TxState.SYNCING, TxState.PENDING),
                journal.count(TxState.CONFLICT),
            )
        )
        self._last_status = SyncStatus(
            self._online,
            waiting,
            conflicts,
            self._last_error,
            self._last_sync,
            self._rtt_ms,
        )
        return self._last_status

    def observe(self, online: bool, error: str = "", rtt_ms: float | None = None) -> None:
        """What a request just learned about the catalog: a patron's checkout that got no
        answer, a technician's ping. The syncer holds the kiosk's one online state, so the
        header badge, diagnostics and ``kiosk diag status`` cannot disagree. Safe on any
        thread, the circulation worker's too: listeners get the last queue counts, no journal read."""
        error = "" if online else error
        if (online, error) == (self._online, self._last_error) and rtt_ms is None:
            return
        self._online, self._last_error = online, error
        if rtt_ms is not None:
            self._rtt_ms = rtt_ms
        self._last_status = status = replace(self._last_status, online=online, last_error=error, rtt_ms=self._rtt_ms)
        for listener in self._listeners:
            listener(status)

    def _notify(self) -> None:
        status = self.status()
        for listener in self._listeners:
            listener(status)

    def recover(self) -> int:
        """At start-up: rows left ``pending`` or ``syncing`` by a crash may or
        may not have reached the catalog, so they are queued for verification."""

        def requeue(journal: Journal) -> int:
            rows = journal.in_state(TxState.PENDING, TxState.SYNCING)
            for tx in rows:
                log.warning("recovering %s %s left %s by a crash", tx.kind.value, tx.item_id, tx.state.value)
                journal.finish(
                    tx.uuid, TxState.QUEUED, offline=True, due=tx.due, reason=tx.reason, extra={"verify": True}
                )
            return len(rows)

        return self._on_journal(requeue)

    def run_once(self) -> SyncReport:
        """Replay every queued row in order; stop at the first sign the catalog is gone."""
        with self._lock, _ProcessLock(self.journal.path) as exclusive:
            if not exclusive:
                return SyncReport(
                    still_queued=self._on_journal(lambda journal: journal.count(TxState.QUEUED)),
                    error="another process is syncing this journal now",
                )
            report = SyncReport()
            queued = self._on_journal(lambda journal: journal.in_state(TxState.QUEUED))
            if self._replay_all(queued, report) and not (report.synced or report.conflicts):
                started = time.monotonic()
                try:
                    if not self.catalog.ping():
                        report.error = "catalog does not answer"
                except (CatalogUnavailable, CatalogProtocolError) as exc:
                    report.error = exc.message
                else:
                    self._rtt_ms = round((time.monotonic() - started) * 1000, 1)
            report.still_queued = self._on_journal(lambda journal: journal.count(TxState.QUEUED))
            self._on_journal(lambda journal: journal.purge_personal_data(self.retention_days))
            for step in self._steps:
                try:
                    step()
                except Exception:  # one outbox's bug must not stop the catalog's sync
                    log.exception("sync step %r failed", step)
            self._online, self._last_error = not report.error, report.error
            if not report.error:
                self._last_sync = self._clock()
            self._notify()
            return report

    def _replay_all(self, rows: list[Transaction], report: SyncReport) -> bool:
        """Start rows in journal order, up to ``parallel`` at a time; a row
        waits for every earlier one it depends on. A row whose answer was lost
        and may still be in flight is held back until it has settled, and so is
        every later row that depends on it (or on a row held for it); the rest
        replay now. False when the catalog went away."""
        in_flight: dict[Future[RowResult], Transaction] = {}
        held: list[Transaction] = []
        going = True
        returned_since = self._returned_since(rows)

        def collect(return_when: str) -> None:
            nonlocal going
            done, _ = wait(in_flight, return_when=return_when)
            for future in [f for f in in_flight if f in done]:  # journal order, whatever finished first
                going = self._account(in_flight.pop(future), *future.result(), report) and going

        for tx in rows:
            if tx.extra.get("verify") and (wait_s := self._unsettled_s(tx)) > 0:
                report.details.append(
                    f"{tx.kind.value} {tx.item_id}: its answer was lost; verifying it in "
                    f"{wait_s:.0f} s, when nothing can be in flight any more"
                )
                held.append(tx)
                continue
            if blocker := next((earlier for earlier in held if _depends(tx, earlier)), None):
                report.details.append(
                    f"{tx.kind.value} {tx.item_id}: waits for {blocker.kind.value} {blocker.item_id} "
                    "(its answer was lost) to be verified first"
                )
                held.append(tx)
                continue
            while (
                going
                and in_flight
                and (
                    len(in_flight) >= ROWS_PER_SESSION * self.parallel
                    or any(_depends(tx, earlier) for earlier in in_flight.values())
                )
            ):
                collect(FIRST_COMPLETED)
            if not going:
                break
            in_flight[self.worker.submit(_ReplayRow(self, tx, returned_since.get(tx.uuid)))] = tx
        collect(ALL_COMPLETED)
        return going

    def _account(self, tx: Transaction, state: TxState | None, detail: str, report: SyncReport) -> bool:
        """Count one row's outcome; False when the catalog went away (``detail`` is why)."""
        if state is None:
            report.error = detail
            return False
        if state is TxState.CONFLICT:
            report.conflicts += 1
            self._on_journal(
                lambda journal: journal.add_alert(
                    "sync_conflict", f"{tx.kind.value} {tx.item_id}: {detail}", tx.item_id
                )
            )
        elif state is TxState.DONE:
            report.synced += 1
        report.details.append(f"{tx.kind.value} {tx.item_id}: {state.value} {detail}".rstrip())
        return True

    def _returned_since(self, rows: list[Transaction]) -> dict[str, _ReturnedSince]:
        """The queued loans whose item a later return may have reached the catalog
        already (done online while the loan waited in the queue, or sent and its
        answer lost).

        Such a loan must not be sent once its item is found not on loan: that
        return may be what took it off the patron, and lending it again would put
        a book that is back on the shelf on the patron's card. (A return still
        queued and never sent replays after the loan, as always.)"""
        loans = {tx.uuid for tx in rows if tx.kind is TxKind.CHECKOUT}
        if not loans:
            return {}
        found: dict[str, _ReturnedSince] = {}
        open_loans: dict[str, list[str]] = {}
        # Each loan's item's rows from the first loan on, in journal order (between items, order does not matter).
        for tx in self._on_journal(lambda journal: journal.rows_since(loans)):
            if tx.kind is TxKind.CHECKOUT:
                if _maybe_applied(tx):  # whatever the catalog says of the item now may be this loan's doing
                    for uuid, since in found.items():
                        if since.item_id == tx.item_id:
                            found[uuid] = replace(since, lent_since=True)
                if tx.uuid in loans:
                    open_loans.setdefault(tx.item_id, []).append(tx.uuid)
            elif tx.kind is TxKind.CHECKIN and _maybe_applied(tx):
                for uuid in open_loans.pop(tx.item_id, []):
                    found[uuid] = _ReturnedSince(tx.item_id, tx.created_at)
        return found

    def _unsettled_s(self, tx: Transaction) -> float:
        return self.settle_s - (self._clock() - tx.updated_at).total_seconds()

    # -- one row, as an operation on the circulation worker -------------------
    def replay_row(self, tx: Transaction, returned_since: _ReturnedSince | None = None) -> Steps[RowResult]:
        """(final state, detail) of one row, or (None, why) when it went back to the queue.
        The journal writes run on the circulation worker; everything the row
        asks the catalog goes out as one call on the I/O pool."""
        self.journal.finish(tx.uuid, TxState.SYNCING, due=tx.due, reason=tx.reason, count_attempt=True)
        try:
            verdict = yield partial(self._ask_catalog, tx, returned_since)
        except CatalogProtocolError as exc:
            if tx.attempts + 1 < MAX_UNREADABLE_ATTEMPTS:
                return self._requeue(tx, exc)
            verdict = _Verdict(
                TxState.CONFLICT,
                f"the catalog's answers cannot be read ({exc.message}); check at the ILS whether it was applied",
            )
        except CatalogUnavailable as exc:
            return self._requeue(tx, exc)
        self.journal.finish(
            tx.uuid, verdict.state, due=verdict.due or tx.due, reason=verdict.reason or tx.reason, detail=verdict.detail
        )
        log.info("sync %s %s -> %s %s", tx.kind.value, tx.item_id, verdict.state.value, verdict.detail)
        return verdict.state, verdict.detail

    def _requeue(self, tx: Transaction, exc: CatalogUnavailable | CatalogProtocolError) -> tuple[None, str]:
        self.journal.finish(
            tx.uuid,
            TxState.QUEUED,
            due=tx.due,
            reason=tx.reason,
            detail=str(exc.message),
            extra={"verify": tx.extra.get("verify") or exc.maybe_applied},
        )
        return None, exc.message

    def _ask_catalog(self, tx: Transaction, returned_since: _ReturnedSince | None = None) -> _Verdict:
        """Verify, then (only if needed) send: the catalog's side of one row's replay, no journal here."""
        if tx.kind not in (TxKind.CHECKOUT, TxKind.CHECKIN):  # renewals are never queued; a stray one is for staff
            return _Verdict(TxState.CONFLICT, "renewal cannot be replayed")
        if self._already_applied(tx):
            if tx.extra.get("refused_offline"):
                return _Verdict(
                    TxState.CONFLICT,
                    "the catalog lent this item, but the patron was told it was refused: check the shelf",
                )
            # Only a loan that was sent (its answer lost) can have been applied late; a charge of a
            # never-sent one is another desk's doing.
            late = tx.extra.get("verify") and returned_since is not None and not returned_since.lent_since
            if tx.kind is TxKind.CHECKOUT and late:
                return self._return_again(tx, returned_since)
            return _Verdict(TxState.DONE, "verified: already applied at the catalog")
        if tx.extra.get("refused_offline"):
            return _Verdict(TxState.REFUSED, "refused offline; not applied at the catalog")
        if tx.kind is TxKind.CHECKOUT and returned_since is not None:
            return _Verdict(TxState.DONE, "not sent: the item was returned since, and the catalog has it back")
        replay = Replay(transaction_date=tx.created_at, due=tx.due)
        if tx.kind is TxKind.CHECKOUT:
            result = self.catalog.checkout(tx.patron_card or "", tx.item_id, replay=replay)
            if result.ok or result.reason is Reason.ALREADY_ON_LOAN_TO_YOU:
                note = "" if result.due in (None, tx.due) else f"catalog due date {result.due}"
                return _Verdict(TxState.DONE, note, due=result.due)
        else:
            result = self.catalog.checkin(tx.item_id, replay=replay)
            if result.ok:
                return _Verdict(TxState.DONE, "")
        reason = result.reason or Reason.OTHER
        return _Verdict(TxState.CONFLICT, result.screen_message or reason.value, reason=reason)

    def _return_again(self, tx: Transaction, since: _ReturnedSince) -> _Verdict:
        """The loan is charged, yet the book came back after it and nobody borrowed it since:
        a slow catalog applied the loan after the kiosk stopped waiting, and after the return
        reached it. Left so, the patron would be charged (and fined) for a book on the shelf."""
        result = self.catalog.checkin(tx.item_id, replay=Replay(transaction_date=since.returned_at))
        if result.ok:
            log.warning(
                "sync %s %s: the catalog applied the loan after its return; returned again", tx.kind.value, tx.item_id
            )
            return _Verdict(TxState.DONE, "verified: applied late, after the item's return; the return was sent again")
        return _Verdict(
            TxState.CONFLICT,
            "the catalog applied this loan after the item came back and refused that return sent again: check the item",
            reason=result.reason or Reason.OTHER,
        )

    def _already_applied(self, tx: Transaction) -> bool:
        """Whether a row's effect is at the catalog already (a lost answer, or the same item queued twice)."""
        if tx.kind is TxKind.CHECKOUT:
            return bool(tx.patron_card) and self.catalog.is_charged_to(tx.item_id, tx.patron_card) is True
        return self.catalog.is_on_loan(tx.item_id) is False


@dataclass(frozen=True)
class _ReturnedSince:
    """A queued loan's item came back after it (the return may have reached the catalog)."""

    item_id: str
    returned_at: datetime
    lent_since: bool = False  # and a later loan of it may have reached the catalog since


@dataclass(frozen=True)
class _Verdict:
    """How one replayed row ends, as the catalog's answers decide it."""

    state: TxState
    detail: str
    due: date | None = None
    reason: Reason | None = None


@dataclass
class _ReplayRow(Operation[Desk, RowResult]):
    syncer: Syncer
    tx: Transaction
    returned_since: _ReturnedSince | None = None

    def run(self, desk: Desk) -> Steps[RowResult]:
        return (yield from self.syncer.replay_row(self.tx, self.returned_since))


#: The longest the sync thread ever sleeps, whatever it was given ([sync] keys are bounded to it too).
MAX_WAIT_S = 86400.0
ERROR_WAIT_S = 60.0  # after a round failed for a reason nobody foresaw


class SyncWorker:
    """Runs :meth:`Syncer.run_once` on its own thread: at once when woken,
    every ``interval_s`` otherwise, backing off (doubling, capped) while the
    catalog is away. ``threaded=False`` (tests) runs a requested pass inline."""

    def __init__(
        self, syncer: Syncer, *, interval_s: float = 30.0, max_backoff_s: float = 300.0, threaded: bool = True
    ) -> None:
        self.syncer = syncer
        self.interval_s = interval_s
        self.max_backoff_s = max_backoff_s
        self.threaded = threaded
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._waiting: list[Callable[[SyncReport], None]] = []  # told after the next pass
        self._waiting_lock = threading.Lock()

    def start(self) -> None:
        if self.threaded:
            self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def sync_now(self, on_done: Callable[[SyncReport], None]) -> None:
        """A pass now (a technician's "sync now"); ``on_done`` gets its report,
        on the sync thread (or inline when not threaded or not started)."""
        if self._thread is None:
            on_done(self._pass())
            return
        with self._waiting_lock:
            self._waiting.append(on_done)
        self.wake()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None

    def _pass(self) -> SyncReport:
        try:
            return self.syncer.run_once()
        except Exception as exc:  # a bug must not kill the syncer thread silently
            log.exception("sync pass failed")
            return SyncReport(error=f"sync failed: {exc}")

    def _loop(self) -> None:
        """Never ends but by stop(): whatever one round raises (a listener's bug, a wait that
        cannot be made) is logged and the next round comes a minute later, or when woken."""
        delay = self.interval_s
        while not self._stop.is_set():
            try:
                delay = self._round(delay)
            except Exception:
                log.exception("sync thread: a round failed; trying again in %g s", ERROR_WAIT_S)
                delay = ERROR_WAIT_S
                self._wake.wait(delay)
                self._wake.clear()

    def _round(self, delay: float) -> float:
        with self._waiting_lock:
            waiting, self._waiting = self._waiting, []
        report = self._pass()
        delay = min(delay * 2, self.max_backoff_s) if report.error else self.interval_s
        for on_done in waiting:
            try:
                on_done(report)
            except Exception:  # one listener's bug must not keep the report from the others
                log.exception("sync thread: a listener failed")
        self._wake.wait(min(delay, MAX_WAIT_S))  # an out-of-range wait (inf) cannot stop the thread
        self._wake.clear()
        return delay


def _maybe_applied(tx: Transaction) -> bool:
    """Whether a row's request may have reached the catalog: answered there, in
    flight now, or sent with its answer lost."""
    if tx.state is TxState.DONE:
        return True
    return tx.state in (TxState.PENDING, TxState.SYNCING) or (
        tx.state is TxState.QUEUED and bool(tx.extra.get("verify"))
    )


def _depends(later: Transaction, earlier: Transaction) -> bool:
    """Whether ``later`` must wait for ``earlier``: the same item, the same
    patron (limits, blocks), or a return before a loan (a return names no
    patron, and it may be what frees the borrower's loan limit)."""
    return (
        later.item_id == earlier.item_id
        or (later.patron_card is not None and later.patron_card == earlier.patron_card)
        or (earlier.kind is TxKind.CHECKIN and later.kind is TxKind.CHECKOUT)
    )


class _ProcessLock:
    """An exclusive, non-blocking flock beside the journal: ``with`` yields
    whether this process got it. The kernel drops it when a process dies,
    so a killed syncer never leaves the journal locked."""

    def __init__(self, journal_path) -> None:
        self.path = f"{journal_path}.sync-lock"
        self._fd: int | None = None

    def __enter__(self) -> bool:
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            return False
        return True

    def __exit__(self, *exc_info) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
