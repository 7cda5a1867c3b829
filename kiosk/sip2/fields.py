"""SIP2 message layouts, as data.

Every message is a two-digit command code, a fixed-length part made of
positional fields, then variable fields `XXvalue|`.  The tables below are
the 3M "Standard Interchange Protocol Version 2.00" layouts of the
messages a self-check uses (plus the extension fields real ACSs send,
e.g. Koha's CV/CY/DA), so the codec, the client and the fake server all
read one definition instead of one function per message.

`required`/`optional` mirror the spec.  The decoder only *reports*
missing required fields (real servers omit some, e.g. Koha leaves AQ out
of a 10 for an unknown item); the builder always emits them, empty if
need be, because the spec says required fields must be present.
"""

from __future__ import annotations

from dataclasses import dataclass

BLANK_DATE = " " * 18

# Variable field tags -> readable names (spec 2.00 + common extensions).
TAG_NAMES: dict[str, str] = {
    "AA": "patron_identifier",
    "AB": "item_identifier",
    "AC": "terminal_password",
    "AD": "patron_password",
    "AE": "personal_name",
    "AF": "screen_message",
    "AG": "print_line",
    "AH": "due_date",
    "AJ": "title_identifier",
    "AL": "blocked_card_msg",
    "AM": "library_name",
    "AN": "terminal_location",
    "AO": "institution_id",
    "AP": "current_location",
    "AQ": "permanent_location",
    "AS": "hold_items",
    "AT": "overdue_items",
    "AU": "charged_items",
    "AV": "fine_items",
    "AY": "sequence_number",
    "AZ": "checksum",
    "BD": "home_address",
    "BE": "email_address",
    "BF": "home_phone_number",
    "BG": "owner",
    "BH": "currency_type",
    "BI": "cancel",
    "BK": "transaction_id",
    "BL": "valid_patron",
    "BM": "renewed_items",
    "BN": "unrenewed_items",
    "BO": "fee_acknowledged",
    "BP": "start_item",
    "BQ": "end_item",
    "BR": "queue_position",
    "BS": "pickup_location",
    "BT": "fee_type",
    "BU": "recall_items",
    "BV": "fee_amount",
    "BW": "expiration_date",
    "BX": "supported_messages",
    "BY": "hold_type",
    "BZ": "hold_items_limit",
    "CA": "overdue_items_limit",
    "CB": "charged_items_limit",
    "CC": "fee_limit",
    "CD": "unavailable_hold_items",
    "CF": "hold_queue_length",
    "CG": "fee_identifier",
    "CH": "item_properties",
    "CI": "security_inhibit",
    "CJ": "recall_date",
    "CK": "media_type",
    "CL": "sort_bin",
    "CM": "hold_pickup_date",
    "CN": "login_user_id",
    "CO": "login_password",
    "CP": "location_code",
    "CQ": "valid_patron_password",
    # Extensions seen in the wild (3M 2005 extensions, Koha, Envisionware).
    "CR": "collection_code",
    "CS": "call_number",
    "CT": "destination_location",
    "CV": "alert_type",
    "CY": "hold_patron_id",
    "DA": "hold_patron_name",
    "PA": "pac_access_type",
    "PB": "patron_birth_date",
    "PC": "patron_class",
    "PI": "internet_profile",
}

# Secrets that must never reach a log: patron PIN, login user/password,
# terminal password.
SECRET_TAGS = frozenset({"AD", "CN", "CO", "AC"})

# 63 summary: position of the single "Y" that asks for one item list.
SUMMARY_POSITIONS: dict[str, int] = {
    "hold": 0,
    "overdue": 1,
    "charged": 2,
    "fine": 3,
    "recall": 4,
    "unavailable_holds": 5,
}

# 64 item-list tags, in summary order.
SUMMARY_TAGS = ("AS", "AT", "AU", "AV", "BU", "CD")

# 98 BX: one Y/N per request message, in this order.
SUPPORTED_MESSAGE_ORDER = (
    "23",
    "11",
    "09",
    "01",
    "99",
    "97",
    "93",
    "63",
    "35",
    "37",
    "17",
    "19",
    "25",
    "15",
    "29",
    "65",
)

# 64/24 patron status: 14 positions, "Y" means the condition holds.
PATRON_STATUS_FLAGS = (
    "charge_privileges_denied",
    "renewal_privileges_denied",
    "recall_privileges_denied",
    "hold_privileges_denied",
    "card_reported_lost",
    "too_many_items_charged",
    "too_many_items_overdue",
    "too_many_renewals",
    "too_many_claims_of_items_returned",
    "too_many_items_lost",
    "excessive_outstanding_fines",
    "excessive_outstanding_fees",
    "recall_overdue",
    "too_many_items_billed",
)

