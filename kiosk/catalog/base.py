"""The one interface every catalog adapter (demo, SIP2, Koha REST) offers.

Adapters speak for the ILS: their answers are authoritative. A catalog that
does not answer in time raises :class:`kiosk.errors.CatalogUnavailable`,
which is what sends the kiosk offline; one that answers nonsense raises
:class:`kiosk.errors.CatalogProtocolError`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.account import Account
from kiosk.models import CheckinResult, CheckoutResult, Item, Patron, Reason


@dataclass(frozen=True)
class PatronAnswer:
    """The catalog's word on a card (and PIN): a patron, or why not."""

    patron: Patron | None
    reason: Reason | None = None

    @property
    def ok(self) -> bool:
        return self.patron is not None and self.reason is None


@dataclass(frozen=True)
class Replay:
    """Facts of a transaction done offline, sent along when it is replayed:
    the catalog should date it when it happened and keep the due date the
    patron was given (SIP2 no-block with nb due date, where servers honour it)."""

    transaction_date: datetime
    due: date | None = None


class Catalog(ABC):
    """A library's central catalog, as the kiosk needs it.

    Besides the requests, an adapter declares two facts the syncer's
    exactly-once promise rests on; neither has a default, because a wrong
    guess is a double loan: ``sessions`` (how many requests may be in
    flight at once) and ``lost_answer_settle_s`` (how long a request whose
    answer was lost may still be applied by the ILS).
    """

    kind: str = "abstract"

    @property
    @abstractmethod
    def sessions(self) -> int:
        """How many requests can be in flight at once (stack checkout and replay fan out this wide)."""

    @property
    @abstractmethod
    def lost_answer_settle_s(self) -> float:
        """Seconds a request whose answer timed out may still be applied; a
        lost answer is verified only after this long, never sooner."""

    @abstractmethod
    def patron(self, card: str, pin: str | None = None) -> PatronAnswer:
        """Look a card up; with a PIN, check it too."""

    @abstractmethod
    def checkout(self, card: str, item_id: str, *, replay: Replay | None = None) -> CheckoutResult: ...

    @abstractmethod
    def checkin(self, item_id: str, *, replay: Replay | None = None) -> CheckinResult: ...

    @abstractmethod
    def renew(self, card: str, item_id: str) -> CheckoutResult: ...

    @abstractmethod
    def renew_all(self, card: str) -> list[CheckoutResult]:
        """Renew every loan of the patron: one result per loan, with its new due date or why not."""

    @abstractmethod
    def account(self, card: str, *, today: date) -> Account:
        """The patron's loans (title, due date, overdue), holds (ready and where) and fines."""

    @abstractmethod
    def item(self, item_id: str) -> Item | None:
        """Item information; ``charged_to`` lets the syncer verify a lost answer."""

    def is_charged_to(self, item_id: str, card: str) -> bool | None:
        """Whether the item is on loan to this patron now (None: item unknown).
        The syncer asks this before replaying a checkout whose answer may have
        been lost; SIP2 overrides it (item information carries no borrower)."""
        item = self.item(item_id)
        return None if item is None else item.charged_to == card

    def is_on_loan(self, item_id: str) -> bool | None:
        """Whether the item is charged to anyone (None: item unknown); checked
        before replaying a checkin whose answer may have been lost."""
        item = self.item(item_id)
        return None if item is None else item.charged_to is not None

    @abstractmethod
    def ping(self) -> bool:
        """True when the catalog answers now (SIP2: a 99/98 status round trip)."""

    def end_session(self, card: str) -> None:  # noqa: B027 - optional, nothing by default
        """Tell the catalog the patron is done (SIP2 35); nothing by default."""

    def close(self) -> None:  # noqa: B027 - optional, nothing by default
        """Release connections; nothing by default."""

    def describe(self) -> str:
        return self.kind
