"""The demo catalog served over SIP2: a training ILS on loopback.

Staff can practise and technicians can prove a kiosk end to end without
touching the library's production ILS, and ``kiosk demo`` can talk real
SIP2 (``config/demo-sip2.toml``). The demo catalog's rules decide every
answer; this module only translates between them and SIP2 messages, with
screen messages worded the way Koha words them, so a kiosk reads the demo
ILS exactly as it reads a real one. The protocol half (framing, checksums,
login, resends) is ``kiosk.sip2.server``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable

from kiosk.catalog import demo_data
from kiosk.catalog.base import Replay
from kiosk.catalog.demo import DemoCatalog
from kiosk.models import CheckoutResult, Destination, Patron, Reason
from kiosk.sip2.codec import Message, format_date, make, parse_date
from kiosk.sip2.fields import SUMMARY_TAGS
from kiosk.sip2.server import Sip2Server

log = logging.getLogger(__name__)

# What the demo ILS says when it refuses, in the words Koha's SIP server uses.
REFUSALS: dict[Reason, str] = {
    Reason.UNKNOWN_PATRON: "Invalid Patron",
    Reason.WRONG_PIN: "Invalid patron password",
    Reason.PATRON_BLOCKED: "Patron blocked",
    Reason.PATRON_FINES: "Patron has fines",
    Reason.PATRON_EXPIRED: "Patron card expired",
    Reason.UNKNOWN_ITEM: "Invalid Item",
    Reason.ON_HOLD_FOR_OTHER: "Item is on hold for another patron",
    Reason.NOT_FOR_LOAN: "Item is not for loan",
    Reason.LIMIT_REACHED: "Patron has reached the maximum number of checkouts",
    Reason.ALREADY_ON_LOAN_TO_YOU: "Item already checked out to this patron",
    Reason.CHECKED_OUT_TO_OTHER: "Item checked out to another patron",
    Reason.NOT_ON_LOAN: "Item not checked out to this patron",
    Reason.RENEWAL_LIMIT: "Renewal limit reached",
}
LANGUAGE_CODES = {"en": "001", "id": "023"}  # SIP2 has no Indonesian; Malay is the nearest code
CURRENCY = "IDR"
# 23 11 09 01 99 97 93 63 35 37 17 19 25 15 29 65: no block patron, fee paid, item status update, patron enable, hold
SUPPORTED = "YYYNYYYYYNYNNNYY"
DUE_TIME = time(23, 59, 59)


def default_db_path() -> Path:
    """Beside the demo kiosk's files: ``var/demo-ils.sqlite3`` in the repository."""
    return Path(__file__).resolve().parent.parent / "var" / "demo-ils.sqlite3"


