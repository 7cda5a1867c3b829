"""The account screen's view model: the account (or why it cannot be
shown) and the renewals, from :class:`kiosk.flow_account.AccountFlow`."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.account import Loan
from kiosk.account_ops import AccountView
from kiosk.circulation import Outcome
from kiosk.flow import KioskFlow
from kiosk.ui.i18n import Languages
from kiosk.ui.viewmodels import ViewModel


class AccountViewModel(ViewModel):
    changed = Signal()

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__(flow, languages)
        self.account_flow = flow.account
        flow.account.changed.connect(self.changed.emit)

    @property
    def view(self) -> AccountView | None:
        return self.account_flow.view

    @property
    def renewals(self) -> dict[str, Outcome]:
        return self.account_flow.renewals

    def renewing(self, item_id: str) -> bool:
        return item_id in self.account_flow.renewing

    def loans(self) -> tuple[Loan, ...]:
        return self.account_flow.loans()

    def renew(self, item_id: str) -> None:
        self.account_flow.renew(item_id)

    def renew_all(self) -> None:
        self.account_flow.renew_all()

    def back(self) -> None:
        self.account_flow.back()
