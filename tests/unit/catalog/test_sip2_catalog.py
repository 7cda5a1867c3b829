"""The SIP2 catalog adapter against the fake ACS: what the kiosk learns
from each message, and how every way of failing reaches the kiosk
(offline, or "the catalog talks nonsense") without doubling a loan.

Latency is used only to cause a timeout; nothing asserts on elapsed time.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime

import pytest

from kiosk.catalog.base import Replay
from kiosk.errors import CatalogProtocolError, CatalogUnavailable
from kiosk.models import Destination, Reason
from kiosk.sip2.codec import decode
from tests.fakes.sip2_kiosk import PIN, library
from tests.fakes.sip2_server import FakeSip2Server, meet_side_by_side

TODAY = date(2024, 5, 6)  # the fake ILS's clock


def loans(ils, item):
    return [t for t in ils.transactions if t.item == item and t.kind in ("checkout", "renew")]


def test_a_patron_is_named_and_their_pin_checked(catalog):
    answer = catalog.patron("P1", PIN)
    assert answer.ok and answer.patron.name == "Siti Rahmawati" and not answer.patron.blocked
    assert catalog.patron("P1", "0000").reason is Reason.WRONG_PIN
    assert catalog.patron("NOBODY").reason is Reason.UNKNOWN_PATRON


def test_blocked_and_fined_patrons_are_told_why(catalog):
    blocked = catalog.patron("BLOCKED").patron
    assert blocked.blocked and blocked.block_reason is Reason.PATRON_BLOCKED
    fined = catalog.patron("FINED").patron
    assert fined.blocked and fined.block_reason is Reason.PATRON_FINES and fined.fines == 1250


def test_screen_messages_and_print_lines_reach_the_kiosk(ils, catalog):
    answer = ils.patron_information

    def with_print_lines(card, pin):  # an ILS that words its own messages and receipt lines
        return replace(
            answer(card, pin), message="Your card expires in 30 days", print_lines=("Siti Rahmawati", "Loans: 1")
        )

    ils.patron_information = with_print_lines
    patron = catalog.patron("P1").patron
    assert patron.screen_message == "Your card expires in 30 days"
    assert patron.print_lines == ("Siti Rahmawati", "Loans: 1")


def test_a_checkout_gives_the_title_and_the_due_date(ils, catalog):
    result = catalog.checkout("P1", "I1")
    assert result.ok and result.title == "Laskar Pelangi" and result.due == date(2024, 5, 20)
    assert ils.loans() == {"I1": "P1"}
    assert catalog.patron("P1").patron.loans == ("I1",)


@pytest.mark.parametrize(
    "card, item, reason",
    [
        ("P1", "HOLD", Reason.ON_HOLD_FOR_OTHER),
        ("BLOCKED", "I1", Reason.PATRON_BLOCKED),
        ("FINED", "I1", Reason.PATRON_FINES),
        ("P1", "NOPE", Reason.UNKNOWN_ITEM),
        ("NOBODY", "I1", Reason.UNKNOWN_PATRON),
        ("P1", "REF", Reason.NOT_FOR_LOAN),
    ],
)
def test_a_refused_checkout_says_why(ils, catalog, card, item, reason):
    result = catalog.checkout(card, item)
    assert not result.ok and result.reason is reason and result.screen_message
    assert ils.loans() == {}


def test_an_item_lent_to_someone_else_is_refused_with_the_ils_words(catalog):
    catalog.checkout("P2", "I1")
    result = catalog.checkout("P1", "I1")
    assert (
        result.reason is Reason.CHECKED_OUT_TO_OTHER and result.screen_message == "Item checked out to another patron"
    )


def test_a_refusal_nobody_can_guess_keeps_the_ils_message(ils, catalog):
    ils.update_item("I2", fee="3")
    result = catalog.checkout("P1", "I2")
    assert (result.ok, result.reason, result.screen_message) == (False, Reason.OTHER, "Fee must be acknowledged")


def test_returns_say_where_the_item_goes(ils, catalog):
    for item in ("I1", "HOLD", "AWAY"):  # HOLD is waiting for Budi once it is back
        ils.lend(item, "P1")
    shelf, hold, away = (catalog.checkin(item) for item in ("I1", "HOLD", "AWAY"))
    assert shelf.ok and shelf.destination is Destination.SHELF and shelf.title == "Laskar Pelangi"
    assert hold.destination is Destination.HOLD_SHELF
    assert (away.destination, away.destination_detail) == (Destination.TRANSIT, "TMR")
    assert ils.loans() == {}


def test_a_refused_return_says_why(catalog):
    assert catalog.checkin("I1").reason is Reason.NOT_ON_LOAN
    assert catalog.checkin("NOPE").reason is Reason.UNKNOWN_ITEM


def test_renewal(ils, catalog):
    catalog.checkout("P1", "I1")
    ils.add_rule("dewasa", "buku", loan_days=14, max_loans=10_000, max_renewals=1)
    assert catalog.renew("P1", "I1").ok
    assert catalog.renew("P1", "I1").reason is Reason.RENEWAL_LIMIT
    assert catalog.renew("P2", "I1").reason is Reason.NOT_ON_LOAN


def test_who_has_an_item_is_found_in_the_patrons_charged_list(ils, catalog):
    for n in range(120):  # more than two pages of the charged list
        ils.add_item(f"L{n}", title=f"Loan {n}")
        ils.lend(f"L{n}", "P2")
    catalog.checkout("P2", "I1")
    assert catalog.item("I1").title == "Laskar Pelangi" and catalog.item("I1").due == date(2024, 5, 20)
    assert catalog.is_charged_to("I1", "P2") is True
    assert catalog.is_charged_to("I1", "P1") is False
    assert catalog.is_charged_to("I2", "P2") is False
    assert catalog.is_charged_to("NOPE", "P2") is None
    assert (catalog.is_on_loan("I1"), catalog.is_on_loan("I2"), catalog.is_on_loan("NOPE")) == (True, False, None)
    assert catalog.item("NOPE") is None


def test_status_and_end_of_session(server, catalog):
    assert catalog.ping() is True
    server.online = False  # the ILS says it is offline (98 online status N)
    assert catalog.ping() is False
    catalog.end_session("P1")
    assert server.received[-1].startswith(b"35")


def test_a_catalog_that_is_switched_off_sends_the_kiosk_offline_without_doubt(server, catalog):
    server.stop()
    with pytest.raises(CatalogUnavailable) as refused:
        catalog.checkout("P1", "I1")
    assert refused.value.maybe_applied is False  # nothing was sent: the syncer may replay it as is


def test_no_answer_in_time_may_have_been_applied(ils, server, catalog_for):
    catalog = catalog_for(server, timeout_s=0.2)
    server.inject("delay", code="11", seconds=0.5)
    with pytest.raises(CatalogUnavailable) as lost:
        catalog.checkout("P1", "I1")
    assert lost.value.maybe_applied is True
    assert catalog.lost_answer_settle_s > 0.2  # the syncer waits for it before verifying


def test_nonsense_after_the_resends_is_a_protocol_error(server, catalog):
    server.inject("garbage", code="11")
    server.inject("garbage", code="97", times=10)  # and every repeat asked for is garbage too
    with pytest.raises(CatalogProtocolError):
        catalog.checkout("P1", "I1")


def test_a_refused_login_says_which_settings_to_check(server, catalog_for):
    catalog = catalog_for(server, password="wrong")
    with pytest.raises(CatalogUnavailable) as refused:
        catalog.ping()
    assert "username and password" in refused.value.hint


def test_sessions_the_ils_closed_meanwhile_are_replaced_unnoticed(ils, server, catalog):
    catalog.checkout("P1", "S0")
    catalog.checkout("P1", "S1")
    server.restart()  # every pooled session is dead now
    assert catalog.checkout("P1", "S2").ok
    assert sorted(ils.loans()) == ["S0", "S1", "S2"]


def test_the_heartbeat_drops_dead_sessions_before_a_patron_needs_one(server, catalog):
    catalog.ping()
    assert catalog.heartbeat() == 1
    server.restart()
    assert catalog.heartbeat() == 0
    assert catalog.checkout("P1", "I1").ok


def test_a_stack_is_checked_out_on_parallel_sessions(ils, server, catalog_for):
    from concurrent.futures import ThreadPoolExecutor

    catalog = catalog_for(server, timeout_s=10.0)  # the ILS holds the first checkouts until they meet
    met = meet_side_by_side(server, "11")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda n: catalog.checkout("P1", f"S{n}"), range(10)))
    assert all(r.ok for r in results)
    assert met == [True, True]  # two checkouts were at the ILS at the same time…
    assert len(ils.loans()) == 10 and server.connections_accepted > 1  # …on sessions of their own


def _last_checkout(server):
    return decode([f for f in server.received if f.startswith(b"11")][-1])


def test_koha_replays_an_offline_loan_with_no_block_and_its_due_date(ils, server, catalog_for):
    catalog = catalog_for(server, offline_profile="koha")
    lent_offline = Replay(transaction_date=datetime(2024, 5, 1, 9, 15), due=date(2024, 5, 15))
    result = catalog.checkout("BLOCKED", "I1", replay=lent_offline)  # the patron has been blocked since
    assert result.ok and result.due == date(2024, 5, 15)
    sent = _last_checkout(server)
    assert sent.fixed["no_block"] == "Y" and sent.fixed["nb_due_date"].startswith("20240515")
    assert sent.fixed["transaction_date"] == "20240501    091500"


def test_standard_servers_replay_normally_and_their_refusal_stands(server, catalog_for):
    server.ils.no_block_profile = "standard"
    catalog = catalog_for(server, offline_profile="standard")
    result = catalog.checkout("BLOCKED", "I1", replay=Replay(datetime(2024, 5, 1, 9, 15), date(2024, 5, 15)))
    assert not result.ok and result.reason is Reason.PATRON_BLOCKED
    sent = _last_checkout(server)
    assert sent.fixed["no_block"] == "N" and not sent.fixed["nb_due_date"].strip()
    assert sent.fixed["transaction_date"] == "20240501    091500"


def test_a_replayed_return_is_dated_when_the_item_came_back(ils, server, catalog):
    ils.lend("I1", "P1")
    assert catalog.checkin("I1", replay=Replay(datetime(2024, 5, 2, 16, 0))).ok
    sent = decode([f for f in server.received if f.startswith(b"09")][-1])
    assert sent.fixed["return_date"] == "20240502    160000"


def test_a_latin1_server_is_read_in_its_own_encoding(tmp_path, catalog_for):
    ils = library()
    ils.update_item("I1", title="Pippi Långstrump")
    with FakeSip2Server(ils, username="kiosk", password="s3cr3t-pw", encoding="cp1252") as srv:
        assert catalog_for(srv, encoding="cp1252").checkout("P1", "I1").title == "Pippi Långstrump"


def test_pins_and_passwords_never_reach_the_log(caplog, catalog):
    caplog.set_level(logging.DEBUG)
    catalog.patron("P1", PIN)
    catalog.checkout("P1", "I1")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "SIP2 ->" in text  # the exchange was logged...
    assert PIN not in text and "s3cr3t-pw" not in text  # ...without its secrets


def test_an_answer_the_rules_cannot_read_is_a_protocol_error_to_verify_later(ils, catalog, monkeypatch):
    """A gap in the answer rules (here: a parse that overflows) must not crash the
    checkout: the ILS got the request, so the kiosk goes offline and verifies it."""

    def overflowing(msg, item_id):
        raise OverflowError("date value out of range")

    monkeypatch.setattr("kiosk.catalog.sip2_answers.checkout_result", overflowing)
    with pytest.raises(CatalogProtocolError) as caught:
        catalog.checkout("P1", "I1")
    assert caught.value.maybe_applied and "OverflowError" in caught.value.message
    assert ils.item_information("I1").charged_to == "P1"  # applied: the syncer finds it charged
