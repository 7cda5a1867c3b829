"""Sync: queued rows reach the catalog exactly once, in order; refusals become conflicts."""

import threading
from datetime import timedelta

import pytest

from kiosk.catalog import demo_data as d
from kiosk.circulation import CirculationService, OfflinePolicy
from kiosk.errors import CatalogUnavailable
from kiosk.journal import Journal
from kiosk.models import TxKind, TxState
from kiosk.sync import Syncer, SyncWorker

SITI, BUDI, JOKO = d.patron_card(1), d.patron_card(2), d.patron_card(6)


@pytest.fixture
def journal(tmp_path):
    j = Journal.open(tmp_path / "journal.sqlite3")
    yield j
    j.close()


@pytest.fixture
def offline_loans(catalog, journal):
    """Siti borrows two items while the catalog is away."""
    circ = CirculationService(catalog, journal, OfflinePolicy())
    session = circ.sign_in(SITI, "1234").session
    catalog.reachable = False
    outcomes = [circ.checkout(session, d.item_barcode(n)) for n in (1, 5)]
    assert all(o.ok and o.offline for o in outcomes)
    return outcomes


def test_queued_rows_are_applied_when_the_catalog_comes_back(catalog, journal, offline_loans):
    syncer = Syncer(catalog, journal)
    statuses = []
    syncer.add_listener(statuses.append)
    report = syncer.run_once()
    assert report.synced == 0 and report.still_queued == 2 and report.error
    assert statuses[-1].online is False and statuses[-1].queued == 2
    catalog.reachable = True
    report = syncer.run_once()
    assert (report.synced, report.conflicts, report.still_queued) == (2, 0, 0)
    assert statuses[-1].online is True and statuses[-1].queued == 0
    assert catalog.item(d.item_barcode(1)).charged_to == SITI
    assert [h[0] for h in catalog.history()] == ["checkout", "checkout"]


def test_replaying_twice_changes_nothing(catalog, journal, offline_loans):
    catalog.reachable = True
    syncer = Syncer(catalog, journal)
    syncer.run_once()
    for tx in journal.in_state(TxState.DONE):  # as if the rows had been left queued
        journal.finish(tx.uuid, TxState.QUEUED, extra={"verify": True})
    report = syncer.run_once()
    assert report.synced == 2
    assert len(catalog.history()) == 2  # still one loan each


def test_a_lost_answer_is_verified_not_resent(catalog, journal, offline_loans):
    catalog.reachable = True
    # The catalog applied the first loan but its answer never arrived:
    catalog.checkout(SITI, d.item_barcode(1))
    tx = journal.in_state(TxState.QUEUED)[0]
    journal.finish(tx.uuid, TxState.QUEUED, extra={"verify": True})
    report = Syncer(catalog, journal).run_once()
    assert report.synced == 2 and report.conflicts == 0
    assert [h for h in catalog.history() if h[1] == d.item_barcode(1)] == [("checkout", d.item_barcode(1), SITI)]
    assert "verified" in journal.get(tx.uuid).detail


def test_a_refusal_on_replay_becomes_a_conflict_for_staff(catalog, journal, offline_loans):
    catalog.reachable = True
    catalog.checkout(JOKO, d.item_barcode(5))  # someone else got it at the desk meanwhile
    report = Syncer(catalog, journal).run_once()
    assert (report.synced, report.conflicts) == (1, 1)
    conflict = journal.in_state(TxState.CONFLICT)[0]
    assert conflict.item_id == d.item_barcode(5) and conflict.reason == "checked_out_to_other"
    assert any(a["kind"] == "sync_conflict" for a in journal.open_alerts())


def test_rows_replay_in_order(catalog, journal):
    circ = CirculationService(catalog, journal, OfflinePolicy())
    catalog.reachable = False
    circ.checkin(d.item_barcode(4))  # Budi's loan comes back offline…
    session = circ.sign_in(SITI).session
    circ.checkout(session, d.item_barcode(4))  # …and Siti borrows it straight away
    catalog.reachable = True
    report = Syncer(catalog, journal).run_once()
    assert (report.synced, report.conflicts) == (2, 0)
    assert catalog.item(d.item_barcode(4)).charged_to == SITI


def test_crash_leftovers_are_verified_on_start(catalog, journal):
    tx = journal.begin(TxKind.CHECKOUT, d.item_barcode(1), SITI)  # the process died here
    catalog.checkout(SITI, d.item_barcode(1))  # …after the catalog had applied it
    syncer = Syncer(catalog, journal)
    assert syncer.recover() == 1
    report = syncer.run_once()
    assert report.synced == 1 and len(catalog.history()) == 1
    assert journal.get(tx.uuid).state is TxState.DONE


