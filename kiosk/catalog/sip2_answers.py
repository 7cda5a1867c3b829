"""What a SIP2 server's answers mean for the kiosk: 64 -> patron, 12/30 ->
loan, 10 -> where the returned item goes, 18 -> item, 64s + 18s -> the
patron's account, 66 + 18s -> renew-all results.

Pure functions over decoded messages, so every server dialect can be tested
without a socket. A refusal carries no reason code in SIP2, only a screen
message (AF) in the server's words, so the reason is a best guess from that
text (Koha, Evergreen, FOLIO and SirsiDynix wordings, Koha's own
CanBookBeIssued codes) and the flags; what cannot be recognised stays
``Reason.OTHER`` with the server's message for the patron to read.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from kiosk.account import Account, Hold, Loan
from kiosk.catalog.base import PatronAnswer
from kiosk.models import CheckinResult, CheckoutResult, Destination, Item, Patron, Reason
from kiosk.sip2.codec import Message
from kiosk.sip2.fields import PATRON_STATUS_FLAGS

# First match wins, so the specific comes before the general ("Outstanding
# fines block issue" is about fines, "not checked out" is not a loan).
_REASON_PATTERNS: tuple[tuple[Reason, str], ...] = (
    (Reason.WRONG_PIN, r"\b(pin|password|passcode)\b"),
    (Reason.RENEWAL_LIMIT, r"renew\w*\b.*\b(limit|maximum|too many|no more)|(limit|maximum|too many)\b.*\brenew"),
    (Reason.NOT_ON_LOAN, r"\bnot (currently )?(checked out|on loan|charged|issued|loaned)|no such item linked"),
    (
        Reason.ON_HOLD_FOR_OTHER,
        r"\bon holds?\b|\bholds? shelf\b|\breserv|\bhold for\b|requested by|\brecall"
        r"|awaiting pickup",
    ),
    (Reason.ALREADY_ON_LOAN_TO_YOU, r"(checked out|on loan|issued|charged|loaned) to (you|this patron|the same)"),
    (
        Reason.CHECKED_OUT_TO_OTHER,
        r"(checked out|on loan|issued|charged|loaned)\b.*\b(another|other|someone)"
        r"|already (checked out|on loan|charged|issued)|status checked out"
        r"|circulation exists",
    ),
    (
        Reason.NOT_FOR_LOAN,
        r"not for loan|not loanable|non.?circulating|not circulat|reference only"
        r"|circ\w* not allowed|cannot be (issued|checked out|loaned|borrowed)",
    ),
    (
        Reason.UNKNOWN_ITEM,
        r"(invalid|unknown) (item|barcode)|(item|copy) (not found|unknown|does not exist)"
        r"|no such item|no item with barcode",
    ),
    (
        Reason.UNKNOWN_PATRON,
        r"(invalid|unknown) (patron|user|borrower|card)"
        r"|(patron|user|borrower|card) (not found|unknown|does not exist)|no such (patron|user)",
    ),
    (Reason.PATRON_EXPIRED, r"expir"),
    (Reason.PATRON_FINES, r"\b(fines?|debt|owes?|outstanding|balance|excessive fees)\b"),
    (
        Reason.PATRON_BLOCKED,
        r"overdue|\bblock|barred|restrict|suspend|card (reported )?lost|lost card|\bgna\b"
        r"|privileges",
    ),
    (Reason.LIMIT_REACHED, r"maximum|too many|\blimit\b|exceed"),
)
_COMPILED = tuple((reason, re.compile(pattern)) for reason, pattern in _REASON_PATTERNS)
# A return's screen message saying it came back late (Koha: "Item was overdue").
_LATE = re.compile(r"overdue|\blate\b|terlambat")
_PATRON_REASONS = (Reason.PATRON_BLOCKED, Reason.PATRON_FINES, Reason.PATRON_EXPIRED)

# 18 circulation status: the item is on loan to someone.
CHARGED_STATUSES = frozenset({"04", "05", "07"})
# SIP2's language table (1990s) has English twice and no Bahasa Indonesia;
# Malay (023), the closest, is read as Indonesian.
_LANGUAGES = {"001": "en", "024": "en", "023": "id"}
# Currencies whose smallest unit in use is the unit itself (Patron.fines is an integer).
_NO_MINOR_UNIT = frozenset({"IDR", "JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX"})
# BV as servers write it: ASCII digits, a decimal point or comma, at most 15 digits before
# it. Anything else (`1e999999`, `NaN`, `Infinity`, Unicode digits) is no amount.
_AMOUNT = re.compile(r"[+-]?[0-9]{1,15}(?:[.,][0-9]{0,6})?")


def guess_reason(texts: list[str] | str, default: Reason | None = Reason.OTHER) -> Reason | None:
    """The refusal reason a server's screen message most likely means."""
    text = " ".join([texts] if isinstance(texts, str) else texts)
    text = text.replace("_", " ").casefold()
    for reason, pattern in _COMPILED:
        if pattern.search(text):
            return reason
    return default


