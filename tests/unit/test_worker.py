"""The circulation worker: operations' journal work on one thread, their
blocking calls on the I/O pool, and nothing let out before its batch is
durable (group commit)."""

import threading
from contextlib import contextmanager

import pytest

from kiosk.worker import CirculationWorker, Operation


class Recorder:
    """A context whose 'journal' records what happened, in order, from any thread."""

    def __init__(self, fail_commit: bool = False) -> None:
        self.events: list[str] = []
        self.threads: set[str] = set()
        self.fail_commit = fail_commit
        self._lock = threading.Lock()

    def note(self, event: str) -> None:
        with self._lock:
            self.events.append(event)

    @contextmanager
    def group(self):
        yield
        if self.fail_commit:
            raise OSError("disk full")
        self.note("commit")


class Lend(Operation):
    """Writes, asks the outside world, writes again: like a checkout."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, rec: Recorder):
        rec.threads.add(threading.current_thread().name)
        rec.note(f"write {self.name}")
        answer = yield lambda: rec.note(f"ask {self.name}") or f"yes {self.name}"
        rec.threads.add(threading.current_thread().name)
        rec.note(f"write {answer}")
        return answer


def worker(rec: Recorder) -> CirculationWorker:
    return CirculationWorker(rec, io_workers=2, threaded=True, group=rec.group)


def test_nothing_is_asked_or_answered_before_its_write_is_committed():
    rec = Recorder()
    w = worker(rec)
    try:
        future = w.submit(Lend("A"))
        seen_at_answer: list[list[str]] = []
        future.add_done_callback(lambda _f: seen_at_answer.append(list(rec.events)))
        assert future.result(timeout=10) == "yes A"
    finally:
        w.close()
    first_commit = rec.events.index("commit")
    assert rec.events.index("write A") < first_commit < rec.events.index("ask A")
    assert seen_at_answer[0][-1] == "commit", "the answer came out before its last write was durable"
    assert rec.threads == {"kiosk-circulation"}, "journal work ran off the worker thread"


def test_a_failed_commit_fails_the_operation_and_asks_nobody():
    rec = Recorder(fail_commit=True)
    w = worker(rec)
    try:
        with pytest.raises(OSError, match="disk full"):
            w.submit(Lend("A")).result(timeout=10)
    finally:
        w.close()
    assert not any(e.startswith("ask") for e in rec.events)


def test_many_operations_interleave_on_one_thread_and_each_gets_its_own_answer():
    rec = Recorder()
    w = worker(rec)
    try:
        futures = [w.submit(Lend(str(n))) for n in range(20)]
        assert [f.result(timeout=10) for f in futures] == [f"yes {n}" for n in range(20)]
    finally:
        w.close()
    assert rec.threads == {"kiosk-circulation"}


def test_waiting_for_an_operation_on_the_worker_itself_is_refused_not_a_deadlock():
    rec = Recorder()
    w = worker(rec)

    class Nested(Operation):
        def run(self, _rec):
            return w.run(Lend("inner"))
            yield

    try:
        with pytest.raises(RuntimeError, match="never finish"):
            w.submit(Nested()).result(timeout=10)
    finally:
        w.close()
