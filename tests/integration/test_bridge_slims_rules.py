"""The SLiMS backend against a real MariaDB holding SLiMS's tables: each action
does what SLiMS's circulation screen does and leaves the same rows."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from kiosk.ils.base import CheckoutRequest
from kiosk.ils.passwords import verify
from kiosk.models import Destination, Reason
from tests.fakes.slims_library import PASSWORD, slims_library


@pytest.fixture
def lib(mariadb):
    return slims_library(mariadb)


@pytest.fixture
def ils(lib):
    backend = lib.backend()
    yield backend
    backend.close()


def lend(ils, card, item, pin=None):
    return ils.checkout(CheckoutRequest(card=card, item_id=item, pin=pin))


def test_a_loan_writes_the_row_slims_writes(lib, ils):
    result = lend(ils, "M001", "B001")
    assert result.ok and result.title == "Laskar Pelangi"
    assert result.due == datetime(2026, 3, 10, 23, 59, 59)  # 7 days = Mon 9 March, Nyepi: moved to Tuesday
    (loan,) = lib.loans("B001")
    assert (
        loan["member_id"] == "M001" and loan["loan_date"] == date(2026, 3, 2) and loan["due_date"] == date(2026, 3, 10)
    )
    assert (loan["is_lent"], loan["is_return"], loan["renewed"], loan["loan_rules_id"]) == (1, 0, 0, 0)
    assert loan["uid"] == 7  # the [backend] loan_user "kiosk"
    assert lib.query("SELECT COUNT(*) FROM kiosk_bridge_intent") == [(0,)]


def test_the_item_code_is_stored_as_given(lib, ils):
    assert lend(ils, "M001", "b002").ok  # SLiMS's collation finds B002; the loan keeps what was typed
    assert lib.loans()[0]["item_code"] == "b002"
    assert lend(ils, "M002", "B002").reason is Reason.CHECKED_OUT_TO_OTHER


def test_a_due_date_skips_a_closed_sunday(lib, ils):
    lib.clock.advance(days=5)  # Saturday 7 March: + 7 = Saturday 14th, open
    assert lend(ils, "M001", "B001").due.date() == date(2026, 3, 14)
    lib.clock.advance(days=1)  # Sunday 8 March (the kiosk is in a mall): + 7 = Sunday 15th, closed
    assert lend(ils, "M001", "B002").due.date() == date(2026, 3, 16)


def test_a_due_date_never_passes_the_end_of_membership(ils):
    assert lend(ils, "M006", "B001").due.date() == date(2026, 3, 5)


def test_loan_rules_of_the_member_type_and_collection_apply(lib, ils):
    result = lend(ils, "M007", "B001")  # Pelajar + Sirkulasi + Text: rule 5, 10 days
    assert result.due.date() == date(2026, 3, 12)
    assert lib.loans("B001")[0]["loan_rules_id"] == 5


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
def test_refusals_write_nothing(lib, ils, card, item, reason):
    result = lend(ils, card, item)
    assert not result.ok and result.reason is reason
    assert result.message.split(" / ")[0] and " / " in result.message  # Indonesian first, Koha's English after
    assert lib.loans() == []


def test_the_loan_limit_counts_open_loans(lib, ils):
    assert lend(ils, "M001", "B001").ok and lend(ils, "M001", "B002").ok
    assert lend(ils, "M001", "B003").reason is Reason.LIMIT_REACHED
    assert ils.checkin("B001").ok
    assert lend(ils, "M001", "B003").ok


def test_the_first_in_the_reservation_queue_may_borrow_and_their_reservation_goes(lib, ils):
    assert lend(ils, "M002", "HOLD1").ok
    assert lib.query("SELECT COUNT(*) FROM reserve") == [(0,)]


def test_an_item_already_lent_to_the_same_patron_writes_no_second_loan(lib, ils):
    assert lend(ils, "M001", "B001").ok
    again = lend(ils, "M001", "B001")
    assert not again.ok and again.reason is Reason.ALREADY_ON_LOAN_TO_YOU
    assert "checked out to this patron" in again.message
    assert len(lib.loans("B001")) == 1


def test_a_return_on_time_closes_the_loan_without_a_fine(lib, ils):
    lend(ils, "M001", "B001")
    lib.clock.advance(days=3)
    result = ils.checkin("B001")
    assert result.ok and result.borrower == "M001" and result.destination is Destination.SHELF
    assert result.sort_bin == "PST" and result.location == "Ruang Sirkulasi"
    (loan,) = lib.loans("B001")
    assert (loan["is_return"], loan["return_date"]) == (1, date(2026, 3, 5))
    assert lib.fines("M001") == []


def test_a_late_return_posts_the_fine_row(lib, ils):
    lib.lend("B001", "M001", date(2026, 2, 20), date(2026, 2, 27))
    result = ils.checkin("B001")  # Monday 2 March: 3 days late, Rp 500 a day
    assert result.ok and "Terlambat 3 hari, denda Rp 1.500" in result.message
    assert lib.fines("M001") == [(date(2026, 3, 2), 1500, 0, "Denda terlambat untuk eksemplar B001")]
    patron = ils.patron_information("M001", None)
    assert patron.fines == Decimal(1500)


def test_the_grace_period_excuses_all_but_its_last_day(lib, ils):
    # Pelajar: 3 grace days on the member type, 2 on its loan rule (Rp 1000 a day): the longer one counts.
    assert lend(ils, "M007", "B001").ok  # due Thursday 12 March
    lib.clock.advance(days=12)  # Saturday 14th: 2 days late, within grace
    assert ils.checkin("B001").ok and lib.fines("M007") == []
    assert lend(ils, "M007", "B001").ok  # due Tuesday 24 March
    lib.clock.advance(days=13)  # Friday 27th: due + 3 grace days; SLiMS fines that day, for all three
    ils.checkin("B001")
    assert [row[1] for row in lib.fines("M007")] == [3000]


def test_a_return_of_an_item_on_hold_for_another_goes_to_the_hold_shelf(lib, ils):
    lib.lend("HOLD1", "M001", date(2026, 2, 27), date(2026, 3, 6))
    result = ils.checkin("HOLD1")
    assert result.ok and result.destination is Destination.HOLD_SHELF and result.hold_for == "M002"
    assert result.sort_bin == "HOLD" and "rak pesanan" in result.message


def test_a_renewal_posts_the_fine_and_gives_a_new_due_date(lib, ils):
    lib.lend("B001", "M001", date(2026, 2, 20), date(2026, 2, 28))
    result = ils.renew("M001", "B001", None)
    assert result.ok and result.renewal and result.due.date() == date(2026, 3, 10)
    (loan,) = lib.loans("B001")
    assert (loan["renewed"], loan["is_return"], loan["return_date"]) == (1, 0, date(2026, 3, 2))
    assert [row[1] for row in lib.fines("M001")] == [1000]


def test_a_second_renewal_the_same_day_and_past_the_limit_are_refused(lib, ils):
    lib.lend("B001", "M007", date(2026, 2, 27), date(2026, 3, 9))  # Pelajar, no loan rule on the row: 2 renewals
    assert ils.renew("M007", "B001", None).ok
    today = ils.renew("M007", "B001", None)
    assert today.reason is Reason.RENEWAL_LIMIT and "hari ini" in today.message
    lib.clock.advance(days=1)
    assert not ils.renew("M007", "B001", None).ok  # the loan rule of Pelajar + Sirkulasi allows 1 renewal
    assert lib.loans("B001")[0]["renewed"] == 1


def test_a_renewal_of_an_item_someone_reserved_is_refused(lib, ils):
    lib.lend("HOLD1", "M001", date(2026, 2, 27), date(2026, 3, 6))
    assert ils.renew("M001", "HOLD1", None).reason is Reason.ON_HOLD_FOR_OTHER


def test_patron_passwords_bcrypt_and_legacy_md5(lib, ils):
    assert ils.patron_information("M001", PASSWORD).pin_ok is True
    assert ils.patron_information("M001", "wrong").pin_ok is False
    assert lend(ils, "M001", "B001", pin="wrong").reason is Reason.WRONG_PIN
    md5 = hashlib.md5(PASSWORD.encode()).hexdigest()
    assert lib.query("SELECT mpasswd FROM member WHERE member_id = 'M005'") == [(md5,)]
    assert ils.patron_information("M005", PASSWORD).pin_ok is True
    (stored,) = lib.query("SELECT mpasswd FROM member WHERE member_id = 'M005'")[0]
    assert stored.startswith("$2y$") and verify(PASSWORD, stored)  # upgraded, as SLiMS's login does


def test_a_patron_password_can_be_required(lib):
    ils = lib.backend(require_patron_password=True)
    try:
        assert ils.patron_information("M001", None).pin_ok is False
        refused = lend(ils, "M001", "B001")
        assert refused.reason is Reason.WRONG_PIN and "password" in refused.message
        assert lend(ils, "M001", "B001", pin=PASSWORD).ok
    finally:
        ils.close()


def test_patron_information_lists_loans_overdue_holds_and_fines(lib, ils):
    lib.lend("B001", "M002", date(2026, 2, 1), date(2026, 2, 8))
    lend(ils, "M002", "B002")
    patron = ils.patron_information("M002", None)
    assert patron.name == "Budi Santoso" and patron.language == "id"
    assert patron.charged == ("B001", "B002") and patron.overdue == ("B001",) and patron.holds == ("HOLD1",)
    assert ils.patron_information("M003", None).block is Reason.PATRON_EXPIRED


def test_a_hold_placed_at_the_kiosk_is_a_reserve_row(lib, ils):
    lend(ils, "M001", "B001")
    result = ils.hold("M002", "B001", "+", None)
    assert result.ok and result.position == 1 and not result.available
    assert lib.query("SELECT member_id, item_code FROM reserve WHERE item_code = 'B001'") == [("M002", "B001")]
    assert ils.checkin("B001").destination is Destination.HOLD_SHELF


def test_dates_come_from_the_bridges_clock_in_the_library_time_zone(lib):
    lib.clock.now = datetime(2026, 3, 2, 17, 30, tzinfo=__import__("zoneinfo").ZoneInfo("UTC"))  # 00:30 in Jakarta
    ils = lib.backend()
    try:
        assert ils.now() == datetime(2026, 3, 3, 0, 30)
        lend(ils, "M001", "B001")
        assert lib.loans()[0]["loan_date"] == date(2026, 3, 3)
    finally:
        ils.close()


def test_a_crash_between_the_fine_and_the_return_is_finished_at_the_next_start(lib, caplog):
    lib.lend("B001", "M001", date(2026, 2, 20), date(2026, 2, 27))

    class Crash(Exception):
        pass

    def crash(step):
        if step == "checkin:after_fine":
            raise Crash

    ils = lib.backend(on_step=crash)
    with pytest.raises(Crash):
        ils.checkin("B001")
    ils.close()
    assert lib.loans("B001")[0]["is_return"] == 0 and len(lib.fines("M001")) == 1
    with caplog.at_level(logging.WARNING, logger="kiosk.ils.slims"):
        again = lib.backend()
    again.close()
    assert "recovered an interrupted checkin of item B001" in caplog.text and "closed it, finished" in caplog.text
    (loan,) = lib.loans("B001")
    assert (loan["is_return"], loan["return_date"]) == (1, date(2026, 3, 2))
    assert len(lib.fines("M001")) == 1  # the fine is not posted twice
    assert lib.query("SELECT COUNT(*) FROM kiosk_bridge_intent") == [(0,)]


def test_a_replayed_return_is_fined_to_the_day_the_item_came_back(lib, ils):
    lib.lend("B001", "M001", date(2026, 2, 16), date(2026, 2, 23))
    result = ils.checkin("B001", when=datetime(2026, 2, 25, 16, 0))  # dropped at the kiosk offline, synced today
    assert result.ok and lib.loans("B001")[0]["return_date"] == date(2026, 2, 25)
    assert [row[1] for row in lib.fines("M001")] == [1000]


def test_a_replayed_return_sent_in_utc_keeps_the_library_s_own_day(lib, ils):
    """Returned at 06:30 in Jakarta on the 25th, sent as a SIP2 "Z" date: 23:30 UTC on the 24th."""
    lib.lend("B001", "M001", date(2026, 2, 16), date(2026, 2, 23))
    result = ils.checkin("B001", when=datetime(2026, 2, 24, 23, 30, tzinfo=UTC))
    assert result.ok and lib.loans("B001")[0]["return_date"] == date(2026, 2, 25)
    assert [row[1] for row in lib.fines("M001")] == [1000]  # two days late, as the patron was


def test_a_pooled_connection_the_server_dropped_is_reopened_before_use(lib, ils, monkeypatch):
    import kiosk.bridge.db as db

    assert lend(ils, "M001", "B001").ok
    (connection_id,) = lib.query("SELECT id FROM information_schema.processlist WHERE db = %s AND user = 'root'"
                                 " AND id <> CONNECTION_ID()", lib.database)[0]  # fmt: skip
    lib.execute(f"KILL {int(connection_id)}")  # MariaDB restarted, or wait_timeout passed
    monkeypatch.setattr(db, "IDLE_PING_S", 0.0)
    assert ils.checkin("B001").ok
