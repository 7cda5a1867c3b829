"""The background sync thread never dies: not of an impossible wait, not of a bug in a pass."""

import threading

import pytest

from kiosk.journal import Journal
from kiosk.sync import Syncer, SyncReport, SyncWorker


@pytest.fixture
def syncer(catalog, tmp_path):
    journal = Journal.open(tmp_path / "journal.sqlite3")
    yield Syncer(catalog, journal)
    journal.close()


def passes_on_request(worker: SyncWorker, count: int) -> list[SyncReport]:
    """Ask for ``count`` passes one after the other; each must be answered by the living thread."""
    reports = []
    for _ in range(count):
        done = threading.Event()
        worker.sync_now(lambda report, done=done: (reports.append(report), done.set()))
        assert done.wait(30), "the sync thread did not answer: it is dead"
    return reports


@pytest.mark.parametrize("interval_s", [float("inf"), float("nan"), 1e300])
def test_a_wait_no_timer_can_make_does_not_kill_the_thread(syncer, interval_s):
    worker = SyncWorker(syncer, interval_s=interval_s, max_backoff_s=interval_s)
    worker.start()
    try:
        assert len(passes_on_request(worker, 3)) == 3
    finally:
        worker.stop()


def test_a_failing_listener_or_pass_does_not_kill_the_thread(syncer, monkeypatch):
    monkeypatch.setattr("kiosk.sync.ERROR_WAIT_S", 0.0)  # retry at once, so the test waits for nothing
    worker = SyncWorker(syncer, interval_s=3600)
    worker.start()
    try:
        worker.sync_now(lambda report: 1 / 0)  # a listener's bug
        calls = []

        def broken_round(delay):
            calls.append(delay)
            if len(calls) == 1:
                raise RuntimeError("a bug nobody foresaw")
            return original(delay)

        original = worker._round
        monkeypatch.setattr(worker, "_round", broken_round)
        assert len(passes_on_request(worker, 2)) == 2
    finally:
        worker.stop()
