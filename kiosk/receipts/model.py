"""What a receipt says, whatever it is rendered to (paper, email, a phone's calendar).

One :class:`Receipt` per visit, built from the session's outcomes before the
session ends; the renderings (kiosk/receipts/escpos.py, email.py,
calendar.py) only lay it out. The patron's name is shortened ("Siti
Rahayu" -> "Siti R."): a receipt left on the kiosk must not name anyone.
The email address rides along for the email channel and is never rendered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.models import Destination, Patron, Reason, TxKind


def short_name(name: str) -> str:
    """The first name and the last name's initial: "Siti Rahayu" -> "Siti R."; one name stays whole."""
    words = name.split()
    if len(words) < 2:
        return words[0] if words else ""
    return f"{words[0]} {words[-1][0].upper()}."


@dataclass(frozen=True)
class Loan:
    title: str
    item_id: str
    due: date | None
    offline: bool = False  # lent by the offline policy: the catalog confirms it on sync
    take_to_desk: bool = False  # lent, but its security could not be switched


@dataclass(frozen=True)
class Refusal:
    title: str
    item_id: str
    reason: Reason | None
    message: str = ""  # the ILS's own words (SIP2 AF), when it gave a reason we do not know


@dataclass(frozen=True)
class Renewal:
    title: str
    item_id: str
    ok: bool
    due: date | None = None
    reason: Reason | None = None


@dataclass(frozen=True)
class Return:
    title: str
    item_id: str
    destination: Destination | None = None


@dataclass(frozen=True)
class Receipt:
    library: str
    kiosk: str
    when: datetime
    language: str
    patron: str = ""  # already shortened
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    loans: tuple[Loan, ...] = ()
    refused: tuple[Refusal, ...] = ()
    renewals: tuple[Renewal, ...] = ()
    returns: tuple[Return, ...] = ()
    ils_lines: tuple[str, ...] = ()  # SIP2 AG "print line"s, printed as the ILS sent them
    email: str = field(default="", repr=False)  # where an emailed copy goes (SIP2 BE); never printed

    def due_dates(self) -> dict[date, list[str]]:
        """Titles per due date, earliest first: the loans and the renewals that took."""
        dates: dict[date, list[str]] = {}
        for title, due in [(x.title, x.due) for x in self.loans] + [(r.title, r.due) for r in self.renewals if r.ok]:
            if due is not None:
                dates.setdefault(due, []).append(title)
        return dict(sorted(dates.items()))

    @property
    def empty(self) -> bool:
        return not (self.loans or self.refused or self.renewals or self.returns)


@dataclass(frozen=True)
class Slip:
    """What a return station prints and puts in a book: for a hold, whose and where
    it is collected; for a transit, which branch it travels to."""

    destination: Destination  # HOLD_SHELF or TRANSIT
    title: str
    item_id: str
    when: datetime
    language: str
    library: str
    place: str = ""  # hold: pickup place; transit: destination branch
    patron: str = ""  # hold: whose, shortened
    origin: str = ""  # where the slip is printed (the kiosk's branch)


def receipt_from(
    outcomes: Iterable,
    *,
    library: str,
    kiosk: str,
    when: datetime,
    language: str,
    patron: Patron | None = None,
    header: Iterable[str] = (),
    footer: Iterable[str] = (),
) -> Receipt:
    """A receipt of a visit's outcomes (kiosk.circulation.Outcome, read by attribute), in ``language``."""
    loans, refused, renewals, returns = [], [], [], []
    lines = list(patron.print_lines) if patron else []
    for o in outcomes:
        lines.extend(line for line in o.print_lines if line not in lines)
        if o.kind is TxKind.RENEW:
            renewals.append(Renewal(o.title, o.item_id, o.ok, o.due if o.ok else None, None if o.ok else o.reason))
        elif not o.ok:
            refused.append(Refusal(o.title, o.item_id, o.reason, o.screen_message))
        elif o.kind is TxKind.CHECKOUT:
            loans.append(Loan(o.title, o.item_id, o.due, o.offline, not o.security_ok))
        else:
            returns.append(Return(o.title, o.item_id, o.destination))
    return Receipt(
        library=library,
        kiosk=kiosk,
        when=when,
        language=language,
        patron=short_name(patron.name) if patron else "",
        header=tuple(header),
        footer=tuple(footer),
        loans=tuple(loans),
        refused=tuple(refused),
        renewals=tuple(renewals),
        returns=tuple(returns),
        ils_lines=tuple(lines),
        email=patron.email if patron else "",
    )