def test_catalog_going_away_mid_sync_keeps_the_rest_queued(catalog, journal, offline_loans):
    catalog.reachable = True
    original = catalog.checkout
    calls = []

    def flaky(*a, **k):
        calls.append(a)
        if len(calls) == 2:
            raise CatalogUnavailable("dropped", maybe_applied=True)
        return original(*a, **k)

    catalog.checkout = flaky
    report = Syncer(catalog, journal).run_once()
    assert report.synced == 1 and report.still_queued == 1 and report.error
    left = journal.in_state(TxState.QUEUED)
    assert len(left) == 1 and left[0].extra["verify"] is True


def test_worker_runs_a_pass_when_woken(catalog, journal, offline_loans):
    catalog.reachable = True
    syncer = Syncer(catalog, journal)
    drained = threading.Event()
    syncer.add_listener(lambda status: status.queued == 0 and drained.set())
    worker = SyncWorker(syncer, interval_s=3600)  # only a wake-up can make it run again
    worker.start()
    worker.wake()
    assert drained.wait(10)
    worker.stop(timeout=10)
    assert journal.counts()["done"] == 2


def test_a_recovered_row_holds_back_only_the_rows_that_depend_on_it(catalog, journal):
    """After a crash the row whose answer may still be in flight waits out the
    settle time; the loan of another patron and another item replays at once."""
    budi_item, later_item = d.item_barcode(6), d.item_barcode(7)
    crashed = journal.begin(TxKind.CHECKOUT, d.item_barcode(1), SITI)  # the process died here…
    catalog.checkout(SITI, d.item_barcode(1))  # …after the catalog had applied it

    def offline(kind, item, card):
        tx = journal.begin(kind, item, card)
        journal.finish(tx.uuid, TxState.QUEUED, offline=True)
        return tx

    same_patron = offline(TxKind.CHECKOUT, d.item_barcode(5), SITI)
    independent = offline(TxKind.CHECKOUT, budi_item, BUDI)
    same_item = offline(TxKind.CHECKIN, d.item_barcode(1), None)
    after_that_return = offline(TxKind.CHECKOUT, later_item, BUDI)  # a return may free a loan limit
    now = [journal.get(crashed.uuid).updated_at]
    syncer = Syncer(catalog, journal, settle_s=60, clock=lambda: now[0])
    syncer.recover()

    report = syncer.run_once()

    assert report.synced == 1 and not report.error
    assert journal.get(independent.uuid).state is TxState.DONE
    waiting = (crashed, same_patron, same_item, after_that_return)
    assert [journal.get(tx.uuid).state for tx in waiting] == [TxState.QUEUED] * 4
    assert catalog.item(budi_item).charged_to == BUDI

    now[0] += timedelta(seconds=61)
    report = syncer.run_once()
    assert (report.synced, report.conflicts, report.still_queued) == (4, 0, 0)
    assert [h for h in catalog.history() if h[0] == "checkout" and h[1] == d.item_barcode(1)] == [
        ("checkout", d.item_barcode(1), SITI)
    ]  # verified, not lent twice


def test_a_queued_loan_whose_item_came_back_online_is_not_lent_again(catalog, journal):
    """The loan waited in the queue (its answer lost); the patron returned the book
    online meanwhile. Finding it not on loan must not send the loan again: that
    would put a book on the shelf on Siti's card."""
    item = d.item_barcode(6)
    loan = journal.begin(TxKind.CHECKOUT, item, SITI)
    catalog.checkout(SITI, item)  # applied, answer lost
    journal.finish(loan.uuid, TxState.QUEUED, offline=True, extra={"verify": True})
    CirculationService(catalog, journal, OfflinePolicy()).checkin(item)  # online: done
    report = Syncer(catalog, journal, settle_s=0).run_once()
    assert report.synced == 1 and report.conflicts == 0
    assert catalog.item(item).charged_to is None
    assert [h[0] for h in catalog.history() if h[1] == item] == ["checkout", "checkin"]


def test_a_loan_and_a_return_both_made_offline_both_reach_the_catalog(catalog, journal):
    item = d.item_barcode(6)
    for kind, card in ((TxKind.CHECKOUT, SITI), (TxKind.CHECKIN, None)):
        tx = journal.begin(kind, item, card)
        journal.finish(tx.uuid, TxState.QUEUED, offline=True)
    report = Syncer(catalog, journal, settle_s=0).run_once()
    assert report.synced == 2
    assert [h[0] for h in catalog.history() if h[1] == item] == ["checkout", "checkin"]


