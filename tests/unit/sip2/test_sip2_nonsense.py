"""Numbers and dates an ILS sends as nonsense: read as "unknown", never a crash.

The values are the ones a hostile SIP2 server found (issue 13): Unicode
digits that pass ``str.isdigit()`` and then fail ``int()``, amounts that
overflow ``decimal``, a due date that overflows on conversion to local time.
"""

from __future__ import annotations

import pytest

from kiosk.catalog import sip2_answers as answers
from kiosk.ils.sip2_answers import BadRequest, Sip2Answers
from kiosk.sip2 import decode, encode, make, parse_date
from kiosk.sip2.client import MAX_ACS_RETRIES, AcsStatus
from tests.fakes.hostile_sip2 import foreign_digits
from tests.fakes.sip2_ils import FakeIls


def _98(**fixed) -> AcsStatus:
    return AcsStatus.from_message(decode(encode(make("98", {"date_time_sync": " " * 18, **fixed}, BX="Y" * 16))))


@pytest.mark.parametrize("period", ["0²0", foreign_digits("123"), foreign_digits("010", "\uff10"), " ²"])
def test_a_timeout_in_unicode_digits_is_no_timeout(period):
    assert _98(timeout_period=period.ljust(3)[:3]).timeout is None


def test_a_98_asking_for_998_resends_gets_a_bounded_number():
    assert _98(retries_allowed="998").retries == MAX_ACS_RETRIES


def test_ascii_digits_still_give_the_timeout_and_retries():
    status = _98(timeout_period="050", retries_allowed="002")
    assert (status.timeout, status.retries) == (5.0, 2)


@pytest.mark.parametrize(
    "text",
    [
        "99991231   Z235959",  # a "never" stamp: overflows in astimezone()
        "00010101    000000",
        foreign_digits("20261231    235959"),  # strptime would read these
        foreign_digits("2026-12-31", "\uff10"),
        "9999-12-31",
        "20261301    000000",
    ],
)
def test_a_date_out_of_range_or_in_foreign_digits_is_no_date(text):
    assert parse_date(text) is None


def test_a_due_date_of_year_9999_utc_is_unknown_not_a_crash():
    msg = make("12", {"ok": "1"}, AO="MAIN", AA="P1", AB="I1", AJ="Dune", AH="99991231   Z235959")
    result = answers.checkout_result(msg, "I1")
    assert result.ok and result.due is None


def test_ordinary_dates_still_parse():
    assert parse_date("20261231    235959").year == 2026
    assert parse_date("20261231   Z235959").tzinfo is not None
    assert parse_date("2026-12-31").day == 31


@pytest.mark.parametrize(
    "amount", ["1e999999", "NaN", "sNaN", "Infinity", "-Infinity", foreign_digits("12"), "1_000", "9" * 400]
)
def test_fines_that_are_no_amount_read_as_none(amount):
    assert answers.fines(amount, "IDR") == 0


@pytest.mark.parametrize("amount, currency, expected", [("12.50", "USD", 1250), ("2000", "IDR", 2000)])
def test_fines_in_plain_digits_still_count(amount, currency, expected):
    assert answers.fines(amount, currency) == expected


@pytest.mark.parametrize("position", ["abc", "0²0", foreign_digits("1"), "1" * 40, "-1"])
def test_the_server_refuses_a_list_position_that_is_no_number(position):
    ils = FakeIls("MAIN")
    ils.add_patron("P1")
    request = decode(encode(make("63", {"summary": "  Y       "}, AO="MAIN", AA="P1", BP=position, BQ="5"), 0))
    with pytest.raises(BadRequest):
        Sip2Answers(ils).answer(request)


@pytest.mark.parametrize("amount", ["NaN", "1e999999", "Infinity", foreign_digits("12")])
def test_the_server_reads_a_payment_that_is_no_amount_as_none(amount):
    ils = FakeIls("MAIN")
    ils.add_patron("P1")
    seen, real = [], ils.fee_paid

    def fee_paid(card, amount, fee_id, transaction_id):
        seen.append(amount)
        return real(card, amount, fee_id, transaction_id)

    ils.fee_paid = fee_paid
    request = decode(encode(make("37", {"currency_type": "IDR"}, AO="MAIN", AA="P1", BV=amount), 0))
    Sip2Answers(ils).answer(request)
    assert seen == [None]
