"""A patron's account as the kiosk shows it: loans with due dates, holds
and whether they wait to be collected, fines and fees. Plain data, Qt-free.

The catalog adapters build an :class:`Account` from what their ILS answered
(SIP2: one 63 per item list, one 17 per item, see kiosk/catalog/sip2.py);
the operations that read and change it are in kiosk/account_ops.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def rupiah(amount: int) -> str:
    """An amount in rupiah as Indonesians write it, in either language: "Rp 25.000"."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


@dataclass(frozen=True)
class Loan:
    item_id: str
    title: str = ""
    due: date | None = None
    overdue: bool = False
    others_waiting: int = 0  # holds by other patrons (SIP2 18 CF): a renewal will be refused


@dataclass(frozen=True)
class Hold:
    item_id: str
    title: str = ""
    ready: bool = False  # waiting on the hold shelf for this patron
    pickup: str = ""  # where to collect it, as the ILS names it


@dataclass(frozen=True)
class Account:
    """What the ILS said of one patron's account. Amounts in rupiah (the smallest unit in use)."""

    loans: tuple[Loan, ...] = ()
    holds: tuple[Hold, ...] = ()
    fines: int = 0  # everything owed (SIP2 BV)
    fine_items: tuple[str, ...] = ()  # the ILS's own lines about each fine or fee (SIP2 AV)
    fine_limit: int | None = None  # above this the patron may not borrow (SIP2 CC)

    @property
    def overdue(self) -> tuple[Loan, ...]:
        return tuple(loan for loan in self.loans if loan.overdue)

    @property
    def ready_holds(self) -> tuple[Hold, ...]:
        return tuple(h for h in self.holds if h.ready)

    def titles(self) -> dict[str, str]:
        """item id -> title of every item named, for the local title cache."""
        return {x.item_id: x.title for x in (*self.loans, *self.holds) if x.title}