def screen_text(msg: Message) -> str:
    return " ".join(m.strip() for m in msg.screen_messages if m.strip())


def due_date(msg: Message) -> date | None:
    """AH as a date; servers send local time, UTC (`   Z`) or ISO forms."""
    moment = msg.date("AH")
    if moment is None:
        return None
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def language(code: str | None) -> str | None:
    return _LANGUAGES.get((code or "").strip())


def fines(amount: str | None, currency: str | None) -> int:
    """BV (a decimal amount) in the currency's smallest unit in use; 0 if unreadable."""
    text = (amount or "0").strip()
    if not _AMOUNT.fullmatch(text):
        return 0
    value = Decimal(text.replace(",", "."))
    code = (currency or "").strip().upper()
    scale = 1 if not code or code in _NO_MINOR_UNIT else 100
    return max(int((value * scale).to_integral_value()), 0)


def _refusal(msg: Message) -> Reason:
    if msg.get("BL") == "N":
        return Reason.UNKNOWN_PATRON
    if msg.get("CQ") == "N":
        return Reason.WRONG_PIN
    return guess_reason(msg.screen_messages)


# ------------------------------------------------------------------ 64 / 24


def patron_answer(msg: Message, card: str, *, pin_given: bool) -> PatronAnswer:
    """64 (or 24): who the card belongs to, whether they may borrow, and why not."""
    texts = msg.screen_messages
    if msg.get("BL") == "N" or (
        msg.get("BL") is None and not msg.get("AE") and guess_reason(texts, None) is Reason.UNKNOWN_PATRON
    ):
        return PatronAnswer(None, Reason.UNKNOWN_PATRON)
    if pin_given and msg.get("CQ") == "N":
        return PatronAnswer(None, Reason.WRONG_PIN)
    flags = {name: value == "Y" for name, value in zip(PATRON_STATUS_FLAGS, msg.fixed.get("patron_status", ""))}
    reason = None
    if flags.get("charge_privileges_denied") or flags.get("card_reported_lost"):
        guessed = guess_reason(texts, None)
        if guessed in _PATRON_REASONS:
            reason = guessed
        elif flags.get("excessive_outstanding_fines") or flags.get("excessive_outstanding_fees"):
            reason = Reason.PATRON_FINES
        else:
            reason = Reason.PATRON_BLOCKED
    return PatronAnswer(
        Patron(
            card=card,
            name=msg.get("AE") or "",
            blocked=reason is not None,
            block_reason=reason,
            fines=fines(msg.get("BV"), msg.get("BH")),
            loans=tuple(msg.get_all("AU")),
            holds=tuple(msg.get_all("AS")),
            language=language(msg.fixed.get("language")),
            screen_message=screen_text(msg),
            print_lines=tuple(msg.print_lines),
            email=(msg.get("BE") or "").strip(),
        )
    )


# ------------------------------------------------------------------ 12 / 30


