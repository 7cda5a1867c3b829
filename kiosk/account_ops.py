"""The operations of the account screen, for the circulation worker: fetch
the patron's account, renew every loan. Renewing one item is
:class:`kiosk.circulation.RenewItem`. Both need the catalog's answer:
offline the kiosk says so plainly and guesses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from kiosk.account import Account
from kiosk.circulation import Desk, Outcome, Session, Steps
from kiosk.errors import CatalogProtocolError, CatalogUnavailable
from kiosk.models import CheckoutResult, Reason, TxKind, TxState
from kiosk.worker import Operation

_OFFLINE = (CatalogUnavailable, CatalogProtocolError)


@dataclass(frozen=True)
class AccountView:
    """The account, or why it cannot be shown (``account`` None: offline, or the ILS answered nonsense)."""

    account: Account | None
    reason: Reason | None = None


@dataclass
class FetchAccount(Operation[Desk, AccountView]):
    """The account, fresh from the catalog; offline it is not guessed from the journal."""

    session: Session

    def run(self, desk: Desk) -> Steps[AccountView]:
        if self.session.offline:
            return AccountView(None, Reason.OFFLINE_NO_ACCOUNT)
        try:
            account = yield partial(desk.catalog.account, self.session.card, today=desk.today())
        except _OFFLINE as exc:
            desk.heard(exc)
            return AccountView(None, Reason.OFFLINE_NO_ACCOUNT)
        desk.heard()
        desk.journal.remember_titles(account.titles())
        return AccountView(account)


@dataclass
class RenewAll(Operation[Desk, list[Outcome]]):
    """SIP2 65 (renew all): every loan's new due date or why not. Journalled
    like single renewals, one row per item; offline refused, never queued."""

    session: Session
    loans: tuple[str, ...] = field(default_factory=tuple)  # what the screen showed: refused offline one by one

    def run(self, desk: Desk) -> Steps[list[Outcome]]:
        session = self.session
        umbrella = desk.journal.begin(TxKind.RENEW, "*", session.card, extra={"renew_all": True})
        try:
            results: list[CheckoutResult] = yield partial(desk.catalog.renew_all, session.card)
        except _OFFLINE as exc:
            desk.heard(exc)
            desk.journal.finish(umbrella.uuid, TxState.REFUSED, reason=Reason.OFFLINE_NO_RENEWAL, offline=True)
            return [
                Outcome(
                    TxKind.RENEW,
                    item_id,
                    False,
                    title=desk.journal.title_of(item_id) or "",
                    reason=Reason.OFFLINE_NO_RENEWAL,
                    offline=True,
                )
                for item_id in self.loans
            ]
        desk.heard()
        desk.journal.finish(umbrella.uuid, TxState.DONE, detail=f"{sum(r.ok for r in results)} of {len(results)}")
        outcomes = []
        for result in results:
            tx = desk.journal.begin(TxKind.RENEW, result.item_id, session.card, extra={"renew_all": umbrella.uuid})
            desk.answered(tx, result.ok, due=result.due, reason=result.reason, detail=result.screen_message)
            outcome = Outcome(
                TxKind.RENEW,
                result.item_id,
                result.ok,
                result.title,
                result.due,
                result.reason,
                screen_message=result.screen_message,
                tx_uuid=tx.uuid,
                print_lines=result.print_lines,
            )
            session.outcomes.append(outcome)
            outcomes.append(outcome)
        desk.journal.remember_titles({r.item_id: r.title for r in results if r.title})
        return outcomes
