"""Every fault a SIP2 link can have, through the kiosk's real code path
(``kiosk.app.build`` -> circulation -> journal -> SIP2 adapter -> syncer)
against the fake ACS: each checkout and each return ends in exactly one
loan or return at the server, and the journal agrees.

The fake ILS behaves like Koha: a second checkout of the same loan is a
*renewal*, so any blind resend would show up in its transaction log.
Latency knobs only cause timeouts; nothing asserts on elapsed time.
"""

from __future__ import annotations

import fcntl
import os
import threading
from datetime import timedelta

import pytest

from kiosk.app import build
from kiosk.models import TxState
from kiosk.sync import Syncer
from tests.fakes.sip2_kiosk import PASSWORD, USERNAME, library, settings_for
from tests.fakes.sip2_server import FakeSip2Server, meet_side_by_side

TIMEOUT_S = 0.3


class Rig:
    """A fake ACS and a kiosk built from a config pointing at it."""

    def __init__(self, tmp_path, timeout_s: float = TIMEOUT_S, **catalog) -> None:
        self.ils = library()
        self.server = FakeSip2Server(self.ils, username=USERNAME, password=PASSWORD).start()
        self.kiosk = build(settings_for(tmp_path, self.server.port, timeout_s=timeout_s, **catalog))
        self.applied = threading.Event()  # set once the ILS has handled a checkout or checkin

        def applied(request, phase):
            if request.code in ("11", "09") and phase == "applied":
                self.applied.set()

        self.server.on_request = applied

    def lend_to(self, item: str, card: str = "P1") -> None:
        self.ils.lend(item, card)

    def history(self, item: str) -> list[str]:
        return [t.kind for t in self.ils.transactions if t.item == item]

    def rows(self, item: str):
        return [tx for tx in self.kiosk.journal.in_state(*TxState) if tx.item_id == item]

    def close(self) -> None:
        self.kiosk.close()
        self.server.stop()


@pytest.fixture
def rig(tmp_path):
    r = Rig(tmp_path)
    yield r
    r.close()


def _inject(kind):
    return lambda rig, code: rig.server.inject(kind, code=code)


def _set(**knobs):
    return lambda rig, code: [setattr(rig.server.faults, k, v) for k, v in knobs.items()]


def _folio(rig, code):
    rig.server.faults.dedupe_same_seq = True  # FOLIO edge-sip2 answers a repeated frame from its store
    rig.server.inject("drop_after", code=code)


def _down(rig, code):
    rig.server.stop()


FAULTS = {
    "drop before answering, not applied": _inject("drop_before"),
    "drop after applying, no answer": _inject("drop_after"),
    "garbage answer": _inject("garbage"),
    "bad checksum": _inject("bad_checksum"),
    "ACS asks for a resend (96)": _inject("request_resend"),
    "stale frame merged before the answer": _inject("merge"),
    "no answer in time": lambda rig, code: rig.server.inject("delay", code=code, seconds=3 * TIMEOUT_S),
    "slow but in time": _set(latency=TIMEOUT_S / 10),
    "CRLF terminators": _set(terminator=b"\r\n"),
    "one byte per TCP segment": _set(split_writes=True),
    "restarted since the last request": lambda rig, code: rig.server.restart(),
    "drop after applying, FOLIO-style resend store": _folio,
    "ILS down, back later": _down,
}


GOES_OFFLINE = {"no answer in time", "ILS down, back later"}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("kind", ["checkout", "checkin"])
def test_every_fault_ends_in_exactly_one_loan_or_return(rig, fault, kind):
    circulation = rig.kiosk.circulation
    if kind == "checkin":
        rig.lend_to("I1")
    session = circulation.sign_in("P1").session
    FAULTS[fault](rig, "11" if kind == "checkout" else "09")
    outcome = circulation.checkout(session, "I1") if kind == "checkout" else circulation.checkin("I1")
    assert outcome.ok  # the patron walks away with the book, or leaves it, either way
    assert outcome.offline is (fault in GOES_OFFLINE)  # every other fault is repaired on the spot
    if fault == "ILS down, back later":
        rig.server.start()
    if fault == "no answer in time":
        assert rig.applied.wait(10)  # the late request lands at the ILS...
        rig.kiosk.syncer.settle_s = 0  # ...and only then is it verified
    rig.kiosk.syncer.run_once()
    assert rig.history("I1") == [kind]
    assert [tx.state for tx in rig.rows("I1")] == [TxState.DONE]
    assert rig.ils.loans() == ({"I1": "P1"} if kind == "checkout" else {})