# 18 circulation status codes.
CIRCULATION_STATUS = {
    "01": "other",
    "02": "on_order",
    "03": "available",
    "04": "charged",
    "05": "charged_not_to_be_recalled",
    "06": "in_process",
    "07": "recalled",
    "08": "waiting_on_hold_shelf",
    "09": "waiting_to_be_reshelved",
    "10": "in_transit",
    "11": "claimed_returned",
    "12": "lost",
    "13": "missing",
}

# 10 CV alert types (3M extension, used by Koha and most RFID sorters).
ALERT_TYPES = {
    "00": "unknown",
    "01": "hold_local",
    "02": "hold_remote",
    "03": "ill",
    "04": "transit",
    "99": "other",
}


@dataclass(frozen=True)
class FixedField:
    """One positional field of the fixed part.

    kind: "date" (18 chars), "flag" (Y/N/U), "bit" (0/1), "digits", "text".
    default: used by `codec.make` when the caller omits the field; None
    means "must be given" (for dates: the current time).
    """

    name: str
    width: int
    kind: str = "text"
    default: str | None = None


@dataclass(frozen=True)
class MessageSpec:
    """Layout of one message: fixed part, then variable tags in spec order."""

    code: str
    name: str
    fixed: tuple[FixedField, ...]
    tags: tuple[str, ...]
    required: frozenset[str]
    response: str | None = None

    @property
    def fixed_length(self) -> int:
        return sum(f.width for f in self.fixed)


def _date(name: str = "transaction_date", default: str | None = None) -> FixedField:
    return FixedField(name, 18, "date", default)


def _flag(name: str, default: str = "N") -> FixedField:
    return FixedField(name, 1, "flag", default)


def _bit(name: str, default: str = "0") -> FixedField:
    return FixedField(name, 1, "bit", default)


def _num(name: str, width: int, default: str | None = None) -> FixedField:
    return FixedField(name, width, "digits", default)


def _text(name: str, width: int, default: str | None = None) -> FixedField:
    return FixedField(name, width, "text", default)


def _spec(code: str, name: str, fixed, layout: str = "", response: str | None = None):
    """`layout` lists tags in spec order; a trailing * marks a required tag."""
    words = layout.split()
    return MessageSpec(
        code=code,
        name=name,
        fixed=tuple(fixed),
        tags=tuple(w.rstrip("*") for w in words),
        required=frozenset(w.rstrip("*") for w in words if w.endswith("*")),
        response=response,
    )


_PATRON_STATUS = _text("patron_status", 14, " " * 14)
_LANGUAGE = _num("language", 3, "000")
_SCREEN = " AF AG"  # screen message / print line: optional, repeatable, last

_CIRC_RESPONSE_FIXED = (
    _bit("ok"),
    _flag("renewal_ok"),
    _flag("magnetic_media", "U"),
    _flag("desensitize", "U"),
    _date(),
)
_CIRC_RESPONSE_LAYOUT = "AO* AA* AB* AJ* AH* BT CI BH BV CK CH BK BL CQ" + _SCREEN

