"""End to end: the kiosk's SIP2 catalog -> `kiosk ils-bridge` -> SLiMS's tables
in a real MariaDB. What the kiosk sees, and what SLiMS's staff then see."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from kiosk.app import build
from kiosk.errors import CatalogUnavailable
from kiosk.models import Destination, Reason, TxState
from tests.fakes.bridge import LOGINS, Bridge
from tests.fakes.sip2_kiosk import settings_for
from tests.fakes.slims_library import PASSWORD, slims_library


@pytest.fixture
def lib(mariadb):
    return slims_library(mariadb)


@pytest.fixture
def bridge(tmp_path, lib):
    b = Bridge(tmp_path, lib)
    yield b
    b.close()


@pytest.fixture
def catalog(bridge):
    return bridge.catalog()


def test_a_loan_reaches_slims_with_title_and_due_date(lib, catalog):
    answer = catalog.patron("M001", PASSWORD)
    assert answer.ok and answer.patron.name == "Siti Rahmawati" and answer.patron.language == "id"
    result = catalog.checkout("M001", "B001")
    assert result.ok and result.title == "Laskar Pelangi" and result.due == date(2026, 3, 10)
    (loan,) = lib.loans("B001")
    assert (loan["member_id"], loan["is_lent"], loan["is_return"], loan["uid"]) == ("M001", 1, 0, 7)


@pytest.mark.parametrize(
    "card, item, reason",
    [
        ("NOBODY", "B001", Reason.UNKNOWN_PATRON),
        ("M003", "B001", Reason.PATRON_EXPIRED),
        ("M004", "B001", Reason.PATRON_BLOCKED),
        ("M001", "NOSUCH", Reason.UNKNOWN_ITEM),
        ("M001", "REF01", Reason.NOT_FOR_LOAN),
        ("M001", "HOLD1", Reason.ON_HOLD_FOR_OTHER),
    ],
)
def test_each_refused_loan_reaches_the_kiosk_with_its_reason(lib, catalog, card, item, reason):
    result = catalog.checkout(card, item)
    assert not result.ok and result.reason is reason
    assert lib.loans() == []


def test_the_loan_limit_and_a_loan_to_someone_else_are_refused(lib, catalog):
    assert catalog.checkout("M001", "B001").ok and catalog.checkout("M001", "B002").ok
    assert catalog.checkout("M001", "B003").reason is Reason.LIMIT_REACHED
    assert catalog.checkout("M002", "B001").reason is Reason.CHECKED_OUT_TO_OTHER


def test_a_wrong_patron_password_is_refused(catalog):
    assert catalog.patron("M001", "salah").reason is Reason.WRONG_PIN


def test_a_loan_already_charged_to_the_patron_is_answered_so_and_not_doubled(lib, catalog):
    assert catalog.checkout("M001", "B001").ok
    again = catalog.checkout("M001", "B001")
    assert again.reason is Reason.ALREADY_ON_LOAN_TO_YOU
    assert catalog.is_charged_to("B001", "M001") is True  # what the syncer's verification asks
    assert len(lib.loans("B001")) == 1


def test_a_return_on_time_goes_back_to_the_shelf(lib, catalog):
    catalog.checkout("M001", "B001")
    lib.clock.advance(days=2)
    result = catalog.checkin("B001")
    assert result.ok and result.destination is Destination.SHELF and result.title == "Laskar Pelangi"
    assert lib.loans("B001")[0]["is_return"] == 1 and lib.fines("M001") == []


def test_a_late_return_tells_the_fine_and_posts_it(lib, catalog):
    lib.lend("B001", "M001", date(2026, 2, 16), date(2026, 2, 23))  # 7 days late on 2 March
    result = catalog.checkin("B001")
    assert result.ok and "Rp 3.500" in result.screen_message
    assert lib.fines("M001") == [(date(2026, 3, 2), 3500, 0, "Denda terlambat untuk eksemplar B001")]
    assert catalog.patron("M001").patron.fines == 3500


def test_a_renewal_through_the_kiosk(lib, catalog):
    lib.lend("B002", "M001", date(2026, 2, 25), date(2026, 3, 4))
    result = catalog.renew("M001", "B002")
    assert result.ok and result.due == date(2026, 3, 10)
    assert lib.loans("B002")[0]["renewed"] == 1
    assert catalog.renew("M001", "B002").reason is Reason.RENEWAL_LIMIT  # again today


def test_an_item_on_hold_for_another_patron(lib, catalog):
    assert catalog.checkout("M001", "HOLD1").reason is Reason.ON_HOLD_FOR_OTHER
    lib.lend("HOLD1", "M005", date(2026, 2, 25), date(2026, 3, 4))  # lent at the desk meanwhile
    result = catalog.checkin("HOLD1")
    assert result.ok and result.destination is Destination.HOLD_SHELF
    assert catalog.checkout("M002", "HOLD1").ok  # the member who reserved it borrows it
    assert lib.query("SELECT COUNT(*) FROM reserve WHERE item_code = 'HOLD1'") == [(0,)]


def test_every_kiosk_has_its_own_login(bridge):
    assert bridge.catalog("kiosk2").ping()
    wrong = bridge.catalog("kiosk1")
    wrong.config = type(wrong.config)(**{**vars(wrong.config), "password": LOGINS["kiosk2"]})
    with pytest.raises(CatalogUnavailable, match="refused the SIP2 login"):
        type(wrong)(wrong.config, heartbeat_s=0).ping()


def test_the_offline_queue_is_replayed_through_the_bridge(tmp_path, lib, bridge):
    kiosk = build(
        settings_for(
            tmp_path, bridge.port, username="kiosk1", password=LOGINS["kiosk1"], institution="PUSAT",
            location="PUSAT", timeout_s=2.0,
        )
    )  # fmt: skip
    try:
        bridge.server.stop()  # the library's server is down: the kiosk lends offline
        session = kiosk.circulation.sign_in("M002").session
        outcomes = [kiosk.circulation.checkout(session, item) for item in ("B001", "B002")]
        assert all(o.offline for o in outcomes) and lib.loans() == []
        bridge.server.start()
        kiosk.syncer.settle_s = 0
        kiosk.syncer.run_once()
        assert kiosk.journal.counts()["done"] == 2
        assert sorted(loan["item_code"] for loan in lib.loans()) == ["B001", "B002"]
        kiosk.syncer.run_once()  # replaying again changes nothing
        assert len(lib.loans()) == 2
        assert {tx.state for tx in kiosk.journal.in_state(*TxState)} == {TxState.DONE}
    finally:
        kiosk.close()


def test_two_kiosks_racing_for_one_item_exactly_one_wins(lib, bridge):
    kiosks = [bridge.catalog("kiosk1"), bridge.catalog("kiosk2")]
    for k in kiosks:
        assert k.ping()  # both logged in before the race
    # The first kiosk is held inside the bridge after its checks and before its loan row; the second
    # asks meanwhile. With the item's named lock the second waits and then finds the first's loan;
    # without it, both would pass the checks and write two loans.
    inside, release = threading.Event(), threading.Event()

    def hold_the_first(step):
        if step == "checkout:checked" and not inside.is_set():
            inside.set()
            release.wait(30)

    bridge.backend._on_step = hold_the_first
    results = {}

    def lend(name, catalog, card):
        results[name] = catalog.checkout(card, "B004")

    first = threading.Thread(target=lend, args=("first", kiosks[0], "M001"))
    first.start()
    assert inside.wait(30)
    second = threading.Thread(target=lend, args=("second", kiosks[1], "M002"))
    second.start()
    waiting = (
        "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT GET_LOCK(%%' AND time >= 0"
        " AND info LIKE %s"
    )
    # Until the second kiosk's request is blocked on the item's lock (or, without locks, has finished).
    while second.is_alive() and not lib.query(waiting, "%:item:B004%")[0][0]:
        second.join(0.01)
    release.set()
    first.join(30)
    second.join(30)
    assert results["first"].ok
    assert not results["second"].ok and results["second"].reason is Reason.CHECKED_OUT_TO_OTHER
    assert [loan["member_id"] for loan in lib.loans("B004")] == ["M001"]
