"""The INLISLite backend against a real MariaDB holding INLISLite v3.2's tables:
each action does what INLISLite's circulation screens do and leaves the same rows."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from kiosk.errors import KnownError
from kiosk.ils.base import CheckoutRequest
from kiosk.models import Destination, Reason
from tests.fakes.inlislite_library import LATE, PASSWORD, inlislite_library


@pytest.fixture
def lib(mariadb):
    return inlislite_library(mariadb)


@pytest.fixture
def ils(lib):
    backend = lib.backend()
    yield backend
    backend.close()


def lend(ils, card, item, pin=None):
    return ils.checkout(CheckoutRequest(card=card, item_id=item, pin=pin))


def test_a_loan_writes_the_rows_the_desk_writes(lib, ils):
    result = lend(ils, "A001", "INV001")
    # 7 open days: the weekend of 7-8 March and the holiday of 11 March are not counted
    assert result.ok and result.title == "Laskar Pelangi" and result.due == datetime(2026, 3, 12, 23, 59, 59)
    (loan,) = lib.loans()
    assert loan == {"ID": "26030200001", "CollectionCount": 1, "Member_id": 101, "LocationLibrary_id": 1, "CreateBy": 9}
    (item,) = lib.loan_items("INV001")
    assert item["CollectionLoan_id"] == "26030200001" and item["LoanStatus"] == "Loan" and item["member_id"] == 101
    assert (item["LoanDate"], item["DueDate"]) == (datetime(2026, 3, 2), datetime(2026, 3, 12))
    assert lib.status("INV001") == 5  # Dipinjam
    assert lib.query("SELECT COUNT(*) FROM kiosk_bridge_intent") == [(0,)]


def test_the_day_counter_of_loan_ids_goes_on(lib, ils):
    lib.lend("INV004", "A002", date(2026, 3, 2), date(2026, 3, 9), loan_id="26030200007")  # made at the desk
    assert lend(ils, "A001", "INV001").ok and lend(ils, "A001", "INV002").ok
    assert [loan["ID"] for loan in lib.loans()] == ["26030200007", "26030200008", "26030200009"]


def test_due_dates_follow_the_member_type_the_material_type_and_the_weekend(ils):
    assert lend(ils, "A007", "INV001").due.date() == date(2026, 3, 23)  # 14 days end on a Saturday: Monday
    assert lend(ils, "A001", "MAJ001").due.date() == date(2026, 3, 5)  # worksheet "Terbitan Berkala": 3 days


def test_a_weekday_rule_comes_first(lib, ils):
    lib.execute("INSERT INTO peraturan_peminjaman_hari (DayIndex, MaxLoanDays, MaxPinjamKoleksi) VALUES (1, 2, 1)")
    assert lend(ils, "A001", "INV001").due.date() == date(2026, 3, 4)  # Monday's rule: 2 days
    assert lend(ils, "A001", "INV002").reason is Reason.LIMIT_REACHED  # and 1 book


@pytest.mark.parametrize(
    "card, item, reason",
    [
        ("NOBODY", "INV001", Reason.UNKNOWN_PATRON),
        ("A003", "INV001", Reason.PATRON_EXPIRED),
        ("A004", "INV001", Reason.PATRON_BLOCKED),
        ("A005", "INV001", Reason.PATRON_BLOCKED),
        ("A006", "INV001", Reason.PATRON_BLOCKED),
        ("A001", "NOSUCH", Reason.UNKNOWN_ITEM),
        ("A001", "REF001", Reason.NOT_FOR_LOAN),
        ("A001", "RUSAK1", Reason.NOT_FOR_LOAN),
        ("A001", "DEWASA", Reason.NOT_FOR_LOAN),
        ("A001", "BOOK01", Reason.ON_HOLD_FOR_OTHER),
    ],
)
def test_refused_loans_write_nothing(lib, ils, card, item, reason):
    result = lend(ils, card, item)
    assert not result.ok and result.reason is reason
    assert lib.loans() == [] and lib.loan_items() == []


def test_a_suspension_ends_on_its_day(lib, ils):
    refused = lend(ils, "A005", "INV001")
    assert "ditangguhkan sampai 04-03-2026" in refused.message
    lib.clock.advance(days=3)  # Thursday 5 March: 28 February + 5 days
    assert lend(ils, "A005", "INV001").ok


def test_the_member_category_rule_lets_a_member_with_it_borrow(ils):
    assert lend(ils, "A007", "DEWASA").ok


def test_the_member_who_booked_borrows_and_the_booking_is_cleared(lib, ils):
    assert lend(ils, "A002", "BOOK01").ok
    assert lib.query("SELECT BookingMemberID, BookingExpiredDate FROM collections WHERE NomorBarcode = 'BOOK01'") == [
        (None, None)
    ]
    assert lib.query("SELECT bookingExpired FROM bookinglogs") == [(None,)]


def test_the_loan_limit_and_a_loan_to_someone_else(ils):
    assert lend(ils, "A001", "INV001").ok and lend(ils, "A001", "INV002").ok
    assert lend(ils, "A001", "INV003").reason is Reason.LIMIT_REACHED
    assert lend(ils, "A002", "INV001").reason is Reason.CHECKED_OUT_TO_OTHER


def test_an_item_already_charged_to_the_patron_is_said_so_and_not_doubled(lib, ils):
    assert lend(ils, "A001", "INV001").ok
    assert lend(ils, "A001", "INV001").reason is Reason.ALREADY_ON_LOAN_TO_YOU
    assert len(lib.loan_items()) == 1 and len(lib.loans()) == 1


def test_an_overdue_loan_blocks_when_the_library_says_so(lib, ils):
    lib.lend("INV004", "A002", date(2026, 2, 20), date(2026, 2, 27))
    assert lend(ils, "A002", "INV001").ok  # PeminjamanLewatJatuhTempo off
    lib.execute("UPDATE settingparameters SET Value = '1' WHERE Name = 'PeminjamanLewatJatuhTempo'")
    assert lend(ils, "A002", "INV002").reason is Reason.PATRON_BLOCKED


def test_the_opac_password_is_checked(ils):
    assert ils.patron_information("A001", PASSWORD).pin_ok is True
    assert ils.patron_information("A001", "salah").pin_ok is False
    assert ils.patron_information("A002", PASSWORD).pin_ok is False  # no OPAC account: no password matches
    assert lend(ils, "A001", "INV001", pin="salah").reason is Reason.WRONG_PIN
    assert ils.patron_information("A001", None).pin_ok is None  # not asked: INLISLite lends on the card alone


def test_a_return_on_time_sets_the_item_available(lib, ils):
    assert lend(ils, "A001", "INV001").ok
    lib.clock.advance(days=3)
    result = ils.checkin("INV001")
    assert result.ok and result.borrower == "A001" and result.destination is Destination.SHELF
    (item,) = lib.loan_items("INV001")
    assert item["LoanStatus"] == "Return" and item["ActualReturn"] == datetime(2026, 3, 5)
    assert lib.status("INV001") == 1 and lib.violations("A001") == []


def test_a_late_return_writes_the_violation_the_desk_form_proposes(lib, ils):
    assert lend(ils, "A001", "INV001").ok  # due Thursday 12 March
    lib.clock.advance(days=14)  # Monday 16 March: 4 days, 2 of them the weekend
    result = ils.checkin("INV001")
    assert result.ok and "Terlambat 2 hari, denda Rp 2.000" in result.message
    (item,) = lib.loan_items("INV001")
    assert lib.violations("A001") == [
        {
            "CollectionLoan_id": "26030200001",
            "CollectionLoanItem_id": item["ID"],
            "JenisPelanggaran_id": LATE,
            "JenisDenda_id": 1,
            "JumlahDenda": 2000,
            "JumlahSuspend": 0,
        }
    ]
    assert item["LoanStatus"] == "Return" and lib.status("INV001") == 1
    assert ils.patron_information("A001", None).fines == 2000


def test_a_late_return_with_a_suspension_suspends(lib, ils):
    assert lend(ils, "A007", "INV001").ok  # due Monday 23 March
    lib.clock.advance(days=23)  # Wednesday 25 March: 2 days late
    result = ils.checkin("INV001")
    assert "ditangguhkan 2 hari" in result.message
    assert [(v["JumlahDenda"], v["JumlahSuspend"]) for v in lib.violations("A007")] == [(1000, 2)]
    assert lend(ils, "A007", "INV002").reason is Reason.PATRON_BLOCKED
    lib.clock.advance(days=2)
    assert lend(ils, "A007", "INV002").ok


def test_the_violation_type_is_configurable(lib):
    ils = lib.backend(late_violation_type=3, late_fine_type=5)
    assert lend(ils, "A001", "INV001").ok
    lib.clock.advance(days=14)
    ils.checkin("INV001")
    assert [(v["JenisPelanggaran_id"], v["JenisDenda_id"]) for v in lib.violations("A001")] == [(3, 5)]
    ils.close()


def test_an_unknown_violation_type_stops_the_start_with_a_clear_error(lib):
    with pytest.raises(KnownError, match=r"jenis_pelanggaran has no row 42 \(\[backend\] late_violation_type\)"):
        lib.backend(late_violation_type=42)


def test_a_returned_booked_item_goes_to_the_hold_shelf(lib, ils):
    lib.lend("BOOK01", "A001", date(2026, 2, 27), date(2026, 3, 6))
    result = ils.checkin("BOOK01")
    assert result.destination is Destination.HOLD_SHELF and result.hold_for == "A002"


def test_a_renewal_writes_an_extension_and_a_new_due_date(lib, ils):
    assert lend(ils, "A001", "INV001").ok
    lib.clock.advance(days=8)  # Tuesday 10 March
    result = ils.renew("A001", "INV001", None)
    assert result.ok and result.due.date() == date(2026, 3, 20)
    assert lib.loan_items("INV001")[0]["DueDate"] == datetime(2026, 3, 20)
    assert lib.query("SELECT DateExtend, DueDateExtend, CollectionLoan_id FROM collectionloanextends") == [
        (datetime(2026, 3, 10), datetime(2026, 3, 20), "26030200001")
    ]
    again = ils.renew("A001", "INV001", None)
    assert again.reason is Reason.RENEWAL_LIMIT and "hari ini" in again.message
    lib.clock.advance(days=1)
    assert ils.renew("A001", "INV001", None).reason is Reason.RENEWAL_LIMIT  # CountPerpanjang 1


def test_an_overdue_item_is_not_renewed(lib, ils):
    assert lend(ils, "A001", "INV001").ok
    lib.clock.advance(days=14)
    refused = ils.renew("A001", "INV001", None)
    assert refused.reason is Reason.RENEWAL_LIMIT and "lewat jatuh tempo" in refused.message


def test_holds_are_not_placed_by_the_bridge(ils):
    held = ils.hold("A001", "INV001", "+", None)
    assert not held.ok and "OPAC" in held.message
    assert ils.item_information("BOOK01").on_hold_for == "A002"
    assert ils.patron_information("A002", None).holds == ("BOOK01",)


class Crash(Exception):
    pass


def crash_at(step_name):
    def on_step(step):
        if step == step_name:
            raise Crash(step)

    return on_step


@pytest.mark.parametrize("step", ["checkout:after_loan", "checkout:after_item"])
def test_a_loan_cut_between_writes_is_undone_or_finished_at_the_next_start(lib, caplog, step):
    ils = lib.backend(on_step=crash_at(step))
    with pytest.raises(Crash):
        lend(ils, "A001", "INV001")
    ils.close()
    with caplog.at_level(logging.WARNING):
        lib.backend().close()
    assert lib.query("SELECT COUNT(*) FROM kiosk_bridge_intent") == [(0,)]
    if step == "checkout:after_loan":  # only the collectionloans row: removed, the kiosk asks again
        assert lib.loans() == [] and lib.status("INV001") == 1 and "removed it" in caplog.text
    else:  # the item row was written: the collection is set on loan
        assert len(lib.loan_items()) == 1 and lib.status("INV001") == 5 and "finished" in caplog.text


def test_a_late_return_cut_after_the_violation_is_finished(lib, caplog):
    assert lend(lib.backend(), "A001", "INV001").ok
    lib.clock.advance(days=14)
    ils = lib.backend(on_step=crash_at("checkin:after_fine"))
    with pytest.raises(Crash):
        ils.checkin("INV001")
    ils.close()
    assert lib.loan_items("INV001")[0]["LoanStatus"] == "Loan" and len(lib.violations("A001")) == 1
    with caplog.at_level(logging.WARNING):
        again = lib.backend()
    assert lib.loan_items("INV001")[0]["LoanStatus"] == "Return" and lib.status("INV001") == 1
    assert "closed it, finished" in caplog.text
    assert again.checkin("INV001").ok and len(lib.violations("A001")) == 1  # the kiosk's retry: no second fine
    again.close()


def test_a_renewal_cut_after_the_extension_is_finished(lib):
    assert lend(lib.backend(), "A001", "INV001").ok
    lib.clock.advance(days=8)
    ils = lib.backend(on_step=crash_at("renew:after_extend"))
    with pytest.raises(Crash):
        ils.renew("A001", "INV001", None)
    ils.close()
    lib.backend().close()
    assert lib.loan_items("INV001")[0]["DueDate"] == datetime(2026, 3, 20)


def test_the_98_announces_what_the_backend_does(ils):
    from kiosk.sip2.fields import SUPPORTED_MESSAGE_ORDER

    announced = dict(zip(SUPPORTED_MESSAGE_ORDER, ils.branding.supported))
    assert announced["63"] == announced["11"] == announced["09"] == announced["29"] == "Y"
    assert announced["15"] == announced["37"] == "N"  # holds in the OPAC, fines at the desk


def test_a_replayed_return_keeps_the_day_it_came_back(lib, ils):

    assert lend(ils, "A001", "INV001").ok  # due Thursday 12 March
    lib.clock.advance(days=14)  # replayed on Monday 16 March; the item came back on Thursday 12th
    came_back = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta, as a SIP2 "Z" date
    assert ils.checkin("INV001", when=came_back).ok
    assert lib.loan_items("INV001")[0]["ActualReturn"] == datetime(2026, 3, 12)
    assert lib.violations("A001") == []  # on time that day: no fine for the days it sat in the queue


def test_two_kiosks_taking_the_same_transaction_number_both_lend(lib):
    """Two checkouts of different items compute the day's next number at once: the primary key
    refuses the second insert, which takes the next number (no lock every checkout queues on)."""
    import threading

    inside, release = threading.Event(), threading.Event()

    def hold_after_numbering(step):
        if step == "checkout:numbered" and not inside.is_set():
            inside.set()
            release.wait(30)

    first_kiosk, second_kiosk = lib.backend(on_step=hold_after_numbering), lib.backend()
    results = {}
    first = threading.Thread(target=lambda: results.setdefault("first", lend(first_kiosk, "A001", "INV001")))
    first.start()
    assert inside.wait(30)  # the first has numbered its loan 26030200001 and not written it yet
    results["second"] = lend(second_kiosk, "A002", "INV002")  # takes 26030200001 first
    release.set()
    first.join(30)
    assert results["first"].ok and results["second"].ok
    numbers = {item["member_id"]: item["CollectionLoan_id"] for item in lib.loan_items()}
    assert numbers == {102: "26030200001", 101: "26030200002"}
    assert lib.query("SELECT COUNT(*) FROM kiosk_bridge_intent") == [(0,)]
    first_kiosk.close()
    second_kiosk.close()
