"""The finish screen's view model: the visit's summary and the receipt
choice, from :class:`kiosk.flow_finish.FinishFlow`."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.circulation import Outcome
from kiosk.flow import KioskFlow
from kiosk.flow_finish import FinishFlow
from kiosk.models import Patron
from kiosk.receipts.service import Channel
from kiosk.ui.i18n import Languages
from kiosk.ui.viewmodels import ViewModel


class FinishViewModel(ViewModel):
    receipt_changed = Signal()

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__(flow, languages)
        self.finishing: FinishFlow = flow.finishing
        flow.finishing.changed.connect(self.receipt_changed.emit)

    @property
    def patron(self) -> Patron | None:
        return self.flow.patron

    def summary(self) -> list[Outcome]:
        return self.finishing.outcomes()

    def choose_receipt(self, channel: Channel) -> None:
        self.finishing.choose(channel)

    def end_session(self) -> None:
        self.flow.end_session()
