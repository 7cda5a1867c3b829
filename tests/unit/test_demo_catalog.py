"""The demo catalog applies a real library's rules."""

from datetime import date, datetime, timedelta

import pytest

from kiosk.catalog import demo_data as d
from kiosk.catalog.base import Replay
from kiosk.catalog.demo import DemoCatalog
from kiosk.errors import CatalogUnavailable
from kiosk.models import Destination, Reason

SITI, BUDI, RINA, AGUS, PUTU, JOKO, MARIA = (d.patron_card(n) for n in range(1, 8))


def test_numbers_carry_a_valid_luhn_check_digit():
    def luhn_ok(code):
        digits = [int(c) for c in reversed(code)]
        return sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(digits)) % 10 == 0

    assert all(luhn_ok(d.patron_card(n)) and luhn_ok(d.item_barcode(n)) for n in range(1, 30))
    assert len(d.ITEMS) >= 20


def test_sign_in_checks_the_pin_and_reports_blocks(catalog):
    assert catalog.patron(SITI, "1234").ok
    assert catalog.patron(SITI, "9999").reason is Reason.WRONG_PIN
    assert catalog.patron("29999999999999").reason is Reason.UNKNOWN_PATRON
    assert catalog.patron(RINA).patron.block_reason is Reason.PATRON_BLOCKED
    assert catalog.patron(AGUS).patron.block_reason is Reason.PATRON_FINES
    assert catalog.patron(MARIA).patron.block_reason is Reason.PATRON_EXPIRED
    assert not catalog.patron(JOKO).patron.blocked  # a small fine does not block


@pytest.mark.parametrize(
    "card, item, reason",
    [
        (SITI, 3, Reason.ON_HOLD_FOR_OTHER),
        (SITI, 18, Reason.NOT_FOR_LOAN),
        (SITI, 10, Reason.CHECKED_OUT_TO_OTHER),
        (PUTU, 5, Reason.LIMIT_REACHED),
        (RINA, 1, Reason.PATRON_BLOCKED),
        (AGUS, 1, Reason.PATRON_FINES),
        (BUDI, 4, Reason.ALREADY_ON_LOAN_TO_YOU),
    ],
)
def test_refusals(catalog, card, item, reason):
    result = catalog.checkout(card, d.item_barcode(item))
    assert not result.ok and result.reason is reason
    assert result.title  # the patron sees which item


def test_unknown_item(catalog):
    assert catalog.checkout(SITI, "39999999999999").reason is Reason.UNKNOWN_ITEM


def test_checkout_sets_due_date_from_the_loan_rules():
    today = date(2026, 11, 23)
    catalog = DemoCatalog(":memory:", today=lambda: today)
    book = catalog.checkout(SITI, d.item_barcode(1))
    media = catalog.checkout(SITI, d.item_barcode(20))
    assert book.ok and book.due == today + timedelta(days=14)
    assert media.ok and media.due == today + timedelta(days=7)
    assert catalog.item(d.item_barcode(1)).charged_to == SITI
    catalog.close()


def test_a_hold_is_filled_by_its_patron(catalog):
    result = catalog.checkout(SITI, d.item_barcode(9))
    assert result.ok
    assert catalog.item(d.item_barcode(9)).on_hold_for is None


def test_checkin_routes_items(catalog):
    assert catalog.checkin(d.item_barcode(10)).destination is Destination.HOLD_SHELF  # Siti waits for it
    transit = catalog.checkin(d.item_barcode(11))
    assert transit.destination is Destination.TRANSIT and transit.destination_detail == "Cabang Timur"
    assert catalog.checkin(d.item_barcode(4)).destination is Destination.SHELF
    assert catalog.item(d.item_barcode(4)).charged_to is None
    assert catalog.checkin("39999999999999").reason is Reason.UNKNOWN_ITEM


def test_renewal_rules(catalog):
    assert catalog.renew(BUDI, d.item_barcode(4)).ok
    assert catalog.renew(BUDI, d.item_barcode(4)).ok
    assert catalog.renew(BUDI, d.item_barcode(4)).reason is Reason.RENEWAL_LIMIT
    assert catalog.renew(SITI, d.item_barcode(4)).reason is Reason.NOT_ON_LOAN
    assert catalog.renew(JOKO, d.item_barcode(10)).reason is Reason.ON_HOLD_FOR_OTHER


def test_replay_keeps_the_offline_dates(catalog):
    when = datetime(2026, 11, 20, 9, 30).astimezone()
    result = catalog.checkout(SITI, d.item_barcode(1), replay=Replay(when, date(2026, 12, 4)))
    assert result.due == date(2026, 12, 4)


def test_unreachable_catalog_raises_unavailable(catalog):
    catalog.reachable = False
    with pytest.raises(CatalogUnavailable):
        catalog.checkout(SITI, d.item_barcode(1))
    assert not catalog.ping()


def test_reset_restores_the_demo_data(catalog):
    catalog.checkout(SITI, d.item_barcode(1))
    catalog.reset()
    assert catalog.item(d.item_barcode(1)).charged_to is None
    assert catalog.history() == []
