"""The return station's slips, without Qt: a returned item that goes to
the hold shelf or to another branch gets a slip in the book (hold: whom it
waits for, shortened, and the pickup place; transit: the destination
branch), printed through the receipts desk. A slip that cannot be printed
is said on the item's row, so staff write it by hand."""

from __future__ import annotations

import logging

from kiosk.circulation import Outcome
from kiosk.flow import KioskFlow
from kiosk.flow_finish import Watch
from kiosk.receipts.service import Delivery
from kiosk.returns_view import needs_slip

log = logging.getLogger(__name__)


class SlipPrinter:
    """``printed`` maps item id -> the slip's delivery (True printed, False not)."""

    def __init__(self, flow: KioskFlow, watch: Watch) -> None:
        self.flow = flow
        self.watch = watch
        self.printed: dict[str, bool] = {}

    def print_for(self, outcome: Outcome) -> None:
        if not needs_slip(outcome):
            return
        desk = self.flow.kiosk.receipts
        slip = desk.slip(outcome, hold_patron=outcome.hold_patron, language=self.flow.language)
        if slip is None:
            return
        self.watch(
            desk.submit_print_slip(slip),
            lambda delivery: self._done(outcome.item_id, delivery),
            lambda exc: self._failed(outcome.item_id, exc),
        )

    def clear(self) -> None:
        self.printed.clear()

    def _done(self, item_id: str, delivery: Delivery) -> None:
        if not delivery.ok:
            log.warning("slip for %s not printed: %s", item_id, delivery.detail)
        self.printed[item_id] = delivery.ok
        self.flow.rows_changed.emit()

    def _failed(self, item_id: str, exc: BaseException) -> None:
        log.error("slip for %s failed", item_id, exc_info=exc)
        self.printed[item_id] = False
        self.flow.rows_changed.emit()
