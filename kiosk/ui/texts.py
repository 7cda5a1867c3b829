"""Patron wording of outcomes, translated at the moment it is shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.account import rupiah
from kiosk.circulation import Outcome
from kiosk.models import REASON_TEXT, Destination, Reason, TxKind

translate = QCoreApplication.translate


def reason_text(reason: Reason | None, fines: int = 0) -> str:
    """A refusal in the patron's words; one about fines says how much."""
    text = translate("Reason", REASON_TEXT[reason or Reason.OTHER])
    if reason is Reason.PATRON_FINES and fines > 0:
        text += " " + translate("Reason", "You owe %1.").replace("%1", rupiah(fines))
    return text


def destination_text(destination: Destination | None, detail: str) -> str:
    if destination is Destination.HOLD_SHELF:
        return translate("Outcome", "Put it on the hold shelf")
    if destination is Destination.TRANSIT:
        return translate("Outcome", "Send it to %1").replace("%1", detail)
    if destination is Destination.STAFF:
        return translate("Outcome", "Put it on the trolley for sorting")
    return translate("Outcome", "Back to the shelf")


def outcome_text(outcome: Outcome | None, format_date) -> tuple[str, str]:
    """(status line, style) for an item row; style is ok | refused | pending."""
    if outcome is None:
        return translate("Outcome", "Checking…"), "pending"
    if not outcome.ok and outcome.missing_parts:
        parts = ", ".join(str(p) for p in outcome.missing_parts)
        return translate(
            "Outcome", "Part %1 of this set is missing. Please place all parts on the pad together."
        ).replace("%1", parts), "refused"
    if not outcome.ok:
        return (outcome.screen_message or reason_text(outcome.reason)), "refused"
    if not outcome.security_ok:
        return reason_text(Reason.SECURITY_FAILED), "refused"
    if outcome.kind is TxKind.CHECKIN:
        line = (
            translate("Outcome", "Returned.") + " " + destination_text(outcome.destination, outcome.destination_detail)
        )
    elif outcome.due is not None:
        line = translate("Outcome", "Due back %1").replace("%1", format_date(outcome.due))
    elif outcome.kind in (TxKind.CHECKOUT, TxKind.RENEW) and not outcome.offline:
        # The ILS lent it but gave no due date the kiosk can read (none, or nonsense).
        line = translate("Outcome", "Done. Ask at the desk for the due date.")
    else:
        line = translate("Outcome", "Done.")
    if outcome.offline:
        line += " " + translate("Outcome", "(kiosk offline: the library confirms it later)")
    return line, "ok"


def item_title(outcome: Outcome | None, item_id: str) -> str:
    """The title, or "An item": a raw identifier never reaches a patron."""
    if outcome is not None and outcome.title:
        return outcome.title
    return translate("Outcome", "An item")


def waiting_text(missing: tuple[int, ...]) -> str:
    parts = ", ".join(str(p) for p in missing)
    return translate("Outcome", "Waiting for part %1 of this set: please place it on the pad too.").replace("%1", parts)


def row_lines(rows, format_date, *, fines: int = 0) -> list[tuple[str, str, str]]:
    """(title, status line, style) of each flow row, for ``ItemList.show_rows``;
    ``fines`` is what the patron owes, said with a refusal for fines."""
    lines = []
    for row in rows:
        outcome = row.outcome
        title = item_title(outcome, row.item_id)
        if row.waiting_for and outcome is None:
            lines.append((title, waiting_text(row.waiting_for), "pending"))
        elif (
            outcome is not None
            and not outcome.ok
            and outcome.reason is Reason.PATRON_FINES
            and not outcome.missing_parts
        ):
            lines.append((title, outcome.screen_message or reason_text(outcome.reason, fines), "refused"))
        else:
            lines.append((title, *outcome_text(outcome, format_date)))
    return lines
