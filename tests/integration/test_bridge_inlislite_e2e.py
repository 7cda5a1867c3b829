"""End to end: the kiosk's SIP2 catalog -> `kiosk ils-bridge` with `kind = "inlislite"`
-> INLISLite v3.2's tables in a real MariaDB. What the kiosk sees, and what
INLISLite's staff then see."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest

from kiosk.app import build
from kiosk.models import Destination, Reason, TxState
from tests.fakes.bridge import LOGINS, Bridge
from tests.fakes.inlislite_library import PASSWORD, inlislite_library
from tests.fakes.sip2_kiosk import settings_for


@pytest.fixture
def lib(mariadb):
    return inlislite_library(mariadb)


@pytest.fixture
def bridge(tmp_path, lib):
    b = Bridge(tmp_path, lib, kind="inlislite")
    yield b
    b.close()


@pytest.fixture
def catalog(bridge):
    return bridge.catalog()


def test_a_loan_reaches_inlislite_with_title_and_due_date(lib, catalog):
    answer = catalog.patron("A001", PASSWORD)
    assert answer.ok and answer.patron.name == "Siti Rahmawati" and answer.patron.language == "id"
    result = catalog.checkout("A001", "INV001")
    assert result.ok and result.title == "Laskar Pelangi" and result.due == date(2026, 3, 12)
    (item,) = lib.loan_items("INV001")
    assert (item["LoanStatus"], item["member_id"], item["CreateBy"]) == ("Loan", 101, 9)
    assert lib.status("INV001") == 5


@pytest.mark.parametrize(
    "card, item, reason",
    [
        ("NOBODY", "INV001", Reason.UNKNOWN_PATRON),
        ("A003", "INV001", Reason.PATRON_EXPIRED),
        ("A004", "INV001", Reason.PATRON_BLOCKED),
        ("A005", "INV001", Reason.PATRON_BLOCKED),
        ("A001", "NOSUCH", Reason.UNKNOWN_ITEM),
        ("A001", "REF001", Reason.NOT_FOR_LOAN),
        ("A001", "BOOK01", Reason.ON_HOLD_FOR_OTHER),
    ],
)
def test_each_refused_loan_reaches_the_kiosk_with_its_reason(lib, catalog, card, item, reason):
    result = catalog.checkout(card, item)
    assert not result.ok and result.reason is reason
    assert lib.loan_items() == []


def test_the_loan_limit_a_loan_to_someone_else_and_a_wrong_password(lib, catalog):
    assert catalog.checkout("A001", "INV001").ok and catalog.checkout("A001", "INV002").ok
    assert catalog.checkout("A001", "INV003").reason is Reason.LIMIT_REACHED
    assert catalog.checkout("A002", "INV001").reason is Reason.CHECKED_OUT_TO_OTHER
    assert catalog.patron("A001", "salah").reason is Reason.WRONG_PIN


def test_a_loan_already_charged_to_the_patron_is_answered_so_and_not_doubled(lib, catalog):
    assert catalog.checkout("A001", "INV001").ok
    assert catalog.checkout("A001", "INV001").reason is Reason.ALREADY_ON_LOAN_TO_YOU
    assert catalog.is_charged_to("INV001", "A001") is True  # what the syncer's verification asks
    assert len(lib.loan_items()) == 1


def test_a_return_on_time_goes_back_to_the_shelf(lib, catalog):
    catalog.checkout("A001", "INV001")
    lib.clock.advance(days=2)
    result = catalog.checkin("INV001")
    assert result.ok and result.destination is Destination.SHELF and result.title == "Laskar Pelangi"
    assert lib.loan_items("INV001")[0]["LoanStatus"] == "Return" and lib.status("INV001") == 1
    assert lib.violations("A001") == []


def test_a_late_return_tells_the_fine_and_writes_the_pelanggaran_row(lib, catalog):
    lib.lend("INV001", "A001", date(2026, 2, 16), date(2026, 2, 23))  # lent at the desk: 5 open days late
    result = catalog.checkin("INV001")
    assert result.ok and "Rp 5.000" in result.screen_message
    assert [(v["JenisPelanggaran_id"], v["JumlahDenda"]) for v in lib.violations("A001")] == [(1, 5000)]
    assert catalog.patron("A001").patron.fines == 5000


def test_a_renewal_through_the_kiosk(lib, catalog):
    lib.lend("INV002", "A001", date(2026, 2, 23), date(2026, 3, 4))
    result = catalog.renew("A001", "INV002")
    assert result.ok and result.due == date(2026, 3, 12)
    assert lib.loan_items("INV002")[0]["DueDate"] == datetime(2026, 3, 12)
    assert catalog.renew("A001", "INV002").reason is Reason.RENEWAL_LIMIT  # again today


def test_an_item_booked_for_another_patron(lib, catalog):
    assert catalog.checkout("A001", "BOOK01").reason is Reason.ON_HOLD_FOR_OTHER
    lib.lend("BOOK01", "A007", date(2026, 2, 25), date(2026, 3, 4))  # lent at the desk meanwhile
    result = catalog.checkin("BOOK01")
    assert result.ok and result.destination is Destination.HOLD_SHELF
    assert catalog.checkout("A002", "BOOK01").ok  # the member who booked it borrows it


def test_the_offline_queue_is_replayed_through_the_bridge(tmp_path, lib, bridge):
    kiosk = build(
        settings_for(
            tmp_path, bridge.port, username="kiosk1", password=LOGINS["kiosk1"], institution="PUSAT",
            location="PUSAT", timeout_s=2.0,
        )
    )  # fmt: skip
    try:
        bridge.server.stop()  # the library's server is down: the kiosk lends offline
        session = kiosk.circulation.sign_in("A002").session
        outcomes = [kiosk.circulation.checkout(session, item) for item in ("INV001", "INV002")]
        assert all(o.offline for o in outcomes) and lib.loan_items() == []
        bridge.server.start()
        kiosk.syncer.settle_s = 0
        kiosk.syncer.run_once()
        assert kiosk.journal.counts()["done"] == 2
        assert len(lib.loan_items()) == 2 and lib.status("INV001") == lib.status("INV002") == 5
        kiosk.syncer.run_once()  # replaying again changes nothing
        assert len(lib.loan_items()) == 2 and len(lib.loans()) == 2
        assert {tx.state for tx in kiosk.journal.in_state(*TxState)} == {TxState.DONE}
    finally:
        kiosk.close()


def test_two_kiosks_racing_for_one_item_exactly_one_wins(lib, bridge):
    kiosks = [bridge.catalog("kiosk1"), bridge.catalog("kiosk2")]
    for k in kiosks:
        assert k.ping()
    # The first kiosk is held inside the bridge after its checks and before its rows; the second asks
    # meanwhile and must wait on the item's named lock, then find the first one's loan.
    inside, release = threading.Event(), threading.Event()

    def hold_the_first(step):
        if step == "checkout:checked" and not inside.is_set():
            inside.set()
            release.wait(30)

    bridge.backend._on_step = hold_the_first
    results = {}

    def lend(name, catalog, card):
        results[name] = catalog.checkout(card, "INV004")

    first = threading.Thread(target=lend, args=("first", kiosks[0], "A001"))
    first.start()
    assert inside.wait(30)
    second = threading.Thread(target=lend, args=("second", kiosks[1], "A002"))
    second.start()
    waiting = (
        "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT GET_LOCK(%%' AND info LIKE %s"
    )
    while second.is_alive() and not lib.query(waiting, "%:item:INV004%")[0][0]:
        second.join(0.01)
    release.set()
    first.join(30)
    second.join(30)
    assert results["first"].ok
    assert not results["second"].ok and results["second"].reason is Reason.CHECKED_OUT_TO_OTHER
    assert [item["member_id"] for item in lib.loan_items("INV004")] == [101]
