"""A patron session: journal first, catalog's word online, offline policy otherwise."""

from datetime import date, timedelta

import pytest

from kiosk.catalog import demo_data as d
from kiosk.circulation import CirculationService, OfflinePolicy
from kiosk.errors import CatalogUnavailable
from kiosk.journal import Journal
from kiosk.models import Reason, TxKind, TxState
from kiosk.pins import PinPolicy

SITI, BUDI, RINA = d.patron_card(1), d.patron_card(2), d.patron_card(3)
TODAY = date(2026, 11, 23)


@pytest.fixture
def journal(tmp_path):
    j = Journal.open(tmp_path / "journal.sqlite3", salt="t")
    yield j
    j.close()


def service(catalog, journal, **policy):
    """PINs offline taken on trust, so these tests are about lending (tests/unit/test_pins.py: PINs)."""
    pins = PinPolicy(offline="trust")
    return CirculationService(catalog, journal, OfflinePolicy(**policy), today=lambda: TODAY, pins=pins)


def test_online_checkout_is_journalled_done_with_the_catalogs_due_date(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session
    outcome = circ.checkout(session, d.item_barcode(1))
    assert outcome.ok and outcome.title == "Laskar Pelangi" and not outcome.offline
    row = journal.get(outcome.tx_uuid)
    assert row.state is TxState.DONE and row.due == outcome.due


def test_refusal_is_journalled_with_its_reason(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session
    outcome = circ.checkout(session, d.item_barcode(3))
    assert not outcome.ok and outcome.reason is Reason.ON_HOLD_FOR_OTHER
    row = journal.get(outcome.tx_uuid)
    assert row.state is TxState.REFUSED and row.reason == "on_hold_for_other"


def test_sign_in_refusals(catalog, journal):
    circ = service(catalog, journal)
    assert circ.sign_in(SITI, "0000").reason is Reason.WRONG_PIN
    assert circ.sign_in(RINA, "1234").reason is Reason.PATRON_BLOCKED
    assert circ.sign_in("21111111111111").reason is Reason.UNKNOWN_PATRON


def test_the_row_is_durable_before_the_catalog_is_asked(catalog, journal):
    seen = []
    original = catalog.checkout

    def checkout(card, item, **kw):
        seen.extend(journal.in_state(TxState.PENDING))
        return original(card, item, **kw)

    catalog.checkout = checkout
    circ = service(catalog, journal)
    circ.checkout(circ.sign_in(SITI).session, d.item_barcode(1))
    assert [t.item_id for t in seen] == [d.item_barcode(1)]


def test_offline_checkout_is_queued_with_the_offline_loan_period(catalog, journal):
    circ = service(catalog, journal, loan_days=10)
    session = circ.sign_in(SITI, "1234").session
    catalog.reachable = False
    outcome = circ.checkout(session, d.item_barcode(1))
    assert outcome.ok and outcome.offline and outcome.due == TODAY + timedelta(days=10)
    assert journal.get(outcome.tx_uuid).state is TxState.QUEUED
    assert session.offline


def test_offline_sign_in_and_limit(catalog, journal):
    circ = service(catalog, journal, max_items_per_patron=2)
    catalog.reachable = False
    session = circ.sign_in(BUDI, "1234").session
    assert session.offline and session.patron is None
    outcomes = [circ.checkout(session, d.item_barcode(n)) for n in (1, 5, 6)]
    assert [o.ok for o in outcomes] == [True, True, False]
    assert outcomes[2].reason is Reason.OFFLINE_LIMIT
    assert journal.get(outcomes[2].tx_uuid).state is TxState.REFUSED


def test_offline_refuses_patrons_known_to_be_blocked(catalog, journal):
    circ = service(catalog, journal)
    circ.sign_in(RINA, "1234")  # the catalog says blocked; the kiosk remembers (hashed)
    catalog.reachable = False
    assert circ.sign_in(RINA, "1234").reason is Reason.PATRON_BLOCKED
    assert circ.sign_in(SITI, "1234").ok


def test_offline_can_be_switched_off(catalog, journal):
    circ = service(catalog, journal, enabled=False)
    session = circ.sign_in(SITI, "1234").session
    catalog.reachable = False
    outcome = circ.checkout(session, d.item_barcode(1))
    assert not outcome.ok and outcome.reason is Reason.OFFLINE_NOT_ALLOWED
    assert circ.sign_in(SITI, "1234").reason is Reason.OFFLINE_NOT_ALLOWED


def test_a_lost_answer_is_marked_for_verification(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session

    def lost(*_a, **_k):
        raise CatalogUnavailable("timed out after sending", maybe_applied=True)

    catalog.checkout = lost
    outcome = circ.checkout(session, d.item_barcode(1))
    assert outcome.ok and outcome.offline
    assert journal.get(outcome.tx_uuid).extra["verify"] is True


def test_checkin_online_and_offline(catalog, journal):
    circ = service(catalog, journal)
    online = circ.checkin(d.item_barcode(4))
    assert online.ok and online.kind is TxKind.CHECKIN
    catalog.reachable = False
    offline = circ.checkin(d.item_barcode(10))
    assert offline.ok and offline.offline
    assert journal.get(offline.tx_uuid).state is TxState.QUEUED


def test_security_is_switched_after_the_catalog_says_yes(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session
    calls = []
    ok = circ.checkout(session, d.item_barcode(1), secure=lambda armed: calls.append(armed) or True)
    refused = circ.checkout(session, d.item_barcode(3), secure=lambda armed: calls.append(armed) or True)
    assert calls == [False]  # unsecured once, and only for the loan
    assert ok.security_ok and refused.security_ok
    back = circ.checkin(d.item_barcode(1), secure=lambda armed: calls.append(armed) or True)
    assert back.ok and calls == [False, True]


def test_a_tag_that_cannot_be_unsecured_goes_to_the_desk_with_an_alert(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session
    outcome = circ.checkout(session, d.item_barcode(1), secure=lambda armed: False)
    assert outcome.ok and not outcome.security_ok
    alerts = journal.open_alerts()
    assert alerts and alerts[0]["item_id"] == d.item_barcode(1) and alerts[0]["kind"] == "security"


def test_renew_online_and_refused_offline(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(BUDI, "1234").session
    assert circ.renew(session, d.item_barcode(4)).ok
    catalog.reachable = False
    assert circ.renew(session, d.item_barcode(4)).reason is Reason.OFFLINE_NO_RENEWAL


def test_end_session_forgets_the_patron(catalog, journal):
    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session
    circ.checkout(session, d.item_barcode(1))
    circ.end_session(session)
    assert session.patron is None and session.outcomes == []


def test_a_stack_checked_out_in_parallel_gives_the_one_by_one_answers(catalog, journal):
    circ = service(catalog, journal)
    items = [d.item_barcode(n) for n in (1, 3, 5, 6, 18, 24)]
    session = circ.sign_in(SITI, "1234").session
    outcomes = circ.checkout_stack(session, [(i, None) for i in items])
    assert [o.item_id for o in outcomes] == items
    assert [o.ok for o in outcomes] == [True, False, True, True, False, True]
    assert len(catalog.history()) == 4 and journal.counts()["done"] == 4


def test_the_ils_receipt_lines_reach_the_outcome(catalog, journal):
    from kiosk.models import CheckoutResult

    circ = service(catalog, journal)
    session = circ.sign_in(SITI, "1234").session
    catalog.checkout = lambda card, item, **kw: CheckoutResult(
        True, item, "Laskar Pelangi", due=TODAY, print_lines=("Denda keterlambatan Rp500/hari",)
    )
    assert circ.checkout(session, d.item_barcode(1)).print_lines == ("Denda keterlambatan Rp500/hari",)
