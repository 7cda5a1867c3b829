"""The one circulation worker: a thread that owns the journal (and every
patron ``Session``) and runs operations, in the manner of Anki's
collection executor (``aqt/operations``).

An operation is a small object whose ``run`` is a generator. Its code
runs on the worker thread, so it may touch the journal and the session
freely; a blocking call to the outside world (the catalog, a tag's
security bit) is *yielded* as a zero-argument callable, runs on the I/O
pool (as wide as the catalog has sessions), and its result — or its
exception — is sent back into the generator on the worker thread. So a
stack of ten items checks out side by side over the catalog's sessions
while every journal write and every decision (the offline limit) happens
on one thread, in order, with no lock.

The worker takes whatever work is queued as one batch and runs it inside
``group`` (the journal's group commit): one fsync for a batch instead of
one per write. No result leaves the worker and no blocking call starts
before the batch is durable, so every row is still committed before its
answer is shown and before its request reaches the catalog.

``threaded=False`` runs everything inline on the caller's thread: tests
see each result the moment they ask, with nothing to wait for.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
C = TypeVar("C")
# What an operation's generator yields: a blocking call for the I/O pool.
Blocking = Callable[[], Any]


class Operation(ABC, Generic[C, T]):
    """One unit of circulation work; ``run(context)`` yields blocking calls and returns the result."""

    @abstractmethod
    def run(self, context: C) -> Generator[Blocking, Any, T]: ...


class CirculationWorker(Generic[C]):
    def __init__(
        self,
        context: C,
        *,
        io_workers: int = 1,
        threaded: bool = True,
        group: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext,
        name: str = "kiosk-circulation",
    ):
        self.context = context
        self.threaded = threaded
        self._group = group
        # While a batch runs: what waits for its commit (blocking calls to start, results to hand out).
        self._held: list[_Held] | None = None
        self._queue: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._io = ThreadPoolExecutor(max(1, io_workers), thread_name_prefix="kiosk-io") if threaded else None
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
            self._thread.start()

    # -- submitting ---------------------------------------------------------
    def submit(self, op: Operation[C, T]) -> Future[T]:
        """Start ``op``; the future completes on the worker thread (callbacks added to it run there)."""
        future: Future[T] = Future()
        self._post(lambda: self._step(op.run(self.context), future, None, None))
        return future

    def run(self, op: Operation[C, T]) -> T:
        """Run ``op`` and wait for its result (the command line, benchmarks, the syncer's thread)."""
        if self.on_worker():
            raise RuntimeError("an operation waited for another on the circulation worker: it would never finish")
        return self.submit(op).result()

    def on_worker(self) -> bool:
        return self._thread is not None and threading.current_thread() is self._thread

    def close(self) -> None:
        """Finish what is queued, then stop."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)
            self._thread = None
        if self._io is not None:
            self._io.shutdown(wait=True)
            self._io = None

    # -- driving generators -------------------------------------------------
    def _post(self, job: Callable[[], None]) -> None:
        if self.threaded:
            self._queue.put(job)
        else:
            job()

    def _loop(self) -> None:
        while True:
            jobs = [self._queue.get()]
            with contextlib.suppress(queue.Empty):
                while True:
                    jobs.append(self._queue.get_nowait())
            self._run_batch([job for job in jobs if job is not None])
            if None in jobs:
                return

    def _run_batch(self, jobs: list[Callable[[], None]]) -> None:
        """Run ``jobs`` in one group commit, then let out what waited for it."""
        self._held = []
        try:
            with self._group():
                for job in jobs:
                    try:
                        job()
                    except Exception:  # _step reports to the future; this is a bug in the worker itself
                        log.exception("circulation worker job failed")
        except Exception as exc:  # the commit failed: nothing of this batch is durable, nothing may go on
            held, self._held = self._held, None
            log.error("circulation batch not committed: %s", exc)
            for item in held:
                item.fail(exc)
            return
        held, self._held = self._held, None
        for item in held:
            item.release()

    def _step(self, gen: Generator, future: Future, value: Any, error: BaseException | None) -> None:
        """Advance one operation until it yields a blocking call or ends."""
        while True:
            try:
                call = gen.send(value) if error is None else gen.throw(error)
            except StopIteration as stop:
                self._hold(_Held(partial(future.set_result, stop.value), future.set_exception))
                return
            except BaseException as exc:  # the operation failed: its caller decides what the patron sees
                self._hold(_Held(partial(future.set_exception, exc), future.set_exception))
                return
            if self._io is None:
                value, error = _call(call)
                continue
            self._hold(_Held(partial(self._start_io, gen, future, call), partial(_abandon, gen, future)))
            return

    def _hold(self, item: _Held) -> None:
        if self._held is None:
            item.release()
        else:
            self._held.append(item)

    def _start_io(self, gen: Generator, future: Future, call: Blocking) -> None:
        io = self._io.submit(_call, call)
        io.add_done_callback(lambda done: self._post(lambda: self._step(gen, future, *done.result())))


class _Held:
    """Something that waits for its batch's commit: ``release`` when it is durable, ``fail`` when not."""

    __slots__ = ("fail", "release")

    def __init__(self, release: Callable[[], None], fail: Callable[[BaseException], None]) -> None:
        self.release, self.fail = release, fail


def _abandon(gen: Generator, future: Future, exc: BaseException) -> None:
    gen.close()
    future.set_exception(exc)


def _call(call: Blocking) -> tuple[Any, BaseException | None]:
    try:
        return call(), None
    except BaseException as exc:  # handed back into the operation, which knows what it means
        return None, exc


class Offload(Operation[Any, T]):
    """A slow call that is no circulation (a staff PIN's hash) run on the
    I/O pool, so it neither blocks the screen nor holds up the journal."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self.fn = fn

    def run(self, context: Any) -> Generator[Blocking, Any, T]:
        return (yield self.fn)
