"""The account screen's part of a visit, without Qt: the account as the
catalog last gave it (or why it cannot be shown), and renewals with their
results. :class:`kiosk.flow.KioskFlow` owns one and clears it at sign-out.
"""

from __future__ import annotations

from kiosk.account import Loan
from kiosk.account_ops import AccountView, FetchAccount, RenewAll
from kiosk.circulation import Outcome, RenewItem
from kiosk.flow import Hook, KioskFlow, Screen


class AccountFlow:
    """``view`` is None while the account is being fetched; ``renewals`` holds
    the latest result per item (new due date or why not); ``renewing`` the
    items whose answer is awaited."""

    def __init__(self, flow: KioskFlow) -> None:
        self.flow = flow
        self.view: AccountView | None = None
        self.renewals: dict[str, Outcome] = {}
        self.renewing: set[str] = set()
        self.changed = Hook()

    def open(self) -> None:
        session = self.flow.session
        if session is None:
            return
        self.view = None
        self.flow._go(Screen.ACCOUNT)
        self.changed.emit()
        self.flow._run(FetchAccount(session), self._fetched)

    def back(self) -> None:
        self.flow._go(Screen.SESSION)

    def loans(self) -> tuple[Loan, ...]:
        return self.view.account.loans if self.view is not None and self.view.account is not None else ()

    def renew(self, item_id: str) -> None:
        session = self.flow.session
        if session is None or item_id in self.renewing:
            return
        self.flow.touch()
        self.renewing.add(item_id)
        self.changed.emit()
        self.flow._run(RenewItem(session, item_id), self._renewed)

    def renew_all(self) -> None:
        session = self.flow.session
        loans = tuple(loan.item_id for loan in self.loans())
        if session is None or not loans or self.renewing:
            return
        self.flow.touch()
        self.renewing.update(loans)
        self.changed.emit()
        self.flow._run(RenewAll(session, loans), self._renewed_all)

    def outcomes(self) -> list[Outcome]:
        """This visit's renewals, for the finish screen and the receipt."""
        return list(self.renewals.values())

    def clear(self) -> None:
        """Sign-out: nothing of the account stays in memory."""
        self.view, self.renewals, self.renewing = None, {}, set()
        self.changed.emit()

    # -- results -----------------------------------------------------------------
    def _fetched(self, view: AccountView) -> None:
        if self.flow.session is None:
            return  # signed out meanwhile: the account must not come back on screen
        self.view = view
        if view.account is None:
            self.flow._set_offline(True)
        self.changed.emit()

    def _renewed(self, outcome: Outcome) -> None:
        self.renewing.discard(outcome.item_id)
        self._show([outcome])

    def _renewed_all(self, outcomes: list[Outcome]) -> None:
        self.renewing.clear()
        self._show(outcomes)

    def _show(self, outcomes: list[Outcome]) -> None:
        if self.flow.session is None:
            return
        for outcome in outcomes:
            self.renewals[outcome.item_id] = outcome
            if outcome.offline:
                self.flow._set_offline(True)
        self.changed.emit()
