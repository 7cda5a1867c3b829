"""SLiMS 9 (Senayan) behind the SIP2 server: the bridge's `slims` backend.

Each action does what SLiMS's own circulation screen does and writes the
same rows (admin/modules/circulation/circulation_base_lib.inc.php, class
`circulation`; loan_list.php for renewals), so staff screens, reports and
member history see a kiosk loan as an ordinary loan:

* loan rules come from `mst_loan_rules` by member type + collection type +
  GMD, falling back as `setLoanRules` does, else from `mst_member_type`;
* a loan is refused, in SLiMS's order, for an expired or pending member, an
  unknown item, an item on loan (`is_lent=1 AND is_return=0`), an item status
  with `no_loan`, a reservation whose first member is someone else, and a
  reached loan limit (counted per loan rule when one applies);
* the due date is today + the period, moved past closed days and holidays
  (`holiday`), never after `member.expire_date`; the `loan` row carries the
  item code as given, `loan_rules_id` and `uid` (the ILS user named in
  [backend] loan_user); the member's own `reserve` row is then removed;
* a return sets `is_return=1, return_date` and, late beyond the grace period,
  first posts a `fines` row (debet, "Denda terlambat untuk eksemplar …");
* a renewal is refused for an expired member, a loan already renewed today
  (SLiMS's `return_date == today`), at `reborrow_limit`, and when another
  member reserved the item; otherwise the fine is posted and the loan gets a
  new due date, `renewed+1`, `return_date` today, as SLiMS leaves it.

Dates come from the bridge's clock in the library's time zone, as SLiMS's come
from PHP's `date()`. Named locks serialise kiosks per item and per member
(MyISAM has no row locks), and `kiosk.bridge.intents` finishes at the next
start what a crash cut between two writes.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from kiosk.bridge import intents
from kiosk.bridge.db import Database, LockBusy, named_locks
from kiosk.errors import KnownError
from kiosk.models import Destination, Reason

from . import messages, passwords
from . import slims_tables as tables
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
from .slims_rules import Terms, due_date, overdue
from .sql_backend import BUSY, SqlBackend

log = logging.getLogger(__name__)

# 98 BX, in fields.SUPPORTED_MESSAGE_ORDER: no fee paid (37) — fines are paid at the desk — holds (15) yes.
SUPPORTED = "YYYNYYYYYNYNNYYY"
FINE_DESCRIPTION = {
    "id": "Denda terlambat untuk eksemplar {item_code}",  # SLiMS's own id_ID translation
    "en": "Overdue fines for item {item_code}",
}
HOLD_BIN = "HOLD"


def _same(a: str, b: str) -> bool:
    """Member ids and item codes compare as SLiMS's utf8_unicode_ci columns do (case aside)."""
    return a.casefold() == b.casefold()


