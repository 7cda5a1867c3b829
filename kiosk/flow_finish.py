"""The finish screen's part of a visit, without Qt: the summary (borrowed
with due dates, refused with what to do, renewals) and the receipt choice
— print, email, to my phone (a QR code on screen) or none — as the library
offers them and as they work right now (kiosk/receipts/service.py).

The choice is inside the idle countdown: while it is open the session
closes after ``idle_timeout_s``, after a choice after ``finish_screen_s``;
if the patron walks away, the library's default is delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from kiosk.circulation import Outcome
from kiosk.flow import Hook, KioskFlow
from kiosk.models import TxKind
from kiosk.receipts.model import Receipt
from kiosk.receipts.service import Channel, Delivery, Offer

log = logging.getLogger(__name__)
# watch(future, on_done, on_error): both callbacks on the flow's (GUI) thread.
Watch = Callable[[Future, Callable[[Any], None], Callable[[BaseException], None]], None]


def watch_inline(future: Future, on_done, on_error) -> None:
    """For a worker that runs inline (tests, the command line): the future is done already."""
    future.add_done_callback(lambda f: on_error(f.exception()) if f.exception() else on_done(f.result()))


class FinishFlow:
    """``offer`` is None while the printer is asked; ``delivery`` is the last
    attempt's result; ``chosen`` the channel asked for (None: not yet)."""

    def __init__(self, flow: KioskFlow, watch: Watch = watch_inline) -> None:
        self.flow = flow
        self.watch = watch
        self.receipt: Receipt | None = None
        self.offer: Offer | None = None
        self.delivery: Delivery | None = None
        self.chosen: Channel | None = None
        self.changed = Hook()

    # -- the summary -------------------------------------------------------------
    def outcomes(self) -> list[Outcome]:
        """Everything the patron must see before leaving: loans, refusals, renewals."""
        rows = [r.outcome for r in self.flow.rows if r.outcome is not None and r.outcome.kind is TxKind.CHECKOUT]
        return [*rows, *self.flow.account.outcomes()]

    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes() if not o.ok and o.kind is TxKind.CHECKOUT]

    # -- the receipt -------------------------------------------------------------
    def start(self) -> None:
        """On arriving at the finish screen: build the receipt and ask what can be offered."""
        desk = self.flow.kiosk.receipts
        self.receipt = desk.receipt(self.outcomes(), patron=self.flow.patron, language=self.flow.language)
        self.offer, self.delivery, self.chosen = None, None, None
        self.changed.emit()
        if self.receipt.empty:
            self.offer = Offer((), Channel.NONE)
            self.changed.emit()
            return
        self.watch(desk.submit_offered(self.receipt), self._offered, self._failed)

    @property
    def open_choice(self) -> bool:
        """A receipt is on offer and the patron has not chosen yet."""
        return (
            self.chosen is None and self.offer is not None and any(c is not Channel.NONE for c in self.offer.channels)
        )

    def choose(self, channel: Channel | str) -> None:
        channel = Channel(channel)
        if self.receipt is None or (self.chosen is not None and self.delivery is None):
            return  # one delivery at a time
        self.flow.touch()
        self.chosen, self.delivery = channel, None
        self.changed.emit()
        if channel is Channel.NONE:
            self.flow.end_session()
            return
        self.watch(self.flow.kiosk.receipts.submit_deliver(self.receipt, channel), self._delivered, self._failed)

    def deliver_default(self) -> None:
        """The patron walked away with the choice open: the library's default, then sign-out."""
        if self.open_choice and self.receipt is not None and self.offer.default is not Channel.NONE:
            log.info("no receipt chosen: the default (%s) goes", self.offer.default.value)
            self.flow.kiosk.receipts.submit_deliver(self.receipt, self.offer.default)

    def clear(self) -> None:
        self.receipt, self.offer, self.delivery, self.chosen = None, None, None, None
        self.changed.emit()

    # -- results -----------------------------------------------------------------
    def _offered(self, offer: Offer) -> None:
        if self.receipt is None:
            return  # signed out meanwhile
        self.offer = offer
        self.changed.emit()

    def _delivered(self, delivery: Delivery) -> None:
        if self.receipt is None:
            return
        self.delivery = delivery
        if not delivery.ok:
            log.warning("receipt by %s failed: %s", delivery.channel.value, delivery.detail)
            self.chosen = None  # choose again: the offer is asked afresh (the printer ran out meanwhile)
            self.watch(self.flow.kiosk.receipts.submit_offered(self.receipt), self._offered, self._failed)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        log.error("receipt failed", exc_info=exc)
        self.chosen = None
        self.offer = Offer((), Channel.NONE)
        self.changed.emit()
