"""The due dates as an iCalendar object (RFC 5545): one all-day VEVENT per
due date, each with a reminder the afternoon before (a VALARM), so the
patron's phone reminds them. The same text goes into the QR code and the
email's .ics attachment.

Only what a phone needs, kept short: a QR code holds about 2900 bytes, and
a dense one is hard to scan off thermal paper. Lines end in CRLF and are
folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

from kiosk.receipts.model import Receipt
from kiosk.receipts.texts import text

PRODID = "-//Library kiosk//Receipts//EN"
# Relative to the all-day event's start (midnight): 09:00 the day before.
REMINDER = "-PT15H"
# Past this, event descriptions (the titles) are left out so the QR code stays scannable.
QR_BUDGET = 1200


def calendar(receipt: Receipt, *, titles: bool = True) -> str:
    """The VCALENDAR of ``receipt``'s due dates ("" when nothing is due)."""
    dates = receipt.due_dates()
    if not dates:
        return ""
    stamp = receipt.when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "METHOD:PUBLISH"]  # Gregorian: the default
    for due, due_titles in dates.items():
        uid_source = f"{receipt.kiosk}|{receipt.when.isoformat()}|{due.isoformat()}|{'|'.join(due_titles)}"
        summary = text("event", receipt.language, n=len(due_titles), library=receipt.library)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{hashlib.sha256(uid_source.encode()).hexdigest()[:20]}@kiosk",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(due + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(summary)}",
        ]
        if titles:
            lines.append(f"DESCRIPTION:{escape(chr(10).join(due_titles))}")
        lines += [
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(text('reminder', receipt.language))}",
            f"TRIGGER:{REMINDER}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_for_qr(receipt: Receipt) -> str:
    """The calendar, without the titles when they would make the QR code too dense."""
    full = calendar(receipt)
    return full if len(full.encode()) <= QR_BUDGET else calendar(receipt, titles=False)


def escape(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """Split a content line into lines of at most ``limit`` octets, continuations starting with a space."""
    parts, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode())
        if size + n > limit:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += n
    parts.append(current)
    return "\r\n".join(parts)