class SlimsLibrary(SqlBackend):
    """`SlimsLibrary(Database(...), loan_user="kiosk").open()`; thread-safe (one pooled connection per call)."""

    def __init__(
        self,
        db: Database,
        *,
        loan_user: str,
        ignore_holidays_fine_calc: bool = False,
        **common,
    ) -> None:
        super().__init__(db, supported=SUPPORTED, **common)
        self.loan_user = loan_user
        self.ignore_holidays_fine_calc = ignore_holidays_fine_calc
        self.uid: int | None = None
        self._holidays = tables.Holidays()

    # -- start-up ----------------------------------------------------------------------
    def open(self) -> SlimsLibrary:
        """Check the database, find the loan user, and finish what a crash cut short."""
        with self.db.connection() as conn:
            intents.ensure_table(conn)
            with conn.cursor() as cursor:
                cursor.execute("SELECT user_id FROM user WHERE username = %s", (self.loan_user,))
                row = cursor.fetchone()
            if row is None:
                raise KnownError(
                    f"SLiMS has no user {self.loan_user!r} to record kiosk loans under ([backend] loan_user)",
                    hint="create that user in SLiMS (System > System Users), or set loan_user to an existing one",
                )
            self.uid = int(row[0])
            self.recover(conn)
        return self

    def recoveries(self):
        return {"checkout": self._recover_checkout, "checkin": self._recover_checkin, "renew": self._recover_renew}

    # -- reading -----------------------------------------------------------------------
    def _password_ok(self, conn, member: tables.Member, pin: str | None) -> bool | None:
        """None when no password was given and none is required; an accepted MD5 is upgraded to bcrypt."""
        if pin is None:
            return False if self.require_patron_password else None
        ok = passwords.verify(pin, member.mpasswd)
        if ok and passwords.needs_upgrade(member.mpasswd):
            tables.write(
                conn,
                "UPDATE member SET mpasswd = %s, last_update = %s WHERE member_id = %s",
                passwords.bcrypt_hash(pin),
                self._today(),
                member.member_id,
            )
            log.info("member %s: legacy MD5 password replaced with bcrypt, as SLiMS does at login", member.member_id)
        return ok

    def _block(self, member: tables.Member) -> Reason | None:
        if self._today() > member.expire_date:
            return Reason.PATRON_EXPIRED
        if member.pending:
            return Reason.PATRON_BLOCKED
        return None

    # -- IlsBackend: reads -------------------------------------------------------------
    def patron_information(self, card: str, pin: str | None) -> PatronRecord | None:
        with self.db.connection() as conn:
            member = tables.member(conn, card)
            if member is None:
                return None
            pin_ok = self._password_ok(conn, member, pin)
            today = self._today()
            loans = tables.all_rows(
                conn,
                "SELECT item_code, due_date FROM loan WHERE member_id = %s AND is_lent = 1 AND is_return = 0"
                " ORDER BY loan_id",
                member.member_id,
            )
            holds = tables.all_rows(
                conn, "SELECT item_code FROM reserve WHERE member_id = %s ORDER BY reserve_date", member.member_id
            )
            block = self._block(member)
            message = None
            if pin_ok is False:
                message = messages.password_required(self.language) if pin is None else self._refusal(Reason.WRONG_PIN)
            elif block is not None:
                message = self._refusal(block)
            return PatronRecord(
                card=card,
                name=member.name,
                pin_ok=pin_ok,
                block=block,
                fines=tables.fines_due(conn, member.member_id),
                email=member.email,
                language=self.language,
                holds=tuple(code for (code,) in holds),
                overdue=tuple(code for code, due in loans if due < today),
                charged=tuple(code for code, _due in loans),
                message=message,
            )

    def item_information(self, item_id: str) -> ItemRecord | None:
        with self.db.connection() as conn:
            item = tables.item(conn, item_id)
            if item is None:
                return None
            loan = tables.open_loan(conn, item_id)
            reservers = tables.all_rows(
                conn, "SELECT member_id FROM reserve WHERE item_code = %s ORDER BY reserve_date, reserve_id", item_id
            )
            return ItemRecord(
                item_id=item_id,
                title=item.title,
                author=item.author,
                charged_to=loan.member_id if loan else None,
                on_hold_for=reservers[0][0] if reservers else None,
                holds=len(reservers),
                not_for_loan=item.no_loan,
                due=loan.due_date if loan else None,
                location=item.location_name or item.location_id,
            )

    # -- checkout ----------------------------------------------------------------------
    def checkout(self, request: CheckoutRequest) -> LoanResult:
        """addLoanSession + finishLoanSession for one item. An offline loan replayed with
        no block gets the normal rules and today's dates: SLiMS has no no-block."""
        card, code = request.card, request.item_id
        with self.db.connection() as conn:
            member = tables.member(conn, card)
            item = tables.item(conn, code)
            title = item.title if item else ""

            def refuse(reason: Reason, message: str | None = None) -> LoanResult:
                return LoanResult(
                    False, code, title, reason=reason, patron_known=member is not None,
                    message=message or self._refusal(reason),
                )  # fmt: skip

            if member is None:
                return refuse(Reason.UNKNOWN_PATRON)
            pin_ok = self._password_ok(conn, member, request.pin)
            if pin_ok is False:
                return refuse(
                    Reason.WRONG_PIN, messages.password_required(self.language) if request.pin is None else None
                )
            block = self._block(member)
            if block is not None:
                return refuse(block)
            if item is None:
                return refuse(Reason.UNKNOWN_ITEM)
            try:
                with named_locks(conn, self._locks(("item", code), ("member", card)), self.db.lock_timeout_s):
                    return self._lend(conn, member, item, code, refuse)
            except LockBusy:
                return refuse(Reason.OTHER, BUSY)

    def _lend(self, conn, member: tables.Member, item: tables.Item, code: str, refuse) -> LoanResult:
        loan = tables.open_loan(conn, code)
        if loan is not None:
            if _same(loan.member_id, member.member_id):
                return refuse(Reason.ALREADY_ON_LOAN_TO_YOU)  # and nothing written: what sync verification relies on
            return refuse(Reason.CHECKED_OUT_TO_OTHER)
        if item.no_loan:
            return refuse(Reason.NOT_FOR_LOAN)
        reservers = tables.reservers(conn, code)
        if reservers and not _same(reservers[0], member.member_id):  # SLiMS: the first reserver may borrow
            return refuse(Reason.ON_HOLD_FOR_OTHER)
        terms = tables.terms(conn, member, item)
        today, now = self._today(), self._now()
        due = due_date(today, terms.loan_periode, self._holidays.get(conn), member.expire_date)
        count_sql = "SELECT COUNT(*) FROM loan WHERE member_id = %s AND is_lent = 1 AND is_return = 0"
        count_args: tuple = (member.member_id,)
        if terms.loan_rules_id:
            count_sql += " AND loan_rules_id = %s"
            count_args += (terms.loan_rules_id,)
        if terms.loan_limit <= tables.one(conn, count_sql, *count_args)[0]:
            return refuse(Reason.LIMIT_REACHED)
        self._step("checkout:checked")
        detail = {"loan_date": today.isoformat(), "due_date": due.isoformat(), "input_date": now.isoformat(sep=" ")}
        own_reservation = any(_same(m, member.member_id) for m in reservers)
        with self._two_writes(conn, own_reservation, "checkout", code, member.member_id, detail, now):
            tables.write(
                conn,
                "INSERT INTO loan (item_code, member_id, loan_date, due_date, renewed, loan_rules_id, is_lent,"
                " is_return, input_date, last_update, uid) VALUES (%s, %s, %s, %s, 0, %s, 1, 0, %s, %s, %s)",
                code,
                member.member_id,
                today,
                due,
                terms.loan_rules_id,
                now,
                now,
                self.uid,
            )
            if own_reservation:
                self._step("checkout:after_loan")
                tables.write(
                    conn, "DELETE FROM reserve WHERE member_id = %s AND item_code = %s", member.member_id, code
                )
        return LoanResult(True, code, item.title, due=datetime.combine(due, DUE_TIME))

    def _recover_checkout(self, conn, intent: intents.Intent) -> str:
        row = tables.one(
            conn,
            "SELECT loan_id FROM loan WHERE item_code = %s AND member_id = %s AND input_date = %s AND is_lent = 1",
            intent.item_code,
            intent.member_id,
            intent.detail["input_date"],
        )
        if row is None:
            return "no loan row had been written: nothing to undo"
        tables.write(
            conn, "DELETE FROM reserve WHERE member_id = %s AND item_code = %s", intent.member_id, intent.item_code
        )
        return f"loan {row[0]} had been written: finished (the member's reservation removed)"

    # -- checkin -----------------------------------------------------------------------
    def checkin(self, item_id: str, *, cancel: bool = False, when: datetime | None = None) -> ReturnResult:
        """returnItem: a replayed return (`when` before today) is dated when the item came back."""
        with self.db.connection() as conn:
            item = tables.item(conn, item_id)
            if item is None:
                return ReturnResult(
                    False, item_id, reason=Reason.UNKNOWN_ITEM, known=False, destination=Destination.STAFF,
                    message=self._refusal(Reason.UNKNOWN_ITEM),
                )  # fmt: skip
            try:
                with named_locks(conn, self._locks(("item", item_id)), self.db.lock_timeout_s):
                    return self._return(conn, item, item_id, when)
            except LockBusy:
                return ReturnResult(
                    False, item_id, item.title, reason=Reason.OTHER, destination=Destination.STAFF,
                    message=BUSY,
                )  # fmt: skip

    def _fine_detail(
        self, conn, loan: tables.Loan, fine: tuple[int, int] | None, returned: date, now: datetime
    ) -> dict:
        """What a return (or renewal) will write, for its intent row; `fines_before` finds the fine again."""
        detail = {
            "loan_id": loan.loan_id,
            "item_code": loan.item_code,
            "return_date": returned.isoformat(),
            "last_update": now.isoformat(sep=" "),
            "fine": fine[1] if fine else 0,
        }
        if fine:
            detail["fines_before"] = tables.one(conn, "SELECT COALESCE(MAX(fines_id), 0) FROM fines")[0]
        return detail

    def _fine_for(self, conn, loan: tables.Loan, returned: date) -> tuple[int, int] | None:
        """(days, amount) of the fine a return on `returned` posts, or None."""
        if returned <= loan.due_date:
            return None
        member = tables.member(conn, loan.member_id)
        rule = tables.rule_by_id(conn, loan.loan_rules_id)
        mt = member.terms if member else Terms(0, 0, 0, 0, 0, 0)
        late = overdue(
            loan.due_date,
            returned,
            member_grace=mt.grace_periode,
            fine_each_day=rule.fine_each_day if rule else mt.fine_each_day,
            rule_grace=rule.grace_periode if rule else 0,
            calendar=self._holidays.get(conn),
            ignore_holidays=self.ignore_holidays_fine_calc,
        )
        return (late.days, late.fine) if late and late.posts_fine else None

    def _post_fine(self, conn, member_id: str, day: date, amount: int, item_code: str) -> None:
        description = FINE_DESCRIPTION.get(self.language, FINE_DESCRIPTION["en"]).format(item_code=item_code)
        tables.write(
            conn,
            "INSERT INTO fines (fines_date, member_id, debet, credit, description) VALUES (%s, %s, %s, 0, %s)",
            day,
            member_id,
            amount,
            description,
        )

    def _fine_posted(self, conn, intent: intents.Intent) -> bool:
        fine = intent.detail.get("fine")
        if not fine:
            return True
        description = FINE_DESCRIPTION.get(self.language, FINE_DESCRIPTION["en"]).format(
            item_code=intent.detail["item_code"]
        )
        return (
            tables.one(
                conn,
                "SELECT 1 FROM fines WHERE fines_id > %s AND member_id = %s AND fines_date = %s AND debet = %s"
                " AND description = %s",
                intent.detail["fines_before"],
                intent.member_id,
                intent.detail["return_date"],
                fine,
                description,
            )
            is not None
        )

    def _return(self, conn, item: tables.Item, item_id: str, when: datetime | None) -> ReturnResult:
        today, now = self._today(), self._now()
        loan = tables.open_loan(conn, item_id)
        message, borrower = None, None
        if loan is not None:
            # A replayed return keeps its day, never later than today nor before the loan began.
            returned = max(min(self._local(when).date(), today), loan.loan_date) if when is not None else today
            borrower = loan.member_id
            fine = self._fine_for(conn, loan, returned)
            detail = self._fine_detail(conn, loan, fine, returned, now)
            with self._two_writes(conn, fine is not None, "checkin", item_id, loan.member_id, detail, now):
                if fine:
                    self._post_fine(conn, loan.member_id, returned, fine[1], loan.item_code)
                    message = messages.late_return(fine[0], fine[1], self.currency, self.language)
                    self._step("checkin:after_fine")
                self._close_loan(conn, loan.loan_id, loan.member_id, returned, now)
        location = item.location_name or item.location_id
        reservers = tables.reservers(conn, item_id)
        first = next((m for m in reservers if borrower is None or not _same(m, borrower)), None)
        if first is not None:
            hold = messages.hold_shelf(self.language)
            return ReturnResult(
                True, item_id, item.title, borrower=borrower, destination=Destination.HOLD_SHELF, location=location,
                sort_bin=HOLD_BIN, hold_for=first, message=f"{message}; {hold}" if message else hold,
            )  # fmt: skip
        return ReturnResult(
            True, item_id, item.title, borrower=borrower, location=location, sort_bin=item.location_id or None,
            message=message,
        )  # fmt: skip

    def _close_loan(self, conn, loan_id: int, member_id: str, returned: date, now: datetime) -> None:
        tables.write(
            conn,
            "UPDATE loan SET is_return = 1, return_date = %s, last_update = %s WHERE loan_id = %s AND member_id = %s"
            " AND is_lent = 1 AND is_return = 0",
            returned,
            now,
            loan_id,
            member_id,
        )

    def _recover_checkin(self, conn, intent: intents.Intent) -> str:
        detail = intent.detail
        row = tables.one(conn, "SELECT is_return FROM loan WHERE loan_id = %s", detail["loan_id"])
        if row is None or row[0]:
            return "the loan had been closed: nothing left to do"
        if not self._fine_posted(conn, intent):
            return "nothing had been written (no fine, loan still open): dropped; the kiosk asks again"
        returned = date.fromisoformat(detail["return_date"])
        self._close_loan(
            conn, detail["loan_id"], intent.member_id, returned, datetime.fromisoformat(detail["last_update"])
        )
        return f"the fine had been posted but loan {detail['loan_id']} was still open: closed it, finished"

    # -- renewal -----------------------------------------------------------------------
    def renew(self, card: str, item_id: str, pin: str | None) -> LoanResult:
        with self.db.connection() as conn:
            item = tables.item(conn, item_id)
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
            if self._password_ok(conn, member, pin) is False:
                return refuse(Reason.WRONG_PIN, messages.password_required(self.language) if pin is None else None)
            try:
                with named_locks(conn, self._locks(("item", item_id), ("member", card)), self.db.lock_timeout_s):
                    return self._extend(conn, member, item, item_id, refuse)
            except LockBusy:
                return refuse(Reason.OTHER, BUSY)

    def _extend(self, conn, member: tables.Member, item: tables.Item, item_id: str, refuse) -> LoanResult:
        loan = tables.open_loan(conn, item_id)
        if loan is None or not _same(loan.member_id, member.member_id):
            return refuse(Reason.NOT_ON_LOAN)
        block = self._block(member)
        if block is not None:
            return refuse(block)
        today, now = self._today(), self._now()
        if loan.return_date == today:  # loan_list.php: renewed today already
            return refuse(Reason.RENEWAL_LIMIT, messages.renewed_today(self.language))
        reborrow_limit = tables.reborrow_limit(conn, member, item)
        if loan.renewed >= reborrow_limit:
            return refuse(Reason.RENEWAL_LIMIT)
        if any(not _same(m, member.member_id) for m in tables.reservers(conn, item_id)):
            return refuse(Reason.ON_HOLD_FOR_OTHER)
        rule = tables.rule_by_id(conn, loan.loan_rules_id)
        period = rule.loan_periode if rule else member.terms.loan_periode
        due = due_date(today, period, self._holidays.get(conn), member.expire_date)
        fine = self._fine_for(conn, loan, today)
        detail = {
            **self._fine_detail(conn, loan, fine, today, now),
            "due_date": due.isoformat(),
            "renewed": loan.renewed,
        }
        message = None
        with self._two_writes(conn, fine is not None, "renew", item_id, member.member_id, detail, now):
            if fine:
                self._post_fine(conn, member.member_id, today, fine[1], loan.item_code)
                message = messages.late_return(fine[0], fine[1], self.currency, self.language)
                self._step("renew:after_fine")
            self._renew_loan(conn, detail, member.member_id)
        return LoanResult(True, item_id, item.title, due=datetime.combine(due, DUE_TIME), renewal=True, message=message)

    def _renew_loan(self, conn, detail: dict, member_id: str) -> None:
        # SLiMS's returnItem + extendItemLoan in one statement; the row ends as theirs does.
        tables.write(
            conn,
            "UPDATE loan SET renewed = renewed + 1, due_date = %s, is_return = 0, return_date = %s, last_update = %s"
            " WHERE loan_id = %s AND member_id = %s AND renewed = %s",
            detail["due_date"],
            detail["return_date"],
            detail["last_update"],
            detail["loan_id"],
            member_id,
            detail["renewed"],
        )

    def _recover_renew(self, conn, intent: intents.Intent) -> str:
        detail = intent.detail
        row = tables.one(conn, "SELECT renewed FROM loan WHERE loan_id = %s", detail["loan_id"])
        if row is None or row[0] > detail["renewed"]:
            return "the loan had been renewed: nothing left to do"
        if not detail.get("fine"):
            return "nothing had been written: dropped; the kiosk asks again"
        if not self._fine_posted(conn, intent):
            return "nothing had been written (no fine, loan not renewed): dropped; the kiosk asks again"
        self._renew_loan(conn, detail, intent.member_id)
        return f"the fine had been posted but loan {detail['loan_id']} was not renewed: renewed it, finished"

    def renew_all(self, card: str, pin: str | None) -> RenewAllResult:
        with self.db.connection() as conn:
            member = tables.member(conn, card)
            if member is None:
                return RenewAllResult(False)
            codes = [
                code
                for (code,) in tables.all_rows(
                    conn,
                    "SELECT item_code FROM loan WHERE member_id = %s AND is_lent = 1 AND is_return = 0"
                    " ORDER BY loan_id",
                    member.member_id,
                )
            ]
        renewed, unrenewed = [], []
        for code in codes:
            (renewed if self.renew(card, code, pin).ok else unrenewed).append(code)
        return RenewAllResult(True, tuple(renewed), tuple(unrenewed))

    # -- the rest ----------------------------------------------------------------------
    def hold(self, card: str, item_id: str | None, mode: str, pickup: str | None) -> HoldResult:
        """A `reserve` row as SLiMS's OPAC makes it, within the member type's enable_reserve / reserve_limit."""
        with self.db.connection() as conn:
            member = tables.member(conn, card)
            item = tables.item(conn, item_id) if item_id else None
            if member is None or item is None:
                return HoldResult(False, item_id)
            with named_locks(conn, self._locks(("member", card)), self.db.lock_timeout_s):
                mine = tables.one(
                    conn, "SELECT reserve_id FROM reserve WHERE member_id = %s AND item_code = %s", card, item_id
                )
                if mode == "-":
                    if mine:
                        tables.write(conn, "DELETE FROM reserve WHERE reserve_id = %s", mine[0])
                    return HoldResult(bool(mine), item_id, item.title)
                if mine is None:
                    if self._block(member) is not None or not member.enable_reserve:
                        return HoldResult(False, item_id, item.title, message=self._refusal(Reason.PATRON_BLOCKED))
                    count = tables.one(conn, "SELECT COUNT(*) FROM reserve WHERE member_id = %s", card)[0]
                    if count >= member.reserve_limit:
                        return HoldResult(False, item_id, item.title, message=self._refusal(Reason.LIMIT_REACHED))
                    tables.write(
                        conn,
                        "INSERT INTO reserve (member_id, biblio_id, item_code, reserve_date) VALUES (%s, %s, %s, %s)",
                        member.member_id,
                        item.biblio_id,
                        item_id,
                        self._now(),
                    )
                queue = [
                    m
                    for (m,) in tables.all_rows(
                        conn,
                        "SELECT member_id FROM reserve WHERE item_code = %s ORDER BY reserve_date, reserve_id",
                        item_id,
                    )
                ]
                on_loan = tables.open_loan(conn, item_id) is not None
                position = next((n for n, m in enumerate(queue, 1) if m.upper() == card.upper()), None)
                return HoldResult(True, item_id, item.title, available=not on_loan and position == 1, position=position)
