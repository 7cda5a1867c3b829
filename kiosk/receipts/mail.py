"""A receipt as an email: plain text and HTML alternatives, the due dates
attached as an .ics calendar (the same VCALENDAR as the QR code)."""

from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from kiosk.models import Reason
from kiosk.receipts.calendar import calendar
from kiosk.receipts.model import Receipt
from kiosk.receipts.texts import long_date, reason_text, refusal_words, text


def sections(receipt: Receipt) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(what, detail)]) per part of the receipt, in the receipt's language."""
    lang = receipt.language
    parts: list[tuple[str, list[tuple[str, str]]]] = []
    if receipt.loans:
        rows = []
        for loan in receipt.loans:
            detail = f"{text('due', lang)} {long_date(loan.due, lang)}" if loan.due else ""
            if loan.take_to_desk:
                detail = f"{detail}. {reason_text(Reason.SECURITY_FAILED, lang)}".lstrip(". ")
            rows.append((loan.title or text("untitled", lang), detail))
        if any(loan.offline for loan in receipt.loans):
            rows.append(("", text("offline", lang)))
        parts.append((text("borrowed", lang), rows))
    for ok in (True, False):
        rows = [
            (
                r.title or text("untitled", lang),
                f"{text('due', lang)} {long_date(r.due, lang)}" if ok and r.due else reason_text(r.reason, lang),
            )
            for r in receipt.renewals
            if r.ok is ok
        ]
        if rows:
            parts.append((text("renewed" if ok else "not_renewed", lang), rows))
    if receipt.refused:
        rows = [
            (r.title or f"{text('item', lang)} {r.item_id}", refusal_words(r.reason, r.message, lang))
            for r in receipt.refused
        ]
        parts.append((text("refused", lang), rows))
    if receipt.returns:
        parts.append(
            (text("returned", lang), [(r.title or f"{text('item', lang)} {r.item_id}", "") for r in receipt.returns])
        )
    return parts


def plain_text(receipt: Receipt) -> str:
    lang = receipt.language
    lines = [text("greeting", lang, patron=receipt.patron or receipt.library), "", text("closing", lang), ""]
    lines += [receipt.library, *receipt.header, ""]
    lines.append(f"{text('date', lang)}: {long_date(receipt.when.date(), lang)} {receipt.when:%H:%M}")
    lines.append(f"{text('kiosk', lang)}: {receipt.kiosk}")
    for heading, rows in sections(receipt):
        lines += ["", heading]
        lines += [f"- {what}" + (f": {detail}" if detail else "") if what else f"  {detail}" for what, detail in rows]
    if receipt.ils_lines:
        lines += ["", *receipt.ils_lines]
    if receipt.footer:
        lines += ["", *receipt.footer]
    return "\n".join(lines) + "\n"


def html_text(receipt: Receipt) -> str:
    lang, e = receipt.language, html.escape
    body = [
        f"<p>{e(text('greeting', lang, patron=receipt.patron or receipt.library))}</p>",
        f"<p>{e(text('closing', lang))}</p>",
        f"<h2>{e(receipt.library)}</h2>",
        *(f"<p>{e(line)}</p>" for line in receipt.header),
        f"<p>{e(text('date', lang))}: {e(long_date(receipt.when.date(), lang))} {receipt.when:%H:%M}<br>"
        f"{e(text('kiosk', lang))}: {e(receipt.kiosk)}</p>",
    ]
    for heading, rows in sections(receipt):
        body.append(f"<h3>{e(heading)}</h3><table>")
        body += [f"<tr><td><b>{e(what)}</b></td><td>{e(detail)}</td></tr>" for what, detail in rows]
        body.append("</table>")
    if receipt.ils_lines:
        body.append("<p>" + "<br>".join(e(line) for line in receipt.ils_lines) + "</p>")
    if receipt.footer:
        body.append("<p><small>" + "<br>".join(e(line) for line in receipt.footer) + "</small></p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head><body>\n'
        + "\n".join(body)
        + ("\n</body></html>\n")
    )


def email_message(receipt: Receipt, *, sender: str, to: str) -> EmailMessage:
    """The whole message, ready for SMTP (the outbox stores its bytes)."""
    msg = EmailMessage()
    msg["Subject"] = text("subject", receipt.language, library=receipt.library)
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = format_datetime(receipt.when)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(plain_text(receipt))
    msg.add_alternative(html_text(receipt), subtype="html")
    ics = calendar(receipt)
    if ics:
        msg.add_attachment(ics, subtype="calendar", filename="due-dates.ics", params={"method": "PUBLISH"})
    msg["Content-Language"] = receipt.language  # after the content: setting content clears Content-* headers
    return msg
