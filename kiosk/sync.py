"""Drains the journal's outbox to the catalog, exactly once, and knows
whether the kiosk is online.

Order of a replay (DESIGN.md §5): a row goes ``queued -> syncing``
durably before anything is sent, so a crash mid-replay leaves a row the
next start verifies instead of resending. A row whose answer may have been
lost is verified with item information first ("already charged to this
patron" / "no longer charged" means done). A refusal on replay is a
``conflict`` for staff, never dropped.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from kiosk.catalog.base import Catalog, Replay
from kiosk.errors import CatalogProtocolError, CatalogUnavailable
from kiosk.journal import Journal
from kiosk.models import Reason, Transaction, TxKind, TxState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    queued: int
    conflicts: int
    last_error: str = ""
    last_sync: datetime | None = None


@dataclass
class SyncReport:
    synced: int = 0
    conflicts: int = 0
    still_queued: int = 0
    error: str = ""
    details: list[str] = field(default_factory=list)


class Syncer:
    """One replay pass at a time; :class:`SyncWorker` runs passes on a thread."""

    def __init__(self, catalog: Catalog, journal: Journal, *, retention_days: int = 7) -> None:
        self.catalog = catalog
        self.journal = journal
        self.retention_days = retention_days
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._lock = threading.Lock()  # one pass at a time, whoever calls
        self._online = True
        self._last_error = ""
        self._last_sync: datetime | None = None

    def add_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(listener)

    def status(self) -> SyncStatus:
        counts = self.journal.counts()
        return SyncStatus(self._online, counts["queued"] + counts["syncing"] + counts["pending"],
                          counts["conflict"], self._last_error, self._last_sync)

    def set_online(self, online: bool, error: str = "") -> None:
        """Record what the kiosk just learned about the catalog and tell listeners."""
        self._online, self._last_error = online, error
        self._notify()

    def _notify(self) -> None:
        status = self.status()
        for listener in self._listeners:
            listener(status)

    def recover(self) -> int:
        """At start-up: rows left ``pending`` or ``syncing`` by a crash may or
        may not have reached the catalog, so they are queued for verification."""
        rows = self.journal.in_state(TxState.PENDING, TxState.SYNCING)
        for tx in rows:
            log.warning("recovering %s %s left %s by a crash", tx.kind.value, tx.item_id, tx.state.value)
            self.journal.finish(tx.uuid, TxState.QUEUED, offline=True, due=tx.due, reason=tx.reason,
                                extra={"verify": True})
        return len(rows)

    def run_once(self) -> SyncReport:
        """Replay every queued row in order; stop at the first sign the catalog is gone."""
        with self._lock:
            report = SyncReport()
            for tx in self.journal.in_state(TxState.QUEUED):
                self.journal.finish(tx.uuid, TxState.SYNCING, due=tx.due, reason=tx.reason, count_attempt=True)
                try:
                    state, detail = self._replay(tx)
                except (CatalogUnavailable, CatalogProtocolError) as exc:
                    self.journal.finish(tx.uuid, TxState.QUEUED, due=tx.due, reason=tx.reason,
                                        detail=str(exc.message),
                                        extra={"verify": tx.extra.get("verify") or getattr(exc, "maybe_applied",
                                                                                           True)})
                    report.error = exc.message
                    break
                if state is TxState.CONFLICT:
                    report.conflicts += 1
                    self.journal.add_alert("sync_conflict", f"{tx.kind.value} {tx.item_id}: {detail}", tx.item_id)
                elif state is TxState.DONE:
                    report.synced += 1
                report.details.append(f"{tx.kind.value} {tx.item_id}: {state.value} {detail}".rstrip())
            else:
                if not report.synced and not report.conflicts:
                    try:
                        if not self.catalog.ping():
                            report.error = "catalog does not answer"
                    except (CatalogUnavailable, CatalogProtocolError) as exc:
                        report.error = exc.message
            counts = self.journal.counts()
            report.still_queued = counts["queued"]
            self.journal.purge_personal_data(self.retention_days)
            self._online, self._last_error = not report.error, report.error
            if not report.error:
                self._last_sync = datetime.now().astimezone()
            self._notify()
            return report

    def _replay(self, tx: Transaction) -> tuple[TxState, str]:
        if tx.extra.get("verify") and self._already_applied(tx):
            if tx.extra.get("refused_offline"):
                return self._settle(tx, TxState.CONFLICT, "the catalog lent this item, but the patron was "
                                                          "told it was refused: check the shelf")
            return self._settle(tx, TxState.DONE, "verified: already applied at the catalog")
        if tx.extra.get("refused_offline"):
            return self._settle(tx, TxState.REFUSED, "refused offline; not applied at the catalog")
        replay = Replay(transaction_date=tx.created_at, due=tx.due)
        if tx.kind is TxKind.CHECKOUT:
            result = self.catalog.checkout(tx.patron_card or "", tx.item_id, replay=replay)
            if result.ok or result.reason is Reason.ALREADY_ON_LOAN_TO_YOU:
                note = "" if result.due in (None, tx.due) else f"catalog due date {result.due}"
                return self._settle(tx, TxState.DONE, note, due=result.due)
        elif tx.kind is TxKind.CHECKIN:
            result = self.catalog.checkin(tx.item_id, replay=replay)
            if result.ok:
                return self._settle(tx, TxState.DONE, "")
        else:  # renewals are never queued; a stray one is for staff
            return self._settle(tx, TxState.CONFLICT, "renewal cannot be replayed")
        reason = result.reason or Reason.OTHER
        return self._settle(tx, TxState.CONFLICT, result.screen_message or reason.value, reason=reason)

    def _already_applied(self, tx: Transaction) -> bool:
        if tx.kind is TxKind.CHECKOUT:
            return bool(tx.patron_card) and self.catalog.is_charged_to(tx.item_id, tx.patron_card) is True
        return self.catalog.is_on_loan(tx.item_id) is False

    def _settle(self, tx: Transaction, state: TxState, detail: str, *, due=None,
                reason: Reason | None = None) -> tuple[TxState, str]:
        self.journal.finish(tx.uuid, state, due=due or tx.due, reason=reason or tx.reason, detail=detail)
        log.info("sync %s %s -> %s %s", tx.kind.value, tx.item_id, state.value, detail)
        return state, detail


class SyncWorker:
    """Runs :meth:`Syncer.run_once` on its own thread: at once when woken,
    every ``interval_s`` otherwise, backing off (doubling, capped) while the
    catalog is away."""

    def __init__(self, syncer: Syncer, *, interval_s: float = 30.0, max_backoff_s: float = 300.0) -> None:
        self.syncer = syncer
        self.interval_s = interval_s
        self.max_backoff_s = max_backoff_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def _loop(self) -> None:
        delay = self.interval_s
        while not self._stop.is_set():
            try:
                report = self.syncer.run_once()
                delay = min(delay * 2, self.max_backoff_s) if report.error else self.interval_s
            except Exception:  # a bug must not kill the syncer thread silently
                log.exception("sync pass failed")
                delay = min(delay * 2, self.max_backoff_s)
            self._wake.wait(delay)
            self._wake.clear()
