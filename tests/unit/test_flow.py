"""The kiosk's screen flow without Qt: what a code or a tag means on each
screen, sets waiting for their parts, rows and their outcomes, idle."""

import subprocess
import sys

import pytest

from kiosk.catalog import demo_data as d
from kiosk.devices.barcode.rules import RuleSet
from kiosk.devices.base import BarcodeRead, TagRead, TagsSeen
from kiosk.flow import KioskFlow, Pad, PadItem, Screen, meaning_of
from kiosk.models import Reason, TxKind

SITI = d.patron_card(1)


@pytest.fixture
def flow(kiosk):
    def submit(op, on_done, on_error):
        future = kiosk.circulation.submit(op)
        error = future.exception()
        on_error(error) if error else on_done(future.result())

    return KioskFlow(kiosk, submit)


def signed_in(flow) -> KioskFlow:
    flow.card_presented(SITI)
    if flow.screen is Screen.PIN:
        flow.pin_entered("1234")
    assert flow.screen is Screen.SESSION
    return flow


def test_the_domain_core_and_the_flow_import_no_qt():
    code = (
        "import sys, kiosk.flow, kiosk.circulation, kiosk.sync, kiosk.journal, kiosk.worker, kiosk.app; "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_set_goes_out_once_all_its_parts_are_on_the_pad():
    pad = Pad(set_wait_s=2)
    part = lambda n: TagRead(f"U{n}", "SET1", parts_in_set=3, part_number=n)  # noqa: E731
    assert pad.update(TagsSeen("pad", (part(1), part(2)))) == []
    assert pad.update(TagsSeen("pad", (part(3),))) == [PadItem("SET1", ("U1", "U2", "U3"))]
    assert pad.waiting == {}


def test_an_incomplete_set_expires_naming_the_missing_part():
    pad = Pad(set_wait_s=2)
    pad.update(TagsSeen("pad", (TagRead("U1", "SET1", 3, 1), TagRead("U3", "SET1", 3, 3))))
    assert pad.expire() == []
    assert pad.expire() == [("SET1", (2,))]
    assert pad.expire() == []


def test_a_tag_taken_off_the_pad_no_longer_counts_as_a_part():
    pad = Pad(set_wait_s=2)
    pad.update(TagsSeen("pad", (TagRead("U1", "SET1", 2, 1),)))
    pad.update(TagsSeen("pad", left=("U1",)))
    assert pad.update(TagsSeen("pad", (TagRead("U2", "SET1", 2, 2),))) == []


def test_what_a_code_means_comes_from_the_rules():
    rules = RuleSet.from_config(
        [
            {"name": "card", "kind": "patron", "prefix": "2", "length": 14, "check": "luhn"},
            {"name": "label", "kind": "item", "prefix": "3", "length": 14, "check": "luhn"},
        ]
    )
    assert meaning_of(rules, BarcodeRead("s", SITI)).kind == "patron"
    assert meaning_of(rules, BarcodeRead("s", d.item_barcode(1))).kind == "item"
    bad_digit = SITI[:-1] + str((int(SITI[-1]) + 1) % 10)
    assert meaning_of(rules, BarcodeRead("s", bad_digit)).reason is Reason.MISREAD
    assert meaning_of(rules, BarcodeRead("s", "HELLO")).reason is Reason.NOT_A_LIBRARY_CODE
    assert meaning_of(RuleSet([]), BarcodeRead("s", " 123 ")).code == "123"


def test_an_item_before_signing_in_asks_for_the_card(flow):
    flow.on_item(d.item_barcode(1), None)
    assert flow.screen is Screen.WELCOME and flow.message is Reason.SIGN_IN_FIRST


def test_a_failed_operation_marks_only_its_own_row(kiosk):
    held = []  # operations submitted, answered when the test says
    flow = KioskFlow(kiosk, lambda op, on_done, on_error: held.append((op, on_done, on_error)))
    flow.card_presented(SITI)
    if flow.screen is Screen.PIN:
        flow.pin_entered("1234")
    op, on_done, _ = held.pop()
    on_done(kiosk.circulation.run(op))
    flow.on_item(d.item_barcode(1), None)
    flow.on_item(d.item_barcode(5), None)
    (first, ok, _), (_, _, fail) = held
    fail(RuntimeError("a bug in an adapter"))
    assert flow.rows[0].outcome is None, "the other item is still being checked out"
    assert flow.rows[1].outcome.reason is Reason.OTHER
    ok(kiosk.circulation.run(first))
    assert flow.rows[0].outcome.ok


def test_the_same_item_read_twice_is_checked_out_once(flow, kiosk):
    signed_in(flow)
    flow.on_item(d.item_barcode(1), None)
    flow.on_item(d.item_barcode(1), None)
    assert [r.item_id for r in flow.rows] == [d.item_barcode(1)]
    assert kiosk.journal.counts()["done"] == 1


def test_a_set_waiting_too_long_becomes_a_row_that_says_which_part_is_missing(flow):
    signed_in(flow)
    flow.on_device_event(TagsSeen("pad", (TagRead("U1", d.item_barcode(1), 2, 1),)))
    for _ in range(int(flow.settings.rfid.set_wait_s) + 1):
        flow.tick()
    (row,) = flow.rows
    assert row.outcome.reason is Reason.INCOMPLETE_SET and row.outcome.missing_parts == (2,)
    assert row.kind is TxKind.CHECKOUT


def test_idle_timeout_forgets_the_patron(flow):
    signed_in(flow)
    flow.on_item(d.item_barcode(1), None)
    for _ in range(flow.settings.kiosk.idle_timeout_s):
        flow.tick()
    assert flow.screen is Screen.WELCOME and flow.patron is None and flow.rows == []
