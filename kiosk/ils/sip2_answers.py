"""SIP2 requests to backend calls and backend records to SIP2 replies — once,
for every ILS behind `kiosk.sip2.server`.

A backend only says what happened (`kiosk.ils.base`); how a real server puts
that on the wire lives here: which fields a 64 or a 10 carries, the patron
status flags, the alert types, and screen messages worded the way Koha's
SIP server words them, so a kiosk reads any of our ILSs as it reads Koha.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from kiosk.models import Destination, Reason
from kiosk.sip2.codec import Message, ascii_digits, format_date, make, parse_date
from kiosk.sip2.fields import SUMMARY_TAGS

from .base import DUE_TIME, CheckoutRequest, IlsBackend, LoanResult, PatronRecord

# What a refusal says, in the words Koha's SIP server uses.
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
FALLBACK = "Not possible here; please ask at the desk"
# SIP2 has no Indonesian; Malay is the nearest code.
LANGUAGE_CODES = {"en": "001", "id": "023"}


class BadRequest(ValueError):
    """A request whose fields make no sense (a page number that is no number): hang up."""


def _wording(reason: Reason | None, message: str | None) -> str:
    return message or REFUSALS.get(reason, FALLBACK)


def _yn(value: bool | None) -> str | None:
    return None if value is None else "Y" if value else "N"


# The largest item-list position a 63 may ask for (BP/BQ); more is no request a self-check makes.
MAX_LIST_POSITION = 99_999
# BV of a 37: ASCII digits with an optional fraction (no exponent, NaN or Infinity).
_AMOUNT = re.compile(r"[0-9]{1,15}(?:\.[0-9]{0,6})?")


def _number(request: Message, tag: str, default: int) -> int:
    value = (request.get(tag) or "").strip()
    if not value:
        return default
    if not ascii_digits(value) or len(value) > len(str(MAX_LIST_POSITION)):
        raise BadRequest(f"{tag} is not a number (a list position, 1-{MAX_LIST_POSITION})")
    return int(value)


def _amount(value: str | None) -> Decimal | None:
    text = (value or "").strip()
    return Decimal(text) if _AMOUNT.fullmatch(text) else None


def due_stamp(due: datetime | date | None) -> str:
    """AH of a loan; a date alone is due at the end of that day."""
    if due is None:
        return ""
    return format_date(due if isinstance(due, datetime) else datetime.combine(due, DUE_TIME))


class Sip2Answers:
    """`Sip2Answers(backend).answer(request)`: the reply, or None for a request not served."""

    def __init__(self, backend: IlsBackend) -> None:
        self.backend = backend
        self._handlers: dict[str, Callable[[Message], Message]] = {
            "63": self._patron_information,
            "23": self._patron_status,
            "11": self._checkout,
            "09": self._checkin,
            "17": self._item_information,
            "29": self._renew,
            "65": self._renew_all,
            "35": self._end_session,
            "37": self._fee_paid,
            "15": self._hold,
        }

    def serves(self, code: str) -> bool:
        return code in self._handlers

    def answer(self, request: Message) -> Message | None:
        handler = self._handlers.get(request.code)
        return handler(request) if handler is not None else None

    # -- helpers -----------------------------------------------------------------------
    @property
    def _ao(self) -> str:
        return self.backend.branding.institution_id

    def _now(self) -> str:
        return format_date(self.backend.now())

    @staticmethod
    def _flags(patron: PatronRecord | None) -> str:
        flags = [" "] * 14
        block = Reason.PATRON_BLOCKED if patron is None else patron.block
        if block is not None:
            flags[0] = "Y"  # charge privileges denied
        if block is Reason.PATRON_BLOCKED:
            flags[1] = flags[2] = flags[3] = "Y"  # renewal, recall, hold privileges denied
        if block is Reason.PATRON_FINES:
            flags[10] = "Y"  # excessive outstanding fines
        return "".join(flags)

    def _patron(self, request: Message) -> tuple[PatronRecord | None, dict, dict]:
        card = request.get("AA", "")
        patron = self.backend.patron_information(card, request.get("AD"))
        language = request.fixed.get("language", "000")
        if patron is not None and patron.language:
            language = LANGUAGE_CODES.get(patron.language, "000")
        fixed = {"patron_status": self._flags(patron), "transaction_date": self._now(), "language": language}
        if patron is None:
            return None, fixed, dict(AO=self._ao, AA=card, AE="", BL="N", AF=REFUSALS[Reason.UNKNOWN_PATRON])
        branding = self.backend.branding
        message = patron.message
        if message is None and patron.pin_ok is False:
            message = REFUSALS[Reason.WRONG_PIN]
        if message is None and patron.block is not None:
            message = REFUSALS.get(patron.block)
        tags = dict(
            AO=self._ao,
            AA=card,
            AE=patron.name,
            BL="Y",
            CQ=_yn(patron.pin_ok),
            BH=branding.currency if patron.fines else None,
            BV=str(patron.fines) if patron.fines else None,
            AF=message,
            AG=list(patron.print_lines),
        )
        return patron, fixed, tags

    # -- patrons -----------------------------------------------------------------------
    def _patron_information(self, request: Message) -> Message:
        summary = request.fixed.get("summary", "")
        start, end = _number(request, "BP", 1), _number(request, "BQ", 9999)
        patron, fixed, tags = self._patron(request)
        if patron is None:
            return make("64", fixed, **tags)
        currency = self.backend.branding.currency
        lists = dict(
            zip(
                SUMMARY_TAGS,
                (
                    list(patron.holds),
                    list(patron.overdue),
                    list(patron.charged),
                    [f"{currency} {patron.fines} fines"] if patron.fines else [],
                    [],
                    list(patron.unavailable_holds),
                ),
            )
        )
        counts = dict(
            zip(
                (
                    "hold_items_count",
                    "overdue_items_count",
                    "charged_items_count",
                    "fine_items_count",
                    "recall_items_count",
                    "unavailable_holds_count",
                ),
                (f"{len(lists[tag]):04d}" for tag in SUMMARY_TAGS),
            )
        )
        if "Y" in summary[:6]:
            wanted = SUMMARY_TAGS[summary.index("Y")]
            tags[wanted] = lists[wanted][max(start, 1) - 1 : end]
        limit = self.backend.branding.fine_limit
        return make(
            "64", {**fixed, **counts}, CC=None if limit is None else str(limit), BE=patron.email or None, **tags
        )

    def _patron_status(self, request: Message) -> Message:
        _patron, fixed, tags = self._patron(request)
        return make("24", fixed, **tags)

    def _end_session(self, request: Message) -> Message:
        message = self.backend.end_session(request.get("AA", ""))
        return make(
            "36",
            {"end_session": "Y", "transaction_date": self._now()},
            AO=self._ao,
            AA=request.get("AA", ""),
            AF=message,
        )

    # -- circulation -------------------------------------------------------------------
    def _loan(self, code: str, request: Message, result: LoanResult) -> Message:
        """12 or 30 from a loan result."""
        fixed = {
            "ok": "1" if result.ok else "0",
            "renewal_ok": "Y" if result.renewal and result.ok else "N",
            "magnetic_media": "N",
            "desensitize": "Y" if result.ok else "N",
            "transaction_date": self._now(),
        }
        pin = request.get("AD")
        branding = self.backend.branding
        fee = result.fee if not result.ok and result.fee else None
        return make(
            code,
            fixed,
            AO=self._ao,
            AA=request.get("AA", ""),
            AB=result.item_id,
            AJ=result.title,
            AH=due_stamp(result.due) if result.ok else "",
            BL="Y" if result.patron_known else "N",
            CQ=None if pin is None else "N" if result.reason is Reason.WRONG_PIN else "Y",
            BT="06" if fee else None,
            BV=str(fee) if fee else None,
            BH=branding.currency if fee else None,
            AF=result.message if result.ok else _wording(result.reason, result.message),
            AG=list(result.print_lines),
        )

    def _checkout(self, request: Message) -> Message:
        fixed = request.fixed
        no_block = fixed.get("no_block") == "Y"
        result = self.backend.checkout(
            CheckoutRequest(
                card=request.get("AA", ""),
                item_id=request.get("AB", ""),
                pin=request.get("AD"),
                # Only a no-block loan is one done offline: dated when it happened, due when the kiosk said.
                no_block=no_block,
                due=parse_date(fixed.get("nb_due_date")) if no_block else None,
                transaction_date=parse_date(fixed.get("transaction_date")) if no_block else None,
                fee_acknowledged=request.get("BO") == "Y",
                cancel=request.get("BI") == "Y",
            )
        )
        return self._loan("12", request, result)

    def _renew(self, request: Message) -> Message:
        result = self.backend.renew(request.get("AA", ""), request.get("AB", ""), request.get("AD"))
        return self._loan("30", request, result)

    def _renew_all(self, request: Message) -> Message:
        result = self.backend.renew_all(request.get("AA", ""), request.get("AD"))
        fixed = {
            "ok": "1" if result.patron_known else "0",
            "renewed_count": f"{len(result.renewed):04d}",
            "unrenewed_count": f"{len(result.unrenewed):04d}",
            "transaction_date": self._now(),
        }
        return make(
            "66",
            fixed,
            AO=self._ao,
            BM=list(result.renewed),
            BN=list(result.unrenewed),
            AF=None if result.patron_known else REFUSALS[Reason.UNKNOWN_PATRON],
        )

    def _checkin(self, request: Message) -> Message:
        item_id = request.get("AB", "")
        result = self.backend.checkin(
            item_id, cancel=request.get("BI") == "Y", when=parse_date(request.fixed.get("return_date"))
        )
        fixed = {
            "ok": "1" if result.ok else "0",
            "resensitize": "Y" if result.ok else "N",
            "magnetic_media": "N" if result.known else "U",
            "transaction_date": self._now(),
            "alert": "N" if result.ok and result.destination is Destination.SHELF else "Y",
        }
        if not result.known:
            return make(
                "10", fixed, AO=self._ao, AB=item_id, AQ="", CV="99", AF=_wording(Reason.UNKNOWN_ITEM, result.message)
            )
        transit = result.destination is Destination.TRANSIT
        alert_type = {Destination.HOLD_SHELF: "01", Destination.TRANSIT: "04"}.get(result.destination)
        message = result.message
        if message is None and result.ok:
            # Koha's words for a return that was no loan, and for a late one.
            message = (
                "Item not checked out" if result.borrower is None else "Item was overdue" if result.overdue else None
            )
        fine = result.fine if result.ok and result.fine else None
        return make(
            "10",
            fixed,
            AO=self._ao,
            AB=item_id,
            AQ=result.location or self._ao,
            AJ=result.title,
            AA=result.borrower,
            CL=result.sort_bin,
            CV=alert_type if result.ok else None,
            CT=result.destination_detail if transit else None,
            CY=result.hold_for,
            DA=result.hold_for_name or None,
            AF=message if result.ok else _wording(result.reason, result.message),
            AG=list(result.print_lines),
            BV=str(fine) if fine else None,  # the fine for lateness, where an ILS sends it (Evergreen-style)
            BH=self.backend.branding.currency if fine else None,
        )

    def _item_information(self, request: Message) -> Message:
        item_id = request.get("AB", "")
        item = self.backend.item_information(item_id)
        fixed = {"security_marker": "02", "fee_type": "01", "transaction_date": self._now()}
        if item is None:
            return make(
                "18",
                {**fixed, "circulation_status": "01", "security_marker": "01"},
                AB=item_id,
                AJ="",
                AF=REFUSALS[Reason.UNKNOWN_ITEM],
            )
        if item.charged_to is not None:
            status = "04"  # charged
        elif item.on_hold_for is not None:
            status = "08"  # waiting on hold shelf
        else:
            status = "01" if item.not_for_loan else "03"  # other / available
        return make(
            "18",
            {**fixed, "circulation_status": status},
            CF=str(item.holds) if item.holds else None,
            AH=due_stamp(item.due) or None,
            AB=item.item_id,
            AJ=item.title,
            BG=self._ao,
            BH=self.backend.branding.currency if item.fee else None,
            BV=str(item.fee) if item.fee else None,
            AQ=item.location or self._ao,
            AP=item.pickup or None,
        )

    # -- money and holds ---------------------------------------------------------------
    def _fee_paid(self, request: Message) -> Message:
        result = self.backend.fee_paid(
            request.get("AA", ""), _amount(request.get("BV")), request.get("CG"), request.get("BK")
        )
        return make(
            "38",
            {"payment_accepted": "Y" if result.accepted else "N", "transaction_date": self._now()},
            AO=self._ao,
            AA=request.get("AA", ""),
            BK=result.transaction_id,
            AF=result.message or (None if result.accepted else "Payment not accepted"),
        )

    def _hold(self, request: Message) -> Message:
        result = self.backend.hold(
            request.get("AA", ""), request.get("AB") or None, request.fixed.get("hold_mode", "+"), request.get("BS")
        )
        return make(
            "16",
            {
                "ok": "1" if result.ok else "0",
                "available": "Y" if result.available else "N",
                "transaction_date": self._now(),
            },
            BR=None if result.position is None else str(result.position),
            BS=request.get("BS"),
            AO=self._ao,
            AA=request.get("AA", ""),
            AB=result.item_id,
            AJ=result.title,
            AF=result.message or (None if result.ok else "Hold not possible"),
        )
