"""What an ILS rule model offers the SIP2 server (`kiosk.sip2.server`).

A backend answers in facts (who, which item, refused why, due when), never
in SIP2 fields: `kiosk.ils.sip2_answers` turns requests into these calls and
the records back into 64/24/12/10/18/30/66/36/38/16 replies, the same way for
every backend (the demo library here; SLiMS and INLISLite next). A refusal
carries a `Reason`; `message` is only for an ILS that words it itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from kiosk.models import Destination, Reason

# A loan given in whole days is due at the end of its last day.
DUE_TIME = time(23, 59, 59)


@dataclass(frozen=True)
class PatronRecord:
    """A card the ILS knows; `pin_ok` is None when no PIN was given."""

    card: str
    name: str
    pin_ok: bool | None = None
    block: Reason | None = None  # PATRON_BLOCKED, PATRON_FINES, PATRON_EXPIRED: may not borrow
    fines: Decimal = Decimal("0")
    email: str = ""
    language: str | None = None  # ISO 639-1 ("id", "en"); None: the request's language is echoed
    holds: tuple[str, ...] = ()  # available: waiting on the hold shelf (64 AS)
    unavailable_holds: tuple[str, ...] = ()  # placed, not yet ready to collect (64 CD)
    overdue: tuple[str, ...] = ()
    charged: tuple[str, ...] = ()
    message: str | None = None
    print_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoanResult:
    """A checkout or a renewal; `fee` is a rental fee the patron must accept first."""

    ok: bool
    item_id: str
    title: str = ""
    due: datetime | None = None
    reason: Reason | None = None
    renewal: bool = False
    patron_known: bool = True
    fee: Decimal | None = None
    message: str | None = None
    print_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnResult:
    """A checkin and where the item goes next."""

    ok: bool
    item_id: str
    title: str = ""
    reason: Reason | None = None
    known: bool = True
    borrower: str | None = None  # whose loan it was
    destination: Destination = Destination.SHELF
    destination_detail: str = ""  # the branch a transit goes to
    location: str = ""
    sort_bin: str | None = None
    hold_for: str | None = None
    hold_for_name: str = ""  # the waiting patron's name, for the hold slip (10 DA)
    overdue: bool = False  # returned after its due date
    fine: Decimal | None = None  # what that lateness cost, when the ILS charges at return
    message: str | None = None
    print_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemRecord:
    item_id: str
    title: str
    author: str = ""
    charged_to: str | None = None  # never sent in an 18 (the spec has no field); the kiosk asks a 63
    on_hold_for: str | None = None
    holds: int = 0
    not_for_loan: bool = False
    due: date | None = None
    fee: Decimal = Decimal("0")
    location: str = ""
    set_parts: int = 1
    set_part: int = 1
    pickup: str = ""  # an item waiting on a hold shelf: where (18 AP, current location)


@dataclass(frozen=True)
class RenewAllResult:
    patron_known: bool
    renewed: tuple[str, ...] = ()
    unrenewed: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaymentResult:
    accepted: bool
    transaction_id: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class HoldResult:
    ok: bool
    item_id: str | None = None
    title: str | None = None
    available: bool = False
    position: int | None = None
    message: str | None = None


@dataclass(frozen=True)
class CheckoutRequest:
    """An 11 as facts. An offline loan being replayed has `transaction_date` (when it was
    lent) and `due` (what the patron was told); with `no_block` it asks to skip the blocks."""

    card: str
    item_id: str
    pin: str | None = None
    no_block: bool = False
    due: datetime | None = None
    transaction_date: datetime | None = None
    fee_acknowledged: bool = False
    cancel: bool = False


@dataclass(frozen=True)
class Branding:
    """What the 98 announces about the ILS."""

    institution_id: str
    library_name: str
    supported: str  # 98 BX: one Y/N per message, in fields.SUPPORTED_MESSAGE_ORDER
    currency: str = "EUR"
    fine_limit: Decimal | None = None


class IlsBackend(ABC):
    """The rules of one ILS, called by the SIP2 server from many threads at once."""

    @property
    @abstractmethod
    def branding(self) -> Branding:
        """Institution id, library name, supported messages, currency (98 and every reply's AO)."""

    @abstractmethod
    def now(self) -> datetime:
        """The ILS's clock (transaction dates in replies, 98 date/time sync)."""

    @abstractmethod
    def patron_information(self, card: str, pin: str | None) -> PatronRecord | None:
        """63 and 23; None: no such card."""

    @abstractmethod
    def checkout(self, request: CheckoutRequest) -> LoanResult: ...

    @abstractmethod
    def checkin(self, item_id: str, *, cancel: bool = False, when: datetime | None = None) -> ReturnResult: ...

    @abstractmethod
    def renew(self, card: str, item_id: str, pin: str | None) -> LoanResult: ...

    @abstractmethod
    def renew_all(self, card: str, pin: str | None) -> RenewAllResult: ...

    @abstractmethod
    def item_information(self, item_id: str) -> ItemRecord | None: ...

    @abstractmethod
    def end_session(self, card: str) -> str | None:
        """35: the screen message to say goodbye with, if any."""

    @abstractmethod
    def fee_paid(
        self, card: str, amount: Decimal | None, fee_id: str | None, transaction_id: str | None
    ) -> PaymentResult:
        """37; `amount` is None when the request's was unreadable."""

    @abstractmethod
    def hold(self, card: str, item_id: str | None, mode: str, pickup: str | None) -> HoldResult:
        """15; mode is "+" (place), "-" (cancel) or "*" (change)."""

    def close(self) -> None:  # noqa: B027 - optional: a backend without connections has nothing to close
        """Let go of files and connections (the bridge stopping); nothing by default."""