_ALL = (
    # ---- SC -> ACS -------------------------------------------------------
    _spec("93", "login", [_num("uid_algorithm", 1, "0"), _num("pwd_algorithm", 1, "0")], "CN* CO* CP", response="94"),
    _spec(
        "99",
        "sc_status",
        [_num("status_code", 1, "0"), _num("max_print_width", 3, "000"), _text("protocol_version", 4, "2.00")],
        response="98",
    ),
    _spec(
        "63",
        "patron_information",
        [_LANGUAGE, _date(), _text("summary", 10, " " * 10)],
        "AO* AA* AC AD BP BQ",
        response="64",
    ),
    _spec("23", "patron_status", [_LANGUAGE, _date()], "AO* AA* AC* AD*", response="24"),
    _spec(
        "11",
        "checkout",
        [_flag("sc_renewal_policy", "Y"), _flag("no_block"), _date(), _date("nb_due_date", BLANK_DATE)],
        "AO* AA* AB* AC* CH AD BO BI",
        response="12",
    ),
    _spec("09", "checkin", [_flag("no_block"), _date(), _date("return_date")], "AP* AO* AB* AC* CH BI", response="10"),
    _spec("17", "item_information", [_date()], "AO* AB* AC", response="18"),
    _spec(
        "29",
        "renew",
        [_flag("third_party_allowed"), _flag("no_block"), _date(), _date("nb_due_date", BLANK_DATE)],
        "AO* AA* AD AB AJ AC CH BO",
        response="30",
    ),
    _spec("65", "renew_all", [_date()], "AO* AA* AD AC BO", response="66"),
    _spec("35", "end_patron_session", [_date()], "AO* AA* AC AD", response="36"),
    _spec(
        "37",
        "fee_paid",
        [_date(), _num("fee_type", 2, "01"), _num("payment_type", 2, "00"), _text("currency_type", 3)],
        "BV* AO* AA* AC AD CG BK",
        response="38",
    ),
    _spec("15", "hold", [_text("hold_mode", 1, "+"), _date()], "BW BS BY AO* AA* AD AB AJ AC BO", response="16"),
    _spec("97", "request_acs_resend", []),
    # ---- ACS -> SC -------------------------------------------------------
    _spec("94", "login_response", [_bit("ok")], _SCREEN),
    _spec(
        "98",
        "acs_status",
        [
            _flag("online_status", "Y"),
            _flag("checkin_ok", "Y"),
            _flag("checkout_ok", "Y"),
            _flag("acs_renewal_policy", "Y"),
            _flag("status_update_ok"),
            _flag("offline_ok"),
            _num("timeout_period", 3, "000"),
            _num("retries_allowed", 3, "999"),
            _date("date_time_sync"),
            _text("protocol_version", 4, "2.00"),
        ],
        "AO* AM BX* AN" + _SCREEN,
    ),
    _spec(
        "64",
        "patron_information_response",
        [
            _PATRON_STATUS,
            _LANGUAGE,
            _date(),
            _num("hold_items_count", 4, "0000"),
            _num("overdue_items_count", 4, "0000"),
            _num("charged_items_count", 4, "0000"),
            _num("fine_items_count", 4, "0000"),
            _num("recall_items_count", 4, "0000"),
            _num("unavailable_holds_count", 4, "0000"),
        ],
        "AO* AA* AE* BZ CA CB BL CQ BH BV CC AS AT AU AV BU CD BD BE BF PA PB PC" + _SCREEN,
    ),
    _spec("24", "patron_status_response", [_PATRON_STATUS, _LANGUAGE, _date()], "AO* AA* AE* BL CQ BH BV" + _SCREEN),
    _spec("12", "checkout_response", _CIRC_RESPONSE_FIXED, _CIRC_RESPONSE_LAYOUT),
    _spec("30", "renew_response", _CIRC_RESPONSE_FIXED, _CIRC_RESPONSE_LAYOUT),
    _spec(
        "10",
        "checkin_response",
        [
            _bit("ok"),
            _flag("resensitize"),
            _flag("magnetic_media", "U"),
            _flag("alert"),
            _date(),
        ],
        "AO* AB* AQ* AJ CL AA CK CH CR CS CT CV CY DA" + _SCREEN,
    ),
    _spec(
        "18",
        "item_information_response",
        [
            _num("circulation_status", 2, "01"),
            _num("security_marker", 2, "00"),
            _num("fee_type", 2, "01"),
            _date(),
        ],
        "CF AH CJ CM AB* AJ* BG BH BV CK AQ AP CH CR CS" + _SCREEN,
    ),
    _spec(
        "66",
        "renew_all_response",
        [
            _bit("ok"),
            _num("renewed_count", 4, "0000"),
            _num("unrenewed_count", 4, "0000"),
            _date(),
        ],
        "AO* BM BN" + _SCREEN,
    ),
    _spec("36", "end_session_response", [_flag("end_session", "Y"), _date()], "AO* AA*" + _SCREEN),
    _spec("38", "fee_paid_response", [_flag("payment_accepted"), _date()], "AO* AA* BK" + _SCREEN),
    _spec("16", "hold_response", [_bit("ok"), _flag("available"), _date()], "BW BR BS AO* AA* AB AJ" + _SCREEN),
    _spec("96", "request_sc_resend", []),
)

SPECS: dict[str, MessageSpec] = {s.code: s for s in _ALL}
SPECS_BY_NAME: dict[str, MessageSpec] = {s.name: s for s in _ALL}

# Fixed fields whose value is a success indicator, in lookup order.
SUCCESS_FIELDS = ("ok", "payment_accepted", "end_session")
