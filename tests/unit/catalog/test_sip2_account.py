"""The account screen's SIP2: one 63 per item list and a 17 per item give
loans with titles and due dates, holds ready or not and where, and fines;
65 renews everything and the 17s say the new due dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kiosk.catalog.sip2_answers import item_ids
from kiosk.models import Reason
from kiosk.sip2.codec import decode
from tests.fakes.sip2_kiosk import PASSWORD, USERNAME, library
from tests.fakes.sip2_server import FakeSip2Server

TODAY = date(2024, 5, 6)  # the fake ILS's clock


def test_the_account_lists_loans_overdue_holds_and_fines(ils, catalog):
    ils.add_patron("RICH", name="Agus Pratama", fines=Decimal("25000"))
    ils.lend("I1", "RICH", due=date(2024, 5, 20))
    ils.lend("I2", "RICH", due=date(2024, 5, 1))  # overdue
    ils.place_hold("HOLD", "RICH")  # behind Budi's hold: not ready for Agus
    ils.place_hold("AWAY", "RICH")  # on the shelf and first in line: ready
    ils.lend("S1", "P2")
    ils.place_hold("S1", "RICH")  # someone else has it: not ready
    account = catalog.account("RICH", today=TODAY)
    loans = {loan.title: loan for loan in account.loans}
    assert loans["Laskar Pelangi"].due == date(2024, 5, 20) and not loans["Laskar Pelangi"].overdue
    assert loans["Bumi Manusia"].due == date(2024, 5, 1) and loans["Bumi Manusia"].overdue
    holds = {h.title: h for h in account.holds}
    assert holds["Saman"].ready and holds["Saman"].pickup  # where to collect it
    assert not holds["Laut Bercerita"].ready and not holds["Stack book 1"].ready
    assert account.fines == 2_500_000  # EUR cents: the fake ILS counts in euros
    assert [loan.item_id for loan in account.overdue] == ["I2"]


def test_the_account_asks_each_list_on_its_own_63(ils, server, catalog):
    ils.lend("I1", "P1")
    catalog.account("P1", today=TODAY)
    summaries = [decode(raw).fixed["summary"] for raw in server.received if raw.startswith(b"63")]
    wanted = {s.index("Y") for s in summaries[-5:]}
    assert wanted == {0, 1, 2, 3, 5}  # holds, overdue, charged, fines, unavailable holds
    assert all(s.count("Y") == 1 for s in summaries[-5:])


def test_rupiah_amounts_and_the_limit_come_from_bv_and_cc(catalog_for):
    ils = library(currency="IDR", fine_limit=Decimal("10000"))
    ils.add_patron("AGUS", name="Agus", fines=Decimal("25000"))
    with FakeSip2Server(ils, username=USERNAME, password=PASSWORD) as srv:
        account = catalog_for(srv).account("AGUS", today=TODAY)
    assert account.fines == 25_000 and account.fine_limit == 10_000


def test_renew_all_gives_each_new_due_date_or_why_not(ils, catalog):
    ils.lend("I1", "P1", due=date(2024, 5, 10))
    ils.lend("I2", "P1", due=date(2024, 5, 10))
    ils.place_hold("I2", "P2")  # Budi waits for it: not renewable
    results = {r.item_id: r for r in catalog.renew_all("P1")}
    assert results["I1"].ok and results["I1"].due == date(2024, 5, 20) and results["I1"].title == "Laskar Pelangi"
    assert not results["I2"].ok and results["I2"].reason is Reason.ON_HOLD_FOR_OTHER
    assert ils.loans()["I1"] == "P1"
    assert [t.kind for t in ils.transactions if t.item == "I1"] == ["renew"]


def test_item_lists_with_titles_after_the_ids_are_read_by_id():
    assert item_ids(["I1 Laskar Pelangi", "I2", " "]) == ["I1", "I2"]


def test_renewals_stand_when_the_due_dates_cannot_be_asked(ils, server, catalog):
    ils.lend("I1", "P1", due=date(2024, 5, 10))
    server.inject("drop_before", code="17", times=20)  # every 17 after the 65 goes unanswered
    results = catalog.renew_all("P1")
    assert [(r.item_id, r.ok, r.due) for r in results] == [("I1", True, None)]
    assert [t.kind for t in ils.transactions if t.item == "I1"] == ["renew"]  # renewed once, not resent
