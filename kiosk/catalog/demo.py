"""The embedded demo catalog: the demo library (`kiosk.ils.demo`) lent from
directly, in-process, as a `Catalog`.

It is what ``kiosk demo`` lends from and what the tests run the circulation
rules against; served over SIP2 (``kiosk demo-ils``) the same library is a
training ILS. The rules live in the library; this adapter only turns its
records into the kiosk's results and adds the simulator's network switch.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from kiosk.account import Account, Hold, Loan
from kiosk.catalog.base import Catalog, PatronAnswer, Replay
from kiosk.errors import CatalogUnavailable
from kiosk.ils.base import CheckoutRequest, ItemRecord, LoanResult
from kiosk.ils.demo import DemoLibrary
from kiosk.models import CheckinResult, CheckoutResult, Item, Patron, Reason


class DemoCatalog(Catalog):
    kind = "demo"
    # In-process and answered at once: nothing is ever in flight after a call returns.
    lost_answer_settle_s = 0.0

    @property
    def sessions(self) -> int:
        """One SQLite connection under a lock: parallel requests would only queue."""
        return 1

    def __init__(
        self,
        path: str | Path,
        *,
        location: str = "PUSAT",
        today: Callable[[], date] = date.today,
        library: DemoLibrary | None = None,
    ) -> None:
        """The library in the SQLite file at ``path`` (made from the demo data when new), or ``library``."""
        self.path = Path(path)
        self.location = location
        clock = datetime.now if today is date.today else (lambda: datetime.combine(today(), time(12)))
        self.library = library or DemoLibrary(self.path, location=location, clock=clock)
        self.reachable = True  # the simulator panel pulls the "network cable" here

    def reset(self) -> None:
        """Put the demo data back as shipped (the simulator's "reset" button)."""
        self.library.reset()

    def _guard(self) -> None:
        if not self.reachable:
            raise CatalogUnavailable(
                "demo catalog is switched off in the simulator panel",
                hint="switch the network back on in the simulator panel",
                maybe_applied=False,
            )

    def history(self) -> list[tuple[str, str, str | None]]:
        """(action, barcode, card) of every loan and return applied, for tests and the demo ILS."""
        return [(t.kind, t.item, t.patron) for t in self.library.transactions if t.kind in ("checkout", "checkin")]

    # -- Catalog -------------------------------------------------------------
    def patron(self, card: str, pin: str | None = None) -> PatronAnswer:
        self._guard()
        record = self.library.patron_information(card, pin)
        if record is None:
            return PatronAnswer(None, Reason.UNKNOWN_PATRON)
        if record.pin_ok is False:
            return PatronAnswer(None, Reason.WRONG_PIN)
        return PatronAnswer(
            Patron(
                card=card,
                name=record.name,
                blocked=record.block is not None,
                block_reason=record.block,
                fines=int(record.fines),
                loans=record.charged,
                holds=record.holds,
                language=record.language,
                email=record.email,
            )
        )

    def item(self, item_id: str) -> Item | None:
        self._guard()
        record = self.library.item_information(item_id)
        return None if record is None else _item(record)

    def checkout(self, card: str, item_id: str, *, replay: Replay | None = None) -> CheckoutResult:
        self._guard()
        when = replay.transaction_date if replay else None
        due = datetime.combine(replay.due, time()) if replay and replay.due else None
        return _loan(self.library.checkout(CheckoutRequest(card, item_id, due=due, transaction_date=when)))

    def checkin(self, item_id: str, *, replay: Replay | None = None) -> CheckinResult:
        self._guard()
        r = self.library.checkin(item_id, when=replay.transaction_date if replay else None)
        return CheckinResult(
            r.ok,
            item_id,
            r.title,
            reason=r.reason,
            destination=r.destination,
            destination_detail=r.destination_detail,
            was_on_loan=r.borrower is not None,
            late=r.overdue,
            fine=int(r.fine or 0),
            sort_bin=r.sort_bin or "",
            hold_patron=r.hold_for_name,
        )

    def renew(self, card: str, item_id: str) -> CheckoutResult:
        self._guard()
        return _loan(self.library.renew(card, item_id, None))

    def renew_all(self, card: str) -> list[CheckoutResult]:
        """Each loan renewed by the library's rules, with the reason of each refusal."""
        self._guard()
        record = self.library.patron_information(card, None)
        return [] if record is None else [_loan(self.library.renew(card, i, None)) for i in record.charged]

    def account(self, card: str, *, today: date) -> Account:
        self._guard()
        record = self.library.patron_information(card, None)
        if record is None:
            return Account()
        items = {
            i: self.library.item_information(i) for i in (*record.charged, *record.holds, *record.unavailable_holds)
        }

        def title(item_id: str) -> str:
            return items[item_id].title if items.get(item_id) else ""

        loans = []
        for item_id in record.charged:
            item = items[item_id]
            due = item.due if item else None
            late = item_id in record.overdue or (due is not None and due < today)
            loans.append(Loan(item_id, title(item_id), due, late, max((item.holds if item else 0), 0)))
        holds = [Hold(i, title(i), True, items[i].pickup if items.get(i) else "") for i in record.holds]
        holds += [Hold(i, title(i), False) for i in record.unavailable_holds]
        limit = self.library.branding.fine_limit
        return Account(
            loans=tuple(loans),
            holds=tuple(holds),
            fines=int(record.fines),
            fine_items=(f"{self.library.branding.currency} {record.fines} fines",) if record.fines else (),
            fine_limit=None if limit is None else int(limit),
        )

    def ping(self) -> bool:
        return self.reachable

    def describe(self) -> str:
        return f"demo catalog {self.path}"

    def close(self) -> None:
        self.library.close()


def _item(r: ItemRecord) -> Item:
    return Item(
        barcode=r.item_id,
        title=r.title,
        author=r.author,
        set_parts=r.set_parts,
        set_part=r.set_part,
        not_for_loan=r.not_for_loan,
        charged_to=r.charged_to,
        on_hold_for=r.on_hold_for,
        due=r.due,
    )


def _loan(r: LoanResult) -> CheckoutResult:
    if r.ok:
        return CheckoutResult(True, r.item_id, r.title, due=r.due.date() if r.due else None)
    return CheckoutResult(False, r.item_id, r.title, reason=r.reason)
