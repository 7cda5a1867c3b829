"""INLISLite v3.2 (Perpustakaan Nasional, Yii2) behind the SIP2 server: the
bridge's `inlislite` backend.

Each action does what INLISLite's own circulation screens do and writes the
same rows (backend/modules/sirkulasi/controllers/PeminjamanController.php,
PengembalianController.php, PerpanjanganController.php and
common/components/SirkulasiHelpers.php), so the staff screens, reports and a
member's history see a kiosk loan as an ordinary loan:

* a loan is refused, in the desk's order, for an unknown member, a suspension
  still running (`validatePelanggaran`), `StatusAnggota_id` suspended (5) or not
  active (<> 3), an ended membership (`EndDate`), an unknown item, an item on
  loan or otherwise not available (`Status_id` <> 1), a collection rule other
  than loanable (`Rule_id` <> 1), an item category the member may not borrow
  (`memberloanauthorizecategory`), an item booked in the OPAC by another member,
  a member with an overdue loan when `PeminjamanLewatJatuhTempo` is on, and a
  reached loan limit (`MaxPinjamKoleksi` of the rule hierarchy);
* a loan writes a `collectionloans` row (ID = yymmdd + a 5-digit counter of the
  day, `generateNewID`; `Member_id`, `CollectionCount` 1, `LocationLibrary_id`),
  a `collectionloanitems` row (`LoanStatus` 'Loan', `LoanDate`, `DueDate`), sets
  the collection on loan (`Status_id` 5) and clears its OPAC booking;
* a return sets `LoanStatus` 'Return', `ActualReturn`, the collection available
  (`Status_id` 1); a late one first writes the `pelanggaran` row the violation
  form saves: the configured violation type (`[backend] late_violation_type`;
  the form's preselected first `jenis_pelanggaran` by default) and fine type,
  with the amount and suspension days the form proposes;
* a renewal (refused when already renewed today, overdue, at `CountPerpanjang`
  or booked by another member) writes a `collectionloanextends` row and the
  new `DueDate` (today + `DayPerpanjang`).

Dates come from the bridge's clock in the library's time zone (INLISLite's
come from PHP's `date()`; its weekday rules use the database's SYSDATE, the
same day on one server). Named locks serialise kiosks per item and member; the
day's transaction number is claimed by its primary key; `kiosk.bridge.intents`
finishes at the next start what a crash cut between two writes.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

import pymysql

from kiosk.bridge import intents
from kiosk.bridge.db import Database, LockBusy, named_locks, one, write
from kiosk.errors import KnownError
from kiosk.models import Destination, Reason

from . import inlislite_tables as tables
from . import messages, passwords
from .base import (
    DUE_TIME,
    CheckoutRequest,
    HoldResult,
    ItemRecord,
    LoanResult,
    PatronRecord,
    RenewAllResult,
    ReturnResult,
)
from .inlislite_rules import due_date, late_days, penalty
from .sql_backend import BUSY, SqlBackend

log = logging.getLogger(__name__)

# 98 BX, in fields.SUPPORTED_MESSAGE_ORDER: no fee paid (37), no holds (15): bookings are made in the OPAC.
SUPPORTED = "YYYNYYYYYNYNNNYY"
HOLD_BIN = "HOLD"
LOAN_ID_ATTEMPTS = 20  # numbers tried when other kiosks take the day's next ones meanwhile
TERMINAL = "kiosk-bridge"  # CreateTerminal of the rows the bridge writes (the desk writes its PC's address)


class InlisliteLibrary(SqlBackend):
    """`InlisliteLibrary(Database(...), loan_user="kiosk").open()`; thread-safe."""

    def __init__(
        self,
        db: Database,
        *,
        loan_user: str,
        location_library_id: int = 0,
        late_violation_type: int = 0,
        late_fine_type: int = 0,
        **common,
    ) -> None:
        super().__init__(db, supported=SUPPORTED, **common)
        self.loan_user = loan_user
        self.location_library_id = location_library_id
        self.late_violation_type = late_violation_type
        self.late_fine_type = late_fine_type
        self.user_id: int | None = None

    # -- start-up ----------------------------------------------------------------------
    def open(self) -> InlisliteLibrary:
        """Check the database, resolve the configured ids, and finish what a crash cut short."""
        with self.db.connection() as conn:
            intents.ensure_table(conn)
            row = one(conn, "SELECT ID FROM users WHERE username = %s", self.loan_user)
            if row is None:
                raise KnownError(
                    f"INLISLite has no user {self.loan_user!r} to record kiosk loans under ([backend] loan_user)",
                    hint="create that user in INLISLite (Administrasi > Pengguna), or set loan_user to an existing one",
                )
            self.user_id = int(row[0])
            self.location_library_id = self._configured(
                conn, "location_library", "ID", self.location_library_id, "location_library_id"
            )
            self.late_violation_type = self._configured(
                conn, "jenis_pelanggaran", "ID", self.late_violation_type, "late_violation_type"
            )
            self.late_fine_type = self._configured(conn, "jenis_denda", "ID", self.late_fine_type, "late_fine_type")
            self.recover(conn)
        return self

    @staticmethod
    def _configured(conn, table: str, column: str, wanted: int, key: str) -> int:
        """`wanted`, checked to exist; 0: the lowest id, as INLISLite's forms preselect the first row."""
        if wanted:
            row = one(conn, f"SELECT {column} FROM {table} WHERE {column} = %s", wanted)
        else:
            row = one(conn, f"SELECT MIN({column}) FROM {table}")
            row = row if row and row[0] is not None else None
        if row is None:
            raise KnownError(
                f"INLISLite's table {table} has no row {wanted or '(empty table)'} ([backend] {key})",
                hint=f"set [backend] {key} to an ID of {table} (see docs/bridge-inlislite.md)",
            )
        return int(row[0])

    def recoveries(self):
        return {"checkout": self._recover_checkout, "checkin": self._recover_checkin, "renew": self._recover_renew}

    # -- reading -----------------------------------------------------------------------
    def _password_ok(self, member: tables.Member, pin: str | None) -> bool | None:
        """None when no password was given and none is required."""
        if pin is None:
            return False if self.require_patron_password else None
        return passwords.verify_sha1_upper(pin, member.password)

    def _block(self, member: tables.Member) -> tuple[Reason, str | None] | None:
        """The desk's refusals of a member (actionCreate), in its order."""
        today = self._today()
        if member.suspended_until is not None and today <= member.suspended_until:
            return Reason.PATRON_BLOCKED, messages.suspended_until(member.suspended_until, self.language)
        if member.status != tables.MEMBER_ACTIVE:  # suspended (5) or not active
            return Reason.PATRON_BLOCKED, None
        if member.end_date is None or member.end_date < today:
            return Reason.PATRON_EXPIRED, None
        return None

    def patron_information(self, card: str, pin: str | None) -> PatronRecord | None:
        with self.db.connection() as conn:
            member = tables.member(conn, card)
            if member is None:
                return None
            pin_ok = self._password_ok(member, pin)
            today, now = self._today(), self._now()
            loans = tables.open_loans(conn, member.id)
            block = self._block(member)
            message = None
            if pin_ok is False:
                message = messages.password_required(self.language) if pin is None else self._refusal(Reason.WRONG_PIN)
            elif block is not None:
                message = block[1] or self._refusal(block[0])
            return PatronRecord(
                card=card,
                name=member.name,
                pin_ok=pin_ok,
                block=block[0] if block else None,
                fines=tables.fines_due(conn, member.id),
                email=member.email,
                language=self.language,
                holds=tuple(tables.booked_items(conn, member.member_no, now)),
                overdue=tuple(code for code, due in loans if due < today),
                charged=tuple(code for code, _due in loans),
                message=message,
            )

    def item_information(self, item_id: str) -> ItemRecord | None:
        with self.db.connection() as conn:
            item = tables.item(conn, item_id, self._now())
            if item is None:
                return None
            loan = tables.open_loan(conn, item.id)
            return ItemRecord(
                item_id=item_id,
                title=item.title,
                author=item.author,
                charged_to=loan.member_no if loan else None,
                on_hold_for=item.booked_by,
                holds=1 if item.booked_by else 0,
                not_for_loan=item.rule_id != tables.RULE_LOANABLE,
                due=loan.due_date if loan else None,
                location=item.location,
            )

    # -- checkout ----------------------------------------------------------------------
    def checkout(self, request: CheckoutRequest) -> LoanResult:
        """actionViewKoleksi + actionSimpan for one item. A replayed offline loan gets today's rules
        and dates: INLISLite has no no-block."""
        card, code = request.card, request.item_id
        with self.db.connection() as conn:
            now = self._now()
            member = tables.member(conn, card)
            item = tables.item(conn, code, now)
            title = item.title if item else ""

            def refuse(reason: Reason, message: str | None = None) -> LoanResult:
                return LoanResult(
                    False, code, title, reason=reason, patron_known=member is not None,
                    message=message or self._refusal(reason),
                )  # fmt: skip

            if member is None:
                return refuse(Reason.UNKNOWN_PATRON)
            if self._password_ok(member, request.pin) is False:
                return refuse(
                    Reason.WRONG_PIN, messages.password_required(self.language) if request.pin is None else None
                )
            block = self._block(member)
            if block is not None:
                return refuse(*block)
            if item is None:
                return refuse(Reason.UNKNOWN_ITEM)
            locks = self._locks(("item", code), ("member", card))
            try:
                with named_locks(conn, locks, self.db.lock_timeout_s):
                    return self._lend(conn, member, tables.item(conn, code, now), refuse)
            except LockBusy:
                return refuse(Reason.OTHER, BUSY)

    def _lend(self, conn, member: tables.Member, item: tables.Item, refuse) -> LoanResult:
        loan = tables.open_loan(conn, item.id)
        if loan is not None:
            if loan.member_id == member.id:
                return refuse(Reason.ALREADY_ON_LOAN_TO_YOU)  # and nothing written: what sync verification relies on
            return refuse(Reason.CHECKED_OUT_TO_OTHER)
        if item.status_id != tables.STATUS_AVAILABLE or item.rule_id != tables.RULE_LOANABLE:
            return refuse(Reason.NOT_FOR_LOAN)
        if not tables.may_borrow_category(conn, member, item):
            return refuse(Reason.NOT_FOR_LOAN)
        if item.booked_by and item.booked_by.casefold() != member.member_no.casefold():
            return refuse(Reason.ON_HOLD_FOR_OTHER)
        today, now = self._today(), self._now()
        loans = tables.open_loans(conn, member.id)
        if tables.setting(conn, "PeminjamanLewatJatuhTempo") == "1" and any(due <= today for _c, due in loans):
            return refuse(Reason.PATRON_BLOCKED, self._refusal(Reason.PATRON_BLOCKED))
        if tables.rule_value(conn, "MaxPinjamKoleksi", today, item, member) - len(loans) <= 0:
            return refuse(Reason.LIMIT_REACHED)
        due = due_date(today, tables.rule_value(conn, "MaxLoanDays", today, item, member), tables.calendar(conn))
        self._step("checkout:checked")
        audit = (self.user_id, now, TERMINAL, self.user_id, now, TERMINAL)
        for _attempt in range(LOAN_ID_ATTEMPTS):
            loan_id = self._new_loan_id(conn, today)
            detail = {
                "loan_id": loan_id,
                "collection_id": item.id,
                "member_id": member.id,
                "now": now.isoformat(sep=" "),
            }
            intent = intents.begin(conn, "checkout", item.barcode, member.member_no, detail, now)
            self._step("checkout:numbered")
            try:
                write(
                    conn,
                    "INSERT INTO collectionloans (ID, CollectionCount, LateCount, ExtendCount, LoanCount, ReturnCount,"
                    " Member_id, LocationLibrary_id, CreateBy, CreateDate, CreateTerminal, UpdateBy, UpdateDate,"
                    " UpdateTerminal) VALUES (%s, 1, 0, 0, 1, 0, %s, %s, %s, %s, %s, %s, %s, %s)",
                    loan_id,
                    member.id,
                    self.location_library_id,
                    *audit,
                )
                break
            except pymysql.err.IntegrityError:  # another kiosk (or the desk) took that number a moment ago
                intents.finish(conn, intent)
        else:
            return refuse(Reason.OTHER, BUSY)
        self._step("checkout:after_loan")
        write(
            conn,
            "INSERT INTO collectionloanitems (CollectionLoan_id, LoanDate, DueDate, LoanStatus, Collection_id,"
            " member_id, CreateBy, CreateDate, CreateTerminal, UpdateBy, UpdateDate, UpdateTerminal)"
            " VALUES (%s, %s, %s, 'Loan', %s, %s, %s, %s, %s, %s, %s, %s)",
            loan_id,
            today,  # the desk writes dates ('Y-m-d') into these DATETIME columns
            due,
            item.id,
            member.id,
            *audit,
        )
        self._step("checkout:after_item")
        self._set_on_loan(conn, item.id, now)
        intents.finish(conn, intent)
        return LoanResult(True, item.barcode, item.title, due=datetime.combine(due, DUE_TIME))

    @staticmethod
    def _new_loan_id(conn, today: date) -> str:
        """generateNewID: yymmdd + the day's 5-digit counter. Two kiosks may compute the same one;
        the primary key refuses the second, which takes the next (no lock all checkouts queue on)."""
        prefix = today.strftime("%y%m%d")
        row = one(conn, "SELECT MAX(ID) FROM collectionloans WHERE ID LIKE %s AND LENGTH(ID) = 11", prefix + "%")
        counter = int(row[0][-5:]) + 1 if row and row[0] else 1
        return f"{prefix}{counter % 100000:05d}"

    def _set_on_loan(self, conn, collection_id: int, now: datetime) -> None:
        write(
            conn,
            "UPDATE collections SET Status_id = %s, JumlahEksemplar = 1, IsVerified = 0, BookingMemberID = NULL,"
            " BookingExpiredDate = NULL, UpdateBy = %s, UpdateDate = %s, UpdateTerminal = %s WHERE ID = %s",
            tables.STATUS_ON_LOAN,
            self.user_id,
            now,
            TERMINAL,
            collection_id,
        )
        write(conn, "UPDATE bookinglogs SET bookingExpired = NULL WHERE collectionId = %s", collection_id)

    def _recover_checkout(self, conn, intent: intents.Intent) -> str:
        d = intent.detail
        has_item = one(
            conn,
            "SELECT ID FROM collectionloanitems WHERE CollectionLoan_id = %s AND Collection_id = %s",
            d["loan_id"],
            d["collection_id"],
        )
        if has_item is not None:
            self._set_on_loan(conn, d["collection_id"], datetime.fromisoformat(d["now"]))
            return f"loan {d['loan_id']} had its item row: collection set on loan, finished"
        # Only this operation's header: the number may since be another kiosk's (see _new_loan_id).
        undone = write(
            conn,
            "DELETE FROM collectionloans WHERE ID = %s AND Member_id = %s AND CreateDate = %s AND CreateTerminal = %s",
            d["loan_id"],
            d["member_id"],
            d["now"],
            TERMINAL,
        )
        if undone:
            return f"loan {d['loan_id']} had no item row yet: removed it; the kiosk asks again"
        return "nothing had been written: dropped; the kiosk asks again"

    # -- checkin -----------------------------------------------------------------------
    def checkin(self, item_id: str, *, cancel: bool = False, when: datetime | None = None) -> ReturnResult:
        """actionSimpan (+ actionSimpanPelanggaran when late): a replayed return is dated when it came back."""
        with self.db.connection() as conn:
            item = tables.item(conn, item_id, self._now())
            if item is None:
                return ReturnResult(
                    False, item_id, reason=Reason.UNKNOWN_ITEM, known=False, destination=Destination.STAFF,
                    message=self._refusal(Reason.UNKNOWN_ITEM),
                )  # fmt: skip
            try:
                with named_locks(conn, self._locks(("item", item_id)), self.db.lock_timeout_s):
                    return self._return(conn, item, when)
            except LockBusy:
                return ReturnResult(
                    False, item_id, item.title, reason=Reason.OTHER, destination=Destination.STAFF, message=BUSY
                )

    def _return(self, conn, item: tables.Item, when: datetime | None) -> ReturnResult:
        now = self._now()
        loan = tables.open_loan(conn, item.id)
        notes, borrower = [], None
        if loan is not None:
            # A replayed return keeps its moment, never later than now nor before the loan began.
            when = self._local(when) if when is not None else None  # a SIP2 date may be in UTC ("Z")
            returned = max(min(when, now), datetime.combine(loan.loan_date, datetime.min.time())) if when else now
            borrower = loan.member_no
            calendar = tables.calendar(conn)
            late = late_days(returned.date(), loan.due_date, calendar)
            fine = suspend = 0
            if late > 0:
                member = tables.member(conn, loan.member_no)
                fine, suspend = penalty(tables.penalty_rule(conn, returned.date(), item, member), late)
            detail = {
                "item_loan_id": loan.item_loan_id,
                "loan_id": loan.loan_id,
                "member_id": loan.member_id,
                "collection_id": item.id,
                "returned": returned.date().isoformat(),  # ActualReturn: the desk writes the day
                "now": now.isoformat(sep=" "),
                "late": late,
                "fine": fine,
                "suspend": suspend,
            }
            with self._two_writes(conn, True, "checkin", item.barcode, loan.member_no, detail, now):
                if late > 0:
                    self._post_violation(conn, detail)
                    notes.append(messages.late_return(late, fine, self.currency, self.language))
                    if suspend:
                        notes.append(messages.late_suspension(suspend, self.language))
                    self._step("checkin:after_fine")
                self._close_loan(conn, detail)
                self._step("checkin:after_loan")
                self._set_available(conn, detail)
        if item.booked_by and item.booked_by != borrower:
            notes.append(messages.hold_shelf(self.language))
            return ReturnResult(
                True, item.barcode, item.title, borrower=borrower, destination=Destination.HOLD_SHELF,
                location=item.location, sort_bin=HOLD_BIN, hold_for=item.booked_by, message="; ".join(notes),
            )  # fmt: skip
        return ReturnResult(
            True, item.barcode, item.title, borrower=borrower, location=item.location,
            message="; ".join(notes) or None,
        )  # fmt: skip

    def _post_violation(self, conn, d: dict) -> None:
        write(
            conn,
            "INSERT INTO pelanggaran (CollectionLoan_id, CollectionLoanItem_id, JenisPelanggaran_id, JenisDenda_id,"
            " JumlahDenda, JumlahSuspend, Paid, Member_id, Collection_id, CreateBy, CreateDate, CreateTerminal,"
            " UpdateBy, UpdateDate, UpdateTerminal) VALUES (%s, %s, %s, %s, %s, %s, 0, %s, %s, %s, %s, %s, %s, %s, %s)",
            d["loan_id"],
            d["item_loan_id"],
            self.late_violation_type,
            self.late_fine_type,
            d["fine"],
            d["suspend"],
            d["member_id"],
            d["collection_id"],
            self.user_id,
            d["now"],
            TERMINAL,
            self.user_id,
            d["now"],
            TERMINAL,
        )

    def _close_loan(self, conn, d: dict) -> None:
        write(
            conn,
            "UPDATE collectionloanitems SET LoanStatus = 'Return', ActualReturn = %s, UpdateBy = %s, UpdateDate = %s,"
            " UpdateTerminal = %s WHERE ID = %s AND LoanStatus = 'Loan'",
            d["returned"],
            self.user_id,
            d["now"],
            TERMINAL,
            d["item_loan_id"],
        )

    def _set_available(self, conn, d: dict) -> None:
        write(
            conn,
            "UPDATE collections SET Status_id = %s, JumlahEksemplar = 1, IsVerified = 0, UpdateBy = %s,"
            " UpdateDate = %s, UpdateTerminal = %s WHERE ID = %s AND Status_id = %s",
            tables.STATUS_AVAILABLE,
            self.user_id,
            d["now"],
            TERMINAL,
            d["collection_id"],
            tables.STATUS_ON_LOAN,
        )

    def _recover_checkin(self, conn, intent: intents.Intent) -> str:
        d = intent.detail
        status = one(conn, "SELECT LoanStatus FROM collectionloanitems WHERE ID = %s", d["item_loan_id"])
        if status is not None and status[0] == "Return":
            self._set_available(conn, d)
            return f"loan item {d['item_loan_id']} had been returned: collection set available, finished"
        posted = one(conn, "SELECT ID FROM pelanggaran WHERE CollectionLoanItem_id = %s", d["item_loan_id"])
        if d["late"] > 0 and posted is not None:
            self._close_loan(conn, d)
            self._set_available(conn, d)
            return f"the violation had been posted but loan item {d['item_loan_id']} was open: closed it, finished"
        return "nothing had been written (loan still open): dropped; the kiosk asks again"

    # -- renewal -----------------------------------------------------------------------
    def renew(self, card: str, item_id: str, pin: str | None) -> LoanResult:
        with self.db.connection() as conn:
            item = tables.item(conn, item_id, self._now())
            member = tables.member(conn, card)
            title = item.title if item else ""

            def refuse(reason: Reason, message: str | None = None) -> LoanResult:
                return LoanResult(
                    False, item_id, title, reason=reason, patron_known=member is not None,
                    message=message or self._refusal(reason),
                )  # fmt: skip

            if item is None:
                return refuse(Reason.UNKNOWN_ITEM)
            if member is None:
                return refuse(Reason.UNKNOWN_PATRON)
            if self._password_ok(member, pin) is False:
                return refuse(Reason.WRONG_PIN, messages.password_required(self.language) if pin is None else None)
            try:
                with named_locks(conn, self._locks(("item", item_id), ("member", card)), self.db.lock_timeout_s):
                    return self._extend(conn, member, item, refuse)
            except LockBusy:
                return refuse(Reason.OTHER, BUSY)

    def _extend(self, conn, member: tables.Member, item: tables.Item, refuse) -> LoanResult:
        loan = tables.open_loan(conn, item.id)
        if loan is None or loan.member_id != member.id:
            return refuse(Reason.NOT_ON_LOAN)
        block = self._block(member)
        if block is not None:
            return refuse(*block)
        today, now = self._today(), self._now()
        extends = one(
            conn,
            "SELECT COUNT(*), COALESCE(SUM(DATE(DateExtend) = %s), 0) FROM collectionloanextends"
            " WHERE CollectionLoanItem_id = %s",
            today,
            loan.item_loan_id,
        )
        if extends[1]:
            return refuse(Reason.RENEWAL_LIMIT, messages.renewed_today(self.language))
        calendar = tables.calendar(conn)
        if late_days(today, loan.due_date, calendar) > 0:
            return refuse(Reason.RENEWAL_LIMIT, messages.overdue_not_renewable(self.language))
        if extends[0] >= tables.rule_value(conn, "CountPerpanjang", today, item, member):
            return refuse(Reason.RENEWAL_LIMIT)
        if item.booked_by and item.booked_by.casefold() != member.member_no.casefold():
            return refuse(Reason.ON_HOLD_FOR_OTHER)
        days = tables.rule_value(conn, "DayPerpanjang", today, item, member)
        if days <= 0:  # the desk would set today as the new due date: no renewal at all
            return refuse(Reason.RENEWAL_LIMIT)
        due = due_date(today, days, calendar)
        detail = {
            "item_loan_id": loan.item_loan_id,
            "loan_id": loan.loan_id,
            "collection_id": item.id,
            "member_id": member.id,
            "extended": today.isoformat(),
            "due": due.isoformat(),
            "now": now.isoformat(sep=" "),
        }
        with self._two_writes(conn, True, "renew", item.barcode, member.member_no, detail, now):
            write(
                conn,
                "INSERT INTO collectionloanextends (CollectionLoan_id, CollectionLoanItem_id, Collection_id, Member_id,"
                " DateExtend, DueDateExtend, CreateBy, CreateDate, CreateTerminal, UpdateBy, UpdateDate,"
                " UpdateTerminal) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                loan.loan_id,
                loan.item_loan_id,
                item.id,
                member.id,
                today,
                due,
                self.user_id,
                now,
                TERMINAL,
                self.user_id,
                now,
                TERMINAL,
            )
            self._step("renew:after_extend")
            self._set_due(conn, detail)
        return LoanResult(True, item.barcode, item.title, due=datetime.combine(due, DUE_TIME), renewal=True)

    def _set_due(self, conn, d: dict) -> None:
        write(
            conn,
            "UPDATE collectionloanitems SET DueDate = %s, UpdateBy = %s, UpdateDate = %s, UpdateTerminal = %s"
            " WHERE ID = %s AND LoanStatus = 'Loan'",
            d["due"],
            self.user_id,
            d["now"],
            TERMINAL,
            d["item_loan_id"],
        )

    def _recover_renew(self, conn, intent: intents.Intent) -> str:
        d = intent.detail
        extended = one(
            conn,
            "SELECT id FROM collectionloanextends WHERE CollectionLoanItem_id = %s AND DateExtend = %s",
            d["item_loan_id"],
            d["extended"],
        )
        if extended is None:
            return "nothing had been written: dropped; the kiosk asks again"
        self._set_due(conn, d)
        return f"the extension had been written: due date of loan item {d['item_loan_id']} set, finished"

    def renew_all(self, card: str, pin: str | None) -> RenewAllResult:
        with self.db.connection() as conn:
            member = tables.member(conn, card)
            if member is None:
                return RenewAllResult(False)
            codes = [code for code, _due in tables.open_loans(conn, member.id)]
        renewed, unrenewed = [], []
        for code in codes:
            (renewed if self.renew(card, code, pin).ok else unrenewed).append(code)
        return RenewAllResult(True, tuple(renewed), tuple(unrenewed))

    # -- holds -------------------------------------------------------------------------
    def hold(self, card: str, item_id: str | None, mode: str, pickup: str | None) -> HoldResult:
        """INLISLite's bookings are made in its OPAC (collections.BookingMemberID); the bridge honours
        them at checkout and checkin but does not place them."""
        return HoldResult(False, item_id, message=messages.holds_in_opac(self.language))