def test_a_lost_answer_is_not_verified_while_it_may_still_be_in_flight(tmp_path, rig):
    session = rig.kiosk.circulation.sign_in("P1").session
    rig.server.inject("delay", code="11", seconds=3 * TIMEOUT_S)
    assert rig.kiosk.circulation.checkout(session, "I1").offline
    clock = [rig.rows("I1")[0].updated_at]
    syncer = Syncer(rig.kiosk.catalog, rig.kiosk.journal, clock=lambda: clock[0])
    report = syncer.run_once()
    assert report.synced == 0 and report.still_queued == 1 and not report.error
    assert "lost" in report.details[0]
    assert rig.applied.wait(10)
    clock[0] += timedelta(seconds=syncer.settle_s + 1)
    assert syncer.run_once().synced == 1
    assert rig.history("I1") == ["checkout"]  # verified as lent: never sent again


def test_the_ils_restarting_mid_sync_loses_and_doubles_nothing(rig):
    circulation = rig.kiosk.circulation
    rig.server.stop()
    session = circulation.sign_in("P1").session
    items = [f"S{n}" for n in range(6)]
    assert all(circulation.checkout(session, item).offline for item in items)
    rig.server.start()
    restarts = []

    def restart_on_third(request, phase):
        if (
            request.code == "11"
            and phase == "received"
            and not restarts
            and sum(f.startswith(b"11") for f in rig.server.received) == 3
        ):
            restarts.append(threading.Thread(target=rig.server.restart))
            restarts[0].start()

    rig.server.on_request = restart_on_third
    rig.kiosk.syncer.run_once()
    restarts[0].join(10)
    rig.kiosk.syncer.settle_s = 0  # the old server is gone: nothing can be in flight
    rig.kiosk.syncer.run_once()
    assert rig.kiosk.journal.counts()["done"] == 6
    assert sorted(rig.ils.loans()) == items
    assert [t.kind for t in rig.ils.transactions] == ["checkout"] * 6


def test_replaying_the_same_journal_twice_changes_nothing_at_the_ils(rig):
    circulation = rig.kiosk.circulation
    rig.server.stop()
    session = circulation.sign_in("P1").session
    for item in ("I1", "I2", "I1"):  # the same book queued twice, too
        circulation.checkout(session, item)
    rig.server.start()
    rig.kiosk.syncer.run_once()
    for tx in rig.kiosk.journal.in_state(TxState.DONE):  # as if restored from a backup taken before the sync
        rig.kiosk.journal.finish(tx.uuid, TxState.QUEUED)
    rig.kiosk.syncer.run_once()
    assert [t.kind for t in rig.ils.transactions] == ["checkout", "checkout"]  # no renewal, no second loan
    assert rig.kiosk.journal.counts()["done"] == 3


def test_one_syncer_per_journal_even_across_processes(rig):
    rig.server.stop()
    session = rig.kiosk.circulation.sign_in("P1").session
    rig.kiosk.circulation.checkout(session, "I1")
    rig.server.start()
    fd = os.open(f"{rig.kiosk.journal.path}.sync-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another process (a technician's `kiosk sync`) is syncing
    try:
        report = rig.kiosk.syncer.run_once()
    finally:
        os.close(fd)
    assert "another process" in report.error and rig.ils.transactions == []
    assert rig.kiosk.syncer.run_once().synced == 1


def test_a_row_the_ils_keeps_answering_unreadably_goes_to_staff(rig):
    circulation = rig.kiosk.circulation
    rig.server.stop()
    session = circulation.sign_in("P1").session
    circulation.checkout(session, "I1")
    circulation.checkout(session, "I2")
    rig.server.start()
    for code in ("17", "97"):  # every answer about I1 and I2 is unreadable, repeats too
        rig.server.inject("garbage", code=code, times=1000)
    rig.kiosk.syncer.settle_s = 0  # each pass may retry at once
    for _ in range(5):
        rig.kiosk.syncer.run_once()
    conflict = rig.kiosk.journal.in_state(TxState.CONFLICT)
    assert [tx.item_id for tx in conflict] == ["I1"] and "cannot be read" in conflict[0].detail


def test_a_long_queue_replays_side_by_side_yet_in_order_where_it_matters(tmp_path):
    rig = Rig(tmp_path, timeout_s=10.0)  # longer than meet_side_by_side may hold a checkout: no timeouts
    try:
        circulation = rig.kiosk.circulation
        rig.lend_to("I1", "P2")
        rig.server.stop()
        circulation.checkin("I1")  # Budi's loan comes back while the ILS is away…
        circulation.checkout(circulation.sign_in("P1").session, "I1")  # …and Siti borrows it at once
        for n in range(6):
            rig.ils.add_patron(f"Q{n}")
            circulation.checkout(circulation.sign_in(f"Q{n}").session, f"S{n}")
        rig.server.start()
        met = meet_side_by_side(rig.server, "11")
        report = rig.kiosk.syncer.run_once()
        assert (report.synced, report.conflicts, report.still_queued) == (8, 0, 0)
        assert rig.history("I1") == ["checkin", "checkout"] and rig.ils.loans()["I1"] == "P1"
        assert met == [True, True]  # independent loans were at the ILS at the same time…
        assert rig.server.connections_accepted > 1  # …on sessions of their own
    finally:
        rig.close()