def test_a_sync_pass_reads_the_journal_by_index_never_its_whole_history(catalog, journal, offline_loans, monkeypatch):
    """A kiosk keeps years of (anonymised) rows. A sync pass must read only what it
    replays: one that read the whole history (as the queued loans' "returned since?"
    check once did) grows in time and memory with every loan the kiosk ever made."""
    catalog.reachable = True
    circ = CirculationService(catalog, journal, OfflinePolicy())
    session = circ.sign_in(BUDI, "1234").session
    for _ in range(100):  # settled history of other items
        for n in (6, 7):
            assert circ.checkout(session, d.item_barcode(n)).ok
            assert circ.checkin(d.item_barcode(n)).ok
    circ.checkin(d.item_barcode(5))  # a return after a queued loan of the same item
    fetched, statements = [], []
    read = journal._read
    monkeypatch.setattr(journal, "_read", lambda sql, args=(): fetched.append(len(rows := read(sql, args))) or rows)
    journal._conn.set_trace_callback(statements.append)
    try:
        report = Syncer(catalog, journal).run_once()
    finally:
        journal._conn.set_trace_callback(None)
    assert report.synced + report.conflicts == 2
    assert sum(fetched) < 20, fetched  # the queued rows and their items' rows, not 400 of history
    scans = {
        s: plan
        for s in statements
        if " transactions" in s and not s.startswith(("BEGIN", "COMMIT"))
        for plan in [[row[3] for row in journal._conn.execute("EXPLAIN QUERY PLAN " + s)]]
        if any(step.startswith("SCAN transactions") for step in plan)
    }
    assert not scans, scans


def test_a_loan_a_slow_ils_applied_after_the_book_came_back_is_returned_again(catalog, journal):
    """A slow ILS applies a loan after the kiosk stopped waiting for its answer, and after
    the book's return (made online straight away) reached it. Left so, Siti would be charged,
    and fined, for a book on the shelf: verifying the loan finds it charged with the book
    back since and nobody borrowing it, and sends the return again."""
    circ = CirculationService(catalog, journal, OfflinePolicy())
    session = circ.sign_in(SITI, "1234").session
    item, ils_checkout, late = d.item_barcode(1), catalog.checkout, []

    def answer_lost(card, item_id, **_):
        late.append((card, item_id))
        raise CatalogUnavailable("timed out after sending", maybe_applied=True)

    catalog.checkout = answer_lost
    assert circ.checkout(session, item).ok
    catalog.checkout = ils_checkout
    assert circ.checkin(item).ok  # online: the ILS has not applied the loan yet
    for card, item_id in late:  # it gets round to it now
        ils_checkout(card, item_id)
    assert catalog.item(item).charged_to == SITI
    report = Syncer(catalog, journal, settle_s=0).run_once()
    assert (report.synced, report.conflicts, report.still_queued) == (1, 0, 0)
    assert [h[0] for h in catalog.history()] == ["checkout", "checkin"]  # the late loan, the return sent again
    assert not catalog.item(item).charged_to
    assert "return was sent again" in report.details[0]


def test_a_loan_verified_after_the_book_was_borrowed_again_is_left_to_the_later_loan(catalog, journal):
    """The same, but Budi borrowed the book after its return: the charge is his loan's
    doing, and the book is with him; nothing is returned."""
    circ = CirculationService(catalog, journal, OfflinePolicy())
    item, ils_checkout = d.item_barcode(1), catalog.checkout
    siti = circ.sign_in(SITI, "1234").session

    def answer_lost(card, item_id, **_):
        raise CatalogUnavailable("timed out after sending", maybe_applied=True)

    catalog.checkout = answer_lost
    assert circ.checkout(siti, item).ok
    catalog.checkout = ils_checkout
    assert circ.checkin(item).ok
    assert circ.checkout(circ.sign_in(BUDI, "1234").session, item).ok  # online: lent to Budi
    report = Syncer(catalog, journal, settle_s=0).run_once()
    assert catalog.item(item).charged_to == BUDI
    assert "checkin" not in [h[0] for h in catalog.history()]  # nothing was returned under Budi
    assert report.still_queued == 0


def test_a_loan_never_sent_is_not_returned_again_for_a_charge_made_elsewhere(catalog, journal):
    """An offline loan never left the kiosk; the book came back, and Siti then borrowed
    it at the desk. The ILS's charge is the desk's: nothing is returned."""
    item = d.item_barcode(6)
    loan = journal.begin(TxKind.CHECKOUT, item, SITI)
    journal.finish(loan.uuid, TxState.QUEUED, offline=True)  # never sent
    back = journal.begin(TxKind.CHECKIN, item, None)
    journal.finish(back.uuid, TxState.DONE)
    catalog.checkout(SITI, item)  # at the desk, out of this kiosk's sight
    Syncer(catalog, journal, settle_s=0).run_once()
    assert catalog.item(item).charged_to == SITI
    assert "checkin" not in [h[0] for h in catalog.history()]
