"""The embedded demo catalog: an ILS in a SQLite file, with real rules.

It is what ``kiosk demo`` lends from, what the tests run the circulation
rules against, and (served over SIP2) a training ILS. Its rules follow what
Koha and Evergreen do at a self-check: blocks and fines stop borrowing,
an item on hold for someone else is refused, loan limits and loan periods
come from a (patron category, item type) matrix, and a returned item goes
to the hold shelf, to its home branch, or back to the shelf.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable

from kiosk.catalog import demo_data as data
from kiosk.catalog.base import Catalog, PatronAnswer, Replay
from kiosk.errors import CatalogUnavailable, KnownError
from kiosk.models import CheckinResult, CheckoutResult, Destination, Item, Patron, Reason
from kiosk.pins import hash_pin, verify_pin

SCHEMA = """
CREATE TABLE IF NOT EXISTS branches (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rules (category TEXT, item_type TEXT, loan_days INTEGER, max_loans INTEGER,
                                  max_renewals INTEGER, PRIMARY KEY (category, item_type));
CREATE TABLE IF NOT EXISTS patrons (card TEXT PRIMARY KEY, name TEXT NOT NULL, pin_hash TEXT NOT NULL,
    category TEXT NOT NULL, blocked_reason TEXT, fines INTEGER NOT NULL DEFAULT 0, expires TEXT NOT NULL,
    language TEXT);
CREATE TABLE IF NOT EXISTS items (barcode TEXT PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL,
    item_type TEXT NOT NULL, home_branch TEXT NOT NULL, not_for_loan INTEGER NOT NULL, set_id TEXT,
    set_parts INTEGER NOT NULL, set_part INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS loans (barcode TEXT PRIMARY KEY REFERENCES items, card TEXT NOT NULL REFERENCES patrons,
    issued TEXT NOT NULL, due TEXT NOT NULL, renewals INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS holds (id INTEGER PRIMARY KEY AUTOINCREMENT, barcode TEXT NOT NULL REFERENCES items,
    card TEXT NOT NULL REFERENCES patrons);
CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    barcode TEXT NOT NULL, card TEXT);
"""
# Demo PINs are hashed once with few iterations: the demo data is public anyway.
_DEMO_PIN_ITERATIONS = 1_000


class DemoCatalog(Catalog):
    kind = "demo"
    # In-process and answered at once: nothing is ever in flight after a call returns.
    lost_answer_settle_s = 0.0

    @property
    def sessions(self) -> int:
        """One SQLite connection under a lock: parallel requests would only queue."""
        return 1

    def __init__(self, path: str | Path, *, location: str = "PUSAT",
                 today: Callable[[], date] = date.today) -> None:
        self.path = Path(path)
        self.location = location
        self._today = today
        self._lock = threading.RLock()
        self.reachable = True  # the simulator panel pulls the "network cable" here
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
            if not self._db.execute("SELECT COUNT(*) FROM items").fetchone()[0]:
                self._seed()
        except sqlite3.Error as exc:
            raise KnownError(f"demo catalog {self.path} cannot be opened ({exc})",
                             hint="delete the demo catalog file to recreate it from the demo data") from exc

    # -- data --------------------------------------------------------------
    def _seed(self) -> None:
        today = self._today()
        db = self._db
        db.execute("BEGIN")
        db.executemany("INSERT INTO branches VALUES (?, ?)", data.BRANCHES.items())
        db.executemany("INSERT INTO rules VALUES (?, ?, ?, ?, ?)", [(*k, *v) for k, v in data.RULES.items()])
        db.executemany("INSERT INTO patrons VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (card, name, hash_pin(pin, iterations=_DEMO_PIN_ITERATIONS), cat, blocked, fines, exp, lang)
            for card, name, pin, cat, blocked, fines, exp, lang in data.PATRONS])
        db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (data.item_barcode(n), title, author, itype, home, int(nfl), set_id, parts, part)
            for n, title, author, itype, home, nfl, set_id, parts, part in data.ITEMS])
        db.executemany("INSERT INTO loans VALUES (?, ?, ?, ?, 0)", [
            (data.item_barcode(n), card, today.isoformat(), (today + timedelta(days=days)).isoformat())
            for n, card, days in data.LOANS])
        db.executemany("INSERT INTO holds (barcode, card) VALUES (?, ?)",
                       [(data.item_barcode(n), card) for n, card in data.HOLDS])
        db.execute("COMMIT")

    def reset(self) -> None:
        """Put the demo data back as shipped (the simulator's "reset" button)."""
        with self._lock:
            self._db.executescript("DELETE FROM history; DELETE FROM holds; DELETE FROM loans; DELETE FROM items;"
                                   "DELETE FROM patrons; DELETE FROM rules; DELETE FROM branches;")
            self._seed()

    def _one(self, sql: str, *args):
        return self._db.execute(sql, args).fetchone()

    def _guard(self) -> None:
        if not self.reachable:
            raise CatalogUnavailable("demo catalog is switched off in the simulator panel",
                                     hint="switch the network back on in the simulator panel",
                                     maybe_applied=False)

    def _rule(self, card: str, barcode: str) -> tuple[int, int, int]:
        return self._one("SELECT loan_days, max_loans, max_renewals FROM rules r JOIN patrons p ON"
                         " p.category = r.category JOIN items i ON i.item_type = r.item_type"
                         " WHERE p.card = ? AND i.barcode = ?", card, barcode)

    def _log(self, action: str, barcode: str, card: str | None) -> None:
        self._db.execute("INSERT INTO history (at, action, barcode, card) VALUES (?, ?, ?, ?)",
                         (datetime.now().isoformat(timespec="seconds"), action, barcode, card))

    def history(self) -> list[tuple[str, str, str | None]]:
        """(action, barcode, card) of every loan and return applied, for tests and the demo ILS."""
        with self._lock:
            return self._db.execute("SELECT action, barcode, card FROM history ORDER BY id").fetchall()

    # -- Catalog -------------------------------------------------------------
    def patron(self, card: str, pin: str | None = None) -> PatronAnswer:
        with self._lock:
            self._guard()
            row = self._one("SELECT name, pin_hash, blocked_reason, fines, expires, language FROM patrons"
                            " WHERE card = ?", card)
            if row is None:
                return PatronAnswer(None, Reason.UNKNOWN_PATRON)
            name, pin_hash, blocked, fines, expires, language = row
            if pin is not None and not verify_pin(pin, pin_hash):
                return PatronAnswer(None, Reason.WRONG_PIN)
            reason = None
            if blocked:
                reason = Reason(blocked)
            elif date.fromisoformat(expires) < self._today():
                reason = Reason.PATRON_EXPIRED
            elif fines > data.FINE_LIMIT:
                reason = Reason.PATRON_FINES
            loans = tuple(r[0] for r in self._db.execute("SELECT barcode FROM loans WHERE card = ?", (card,)))
            holds = tuple(r[0] for r in self._db.execute("SELECT barcode FROM holds WHERE card = ?", (card,)))
            return PatronAnswer(Patron(card=card, name=name, blocked=reason is not None, block_reason=reason,
                                       fines=fines, loans=loans, holds=holds, language=language))

    def item(self, item_id: str) -> Item | None:
        with self._lock:
            self._guard()
            row = self._one("SELECT title, author, set_parts, set_part, not_for_loan FROM items WHERE barcode = ?",
                            item_id)
            if row is None:
                return None
            loan = self._one("SELECT card, due FROM loans WHERE barcode = ?", item_id)
            hold = self._one("SELECT card FROM holds WHERE barcode = ? ORDER BY id LIMIT 1", item_id)
            return Item(barcode=item_id, title=row[0], author=row[1], set_parts=row[2], set_part=row[3],
                        not_for_loan=bool(row[4]), charged_to=loan[0] if loan else None,
                        on_hold_for=hold[0] if hold else None,
                        due=date.fromisoformat(loan[1]) if loan else None)

    def checkout(self, card: str, item_id: str, *, replay: Replay | None = None) -> CheckoutResult:
        with self._lock:
            self._guard()
            answer = self.patron(card)
            item = self.item(item_id)
            if item is None:
                return CheckoutResult(False, item_id, reason=Reason.UNKNOWN_ITEM)
            refuse = lambda reason: CheckoutResult(False, item_id, item.title, reason=reason)  # noqa: E731
            if not answer.ok:
                return refuse(answer.reason)
            if answer.patron.blocked:
                return refuse(answer.patron.block_reason)
            if item.not_for_loan:
                return refuse(Reason.NOT_FOR_LOAN)
            if item.charged_to == card:
                return refuse(Reason.ALREADY_ON_LOAN_TO_YOU)
            if item.charged_to is not None:
                return refuse(Reason.CHECKED_OUT_TO_OTHER)
            if item.on_hold_for not in (None, card):
                return refuse(Reason.ON_HOLD_FOR_OTHER)
            loan_days, max_loans, _ = self._rule(card, item_id)
            if len(answer.patron.loans) >= max_loans:
                return refuse(Reason.LIMIT_REACHED)
            issued = replay.transaction_date.date() if replay else self._today()
            due = replay.due if replay and replay.due else issued + timedelta(days=loan_days)
            self._db.execute("BEGIN")
            self._db.execute("INSERT INTO loans VALUES (?, ?, ?, ?, 0)", (item_id, card, issued.isoformat(),
                                                                          due.isoformat()))
            self._db.execute("DELETE FROM holds WHERE barcode = ? AND card = ?", (item_id, card))
            self._log("checkout", item_id, card)
            self._db.execute("COMMIT")
            return CheckoutResult(True, item_id, item.title, due=due)

    def checkin(self, item_id: str, *, replay: Replay | None = None) -> CheckinResult:
        with self._lock:
            self._guard()
            row = self._one("SELECT title, home_branch FROM items WHERE barcode = ?", item_id)
            if row is None:
                return CheckinResult(False, item_id, reason=Reason.UNKNOWN_ITEM, destination=Destination.STAFF)
            title, home = row
            loan = self._one("SELECT card FROM loans WHERE barcode = ?", item_id)
            hold = self._one("SELECT card FROM holds WHERE barcode = ? ORDER BY id LIMIT 1", item_id)
            if loan:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM loans WHERE barcode = ?", (item_id,))
                self._log("checkin", item_id, loan[0])
                self._db.execute("COMMIT")
            if hold:
                destination, detail = Destination.HOLD_SHELF, ""
            elif home != self.location:
                destination = Destination.TRANSIT
                detail = self._one("SELECT name FROM branches WHERE code = ?", home)[0]
            else:
                destination, detail = Destination.SHELF, ""
            # Returning an item that was not on loan is fine at a drop box (Koha answers ok with an alert).
            return CheckinResult(True, item_id, title, destination=destination, destination_detail=detail)

    def renew(self, card: str, item_id: str) -> CheckoutResult:
        with self._lock:
            self._guard()
            item = self.item(item_id)
            if item is None:
                return CheckoutResult(False, item_id, reason=Reason.UNKNOWN_ITEM)
            if item.charged_to != card:
                return CheckoutResult(False, item_id, item.title, reason=Reason.NOT_ON_LOAN)
            answer = self.patron(card)
            if answer.patron.blocked:
                return CheckoutResult(False, item_id, item.title, reason=answer.patron.block_reason)
            if item.on_hold_for not in (None, card):
                return CheckoutResult(False, item_id, item.title, reason=Reason.ON_HOLD_FOR_OTHER)
            loan_days, _, max_renewals = self._rule(card, item_id)
            renewals = self._one("SELECT renewals FROM loans WHERE barcode = ?", item_id)[0]
            if renewals >= max_renewals:
                return CheckoutResult(False, item_id, item.title, reason=Reason.RENEWAL_LIMIT)
            due = self._today() + timedelta(days=loan_days)
            self._db.execute("UPDATE loans SET due = ?, renewals = renewals + 1 WHERE barcode = ?",
                             (due.isoformat(), item_id))
            return CheckoutResult(True, item_id, item.title, due=due)

    def ping(self) -> bool:
        return self.reachable

    def describe(self) -> str:
        return f"demo catalog {self.path}"

    def close(self) -> None:
        with self._lock:
            self._db.close()
