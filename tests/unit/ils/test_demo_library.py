"""The demo library's options pick which real server it imitates, and a demo
catalog file made by an earlier version still opens with its data."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal

import pytest

from kiosk.catalog import demo_data as d
from kiosk.ils.base import CheckoutRequest
from kiosk.ils.demo import DemoLibrary
from kiosk.models import Destination, Reason

NOW = datetime(2024, 5, 6, 10, 30)
SITI, RINA = d.patron_card(1), d.patron_card(3)
LASKAR, KAMUS = d.item_barcode(1), d.item_barcode(18)


def library(**options) -> DemoLibrary:
    return DemoLibrary(":memory:", clock=lambda: NOW, **options)


@pytest.mark.parametrize("option, renewed", [("refuse", False), ("renew", True)])
def test_borrowing_an_own_loan_again_is_refused_or_renews_it(option, renewed):
    ils = library(own_loan_checkout=option)
    assert ils.checkout(CheckoutRequest(SITI, LASKAR)).ok
    again = ils.checkout(CheckoutRequest(SITI, LASKAR))
    assert again.ok is renewed and again.renewal is renewed
    assert again.reason is (None if renewed else Reason.ALREADY_ON_LOAN_TO_YOU)
    assert [t.kind for t in ils.transactions] == ["checkout"] + (["renew"] if renewed else [])


@pytest.mark.parametrize("profile, lent", [("koha", True), ("standard", False)])
def test_an_offline_loan_replayed_with_no_block_skips_the_blocks_only_on_koha(profile, lent):
    ils = library(no_block_profile=profile)
    replay = CheckoutRequest(RINA, LASKAR, no_block=True, due=datetime(2024, 5, 30), transaction_date=NOW)
    result = ils.checkout(replay)
    assert result.ok is lent
    assert (result.due.date() == datetime(2024, 5, 30).date()) if lent else result.reason is Reason.PATRON_BLOCKED


def test_a_replay_without_no_block_keeps_its_dates_and_the_rules():
    ils = library()
    replay = CheckoutRequest(SITI, LASKAR, due=datetime(2024, 5, 9), transaction_date=datetime(2024, 5, 1, 9))
    assert ils.checkout(replay).due.date() == datetime(2024, 5, 9).date()
    assert ils.checkout(CheckoutRequest(SITI, KAMUS, due=datetime(2024, 5, 9))).reason is Reason.NOT_FOR_LOAN


@pytest.mark.parametrize("drop_box, ok", [(True, True), (False, False)])
def test_returning_an_item_that_was_not_on_loan(drop_box, ok):
    result = library(checkin_not_charged_ok=drop_box).checkin(LASKAR)
    assert result.ok is ok and result.reason is (None if ok else Reason.NOT_ON_LOAN)


def test_fees_and_holds_go_to_the_desk_unless_the_library_takes_them_at_the_kiosk():
    desk = library()
    assert not desk.fee_paid(d.patron_card(4), Decimal("25000"), None, None).accepted
    assert not desk.hold(SITI, LASKAR, "+", None).ok
    kiosk = library(self_service_payments=True)
    assert kiosk.fee_paid(d.patron_card(4), Decimal("25000"), None, None).accepted
    assert kiosk.fines(d.patron_card(4)) == 0
    assert kiosk.hold(SITI, LASKAR, "+", None).position == 1
    assert kiosk.checkin(LASKAR).destination is Destination.HOLD_SHELF
    assert (desk.branding.supported[9], kiosk.branding.supported[9]) == ("N", "Y")  # 37 fee paid


def test_a_demo_catalog_file_from_before_opens_with_its_loans(tmp_path):
    old = tmp_path / "old.sqlite3"
    DemoLibrary(old).close()
    db = sqlite3.connect(old)
    with db:  # the file as the previous version wrote it: no fee, sort bin or history detail
        for table, column in (("items", "fee"), ("items", "sort_bin"), ("history", "detail")):
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.close()
    ils = DemoLibrary(old)
    try:
        assert ils.loans()[d.item_barcode(10)] == d.patron_card(6)
        assert ils.checkout(CheckoutRequest(SITI, LASKAR)).ok
        assert ils.transactions[-1].kind == "checkout"
    finally:
        ils.close()
