"""The demo library's rules, the one model behind the embedded demo catalog
(`kiosk.catalog.demo`), the demo ILS (`kiosk demo-ils`) and the SIP2 tests.

The rules follow what Koha and Evergreen do at a self-check: blocks, expiry
and fines stop borrowing, an item on hold for someone else is refused, loan
limits and periods come from a (patron category, item type) matrix, and a
returned item goes to the hold shelf, to its home branch, or to the shelf.
Where real servers differ, an option says which one this library imitates
(see `DemoLibrary`). Everything lives in SQLite: a file for the demo, ":memory:"
for a test; every applied change is written to `history`, so a test can
assert "exactly one loan" after any fault.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from kiosk.catalog import demo_data as data
from kiosk.errors import KnownError
from kiosk.models import Destination, Reason
from kiosk.pins import hash_pin, verify_pin
from kiosk.private_files import create_private, tighten

from .base import (
    DUE_TIME,
    Branding,
    CheckoutRequest,
    HoldResult,
    IlsBackend,
    ItemRecord,
    LoanResult,
    PatronRecord,
    PaymentResult,
    RenewAllResult,
    ReturnResult,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS branches (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rules (category TEXT, item_type TEXT, loan_days INTEGER, max_loans INTEGER,
                                  max_renewals INTEGER, PRIMARY KEY (category, item_type));
CREATE TABLE IF NOT EXISTS patrons (card TEXT PRIMARY KEY, name TEXT NOT NULL, pin_hash TEXT NOT NULL,
    category TEXT NOT NULL, blocked_reason TEXT, fines INTEGER NOT NULL DEFAULT 0, expires TEXT NOT NULL,
    language TEXT);
CREATE TABLE IF NOT EXISTS items (barcode TEXT PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL,
    item_type TEXT NOT NULL, home_branch TEXT NOT NULL, not_for_loan INTEGER NOT NULL, set_id TEXT,
    set_parts INTEGER NOT NULL, set_part INTEGER NOT NULL, fee TEXT NOT NULL DEFAULT '0', sort_bin TEXT);
CREATE TABLE IF NOT EXISTS loans (barcode TEXT PRIMARY KEY REFERENCES items, card TEXT NOT NULL REFERENCES patrons,
    issued TEXT NOT NULL, due TEXT NOT NULL, renewals INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS holds (id INTEGER PRIMARY KEY AUTOINCREMENT, barcode TEXT NOT NULL REFERENCES items,
    card TEXT NOT NULL REFERENCES patrons);
CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    barcode TEXT NOT NULL, card TEXT, detail TEXT NOT NULL DEFAULT '');
"""
# Columns a demo catalog file made by an earlier version lacks.
_ADDED_COLUMNS = (
    ("items", "fee", "TEXT NOT NULL DEFAULT '0'"),
    ("items", "sort_bin", "TEXT"),
    ("history", "detail", "TEXT NOT NULL DEFAULT ''"),
    ("patrons", "email", "TEXT NOT NULL DEFAULT ''"),
)
_PATRON_COLUMNS = "(card, name, pin_hash, category, blocked_reason, fines, expires, language, email)"
# Demo PINs are hashed once with few iterations: the demo data is public anyway.
PIN_ITERATIONS = 1_000
NO_PIN = ""  # a patron with no PIN: any PIN given is accepted
SUPPORTED = "YYYNYYYYY{fee}YNN{hold}YY"  # 23 11 09 01 99 97 93 63 35 37 17 19 25 15 29 65


@dataclass(frozen=True)
class Transaction:
    """One applied change, as `DemoLibrary.transactions` lists it."""

    kind: str  # checkout, renew, checkin, hold, cancel_hold, fee_paid
    patron: str | None
    item: str | None
    detail: str = ""


