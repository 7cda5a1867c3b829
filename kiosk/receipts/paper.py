"""A receipt (or a return station's slip) as ESC/POS bytes, laid out with python-escpos.

Rendered into python-escpos's ``Dummy`` printer and sent to the real one
in one write (kiosk/devices/printer/): the job is whole or not at all, and
the same bytes are what the tests decode. The printer's python-escpos
profile decides the commands (cut, native QR) and the line width.

python-escpos is imported on first use, not with the kiosk: at import it
loads its printer database (about half a second) into a pickle cache,
which we point at the kiosk's own cache folder instead of a new temporary
folder per process.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

from kiosk.models import Destination, Reason
from kiosk.receipts.calendar import calendar_for_qr
from kiosk.receipts.model import Receipt, Slip
from kiosk.receipts.texts import long_date, reason_text, refusal_words, text

DEFAULT_COLUMNS = 42  # font A on 80 mm paper


def escpos_printers() -> Any:
    """python-escpos's ``escpos.printer`` module (Dummy, Network, Serial, Usb), its cache in the kiosk's."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kiosk" / "escpos"
        cache.mkdir(parents=True, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(cache)
    import escpos.printer

    return escpos.printer


def dummy(profile: str | None = None) -> Any:
    """A python-escpos ``Dummy`` printer with ``profile`` (None: python-escpos's default)."""
    return escpos_printers().Dummy(profile=profile)


def columns_of(printer: Any, columns: int = 0) -> int:
    if columns:
        return columns
    try:
        return int(printer.profile.get_columns("a"))
    except Exception:  # a profile without font data
        return DEFAULT_COLUMNS


class _Layout:
    """Small layout helpers over one python-escpos printer object."""

    def __init__(self, printer: Any, columns: int) -> None:
        self.p, self.width = printer, columns

    def title(self, line: str) -> None:
        self.p.set(align="center", bold=True, double_height=True, double_width=False)
        for part in textwrap.wrap(line, self.width) or [""]:
            self.p.textln(part)
        self.p.set_with_default()

    def centred(self, lines) -> None:
        self.p.set(align="center")
        for line in lines:
            for part in textwrap.wrap(line, self.width) or [""]:
                self.p.textln(part)
        self.p.set_with_default()

    def heading(self, line: str) -> None:
        self.p.set(bold=True)
        self.p.textln(line)
        self.p.set_with_default()

    def para(self, line: str, indent: int = 0) -> None:
        pad = " " * indent
        for part in textwrap.wrap(line, self.width, initial_indent=pad, subsequent_indent=pad) or [""]:
            self.p.textln(part)

    def pair(self, left: str, right: str) -> None:
        """``left`` and ``right`` on one line, right-aligned, or ``right`` indented under ``left``."""
        if len(left) + len(right) + 1 <= self.width:
            self.p.textln(left + " " * (self.width - len(left) - len(right)) + right)
        else:
            self.para(left)
            self.para(right, indent=2)

    def rule(self) -> None:
        self.p.textln("-" * self.width)


def render_receipt(printer: Any, receipt: Receipt, *, columns: int = 0, qr: bool = True) -> None:
    """Lay ``receipt`` out on a python-escpos printer object, ending with a cut."""
    lang = receipt.language
    out = _Layout(printer, columns_of(printer, columns))
    printer.hw("INIT")
    out.title(receipt.library)
    out.centred(receipt.header)
    out.rule()
    out.heading(text("title" if receipt.loans else "title_other", lang))
    out.pair(text("date", lang), f"{long_date(receipt.when.date(), lang)} {receipt.when:%H:%M}")
    out.pair(text("kiosk", lang), receipt.kiosk)
    if receipt.patron:
        out.pair(text("patron", lang), receipt.patron)
    if receipt.loans:
        out.rule()
        out.heading(text("borrowed", lang))
        for loan in receipt.loans:
            out.para(loan.title or text("untitled", lang))
            out.pair(f"  {loan.item_id}", f"{text('due', lang)} {long_date(loan.due, lang)}" if loan.due else "")
            if loan.take_to_desk:
                out.para(reason_text(Reason.SECURITY_FAILED, lang), indent=2)
        if any(loan.offline for loan in receipt.loans):
            out.para(text("offline", lang))
    if receipt.renewals:
        out.rule()
        for renewal in receipt.renewals:
            out.heading(text("renewed" if renewal.ok else "not_renewed", lang))
            out.para(renewal.title or text("untitled", lang))
            if renewal.ok and renewal.due:
                out.pair(f"  {renewal.item_id}", f"{text('due', lang)} {long_date(renewal.due, lang)}")
            else:
                out.para(reason_text(renewal.reason, lang), indent=2)
    if receipt.refused:
        out.rule()
        out.heading(text("refused", lang))
        for refusal in receipt.refused:
            out.para(refusal.title or f"{text('item', lang)} {refusal.item_id}")
            out.para(refusal_words(refusal.reason, refusal.message, lang), indent=2)
    if receipt.returns:
        out.rule()
        out.heading(text("returned", lang))
        for ret in receipt.returns:
            out.para(ret.title or f"{text('item', lang)} {ret.item_id}")
    if receipt.loans:
        out.rule()
        out.para(text("count" if len(receipt.loans) > 1 else "count_one", lang, n=len(receipt.loans)))
    if receipt.ils_lines:
        out.rule()
        for line in receipt.ils_lines:
            out.para(line)
    payload = calendar_for_qr(receipt) if qr else ""
    if payload:
        out.rule()
        out.centred([text("scan_qr", lang)])
        if printer.profile.supports("qrCode"):
            printer.set(align="center")
            printer.qr(payload, native=True, size=4)
            printer.set_with_default()
        else:  # rendered as a raster image by python-escpos
            printer.qr(payload, native=False, size=4, center=True)
    if receipt.footer:
        out.rule()
        out.centred(receipt.footer)
    printer.cut()


def render_slip(printer: Any, slip: Slip, *, columns: int = 0) -> None:
    """A hold or transit slip: large enough to read on the trolley, ending with a cut."""
    lang = slip.language
    out = _Layout(printer, columns_of(printer, columns))
    printer.hw("INIT")
    hold = slip.destination is Destination.HOLD_SHELF
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.textln(text("hold" if hold else "transit", lang))
    printer.set_with_default()
    out.rule()
    if hold:
        if slip.patron:
            out.pair(text("hold_for", lang), slip.patron)
        if slip.place:
            out.pair(text("pickup", lang), slip.place)
    else:
        out.heading(text("transit_to", lang))
        printer.set(align="center", bold=True, double_height=True)
        printer.textln(slip.place)
        printer.set_with_default()
        if slip.origin:
            out.pair(text("from", lang), slip.origin)
    out.rule()
    out.para(slip.title or text("untitled", lang))
    out.pair(f"  {slip.item_id}", f"{long_date(slip.when.date(), lang)} {slip.when:%H:%M}")
    out.centred([slip.library])
    printer.cut()


def receipt_bytes(receipt: Receipt, *, profile: str | None = None, columns: int = 0, qr: bool = True) -> bytes:
    p = dummy(profile)
    render_receipt(p, receipt, columns=columns, qr=qr)
    return p.output


def slip_bytes(slip: Slip, *, profile: str | None = None, columns: int = 0) -> bytes:
    p = dummy(profile)
    render_slip(p, slip, columns=columns)
    return p.output