def checkout_result(msg: Message, item_id: str) -> CheckoutResult:
    """12 (checkout) or 30 (renew)."""
    title, text, lines = msg.get("AJ") or "", screen_text(msg), tuple(msg.print_lines)
    if msg.ok:
        return CheckoutResult(True, item_id, title, due=due_date(msg), screen_message=text, print_lines=lines)
    return CheckoutResult(False, item_id, title, reason=_refusal(msg), screen_message=text, print_lines=lines)


# ---------------------------------------------------------------------- 10


def checkin_result(msg: Message, item_id: str, here: str) -> CheckinResult:
    """10: returned or not, and where the item goes next (``here`` is this branch)."""
    title, text, lines = msg.get("AJ") or "", screen_text(msg), tuple(msg.print_lines)
    if not msg.ok:
        return CheckinResult(
            False,
            item_id,
            title,
            destination=Destination.STAFF,
            reason=_refusal(msg),
            screen_message=text,
            print_lines=lines,
        )
    destination, detail = _destination(msg, here)
    not_on_loan = guess_reason(text, None) is Reason.NOT_ON_LOAN if text else False
    fine = fines(msg.get("BV"), msg.get("BH"))
    late = bool(fine) or bool(_LATE.search(text.casefold()))
    return CheckinResult(
        True,
        item_id,
        title,
        destination=destination,
        destination_detail=detail,
        # Said in the patron's language instead, unless the ILS's words carry what ours cannot (a fine it
        # states only in its message, as the SLiMS bridge and Koha do).
        screen_message="" if not_on_loan or (late and fine) else text,
        print_lines=lines,
        was_on_loan=not not_on_loan,
        late=late and not not_on_loan,
        fine=fine,
        sort_bin=(msg.get("CL") or "").strip(),
        hold_patron=(msg.get("DA") or "").strip(),
    )


def _destination(msg: Message, here: str) -> tuple[Destination, str]:
    alert_type = (msg.get("CV") or "").strip()
    elsewhere = (msg.get("CT") or "").strip()
    sort_bin = (msg.get("CL") or "").strip()
    if alert_type == "01":
        return Destination.HOLD_SHELF, sort_bin
    if alert_type == "02":  # a hold at another branch: the item travels there
        if elsewhere and elsewhere != here:
            return Destination.TRANSIT, elsewhere
        return Destination.HOLD_SHELF, sort_bin
    if alert_type == "04":
        return Destination.TRANSIT, elsewhere or (msg.get("AQ") or "").strip()
    if alert_type in ("03", "99") or (msg.flag("alert") and alert_type in ("", "00")):
        return Destination.STAFF, sort_bin
    return Destination.SHELF, sort_bin


# ---------------------------------------------------------------------- 18


def is_unknown_item(msg: Message) -> bool:
    status = msg.fixed.get("circulation_status", "")
    if not (msg.get("AJ") or "").strip() and status in ("01", "00", ""):
        return True
    texts = msg.screen_messages
    return bool(texts) and guess_reason(texts, None) is Reason.UNKNOWN_ITEM


def is_charged(msg: Message) -> bool:
    return msg.fixed.get("circulation_status", "") in CHARGED_STATUSES


def item(msg: Message, item_id: str) -> Item | None:
    """18 as an Item; ``charged_to`` stays None: item information names no borrower."""
    if is_unknown_item(msg):
        return None
    return Item(
        barcode=msg.get("AB") or item_id, title=msg.get("AJ") or "", due=due_date(msg) if is_charged(msg) else None
    )


def returned(msg: Message, item_id: str, here: str) -> CheckinResult:
    """What a checkin whose answer was lost did, told from item information
    afterwards: the item is back, and its status says where it goes."""
    status = msg.fixed.get("circulation_status", "")
    home = (msg.get("AQ") or "").strip()
    if status == "08":
        destination, detail = Destination.HOLD_SHELF, ""
    elif status == "10":
        destination, detail = Destination.TRANSIT, home
    elif status in ("03", "09") and home in ("", here):
        destination, detail = Destination.SHELF, ""
    else:
        destination, detail = Destination.STAFF, ""
    return CheckinResult(True, item_id, msg.get("AJ") or "", destination=destination, destination_detail=detail)


