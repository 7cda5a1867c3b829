"""Plain data of circulation: patrons, items, loans and journal transactions.

No behaviour lives here beyond small derived properties; the rules are in
``kiosk.circulation`` (kiosk side) and in each catalog adapter (ILS side).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Reason(str, enum.Enum):
    """Why something was refused. The UI translates each into patron wording."""

    UNKNOWN_PATRON = "unknown_patron"
    WRONG_PIN = "wrong_pin"
    PIN_REQUIRED = "pin_required"
    PIN_LOCKED = "pin_locked"
    OFFLINE_PIN_UNCHECKED = "offline_pin_unchecked"
    PATRON_BLOCKED = "patron_blocked"
    PATRON_FINES = "patron_fines"
    PATRON_EXPIRED = "patron_expired"
    UNKNOWN_ITEM = "unknown_item"
    ON_HOLD_FOR_OTHER = "on_hold_for_other"
    NOT_FOR_LOAN = "not_for_loan"
    LIMIT_REACHED = "limit_reached"
    ALREADY_ON_LOAN_TO_YOU = "already_on_loan_to_you"
    CHECKED_OUT_TO_OTHER = "checked_out_to_other"
    NOT_ON_LOAN = "not_on_loan"
    RENEWAL_LIMIT = "renewal_limit"
    OFFLINE_LIMIT = "offline_limit"
    OFFLINE_NOT_ALLOWED = "offline_not_allowed"
    INCOMPLETE_SET = "incomplete_set"
    UNREADABLE_TAG = "unreadable_tag"
    SIGN_IN_FIRST = "sign_in_first"
    NOT_A_LIBRARY_CODE = "not_a_library_code"
    MISREAD = "misread"
    SECURITY_FAILED = "security_failed"
    OFFLINE_NO_RENEWAL = "offline_no_renewal"
    OFFLINE_NO_ACCOUNT = "offline_no_account"
    NOT_RENEWED = "not_renewed"
    OTHER = "other"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name is what lupdate looks for
    """Marks a sentence for Qt's translation tools without importing Qt:
    ``pyside6-lupdate`` collects it, the UI translates it at run time."""
    return text


# English wording of each reason: logs and the command line use it as is,
# the screen translates it (context "Reason") into the patron's language.
REASON_TEXT: dict[Reason, str] = {
    Reason.UNKNOWN_PATRON: QT_TRANSLATE_NOOP("Reason", "We do not know this card. Please ask at the desk."),
    Reason.WRONG_PIN: QT_TRANSLATE_NOOP("Reason", "That PIN is not right. Please try again."),
    Reason.PIN_REQUIRED: QT_TRANSLATE_NOOP("Reason", "Please enter your PIN."),
    Reason.PIN_LOCKED: QT_TRANSLATE_NOOP(
        "Reason", "Too many wrong PINs: this card is locked for a while. Please ask at the desk."
    ),
    Reason.OFFLINE_PIN_UNCHECKED: QT_TRANSLATE_NOOP(
        "Reason", "The kiosk is offline and cannot check your PIN now. Please ask at the desk."
    ),
    Reason.PATRON_BLOCKED: QT_TRANSLATE_NOOP("Reason", "Your account is blocked. Please ask at the desk."),
    Reason.PATRON_FINES: QT_TRANSLATE_NOOP("Reason", "You have fines to pay first. Please ask at the desk."),
    Reason.PATRON_EXPIRED: QT_TRANSLATE_NOOP("Reason", "Your card has expired. Please renew it at the desk."),
    Reason.UNKNOWN_ITEM: QT_TRANSLATE_NOOP("Reason", "We do not know this item. Please take it to the desk."),
    Reason.ON_HOLD_FOR_OTHER: QT_TRANSLATE_NOOP(
        "Reason", "This item is reserved for someone else. Please leave it at the desk."
    ),
    Reason.NOT_FOR_LOAN: QT_TRANSLATE_NOOP("Reason", "This item cannot be borrowed. Please read it in the library."),
    Reason.LIMIT_REACHED: QT_TRANSLATE_NOOP("Reason", "You have borrowed as many items as you may."),
    Reason.ALREADY_ON_LOAN_TO_YOU: QT_TRANSLATE_NOOP("Reason", "You already have this item on loan."),
    Reason.CHECKED_OUT_TO_OTHER: QT_TRANSLATE_NOOP(
        "Reason", "This item is on loan to someone else. Please take it to the desk."
    ),
    Reason.NOT_ON_LOAN: QT_TRANSLATE_NOOP("Reason", "This item is not on loan."),
    Reason.RENEWAL_LIMIT: QT_TRANSLATE_NOOP("Reason", "This item cannot be renewed again. Please return it."),
    Reason.OFFLINE_LIMIT: QT_TRANSLATE_NOOP(
        "Reason", "The kiosk is offline and cannot lend more items now. Please ask at the desk."
    ),
    Reason.OFFLINE_NOT_ALLOWED: QT_TRANSLATE_NOOP("Reason", "The kiosk is offline. Please ask at the desk."),
    Reason.INCOMPLETE_SET: QT_TRANSLATE_NOOP("Reason", "Part of this set is missing. Please place all parts together."),
    Reason.UNREADABLE_TAG: QT_TRANSLATE_NOOP("Reason", "This tag cannot be read. Please take the item to the desk."),
    Reason.SECURITY_FAILED: QT_TRANSLATE_NOOP("Reason", "Please take this item to the desk so staff can finish it."),
    Reason.SIGN_IN_FIRST: QT_TRANSLATE_NOOP("Reason", "Please scan your library card first."),
    Reason.NOT_A_LIBRARY_CODE: QT_TRANSLATE_NOOP(
        "Reason",
        "This is not a library card or label. Please scan the barcode on the back of your card, or the library label on the item.",  # noqa: E501 - one literal, as lupdate reads it
    ),
    Reason.MISREAD: QT_TRANSLATE_NOOP("Reason", "That barcode did not read correctly. Please scan it again."),
    Reason.OFFLINE_NO_RENEWAL: QT_TRANSLATE_NOOP(
        "Reason", "The kiosk is offline and cannot renew now. Please try again later or ask at the desk."
    ),
    Reason.OFFLINE_NO_ACCOUNT: QT_TRANSLATE_NOOP(
        "Reason",
        "The kiosk is offline, so it cannot show your loans, holds and fines now. You can still borrow; "
        "please ask at the desk about your account.",
    ),
    Reason.NOT_RENEWED: QT_TRANSLATE_NOOP(
        "Reason", "The library did not renew this item. Please return it on time or ask at the desk."
    ),
    Reason.OTHER: QT_TRANSLATE_NOOP("Reason", "This did not work. Please ask at the desk."),
}


class TxKind(str, enum.Enum):
    CHECKOUT = "checkout"
    CHECKIN = "checkin"
    RENEW = "renew"


class TxState(str, enum.Enum):
    """Journal row states (DESIGN.md §5).

    online:  pending -> done | refused
    offline: pending -> queued -> syncing -> done | conflict
    staff:   conflict -> resolved (with a note, kept in the journal's resolutions)
    """

    PENDING = "pending"
    DONE = "done"
    REFUSED = "refused"
    QUEUED = "queued"
    SYNCING = "syncing"
    CONFLICT = "conflict"
    RESOLVED = "resolved"


class Destination(str, enum.Enum):
    """Where a returned item goes next, from the catalog's checkin answer."""

    SHELF = "shelf"
    HOLD_SHELF = "hold_shelf"
    TRANSIT = "transit"
    STAFF = "staff"


@dataclass(frozen=True)
class Patron:
    card: str
    name: str
    blocked: bool = False
    block_reason: Reason | None = None
    fines: int = 0  # in the smallest currency unit (rupiah)
    loans: tuple[str, ...] = ()
    holds: tuple[str, ...] = ()
    language: str | None = None
    screen_message: str = ""
    print_lines: tuple[str, ...] = ()  # SIP2 AG: lines the ILS wants on the receipt
    email: str = ""  # SIP2 BE: where an emailed receipt goes ("" = none known)


@dataclass(frozen=True)
class Item:
    barcode: str
    title: str
    author: str = ""
    set_parts: int = 1
    set_part: int = 1
    charged_to: str | None = None
    on_hold_for: str | None = None
    not_for_loan: bool = False
    due: date | None = None


@dataclass(frozen=True)
class CheckoutResult:
    ok: bool
    item_id: str
    title: str = ""
    due: date | None = None
    reason: Reason | None = None
    screen_message: str = ""
    print_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckinResult:
    ok: bool
    item_id: str
    title: str = ""
    destination: Destination = Destination.SHELF
    destination_detail: str = ""  # branch name, hold-shelf note, sort bin
    reason: Reason | None = None
    screen_message: str = ""
    print_lines: tuple[str, ...] = ()
    was_on_loan: bool = True  # False: returned, but it was not on loan
    late: bool = False  # returned after its due date
    fine: int = 0  # what the lateness cost (rupiah), when the ILS says
    sort_bin: str = ""  # the ILS's sorting bin (SIP2 CL)
    hold_patron: str = ""  # for the hold slip: whom it waits for (SIP2 DA), shortened when printed


@dataclass(frozen=True)
class Transaction:
    """One journal row: a circulation request and what became of it."""

    uuid: str
    kind: TxKind
    state: TxState
    item_id: str
    patron_card: str | None
    created_at: datetime
    updated_at: datetime
    offline: bool = False
    due: date | None = None
    reason: str | None = None
    detail: str = ""
    attempts: int = 0
    extra: dict = field(default_factory=dict)