class DemoLibrary(IlsBackend):
    """The demo library. Options pick which real server's habits it has:

    no_block_profile: "koha" honours no block = Y only with a due date (blocks
    are skipped, that due date kept); "standard" ignores both and applies the
    normal rules (Evergreen, FOLIO). own_loan_checkout: "refuse" (already on
    loan to you; nothing written) or "renew" (Koha's C4/SIP). Returning an item
    that was not on loan is fine at a drop box unless checkin_not_charged_ok is
    False (Koha's `checked_in_ok`). self_service_payments: fees paid (37) and
    holds (15) at the kiosk, or only at the desk.
    """

    def __init__(
        self,
        path: str | Path = ":memory:",
        *,
        location: str = "PUSAT",
        library_name: str = data.LIBRARY_NAME,
        currency: str = "IDR",
        fine_limit: Decimal = Decimal(data.FINE_LIMIT),
        no_block_profile: str = "koha",
        own_loan_checkout: str = "refuse",
        checkin_not_charged_ok: bool = True,
        self_service_payments: bool = False,
        farewell: str | None = "Terima kasih! Thank you!",
        clock: Callable[[], datetime] = datetime.now,
        seed: bool = True,
    ) -> None:
        if no_block_profile not in ("koha", "standard"):
            raise ValueError(f"no_block_profile {no_block_profile!r}: koha or standard")
        if own_loan_checkout not in ("refuse", "renew"):
            raise ValueError(f"own_loan_checkout {own_loan_checkout!r}: refuse or renew")
        self.location = location
        self.no_block_profile = no_block_profile
        self.own_loan_checkout = own_loan_checkout
        self.checkin_not_charged_ok = checkin_not_charged_ok
        self.self_service_payments = self_service_payments
        self.farewell = farewell
        self.clock = clock
        flag = "Y" if self_service_payments else "N"
        self._branding = Branding(location, library_name, SUPPORTED.format(fee=flag, hold=flag), currency, fine_limit)
        self.lock = threading.RLock()
        self.path = path
        on_disk = str(path) != ":memory:"
        if on_disk and Path(path).is_dir():
            raise KnownError(
                f"demo catalog {path} is a folder, not a file", hint="name a file for the demo catalog, in that folder"
            )
        try:
            if on_disk:
                create_private(Path(path))  # patrons' names and loans: 0600 in a 0700 folder, whatever the umask
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
            self._add_missing_columns()
            if seed and not self._one("SELECT COUNT(*) FROM items")[0]:
                self.seed()
            if on_disk:
                tighten(Path(path))
        except OSError as exc:
            raise KnownError(
                f"demo catalog {path} cannot be created ({exc.strerror})",
                hint="name a file in a folder this user may write",
            ) from exc
        except sqlite3.Error as exc:
            raise KnownError(
                f"demo catalog {path} cannot be opened ({exc})",
                hint="delete the demo catalog file to recreate it from the demo data",
            ) from exc

    def _add_missing_columns(self) -> None:
        for table, column, declaration in _ADDED_COLUMNS:
            if column not in {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
                if (table, column) == ("patrons", "email"):  # a demo file from before addresses: give them theirs
                    addresses = [(email, card) for card, email in data.EMAILS.items()]
                    self._db.executemany("UPDATE patrons SET email = ? WHERE card = ?", addresses)

    # -- data --------------------------------------------------------------------------
    def seed(self) -> None:
        """The demo data as shipped: a believable Indonesian city library."""
        today = self.clock().date()
        with self.lock:
            db = self._db
            db.execute("BEGIN")
            db.executemany("INSERT INTO branches VALUES (?, ?)", data.BRANCHES.items())
            db.executemany("INSERT INTO rules VALUES (?, ?, ?, ?, ?)", [(*k, *v) for k, v in data.RULES.items()])
            db.executemany(
                f"INSERT INTO patrons {_PATRON_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        card,
                        name,
                        hash_pin(pin, iterations=PIN_ITERATIONS),
                        cat,
                        blocked,
                        fines,
                        exp,
                        lang,
                        data.EMAILS.get(card, ""),
                    )
                    for card, name, pin, cat, blocked, fines, exp, lang in data.PATRONS
                ],
            )
            db.executemany(
                "INSERT INTO items (barcode, title, author, item_type, home_branch, not_for_loan, set_id,"
                " set_parts, set_part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (data.item_barcode(n), title, author, itype, home, int(nfl), set_id, parts, part)
                    for n, title, author, itype, home, nfl, set_id, parts, part in data.ITEMS
                ],
            )
            db.executemany(
                "INSERT INTO loans VALUES (?, ?, ?, ?, 0)",
                [
                    (data.item_barcode(n), card, today.isoformat(), (today + timedelta(days=days)).isoformat())
                    for n, card, days in data.LOANS
                ],
            )
            db.executemany(
                "INSERT INTO holds (barcode, card) VALUES (?, ?)",
                [(data.item_barcode(n), card) for n, card in data.HOLDS],
            )
            db.execute("COMMIT")

    def reset(self, *, seed: bool = True) -> None:
        """Empty the library (and put the demo data back as shipped)."""
        with self.lock:
            self._db.executescript(
                "DELETE FROM history; DELETE FROM holds; DELETE FROM loans; DELETE FROM items;"
                "DELETE FROM patrons; DELETE FROM rules; DELETE FROM branches;"
            )
            if seed:
                self.seed()

    def add_rule(self, category: str, item_type: str, *, loan_days: int, max_loans: int, max_renewals: int) -> None:
        with self.lock:
            self._db.execute(
                "INSERT OR REPLACE INTO rules VALUES (?, ?, ?, ?, ?)",
                (category, item_type, loan_days, max_loans, max_renewals),
            )

    def add_patron(
        self,
        card: str,
        *,
        name: str = "Test Patron",
        pin: str | None = None,
        category: str = "dewasa",
        blocked: bool = False,
        fines: Decimal = Decimal("0"),
        expires: date = date(2099, 12, 31),
        language: str | None = None,
        email: str = "",
    ) -> None:
        with self.lock:
            self._db.execute(
                f"INSERT OR REPLACE INTO patrons {_PATRON_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card,
                    name,
                    NO_PIN if pin is None else hash_pin(pin, iterations=PIN_ITERATIONS),
                    category,
                    Reason.PATRON_BLOCKED.value if blocked else None,
                    str(fines),
                    expires.isoformat(),
                    language,
                    email,
                ),
            )

    def add_item(
        self,
        barcode: str,
        *,
        title: str = "Untitled",
        item_type: str = "buku",
        author: str = "",
        home_branch: str | None = None,
        not_for_loan: bool = False,
        fee: Decimal = Decimal("0"),
        sort_bin: str | None = None,
    ) -> None:
        with self.lock:
            self._db.execute(
                "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, NULL, 1, 1, ?, ?)",
                (
                    barcode,
                    title,
                    author,
                    item_type,
                    home_branch or self.location,
                    int(not_for_loan),
                    str(fee),
                    sort_bin,
                ),
            )

    def update_item(self, barcode: str, **columns) -> None:
        """Change an item's columns (title, fee, item_type...): a test's "meanwhile, at the ILS"."""
        with self.lock:
            assignments = ", ".join(f"{name} = ?" for name in columns)
            self._db.execute(f"UPDATE items SET {assignments} WHERE barcode = ?", (*columns.values(), barcode))

    def lend(self, barcode: str, card: str, due: date | None = None) -> None:
        """Put a loan on the books without the rules (demo data, tests)."""
        today = self.clock().date()
        with self.lock:
            self._db.execute(
                "INSERT OR REPLACE INTO loans VALUES (?, ?, ?, ?, 0)",
                (barcode, card, today.isoformat(), (due or today + timedelta(days=14)).isoformat()),
            )

    def place_hold(self, barcode: str, card: str) -> None:
        with self.lock:
            self._db.execute("INSERT INTO holds (barcode, card) VALUES (?, ?)", (barcode, card))

    def loans(self) -> dict[str, str]:
        """item -> patron for every loan."""
        with self.lock:
            return dict(self._db.execute("SELECT barcode, card FROM loans ORDER BY rowid"))

    def fines(self, card: str) -> Decimal:
        with self.lock:
            return Decimal(str(self._one("SELECT fines FROM patrons WHERE card = ?", card)[0]))

    @property
    def transactions(self) -> list[Transaction]:
        with self.lock:
            rows = self._db.execute("SELECT action, card, barcode, detail FROM history ORDER BY id").fetchall()
        return [Transaction(kind, card, barcode or None, detail) for kind, card, barcode, detail in rows]

    def close(self) -> None:
        with self.lock:
            self._db.close()

    # -- internals ---------------------------------------------------------------------
    def _one(self, sql: str, *args):
        return self._db.execute(sql, args).fetchone()

    def _log(self, action: str, barcode: str | None, card: str | None, detail: str = "") -> None:
        self._db.execute(
            "INSERT INTO history (at, action, barcode, card, detail) VALUES (?, ?, ?, ?, ?)",
            (self.clock().isoformat(timespec="seconds"), action, barcode or "", card, detail),
        )

    def _patron_row(self, card: str):
        return self._one(
            "SELECT name, pin_hash, blocked_reason, fines, expires, language FROM patrons WHERE card = ?", card
        )

    @staticmethod
    def _pin_ok(row, pin: str | None) -> bool | None:
        """None when no PIN was given (then it is not checked, as in Koha)."""
        if pin is None:
            return None
        return row[1] == NO_PIN or verify_pin(pin, row[1])

    def _block(self, row) -> Reason | None:
        _name, _pin, blocked, fines, expires, _language = row
        if blocked:
            return Reason(blocked)
        if date.fromisoformat(expires) < self.clock().date():
            return Reason.PATRON_EXPIRED
        if Decimal(str(fines)) > self._branding.fine_limit:
            return Reason.PATRON_FINES
        return None

    def _rule(self, card: str, barcode: str) -> tuple[int, int, int]:
        return self._one(
            "SELECT loan_days, max_loans, max_renewals FROM rules r JOIN patrons p ON"
            " p.category = r.category JOIN items i ON i.item_type = r.item_type"
            " WHERE p.card = ? AND i.barcode = ?",
            card,
            barcode,
        )

    # -- IlsBackend --------------------------------------------------------------------
    @property
    def branding(self) -> Branding:
        return self._branding

    def now(self) -> datetime:
        return self.clock()

    def patron_information(self, card: str, pin: str | None) -> PatronRecord | None:
        with self.lock:
            row = self._patron_row(card)
            if row is None:
                return None
            loans = self._db.execute("SELECT barcode, due FROM loans WHERE card = ? ORDER BY rowid", (card,)).fetchall()
            held = [r[0] for r in self._db.execute("SELECT barcode FROM holds WHERE card = ? ORDER BY id", (card,))]
            ready = {b for b in held if self._hold_ready(b, card)}
            today = self.clock().date().isoformat()
            return PatronRecord(
                card=card,
                name=row[0],
                pin_ok=self._pin_ok(row, pin),
                block=self._block(row),
                fines=Decimal(str(row[3])),
                language=row[5],
                email=self._one("SELECT email FROM patrons WHERE card = ?", card)[0],
                holds=tuple(b for b in held if b in ready),
                unavailable_holds=tuple(b for b in held if b not in ready),
                overdue=tuple(b for b, due in loans if due < today),
                charged=tuple(b for b, _due in loans),
            )

    def _hold_ready(self, barcode: str, card: str) -> bool:
        """Waiting on the hold shelf for this patron: on no loan, and theirs is the oldest hold."""
        if self._one("SELECT 1 FROM loans WHERE barcode = ?", barcode):
            return False
        first = self._one("SELECT card FROM holds WHERE barcode = ? ORDER BY id LIMIT 1", barcode)
        return first is not None and first[0] == card

    def _branch_name(self, code: str) -> str:
        row = self._one("SELECT name FROM branches WHERE code = ?", code)
        return row[0] if row else code

    def item_information(self, item_id: str) -> ItemRecord | None:
        with self.lock:
            row = self._one(
                "SELECT title, author, set_parts, set_part, not_for_loan, fee, home_branch FROM items"
                " WHERE barcode = ?",
                item_id,
            )
            if row is None:
                return None
            loan = self._one("SELECT card, due FROM loans WHERE barcode = ?", item_id)
            holds = [r[0] for r in self._db.execute("SELECT card FROM holds WHERE barcode = ? ORDER BY id", (item_id,))]
            return ItemRecord(
                item_id=item_id,
                title=row[0],
                author=row[1],
                set_parts=row[2],
                set_part=row[3],
                not_for_loan=bool(row[4]),
                fee=Decimal(row[5]),
                location=self.location,
                charged_to=loan[0] if loan else None,
                on_hold_for=holds[0] if holds else None,
                holds=len(holds),
                due=date.fromisoformat(loan[1]) if loan else None,
                # A hold waits at this library's hold shelf (the demo has no pickup choice).
                pickup=self._branch_name(self.location) if holds and not loan else "",
            )

    def checkout(self, request: CheckoutRequest) -> LoanResult:
        card, item_id = request.card, request.item_id
        with self.lock:
            row = self._patron_row(card)
            item = self.item_information(item_id)
            if item is None:
                return LoanResult(False, item_id, reason=Reason.UNKNOWN_ITEM, patron_known=row is not None)

            def refuse(reason: Reason, **extra) -> LoanResult:
                return LoanResult(False, item_id, item.title, reason=reason, patron_known=row is not None, **extra)

            if row is None:
                return refuse(Reason.UNKNOWN_PATRON)
            if self._pin_ok(row, request.pin) is False:
                return refuse(Reason.WRONG_PIN)
            if item.charged_to == card:
                if request.cancel:  # undoing a failed checkin: the loan is simply still there
                    return LoanResult(True, item_id, item.title, due=_due_at(item.due))
                if self.own_loan_checkout == "renew":
                    return self._renew(row, card, item, detail="checkout of own loan")
                return refuse(Reason.ALREADY_ON_LOAN_TO_YOU)
            if item.charged_to is not None:
                return refuse(Reason.CHECKED_OUT_TO_OTHER)
            # A "standard" server ignores no block and its dates: a normal loan, now.
            dated = not (request.no_block and self.no_block_profile == "standard")
            due = request.due.date() if request.due and dated else None
            issued = (request.transaction_date if dated and request.transaction_date else self.clock()).date()
            loan_days, max_loans, _ = self._rule(card, item_id)
            honoured = request.cancel or (request.no_block and due is not None and self.no_block_profile == "koha")
            if not honoured:
                block = self._block(row)
                if block is not None:
                    return refuse(block)
                if item.not_for_loan:
                    return refuse(Reason.NOT_FOR_LOAN)
                if item.on_hold_for not in (None, card):
                    return refuse(Reason.ON_HOLD_FOR_OTHER)
                if self._one("SELECT COUNT(*) FROM loans WHERE card = ?", card)[0] >= max_loans:
                    return refuse(Reason.LIMIT_REACHED)
                if item.fee and not request.fee_acknowledged:
                    return refuse(Reason.OTHER, fee=item.fee, message="Fee must be acknowledged")
            due = due or issued + timedelta(days=loan_days)
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO loans VALUES (?, ?, ?, ?, 0)", (item_id, card, issued.isoformat(), due.isoformat())
            )
            self._db.execute("DELETE FROM holds WHERE barcode = ? AND card = ?", (item_id, card))
            self._log("checkout", item_id, card, "cancel" if request.cancel else "no_block" if honoured else "")
            self._db.execute("COMMIT")
            return LoanResult(True, item_id, item.title, due=_due_at(due))

    def _renew(self, row, card: str, item: ItemRecord, detail: str = "") -> LoanResult:
        refuse = lambda reason: LoanResult(False, item.item_id, item.title, reason=reason)  # noqa: E731
        block = self._block(row)
        if block is not None:
            return refuse(block)
        if item.on_hold_for not in (None, card):
            return refuse(Reason.ON_HOLD_FOR_OTHER)
        loan_days, _, max_renewals = self._rule(card, item.item_id)
        if self._one("SELECT renewals FROM loans WHERE barcode = ?", item.item_id)[0] >= max_renewals:
            return refuse(Reason.RENEWAL_LIMIT)
        due = self.clock().date() + timedelta(days=loan_days)
        self._db.execute("BEGIN")
        self._db.execute(
            "UPDATE loans SET due = ?, renewals = renewals + 1 WHERE barcode = ?", (due.isoformat(), item.item_id)
        )
        self._log("renew", item.item_id, card, detail)
        self._db.execute("COMMIT")
        return LoanResult(True, item.item_id, item.title, due=_due_at(due), renewal=True)

    def renew(self, card: str, item_id: str, pin: str | None) -> LoanResult:
        with self.lock:
            item = self.item_information(item_id)
            if item is None:
                return LoanResult(False, item_id, reason=Reason.UNKNOWN_ITEM)
            row = self._patron_row(card)
            if row is None or item.charged_to != card:
                return LoanResult(False, item_id, item.title, reason=Reason.NOT_ON_LOAN, patron_known=row is not None)
            if self._pin_ok(row, pin) is False:
                return LoanResult(False, item_id, item.title, reason=Reason.WRONG_PIN)
            return self._renew(row, card, item)

    def renew_all(self, card: str, pin: str | None) -> RenewAllResult:
        with self.lock:
            row = self._patron_row(card)
            if row is None:
                return RenewAllResult(False)
            renewed, unrenewed = [], []
            if self._pin_ok(row, pin) is not False:
                for (barcode,) in self._db.execute(
                    "SELECT barcode FROM loans WHERE card = ? ORDER BY rowid", (card,)
                ).fetchall():
                    result = self._renew(row, card, self.item_information(barcode))
                    (renewed if result.ok else unrenewed).append(barcode)
            return RenewAllResult(True, tuple(renewed), tuple(unrenewed))

    def checkin(self, item_id: str, *, cancel: bool = False, when: datetime | None = None) -> ReturnResult:
        with self.lock:
            row = self._one("SELECT title, home_branch, sort_bin FROM items WHERE barcode = ?", item_id)
            if row is None:
                return ReturnResult(
                    False, item_id, reason=Reason.UNKNOWN_ITEM, known=False, destination=Destination.STAFF
                )
            title, home, sort_bin = row
            loan = self._one("SELECT card, due FROM loans WHERE barcode = ?", item_id)
            if loan is None and not self.checkin_not_charged_ok:
                return ReturnResult(
                    False,
                    item_id,
                    title,
                    reason=Reason.NOT_ON_LOAN,
                    destination=Destination.STAFF,
                    location=self.location,
                    sort_bin=sort_bin,
                )
            late_days = (
                0 if loan is None or cancel else ((when or self.clock()).date() - date.fromisoformat(loan[1])).days
            )
            fine = Decimal(max(late_days, 0) * data.FINE_PER_DAY)
            if loan is not None:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM loans WHERE barcode = ?", (item_id,))
                if fine:
                    self._db.execute("UPDATE patrons SET fines = fines + ? WHERE card = ?", (int(fine), loan[0]))
                self._log("checkin", item_id, loan[0], "cancel" if cancel else f"fine {fine}" if fine else "")
                self._db.execute("COMMIT")
            hold = self._one(
                "SELECT h.card, p.name FROM holds h LEFT JOIN patrons p ON p.card = h.card"
                " WHERE h.barcode = ? ORDER BY h.id LIMIT 1",
                item_id,
            )
            borrower = loan[0] if loan else None
            late = {"overdue": late_days > 0, "fine": fine or None}
            if hold:
                return ReturnResult(
                    True,
                    item_id,
                    title,
                    borrower=borrower,
                    destination=Destination.HOLD_SHELF,
                    destination_detail=self._branch_name(self.location),
                    location=self.location,
                    sort_bin=sort_bin,
                    hold_for=hold[0],
                    hold_for_name=hold[1] or "",
                    **late,
                )
            if home != self.location:
                branch = self._one("SELECT name FROM branches WHERE code = ?", home)
                return ReturnResult(
                    True,
                    item_id,
                    title,
                    borrower=borrower,
                    destination=Destination.TRANSIT,
                    destination_detail=branch[0] if branch else home,
                    location=home,
                    sort_bin=sort_bin,
                    **late,
                )
            # Returning an item that was not on loan is fine at a drop box (Koha answers ok).
            return ReturnResult(
                True, item_id, title, borrower=borrower, location=self.location, sort_bin=sort_bin, **late
            )

    def end_session(self, card: str) -> str | None:
        return self.farewell

    def fee_paid(
        self, card: str, amount: Decimal | None, fee_id: str | None, transaction_id: str | None
    ) -> PaymentResult:
        if not self.self_service_payments:
            return PaymentResult(False, message="Fines are paid at the desk in the demo library")
        with self.lock:
            row = self._patron_row(card)
            if row is None or amount is None or amount <= 0:
                return PaymentResult(False)
            left = max(Decimal(str(row[3])) - amount, Decimal("0"))
            self._db.execute("BEGIN")
            self._db.execute("UPDATE patrons SET fines = ? WHERE card = ?", (str(left), card))
            self._log("fee_paid", None, card, str(amount))
            self._db.execute("COMMIT")
            count = self._one("SELECT COUNT(*) FROM history")[0]
            return PaymentResult(True, transaction_id or f"TX{count}")

    def hold(self, card: str, item_id: str | None, mode: str, pickup: str | None) -> HoldResult:
        if not self.self_service_payments:
            return HoldResult(False, message="Holds are placed at the desk in the demo library")
        with self.lock:
            item = self.item_information(item_id) if item_id else None
            if self._patron_row(card) is None or item is None:
                return HoldResult(False, item_id)
            queue = [r[0] for r in self._db.execute("SELECT card FROM holds WHERE barcode = ? ORDER BY id", (item_id,))]
            ok = mode == "+" or card in queue
            if mode == "+" and card not in queue:
                self._db.execute("INSERT INTO holds (barcode, card) VALUES (?, ?)", (item_id, card))
                self._log("hold", item_id, card)
                queue.append(card)
            elif mode == "-" and ok:
                self._db.execute("DELETE FROM holds WHERE barcode = ? AND card = ?", (item_id, card))
                self._log("cancel_hold", item_id, card)
                queue.remove(card)
            return HoldResult(
                ok,
                item_id,
                item.title,
                available=ok and item.charged_to is None,
                position=queue.index(card) + 1 if card in queue else None,
            )


def _due_at(day: date | None) -> datetime | None:
    """A loan is due at the end of its day."""
    return datetime.combine(day, DUE_TIME) if day else None