def in_item_list(entries: list[str], item_id: str) -> bool:
    """Whether a 64 item list names the item (some servers append the title)."""
    wanted = item_id.strip().casefold()
    return any(e.strip().casefold() == wanted or e.strip().casefold().startswith(wanted + " ") for e in entries)


# ------------------------------------------------------------------ account

# The 63 item lists an account screen asks for, one per request: the spec
# lets a 63 ask for one list at a time, and Koha answers only the first Y.
ACCOUNT_LISTS = ("charged", "overdue", "hold", "unavailable_holds", "fine")
_LIST_TAGS = {"charged": "AU", "overdue": "AT", "hold": "AS", "unavailable_holds": "CD", "fine": "AV"}


def item_ids(entries: list[str]) -> list[str]:
    """Item ids of a 64 item list (some servers append the title after a space)."""
    return [e.strip().split(" ", 1)[0] for e in entries if e.strip()]


def account_item_ids(pages: dict[str, Message]) -> list[str]:
    """Every item the account names (loans and holds), once, in order: each gets a 17."""
    ids = [i for kind in ("charged", "hold", "unavailable_holds") for i in item_ids(_entries(pages, kind))]
    return list(dict.fromkeys(ids))


def _entries(pages: dict[str, Message], kind: str) -> list[str]:
    page = pages.get(kind)
    return page.get_all(_LIST_TAGS[kind]) if page is not None else []


def account(pages: dict[str, Message], items: dict[str, Message], *, today: date) -> Account:
    """The 64 of each list (``ACCOUNT_LISTS``) and the 18 of each item named.
    Amounts come from the charged-list 64: BV owed (in BH's currency), CC the limit."""
    first = pages["charged"]
    currency = first.get("BH")
    overdue_ids = set(item_ids(_entries(pages, "overdue")))

    def title(item_id: str) -> str:
        info = items.get(item_id)
        return (info.get("AJ") or "").strip() if info is not None else ""

    loans = []
    for item_id in item_ids(_entries(pages, "charged")):
        info = items.get(item_id)
        due = due_date(info) if info is not None else None
        waiting = _queue(info)
        late = item_id in overdue_ids or (due is not None and due < today)
        loans.append(Loan(item_id, title(item_id), due, late, waiting))
    holds = []
    for kind, ready in (("hold", True), ("unavailable_holds", False)):
        for item_id in item_ids(_entries(pages, kind)):
            info = items.get(item_id)
            pickup = (info.get("AP") or "").strip() if info is not None else ""
            holds.append(Hold(item_id, title(item_id), ready, pickup if ready else ""))
    limit = first.get("CC")
    return Account(
        loans=tuple(loans),
        holds=tuple(holds),
        fines=fines(first.get("BV"), currency),
        fine_items=tuple(e.strip() for e in _entries(pages, "fine") if e.strip()),
        fine_limit=fines(limit, currency) if limit and limit.strip() else None,
    )


def _queue(info: Message | None) -> int:
    """18 CF, the hold queue length: how many patrons wait for the item."""
    value = (info.get("CF") or "").strip() if info is not None else ""
    return int(value) if value.isdigit() else 0


def renew_all_results(reply: Message, items: dict[str, Message]) -> list[CheckoutResult]:
    """66 and the 18 of each item it names: renewed ones with their new due
    date; unrenewed ones with why, as far as the 18 tells (someone waits for
    it), else the plain "the library did not renew it"."""
    results = []
    for item_id in item_ids(reply.get_all("BM")):
        info = items.get(item_id)
        title = (info.get("AJ") or "") if info is not None else ""
        results.append(CheckoutResult(True, item_id, title, due=due_date(info) if info is not None else None))
    for item_id in item_ids(reply.get_all("BN")):
        info = items.get(item_id)
        title = (info.get("AJ") or "") if info is not None else ""
        reason = Reason.ON_HOLD_FOR_OTHER if _queue(info) else Reason.NOT_RENEWED
        results.append(CheckoutResult(False, item_id, title, reason=reason))
    return results
