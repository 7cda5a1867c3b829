"""Runs blocking work (catalog, journal) off the GUI thread and hands the
result back on it. Tests use ``synchronous=True`` so nothing needs
waiting for.

``workers`` > 1 lets the items of one stack be checked out in parallel
over the catalog's connection pool; journal writes stay serialised by the
journal's own lock, so each row is still committed before its answer is
shown."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, *, synchronous: bool = False, workers: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = None if synchronous else ThreadPoolExecutor(max_workers=workers,
                                                                     thread_name_prefix="kiosk-circ")
        self._finished.connect(self._deliver)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        def work() -> None:
            try:
                result, error = fn(), None
            except Exception as exc:  # handed to on_error on the GUI thread
                result, error = None, exc
            self._finished.emit((on_done, on_error), result, error)

        if self._executor is None:
            work()
        else:
            self._executor.submit(work)

    @staticmethod
    def _deliver(callbacks, result, error) -> None:
        on_done, on_error = callbacks
        if error is not None:
            on_error(error)
        else:
            on_done(result)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
