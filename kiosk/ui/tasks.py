"""Hands operations to the circulation worker and their results back on
the GUI thread.

The worker completes each operation's future on its own thread; a queued
Qt signal carries the result to the GUI thread. When the worker runs
inline (tests), the future is already done and the result is delivered
before ``submit`` returns, so nothing needs waiting for."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.circulation import CirculationService
from kiosk.worker import Operation


class TaskRunner(QObject):
    _finished = Signal(object, object)  # (on_done, on_error), future
    _posted = Signal(object)  # a callable to run on the GUI thread

    def __init__(self, circulation: CirculationService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._circulation = circulation
        self._finished.connect(self._deliver)
        self._posted.connect(lambda fn: fn())

    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread (at once when called there): results from other threads."""
        self._posted.emit(fn)

    def submit(self, op: Operation, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
        self.watch(self._circulation.submit(op), on_done, on_error)

    def watch(self, future: Future, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
        """A future from elsewhere (the receipts desk): its result on the GUI thread too."""
        future.add_done_callback(lambda done: self._finished.emit((on_done, on_error), done))

    @staticmethod
    def _deliver(callbacks, future: Future) -> None:
        on_done, on_error = callbacks
        if (error := future.exception()) is not None:
            on_error(error)
        else:
            on_done(future.result())
