"""What a SIP2 server's answers mean: the words real servers use become the
reasons a patron is shown; flags, dates, money and languages are read the
way servers send them."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.catalog import sip2_answers as answers
from kiosk.ils.sip2_answers import REFUSALS
from kiosk.models import Destination, Reason
from kiosk.sip2.codec import make


@pytest.mark.parametrize(
    "text, reason",
    [
        # Koha C4/SIP (ILS.pm, Transaction/Checkout.pm, Checkin) and its CanBookBeIssued codes
        ("Invalid Patron", Reason.UNKNOWN_PATRON),
        ("Invalid Item", Reason.UNKNOWN_ITEM),
        ("Patron debarred", Reason.PATRON_BLOCKED),
        ("Patron expired on 05/01/2024", Reason.PATRON_EXPIRED),
        ("Patron has fines - You owe Rp 25.000,00.", Reason.PATRON_FINES),
        ("Patron blocked", Reason.PATRON_BLOCKED),
        ("Item checked out to another patron", Reason.CHECKED_OUT_TO_OTHER),
        ("Item already checked out to another patron.  Please return item for check-in.", Reason.CHECKED_OUT_TO_OTHER),
        ("Item is on hold shelf for another patron.", Reason.ON_HOLD_FOR_OTHER),
        ("Item is reserved for another patron upon return.", Reason.ON_HOLD_FOR_OTHER),
        ("Outstanding Fines block issue", Reason.PATRON_FINES),
        ("Item type cannot be checked out at this checkout location", Reason.NOT_FOR_LOAN),
        ("NOT_FOR_LOAN: 1", Reason.NOT_FOR_LOAN),
        ("TOO_MANY: 5", Reason.LIMIT_REACHED),
        ("CARD_LOST: 1", Reason.PATRON_BLOCKED),
        ("UNKNOWN_BARCODE: 1", Reason.UNKNOWN_ITEM),
        ("DEBT: 12.50", Reason.PATRON_FINES),
        ("Item not checked out", Reason.NOT_ON_LOAN),
        ("Invalid patron password", Reason.WRONG_PIN),
        # Evergreen SIPServer / OpenILS::SIP (screen messages and event text codes)
        ("Invalid Patron Barcode '29001000000013'", Reason.UNKNOWN_PATRON),
        ("Invalid Item Barcode: '39001000000011'", Reason.UNKNOWN_ITEM),
        ("Patron Blocked", Reason.PATRON_BLOCKED),
        ("PATRON_EXCEEDS_CHECKOUT_COUNT", Reason.LIMIT_REACHED),
        ("PATRON_EXCEEDS_FINES", Reason.PATRON_FINES),
        ("PATRON_EXCEEDS_OVERDUE_COUNT", Reason.PATRON_BLOCKED),
        ("ITEM_ON_HOLDS_SHELF", Reason.ON_HOLD_FOR_OTHER),
        ("COPY_CIRC_NOT_ALLOWED", Reason.NOT_FOR_LOAN),
        ("ASSET_COPY_NOT_FOUND", Reason.UNKNOWN_ITEM),
        ("ACTOR_USER_NOT_FOUND", Reason.UNKNOWN_PATRON),
        ("OPEN_CIRCULATION_EXISTS", Reason.CHECKED_OUT_TO_OTHER),
        ("PATRON_BARRED", Reason.PATRON_BLOCKED),
        # FOLIO edge-sip2 (mod-circulation's validation messages)
        (
            "Laskar Pelangi (Book) (Barcode: 39001000000011) has the item status Checked out and cannot be checked out",
            Reason.CHECKED_OUT_TO_OTHER,
        ),
        ("Patron has reached maximum limit of 10 items for loan type", Reason.LIMIT_REACHED),
        ("Patron blocked from borrowing", Reason.PATRON_BLOCKED),
        ("Item is not loanable", Reason.NOT_FOR_LOAN),
        ("No item with barcode 39001000000995 could be found", Reason.UNKNOWN_ITEM),
        # what nobody can guess stays the server's own words
        ("Problems handling the request", Reason.OTHER),
        ("Renewal not allowed", Reason.OTHER),
    ],
)
def test_a_refusal_in_a_servers_words_becomes_the_reason_a_patron_is_shown(text, reason):
    assert answers.guess_reason(text) is reason


@pytest.mark.parametrize("reason", list(REFUSALS))
def test_every_refusal_our_sip2_server_words_reads_back_as_itself(reason):
    assert answers.guess_reason(REFUSALS[reason]) is reason


def _checkout_reply(ok: bool, **tags):
    fixed = {
        "ok": "1" if ok else "0",
        "renewal_ok": "N",
        "magnetic_media": "N",
        "desensitize": "Y",
        "transaction_date": "20240506    103000",
    }
    return make("12", fixed, AO="MAIN", AA="P1", AB="I1", AJ="Laskar Pelangi", **tags)


@pytest.mark.parametrize(
    "due, expected",
    [
        ("20240520    235900", date(2024, 5, 20)),  # local time, the spec's form
        ("2024-05-20 23:59:00", date(2024, 5, 20)),  # Koha with format_due_date
        ("20240520   Z120000", date(2024, 5, 20)),  # UTC noon is the same day anywhere but the dateline
    ],
)
def test_the_due_date_is_read_in_the_forms_servers_send(due, expected):
    result = answers.checkout_result(_checkout_reply(True, AH=due, AF="Loan period reduced", AG="receipt line"), "I1")
    assert result.ok and result.due == expected and result.title == "Laskar Pelangi"
    assert result.screen_message == "Loan period reduced" and result.print_lines == ("receipt line",)


def test_a_refusal_keeps_the_servers_words_and_flags_come_before_text():
    result = answers.checkout_result(_checkout_reply(False, AH="", AF="Item checked out to another patron"), "I1")
    assert (result.ok, result.reason, result.screen_message) == (
        False,
        Reason.CHECKED_OUT_TO_OTHER,
        "Item checked out to another patron",
    )
    assert (
        answers.checkout_result(_checkout_reply(False, AH="", BL="N", AF="Blah"), "I1").reason is Reason.UNKNOWN_PATRON
    )
    assert answers.checkout_result(_checkout_reply(False, AH="", BL="Y", CQ="N"), "I1").reason is Reason.WRONG_PIN
    odd = answers.checkout_result(_checkout_reply(False, AH="", AF="Computer says no"), "I1")
    assert (odd.reason, odd.screen_message) == (Reason.OTHER, "Computer says no")


def _patron_reply(status=" " * 14, **tags):
    fixed = {"patron_status": status, "language": tags.pop("language", "000"), "transaction_date": "20240506    103000"}
    return make("64", fixed, AO="MAIN", AA="P1", **{"AE": "Siti", "BL": "Y", **tags})


@pytest.mark.parametrize(
    "status, af, reason",
    [
        ("Y" + " " * 9 + "Y" + " " * 3, None, Reason.PATRON_FINES),  # charge denied + excessive fines
        ("Y" + " " * 13, "Patron expired on 05/01/2024", Reason.PATRON_EXPIRED),
        ("    Y" + " " * 9, None, Reason.PATRON_BLOCKED),  # card reported lost
        ("YYYY" + " " * 10, "Patron debarred", Reason.PATRON_BLOCKED),
    ],
)
def test_a_blocked_patron_is_told_why(status, af, reason):
    answer = answers.patron_answer(_patron_reply(status, AF=af), "P1", pin_given=False)
    assert answer.patron.blocked and answer.patron.block_reason is reason


def test_a_patron_answer_carries_name_language_fines_messages_and_print_lines():
    reply = _patron_reply(
        language="023",
        BV="25000",
        BH="IDR",
        AU=["I1", "I2"],
        AS=["HOLD"],
        AF=["Selamat datang", "Welcome"],
        AG=["Siti", "Loans: 2"],
        CQ="Y",
    )
    patron = answers.patron_answer(reply, "P1", pin_given=True).patron
    assert (patron.name, patron.language, patron.fines) == ("Siti", "id", 25000)
    assert patron.loans == ("I1", "I2") and patron.holds == ("HOLD",) and not patron.blocked
    assert patron.screen_message == "Selamat datang Welcome" and patron.print_lines == ("Siti", "Loans: 2")


def test_an_unknown_card_and_a_wrong_pin_are_refusals_not_patrons():
    assert answers.patron_answer(_patron_reply(BL="N", AE=""), "X", pin_given=False).reason is Reason.UNKNOWN_PATRON
    assert answers.patron_answer(_patron_reply(CQ="N"), "P1", pin_given=True).reason is Reason.WRONG_PIN
    # a server that checks no passwords says nothing: the patron is let in
    assert answers.patron_answer(_patron_reply(), "P1", pin_given=True).ok


@pytest.mark.parametrize(
    "amount, currency, expected",
    [
        ("12.50", "EUR", 1250),
        ("25000", "IDR", 25000),
        ("25000.00", "IDR", 25000),
        ("7,5", "USD", 750),
        ("", None, 0),
        ("n/a", "EUR", 0),
        ("-3.00", "EUR", 0),
    ],
)
def test_fines_are_counted_in_the_smallest_unit_in_use(amount, currency, expected):
    assert answers.fines(amount, currency) == expected


@pytest.mark.parametrize(
    "code, language", [("001", "en"), ("024", "en"), ("023", "id"), ("000", None), ("003", None), (None, None)]
)
def test_sip2_language_codes(code, language):
    assert answers.language(code) == language


def _checkin_reply(ok=True, alert="N", **tags):
    fixed = {
        "ok": "1" if ok else "0",
        "resensitize": "Y",
        "magnetic_media": "N",
        "alert": alert,
        "transaction_date": "20240506    103000",
    }
    return make("10", fixed, AO="MAIN", AB="I1", **{"AQ": "MAIN", "AJ": "Laskar Pelangi", **tags})


@pytest.mark.parametrize(
    "tags, alert, destination, detail",
    [
        ({}, "N", Destination.SHELF, ""),
        ({"CL": "B3"}, "N", Destination.SHELF, "B3"),
        ({"CV": "01", "CY": "P2"}, "Y", Destination.HOLD_SHELF, ""),
        ({"CV": "02", "CT": "TMR"}, "Y", Destination.TRANSIT, "TMR"),  # held for a patron at another branch
        ({"CV": "02", "CT": "MAIN"}, "Y", Destination.HOLD_SHELF, ""),
        ({"CV": "04", "CT": "TMR"}, "Y", Destination.TRANSIT, "TMR"),
        ({"CV": "04", "AQ": "TMR"}, "Y", Destination.TRANSIT, "TMR"),  # no CT: home branch
        ({"CV": "99"}, "Y", Destination.STAFF, ""),
        ({}, "Y", Destination.STAFF, ""),  # an alert nobody explained
    ],
)
def test_a_returned_item_goes_where_the_checkin_answer_says(tags, alert, destination, detail):
    result = answers.checkin_result(_checkin_reply(alert=alert, **tags), "I1", "MAIN")
    assert result.ok and (result.destination, result.destination_detail) == (destination, detail)


def test_a_refused_return_goes_to_staff_with_the_reason():
    result = answers.checkin_result(_checkin_reply(ok=False, alert="Y", CV="99", AF="Invalid Item"), "I1", "MAIN")
    assert (result.ok, result.destination, result.reason) == (False, Destination.STAFF, Reason.UNKNOWN_ITEM)


def _item_reply(status, title="Laskar Pelangi", **tags):
    fixed = {
        "circulation_status": status,
        "security_marker": "02",
        "fee_type": "01",
        "transaction_date": "20240506    103000",
    }
    return make("18", fixed, AB="I1", AJ=title, **tags)


def test_item_information_says_on_loan_or_unknown_but_names_no_borrower():
    on_loan = answers.item(_item_reply("04", AH="20240520    235900"), "I1")
    assert on_loan.title == "Laskar Pelangi" and on_loan.due == date(2024, 5, 20) and on_loan.charged_to is None
    assert answers.is_charged(_item_reply("04")) and not answers.is_charged(_item_reply("03"))
    assert answers.item(_item_reply("01", title=""), "I1") is None  # Koha's unknown item
    assert answers.item(_item_reply("01", title="", AF="Item not found"), "I1") is None
    assert answers.item(_item_reply("01", title="Atlas"), "I1").title == "Atlas"  # "other" but known


def test_a_charged_list_names_the_item_even_with_a_title_after_it():
    assert answers.in_item_list(["I2", "i1"], "I1")
    assert answers.in_item_list(["I1 Laskar Pelangi"], "I1")
    assert not answers.in_item_list(["I10", "XI1"], "I1")