class DemoIls:
    """SIP2 answers (a `kiosk.sip2.server.Sip2Backend`) from a DemoCatalog."""

    library_name = demo_data.LIBRARY_NAME
    supported = SUPPORTED

    def __init__(self, catalog: DemoCatalog, *, clock: Callable[[], datetime] = datetime.now) -> None:
        self.catalog = catalog
        self.institution_id = catalog.location
        self._clock = clock
        self._handlers: dict[str, Callable[[Message], Message]] = {
            "63": self._patron_information, "23": self._patron_status, "11": self._checkout,
            "09": self._checkin, "17": self._item_information, "29": self._renew, "65": self._renew_all,
            "35": self._end_session, "37": self._fee_paid, "15": self._hold,
        }

    def handle(self, request: Message) -> Message | None:
        handler = self._handlers.get(request.code)
        return handler(request) if handler else None

    # -- helpers -----------------------------------------------------------------------
    def _now(self) -> str:
        return format_date(self._clock())

    @staticmethod
    def _due(day: date | None) -> str:
        return format_date(datetime.combine(day, DUE_TIME)) if day else ""

    def _pin_ok(self, card: str, request: Message) -> bool | None:
        """None when no PIN was sent (then it is not checked, as in Koha)."""
        pin = request.get("AD")
        if pin is None:
            return None
        return self.catalog.patron(card, pin).reason is not Reason.WRONG_PIN

    @staticmethod
    def _flags(patron: Patron | None) -> str:
        flags = [" "] * 14
        reason = Reason.PATRON_BLOCKED if patron is None else patron.block_reason
        if reason is not None:
            flags[0] = "Y"  # charge privileges denied
        if reason is Reason.PATRON_BLOCKED:
            flags[1] = flags[2] = flags[3] = "Y"
        if reason is Reason.PATRON_FINES:
            flags[10] = "Y"  # excessive outstanding fines
        return "".join(flags)

    def _circulation(self, code: str, request: Message, result: CheckoutResult, pin_ok: bool | None,
                     renewal: bool = False) -> Message:
        """12 or 30 from a loan result."""
        fixed = {"ok": "1" if result.ok else "0", "renewal_ok": "Y" if renewal and result.ok else "N",
                 "magnetic_media": "N", "desensitize": "Y" if result.ok else "N", "transaction_date": self._now()}
        return make(code, fixed, AO=self.institution_id, AA=request.get("AA", ""), AB=result.item_id,
                    AJ=result.title, AH=self._due(result.due) if result.ok else "",
                    BL="N" if result.reason is Reason.UNKNOWN_PATRON else "Y",
                    CQ=None if pin_ok is None else "Y" if pin_ok else "N",
                    AF=None if result.ok else REFUSALS.get(result.reason, "Not possible here; please ask at the desk"))

    # -- patrons -----------------------------------------------------------------------
    def _patron_fields(self, request: Message) -> tuple[Patron | None, dict, dict]:
        card = request.get("AA", "")
        patron = self.catalog.patron(card).patron
        fixed = {"patron_status": self._flags(patron), "transaction_date": self._now(),
                 "language": LANGUAGE_CODES.get(patron.language or "", "000") if patron else "000"}
        if patron is None:
            return None, fixed, dict(AO=self.institution_id, AA=card, AE="", BL="N", AF=REFUSALS[Reason.UNKNOWN_PATRON])
        pin_ok = self._pin_ok(card, request)
        tags = dict(AO=self.institution_id, AA=card, AE=patron.name, BL="Y",
                    CQ=None if pin_ok is None else "Y" if pin_ok else "N",
                    BH=CURRENCY if patron.fines else None, BV=str(patron.fines) if patron.fines else None,
                    AF=REFUSALS.get(patron.block_reason) if patron.blocked else None)
        return patron, fixed, tags

    def _patron_information(self, request: Message) -> Message:
        patron, fixed, tags = self._patron_fields(request)
        if patron is None:
            return make("64", fixed, **tags)
        today = self._clock().date()
        dues = {barcode: (item.due if (item := self.catalog.item(barcode)) else None) for barcode in patron.loans}
        lists = dict(zip(SUMMARY_TAGS, (
            list(patron.holds),
            [b for b, due in dues.items() if due is not None and due < today],
            list(patron.loans),
            [f"{CURRENCY} {patron.fines} fines"] if patron.fines else [],
            [], [],
        )))
        counts = dict(zip(("hold_items_count", "overdue_items_count", "charged_items_count", "fine_items_count",
                           "recall_items_count", "unavailable_holds_count"),
                          (f"{len(lists[tag]):04d}" for tag in SUMMARY_TAGS)))
        summary = request.fixed.get("summary", "")
        if "Y" in summary[:6]:
            start, end = int(request.get("BP") or 1), int(request.get("BQ") or 9999)
            wanted = SUMMARY_TAGS[summary.index("Y")]
            tags[wanted] = lists[wanted][max(start, 1) - 1:end]
        return make("64", {**fixed, **counts}, CC=str(demo_data.FINE_LIMIT), **tags)

    def _patron_status(self, request: Message) -> Message:
        _patron, fixed, tags = self._patron_fields(request)
        return make("24", fixed, **tags)

    def _end_session(self, request: Message) -> Message:
        return make("36", {"end_session": "Y", "transaction_date": self._now()}, AO=self.institution_id,
                    AA=request.get("AA", ""), AF="Terima kasih! Thank you!")

    # -- circulation -------------------------------------------------------------------
    def _checkout(self, request: Message) -> Message:
        card, item_id = request.get("AA", ""), request.get("AB", "")
        pin_ok = self._pin_ok(card, request)
        if pin_ok is False:
            return self._circulation("12", request, CheckoutResult(False, item_id, reason=Reason.WRONG_PIN), pin_ok)
        replay = None
        nb_due = parse_date(request.fixed.get("nb_due_date"))
        if request.fixed.get("no_block") == "Y" and nb_due is not None:
            # An offline loan: dated when it happened, due when the kiosk said.
            when = parse_date(request.fixed.get("transaction_date")) or self._clock()
            replay = Replay(transaction_date=when, due=nb_due.date())
        return self._circulation("12", request, self.catalog.checkout(card, item_id, replay=replay), pin_ok)

    def _renew(self, request: Message) -> Message:
        card, item_id = request.get("AA", ""), request.get("AB", "")
        pin_ok = self._pin_ok(card, request)
        if pin_ok is False:
            return self._circulation("30", request, CheckoutResult(False, item_id, reason=Reason.WRONG_PIN), pin_ok)
        return self._circulation("30", request, self.catalog.renew(card, item_id), pin_ok, renewal=True)

    def _renew_all(self, request: Message) -> Message:
        card = request.get("AA", "")
        patron = self.catalog.patron(card).patron
        renewed, unrenewed = [], []
        if patron is not None and self._pin_ok(card, request) is not False:
            for barcode in patron.loans:
                (renewed if self.catalog.renew(card, barcode).ok else unrenewed).append(barcode)
        fixed = {"ok": "1" if patron else "0", "renewed_count": f"{len(renewed):04d}",
                 "unrenewed_count": f"{len(unrenewed):04d}", "transaction_date": self._now()}
        return make("66", fixed, AO=self.institution_id, BM=renewed, BN=unrenewed,
                    AF=None if patron else REFUSALS[Reason.UNKNOWN_PATRON])

    def _checkin(self, request: Message) -> Message:
        item_id = request.get("AB", "")
        before = self.catalog.item(item_id)
        result = self.catalog.checkin(item_id)
        fixed = {"ok": "1" if result.ok else "0", "resensitize": "Y" if result.ok else "N",
                 "magnetic_media": "N", "transaction_date": self._now(),
                 "alert": "N" if result.ok and result.destination is Destination.SHELF else "Y"}
        if not result.ok:
            return make("10", fixed, AO=self.institution_id, AB=item_id, AQ="", CV="99",
                        AF=REFUSALS.get(result.reason, "Checkin failed"))
        alert_type = {Destination.HOLD_SHELF: "01", Destination.TRANSIT: "04"}.get(result.destination)
        transit = result.destination is Destination.TRANSIT
        return make("10", fixed, AO=self.institution_id, AB=item_id,
                    AQ=result.destination_detail if transit else self.institution_id, AJ=result.title,
                    AA=before.charged_to if before else None, CV=alert_type,
                    CT=result.destination_detail if transit else None)

    def _item_information(self, request: Message) -> Message:
        item_id = request.get("AB", "")
        item = self.catalog.item(item_id)
        fixed = {"security_marker": "02", "fee_type": "01", "transaction_date": self._now()}
        if item is None:
            return make("18", {**fixed, "circulation_status": "01", "security_marker": "01"}, AB=item_id, AJ="",
                        AF=REFUSALS[Reason.UNKNOWN_ITEM])
        if item.charged_to is not None:
            status = "04"
        elif item.on_hold_for is not None:
            status = "08"
        else:
            status = "01" if item.not_for_loan else "03"
        return make("18", {**fixed, "circulation_status": status}, CF="1" if item.on_hold_for else None,
                    AH=self._due(item.due) or None, AB=item.barcode, AJ=item.title, BG=self.institution_id,
                    AQ=self.institution_id)

    # -- what the demo leaves to the desk ----------------------------------------------
    def _fee_paid(self, request: Message) -> Message:
        return make("38", {"payment_accepted": "N", "transaction_date": self._now()}, AO=self.institution_id,
                    AA=request.get("AA", ""), AF="Fines are paid at the desk in the demo library")

    def _hold(self, request: Message) -> Message:
        return make("16", {"ok": "0", "available": "N", "transaction_date": self._now()}, AO=self.institution_id,
                    AA=request.get("AA", ""), AF="Holds are placed at the desk in the demo library")


class DemoIlsServer(Sip2Server):
    """The demo ILS on a socket: ``DemoIlsServer(db, port=6001).start()`` (or
    ``serve_forever()``); the demo catalog at ``db`` is made from the demo
    data when new, and closed with the server."""

    def __init__(self, db: str | Path, *, host: str = "127.0.0.1", port: int = 6001,
                 username: str | None = "kiosk", password: str = "demo") -> None:
        super().__init__(DemoIls(DemoCatalog(db)), host=host, port=port, username=username, password=password)

    def stop(self) -> None:
        super().stop()
        self.backend.catalog.close()
