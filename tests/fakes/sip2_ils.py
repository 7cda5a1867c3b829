"""In-memory circulation rules behind the fake SIP2 ACS.

Deliberately small but modelled on what Koha's C4/SIP does, because the
kiosk will mostly meet Koha: a checkout of an item already charged to
the same patron is a *renewal* (C4/SIP/ILS.pm `checkout`, renew_ok), an
unknown item on checkin is alert type 99, a hold found on checkin is
alert type 01 with the hold patron in CY, item information (18) carries
no patron field (neither the spec nor Koha puts AA in an 18: ask 63 with
the "charged" summary to learn who has an item).

Every applied state change is appended to `transactions`, so a test can
assert "exactly one loan" after any network fault.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from collections.abc import Callable

from kiosk.sip2.codec import Message, format_date, make, parse_date
from kiosk.sip2.fields import SUMMARY_TAGS

# Item status -> 18 circulation status.
STATUS_CODES = {
    "other": "01",
    "not_for_loan": "01",
    "on_order": "02",
    "available": "03",
    "charged": "04",
    "charged_not_to_be_recalled": "05",
    "in_process": "06",
    "recalled": "07",
    "on_hold": "08",
    "reshelving": "09",
    "in_transit": "10",
    "claimed_returned": "11",
    "lost": "12",
    "missing": "13",
}


@dataclass
class FakeFine:
    id: str
    amount: Decimal
    description: str = "Overdue fine"


@dataclass
class FakePatron:
    id: str
    name: str = "Test Patron"
    pin: str | None = None
    blocked: bool = False
    fines: list[FakeFine] = field(default_factory=list)
    email: str = ""

    @property
    def fee_amount(self) -> Decimal:
        return sum((f.amount for f in self.fines), Decimal("0"))


@dataclass
class FakeItem:
    id: str
    title: str = "Untitled"
    status: str = "available"
    patron: str | None = None  # charged to / on hold for
    due: datetime | None = None
    holds: list[str] = field(default_factory=list)  # patrons waiting
    media_type: str = "001"
    location: str = "MAIN"
    fee: Decimal = Decimal("0")  # rental fee: checkout needs BO=Y
    renewals: int = 0
    max_renewals: int = 3
    destination: str | None = None  # checkin sends it in transit (CV 04)
    sort_bin: str | None = None


@dataclass(frozen=True)
class Transaction:
    kind: str  # checkout, renew, checkin, hold, cancel_hold, fee_paid
    patron: str | None
    item: str | None
    detail: str = ""


class FakeIls:
    """Patrons, items and the rules that answer SIP2 requests.

    no_block_profile: "koha" honours no block = Y only with a non-blank
    nb due date (then blocks are skipped and that due date is used);
    "standard" ignores the flag and applies the normal rules.
    checkin_not_charged_ok: Koha's `checked_in_ok` account option.
    """

    def __init__(
        self,
        institution_id: str = "MAIN",
        *,
        currency: str = "EUR",
        loan_days: int = 14,
        fine_limit: Decimal = Decimal("5.00"),
        no_block_profile: str = "koha",
        checkin_not_charged_ok: bool = False,
        clock: Callable[[], datetime] = lambda: datetime(2024, 5, 6, 10, 30, 0),
    ) -> None:
        if no_block_profile not in ("koha", "standard"):
            raise ValueError(no_block_profile)
        self.institution_id = institution_id
        self.currency = currency
        self.loan_days = loan_days
        self.fine_limit = fine_limit
        self.no_block_profile = no_block_profile
        self.checkin_not_charged_ok = checkin_not_charged_ok
        self.clock = clock
        self.patrons: dict[str, FakePatron] = {}
        self.items: dict[str, FakeItem] = {}
        self.transactions: list[Transaction] = []
        self.lock = threading.RLock()
        self._handlers = {
            "23": self._patron_status,
            "63": self._patron_information,
            "11": self._checkout,
            "09": self._checkin,
            "17": self._item_information,
            "29": self._renew,
            "65": self._renew_all,
            "35": self._end_session,
            "37": self._fee_paid,
            "15": self._hold,
        }

    # ------------------------------------------------------------ setup

    def add_patron(self, patron_id: str, **kwargs) -> FakePatron:
        patron = self.patrons[patron_id] = FakePatron(patron_id, **kwargs)
        return patron

    def add_item(self, item_id: str, **kwargs) -> FakeItem:
        item = self.items[item_id] = FakeItem(item_id, **kwargs)
        return item

    def loans(self) -> dict[str, str]:
        """item id -> patron id for every charged item."""
        with self.lock:
            return {i.id: i.patron for i in self.items.values() if i.status == "charged"}

    def handles(self, code: str) -> bool:
        return code in self._handlers

    def handle(self, request: Message) -> Message:
        with self.lock:
            return self._handlers[request.code](request)

    # ---------------------------------------------------------- helpers

    def _now(self) -> str:
        return format_date(self.clock())

    def _record(self, kind: str, patron: str | None, item: str | None, detail: str = "") -> None:
        self.transactions.append(Transaction(kind, patron, item, detail))

    def _pin_ok(self, patron: FakePatron, request: Message) -> bool | None:
        """None when no PIN was sent (not checked, like Koha)."""
        pin = request.get("AD")
        if pin is None:
            return None
        return patron.pin is None or pin == patron.pin

    def _over_limit(self, patron: FakePatron) -> bool:
        return patron.fee_amount > self.fine_limit

    def _status_string(self, patron: FakePatron | None) -> str:
        flags = [" "] * 14
        if patron is None or patron.blocked:
            flags[0:4] = ["Y"] * 4
        if patron is not None and self._over_limit(patron):
            flags[0] = flags[10] = "Y"
        return "".join(flags)

    def _due(self, base: datetime | None = None) -> datetime:
        return max(base or self.clock(), self.clock()) + timedelta(days=self.loan_days)

    # ------------------------------------------------------ patron info

    def _patron_lists(self, patron: FakePatron) -> dict[str, list[str]]:
        now = self.clock()
        mine = [i for i in self.items.values() if i.patron == patron.id]
        charged = [i for i in mine if i.status == "charged"]
        waiting = [i.id for i in mine if i.status == "on_hold"]
        queued = [i.id for i in self.items.values() if patron.id in i.holds]
        return {
            "AS": waiting,
            "AT": [i.id for i in charged if i.due is not None and i.due < now],
            "AU": [i.id for i in charged],
            "AV": [f"{f.id} {f.amount} {f.description}" for f in patron.fines],
            "BU": [],
            "CD": queued,
        }

    def _patron_information(self, req: Message) -> Message:
        patron = self.patrons.get(req.get("AA", ""))
        fixed = {"language": req.fixed["language"], "transaction_date": self._now()}
        if patron is None:
            return make("64", dict(fixed, patron_status=self._status_string(None)),
                        AO=self.institution_id, AA=req.get("AA", ""), AE="", BL="N",
                        AF="Invalid patron")
        lists = self._patron_lists(patron)
        counts = dict(zip(
            ("hold_items_count", "overdue_items_count", "charged_items_count",
             "fine_items_count", "recall_items_count", "unavailable_holds_count"),
            (f"{len(lists[t]):04d}" for t in SUMMARY_TAGS),
            strict=True,
        ))
        summary = req.fixed["summary"]
        wanted = SUMMARY_TAGS[summary.index("Y")] if "Y" in summary[:6] else None
        start = int(req.get("BP") or 1)
        end = int(req.get("BQ") or 9999)
        pin_ok = self._pin_ok(patron, req)
        tags: dict[str, object] = dict(
            AO=self.institution_id, AA=patron.id, AE=patron.name, BL="Y",
            CQ=None if pin_ok is None else "Y" if pin_ok else "N",
            BH=self.currency, BV=str(patron.fee_amount) if patron.fines else None,
            CC=str(self.fine_limit), BE=patron.email or None,
            AF="Invalid PIN" if pin_ok is False else None,
        )
        if wanted is not None:
            tags[wanted] = lists[wanted][start - 1 : end]
        return make("64", dict(fixed, patron_status=self._status_string(patron), **counts), **tags)

    def _patron_status(self, req: Message) -> Message:
        patron = self.patrons.get(req.get("AA", ""))
        fixed = {"language": req.fixed["language"], "transaction_date": self._now(),
                 "patron_status": self._status_string(patron)}
        if patron is None:
            return make("24", fixed, AO=self.institution_id, AA=req.get("AA", ""), AE="",
                        BL="N", AF="Invalid patron")
        pin_ok = self._pin_ok(patron, req)
        return make("24", fixed, AO=self.institution_id, AA=patron.id, AE=patron.name, BL="Y",
                    CQ=None if pin_ok is None else "Y" if pin_ok else "N",
                    BH=self.currency, BV=str(patron.fee_amount) if patron.fines else None)

    # ------------------------------------------------------- circulation

    def _circ_reply(self, code: str, req: Message, ok: bool, item: FakeItem | None,
                    renewal: bool = False, message: str | None = None, **extra) -> Message:
        fixed = {"ok": "1" if ok else "0", "renewal_ok": "Y" if renewal else "N",
                 "magnetic_media": "N" if item else "U", "desensitize": "Y" if ok else "N",
                 "transaction_date": self._now()}
        due = format_date(item.due) if ok and item and item.due else ""
        return make(code, fixed, AO=self.institution_id, AA=req.get("AA", ""),
                    AB=req.get("AB", ""), AJ=item.title if item else "", AH=due,
                    CK=item.media_type if item else None, AF=message, **extra)

    def _checkout(self, req: Message) -> Message:
        pid, iid = req.get("AA", ""), req.get("AB", "")
        patron, item = self.patrons.get(pid), self.items.get(iid)
        nb_due = req.fixed["nb_due_date"]
        no_block = (req.fixed["no_block"] == "Y" and self.no_block_profile == "koha"
                    and bool(nb_due.strip()))
        cancel = req.get("BI") == "Y"

        def fail(message: str, **extra) -> Message:
            return self._circ_reply("12", req, False, item, message=message, **extra)

        if patron is None:
            return fail("Invalid patron", BL="N")
        if self._pin_ok(patron, req) is False:
            return fail("Invalid PIN", BL="Y", CQ="N")
        if item is None:
            return fail("Invalid item", BL="Y")
        if item.status == "charged" and item.patron == pid:
            if cancel:  # undoing a failed checkin: the loan is simply still there
                return self._circ_reply("12", req, True, item, BL="Y")
            return self._renew_item(req, patron, item, "12", detail="checkout of own loan")
        if item.status in ("charged", "charged_not_to_be_recalled"):
            return fail("Item checked out to another patron", BL="Y")
        if not (no_block or cancel):
            if patron.blocked:
                return fail("Patron blocked", BL="Y")
            if self._over_limit(patron):
                return fail("Patron has fines", BL="Y", BV=str(patron.fee_amount), BH=self.currency)
            if item.status == "on_hold" and item.patron != pid:
                return fail("Item on hold for another patron", BL="Y")
            if item.status not in ("available", "on_hold"):
                return fail("Item cannot be checked out", BL="Y")
            if item.fee and req.get("BO") != "Y":
                return fail("Fee must be acknowledged", BL="Y", BT="06",
                            BV=str(item.fee), BH=self.currency)
        item.status, item.patron, item.renewals = "charged", pid, 0
        item.due = parse_date(nb_due) if no_block else self._due()
        if pid in item.holds:
            item.holds.remove(pid)
        self._record("checkout", pid, iid, "no_block" if no_block else "cancel" if cancel else "")
        return self._circ_reply("12", req, True, item, BL="Y")

    def _renew_item(self, req: Message, patron: FakePatron, item: FakeItem, code: str,
                    detail: str = "") -> Message:
        if patron.blocked or self._over_limit(patron):
            return self._circ_reply(code, req, False, item, message="Renewal not allowed")
        if item.holds:
            return self._circ_reply(code, req, False, item, message="On hold for another patron")
        if item.renewals >= item.max_renewals:
            return self._circ_reply(code, req, False, item, message="Renewal limit reached")
        item.renewals += 1
        item.due = self._due(item.due)
        self._record("renew", patron.id, item.id, detail)
        return self._circ_reply(code, req, True, item, renewal=True)

    def _renew(self, req: Message) -> Message:
        patron, item = self.patrons.get(req.get("AA", "")), self.items.get(req.get("AB", ""))
        if patron is None or item is None or item.status != "charged" or item.patron != patron.id:
            return self._circ_reply("30", req, False, item, message="Item not checked out to you")
        if self._pin_ok(patron, req) is False:
            return self._circ_reply("30", req, False, item, message="Invalid PIN", CQ="N")
        return self._renew_item(req, patron, item, "30")

    def _renew_all(self, req: Message) -> Message:
        patron = self.patrons.get(req.get("AA", ""))
        renewed, unrenewed = [], []
        if patron is not None and self._pin_ok(patron, req) is not False:
            for item in [i for i in self.items.values()
                         if i.status == "charged" and i.patron == patron.id]:
                ok = self._renew_item(req, patron, item, "30").ok
                (renewed if ok else unrenewed).append(item.id)
        fixed = {"ok": "1" if patron else "0", "renewed_count": f"{len(renewed):04d}",
                 "unrenewed_count": f"{len(unrenewed):04d}", "transaction_date": self._now()}
        return make("66", fixed, AO=self.institution_id, BM=renewed, BN=unrenewed,
                    AF=None if patron else "Invalid patron")

    def _checkin(self, req: Message) -> Message:
        item = self.items.get(req.get("AB", ""))
        fixed = {"ok": "0", "resensitize": "N", "magnetic_media": "U", "alert": "N",
                 "transaction_date": self._now()}
        if item is None:
            return make("10", dict(fixed, alert="Y"), AO=self.institution_id,
                        AB=req.get("AB", ""), AQ="", CV="99", AF="Invalid item")
        tags: dict[str, object] = dict(AO=self.institution_id, AB=item.id, AQ=item.location,
                                       AJ=item.title, CL=item.sort_bin, CK=item.media_type)
        fixed["magnetic_media"] = "N"
        if item.status != "charged":
            ok = self.checkin_not_charged_ok
            return make("10", dict(fixed, ok="1" if ok else "0", resensitize="Y" if ok else "N"),
                        **tags, AF=None if ok else "Item not checked out")
        previous = item.patron
        item.patron, item.due, item.status = None, None, "available"
        self._record("checkin", previous, item.id, "cancel" if req.get("BI") == "Y" else "")
        tags["AA"] = previous
        if item.holds:
            item.status, item.patron = "on_hold", item.holds.pop(0)
            fixed["alert"] = "Y"
            tags.update(CV="01", CY=item.patron, AF="Item on hold: put on hold shelf")
        elif item.destination:
            item.status = "in_transit"
            fixed["alert"] = "Y"
            tags.update(CV="04", CT=item.destination, AF=f"Send to {item.destination}")
        return make("10", dict(fixed, ok="1", resensitize="Y"), **tags)

    def _item_information(self, req: Message) -> Message:
        item = self.items.get(req.get("AB", ""))
        fixed = {"security_marker": "02", "fee_type": "01", "transaction_date": self._now()}
        if item is None:
            return make("18", dict(fixed, circulation_status="01", security_marker="01"),
                        AB=req.get("AB", ""), AJ="", AF="Invalid item")
        return make(
            "18", dict(fixed, circulation_status=STATUS_CODES[item.status]),
            CF=str(len(item.holds)) if item.holds else None,
            AH=format_date(item.due) if item.due else None,
            AB=item.id, AJ=item.title, BG=self.institution_id,
            BH=self.currency if item.fee else None, BV=str(item.fee) if item.fee else None,
            CK=item.media_type, AQ=item.location, AP=item.location,
        )

    # --------------------------------------------------- session / money

    def _end_session(self, req: Message) -> Message:
        return make("36", {"end_session": "Y", "transaction_date": self._now()},
                    AO=self.institution_id, AA=req.get("AA", ""), AF="Thank you!")

    def _fee_paid(self, req: Message) -> Message:
        patron = self.patrons.get(req.get("AA", ""))
        try:
            amount = Decimal(req.get("BV") or "0")
        except InvalidOperation:
            amount = Decimal("0")
        accepted = patron is not None and amount > 0
        if accepted:
            fee_id = req.get("CG")
            fines = [f for f in patron.fines if fee_id in (None, f.id)]
            left = amount
            for fine in fines:
                paid = min(left, fine.amount)
                fine.amount -= paid
                left -= paid
            patron.fines = [f for f in patron.fines if f.amount > 0]
            self._record("fee_paid", patron.id, None, str(amount))
        return make("38", {"payment_accepted": "Y" if accepted else "N",
                           "transaction_date": self._now()},
                    AO=self.institution_id, AA=req.get("AA", ""),
                    BK=req.get("BK") or (f"TX{len(self.transactions)}" if accepted else None),
                    AF=None if accepted else "Payment not accepted")

    def _hold(self, req: Message) -> Message:
        pid = req.get("AA", "")
        patron, item = self.patrons.get(pid), self.items.get(req.get("AB") or "")
        mode = req.fixed["hold_mode"]
        ok = patron is not None and item is not None
        if ok and mode == "+" and pid not in item.holds:
            item.holds.append(pid)
            self._record("hold", pid, item.id)
        elif ok and mode == "-":
            ok = pid in item.holds
            if ok:
                item.holds.remove(pid)
                self._record("cancel_hold", pid, item.id)
        elif ok and mode == "*":
            ok = pid in item.holds
        position = item.holds.index(pid) + 1 if ok and item and pid in item.holds else None
        return make("16", {"ok": "1" if ok else "0",
                           "available": "Y" if ok and item.status == "available" else "N",
                           "transaction_date": self._now()},
                    BR=None if position is None else str(position), BS=req.get("BS"),
                    AO=self.institution_id, AA=pid, AB=item.id if item else None,
                    AJ=item.title if item else None, AF=None if ok else "Hold not possible")
