"""What the return station says about each returned item, without Qt:
where it goes (a destination staff read from a distance), the ILS's sort
bin, and whether it was on loan or came back late (with the fine)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.circulation import Outcome
from kiosk.models import Destination


class Sign(str, enum.Enum):
    """The big coloured label of a returned item."""

    SHELF = "shelf"
    HOLD_SHELF = "hold_shelf"
    TRANSIT = "transit"
    STAFF = "staff"


class Note(str, enum.Enum):
    RETURNED = "returned"
    NOT_ON_LOAN = "not_on_loan"
    LATE = "late"
    REFUSED = "refused"


@dataclass(frozen=True)
class ReturnSign:
    sign: Sign
    note: Note
    place: str = ""  # transit: the branch; hold shelf: the pickup place
    sort_bin: str = ""
    fine: int = 0


def return_sign(outcome: Outcome) -> ReturnSign:
    """A refused return, an unsecured tag or an unknown place: staff attention."""
    if not outcome.ok:
        return ReturnSign(Sign.STAFF, Note.REFUSED, sort_bin=outcome.sort_bin)
    note = Note.NOT_ON_LOAN if not outcome.was_on_loan else Note.LATE if outcome.late else Note.RETURNED
    if not outcome.security_ok:
        sign = Sign.STAFF
    else:
        sign = {
            Destination.SHELF: Sign.SHELF,
            Destination.HOLD_SHELF: Sign.HOLD_SHELF,
            Destination.TRANSIT: Sign.TRANSIT,
        }.get(outcome.destination, Sign.STAFF)
    place = outcome.destination_detail if sign in (Sign.TRANSIT, Sign.HOLD_SHELF) else ""
    if place == outcome.sort_bin:
        place = ""  # older answers put the bin in the detail: say it once
    return ReturnSign(sign, note, place, outcome.sort_bin, outcome.fine if note is Note.LATE else 0)


def needs_slip(outcome: Outcome) -> bool:
    """A hold or a transit gets a slip in the book, as real return stations print."""
    return outcome.ok and outcome.destination in (Destination.HOLD_SHELF, Destination.TRANSIT)
