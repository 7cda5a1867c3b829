"""Patrons' PINs: a wrong-PIN limit per card, and the offline PIN policies a library chooses."""

from datetime import date, datetime, timedelta

import pytest

from kiosk.catalog import demo_data as d
from kiosk.circulation import CirculationService, OfflinePolicy
from kiosk.devices.barcode.rules import RuleSet
from kiosk.journal import Journal
from kiosk.models import Reason
from kiosk.pins import PinPolicy

SITI, BUDI = d.patron_card(1), d.patron_card(2)
RULES = RuleSet.from_config(
    [
        {"name": "patron-card", "kind": "patron", "prefix": "2", "length": 14, "check": "luhn"},
        {"name": "item-label", "kind": "item", "prefix": "3", "length": 14, "check": "luhn"},
    ]
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def journal(tmp_path, clock):
    j = Journal.open(tmp_path / "journal.sqlite3", salt="t", clock=clock)
    yield j
    j.close()


def service(catalog, journal, *, rules=RULES, **pins):
    policy = PinPolicy(iterations=1000, **pins)
    return CirculationService(
        catalog, journal, OfflinePolicy(), today=lambda: date(2026, 12, 1), pins=policy, card_rules=rules
    )


def test_five_wrong_pins_lock_the_card_even_for_the_right_one(catalog, journal, clock):
    circ = service(catalog, journal)
    for _ in range(4):
        assert circ.sign_in(SITI, "0000").reason is Reason.WRONG_PIN
    assert circ.sign_in(SITI, "0000").reason is Reason.PIN_LOCKED
    assert circ.sign_in(SITI, "1234").reason is Reason.PIN_LOCKED  # the right PIN, too soon
    assert circ.sign_in(BUDI, "1234").ok  # other cards are not locked
    clock.now += timedelta(minutes=15, seconds=1)
    assert circ.sign_in(SITI, "1234").ok


def test_a_right_pin_resets_the_count(catalog, journal):
    circ = service(catalog, journal, max_attempts=3)
    for _ in range(2):
        assert circ.sign_in(SITI, "0000").reason is Reason.WRONG_PIN
    assert circ.sign_in(SITI, "1234").ok
    for _ in range(2):
        assert circ.sign_in(SITI, "0000").reason is Reason.WRONG_PIN
    assert circ.sign_in(SITI, "1234").ok


def test_the_lockout_is_kept_in_the_journal_across_restarts(catalog, tmp_path, clock):
    path = tmp_path / "j.sqlite3"
    journal = Journal.open(path, salt="t", clock=clock)
    circ = service(catalog, journal, max_attempts=2)
    circ.sign_in(SITI, "0000")
    assert circ.sign_in(SITI, "0000").reason is Reason.PIN_LOCKED
    circ.close()
    journal.close()
    journal = Journal.open(path, salt="t", clock=clock)
    try:
        assert service(catalog, journal).sign_in(SITI, "1234").reason is Reason.PIN_LOCKED
        assert SITI.encode() not in path.read_bytes()  # the card only as a keyed hash
    finally:
        journal.close()


def test_offline_refuse_is_the_default(catalog, journal):
    circ = service(catalog, journal)
    catalog.reachable = False
    assert circ.sign_in(SITI, "1234").reason is Reason.OFFLINE_PIN_UNCHECKED
    assert circ.sign_in(SITI).ok  # a kiosk that asks no PIN still lends offline


def test_offline_trust_takes_any_pin(catalog, journal):
    circ = service(catalog, journal, offline="trust")
    catalog.reachable = False
    signed = circ.sign_in(SITI, "9999")
    assert signed.ok and signed.session.offline


def test_offline_verify_checks_the_hash_kept_from_the_last_online_sign_in(catalog, journal, clock):
    circ = service(catalog, journal, offline="verify", keep_days=7)
    assert circ.sign_in(SITI, "1234").ok  # online: the catalog checks, the kiosk keeps a slow hash
    catalog.reachable = False
    assert circ.sign_in(SITI, "1234").ok
    assert circ.sign_in(SITI, "9999").reason is Reason.WRONG_PIN
    assert circ.sign_in(BUDI, "1234").reason is Reason.OFFLINE_PIN_UNCHECKED  # never seen online
    clock.now += timedelta(days=7, seconds=1)
    assert circ.sign_in(SITI, "1234").reason is Reason.OFFLINE_PIN_UNCHECKED  # erased after keep_days
    assert journal._read("SELECT COUNT(*) FROM offline_pins") == [(1,)]
    assert journal.forget_offline_pins(7) == 1


def test_offline_verify_wrong_pins_count_towards_the_lockout(catalog, journal):
    circ = service(catalog, journal, offline="verify", max_attempts=2)
    circ.sign_in(SITI, "1234")
    catalog.reachable = False
    assert circ.sign_in(SITI, "0000").reason is Reason.WRONG_PIN
    assert circ.sign_in(SITI, "0000").reason is Reason.PIN_LOCKED
    assert circ.sign_in(SITI, "1234").reason is Reason.PIN_LOCKED


def test_offline_verify_keeps_a_bounded_number_of_hashes(catalog, journal, clock):
    circ = service(catalog, journal, offline="verify", keep_at_most=1)
    circ.sign_in(SITI, "1234")
    clock.now += timedelta(seconds=1)
    circ.sign_in(BUDI, "1234")
    assert journal._read("SELECT COUNT(*) FROM offline_pins") == [(1,)]
    catalog.reachable = False
    assert circ.sign_in(BUDI, "1234").ok
    assert circ.sign_in(SITI, "1234").reason is Reason.OFFLINE_PIN_UNCHECKED


def test_no_pin_is_stored_in_clear(catalog, journal, tmp_path):
    circ = service(catalog, journal, offline="verify")
    circ.sign_in(SITI, "1234")
    (stored,) = journal._read("SELECT pin_hash FROM offline_pins")[0]
    assert stored.startswith("pbkdf2_sha256$") and "1234" not in stored.split("$")[-1]


def test_offline_a_card_must_fit_a_patron_rule(catalog, journal):
    circ = service(catalog, journal, offline="trust")
    catalog.reachable = False
    assert circ.sign_in(d.item_barcode(1)).reason is Reason.UNKNOWN_PATRON  # an item label
    assert circ.sign_in("hello").reason is Reason.UNKNOWN_PATRON
    assert circ.sign_in(SITI).ok


def test_offline_with_no_rules_refuses_every_card(catalog, journal):
    circ = service(catalog, journal, offline="trust", rules=RuleSet([]))
    catalog.reachable = False
    assert circ.sign_in(SITI).reason is Reason.UNKNOWN_PATRON
