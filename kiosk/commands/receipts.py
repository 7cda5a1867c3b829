"""``kiosk diag printer``: the receipt printer's state, and a test receipt through it;
and the receipt step of ``kiosk diag checkout --receipt ...`` (kiosk/commands/transactions.py),
both through the receipts desk the finish screen uses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk import config
from kiosk.errors import KnownError
from kiosk.receipts.model import Loan, Receipt
from kiosk.receipts.service import Channel
from kiosk.receipts.texts import text
from kiosk.worker import Offload


def register(commands, diag) -> None:
    p = diag.add_parser("printer", help="the receipt printer's state; prints a test receipt")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--printer", metavar="NAME", help="the [devices.NAME] to use (default: [receipts] printer)")
    p.add_argument("--language", choices=config.LANGUAGES, help="of the test receipt (default: the kiosk's)")
    p.add_argument("--no-print", action="store_true", help="only ask the printer how it is")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=_printer)


def _printer(args) -> int:
    from kiosk.app import build
    from kiosk.commands.transactions import emit

    settings = config.load(args.config)
    if args.printer:
        settings = config.override(settings, "receipts", printer=args.printer)
    kiosk = build(settings)
    try:
        kiosk.devices.open_all(lambda event: None)
        printer = kiosk.receipts.printer()
        if printer is None:
            raise KnownError(
                f"{settings.source}: no receipt printer is configured (or it did not open)",
                hint='add a [devices.<name>] with kind = "printer" (see config/kiosk.example.toml)',
            )
        condition = kiosk.circulation.run(Offload(printer.check))
        status = printer.status
        report = {
            "printer": status.name,
            "driver": status.driver,
            "condition": condition.value,
            "state": status.state.value,
            "reason": status.reason,
        }
        lines = [f"printer  {status.name} ({status.driver}): {condition.value}"]
        if status.reason:
            lines[0] += f" - {status.reason}"
        ok = condition.can_print
        if not args.no_print and ok:
            delivery = kiosk.receipts.deliver(sample_receipt(kiosk, args.language), Channel.PRINT)
            report["printed"], report["detail"] = delivery.ok, delivery.detail
            lines.append(f"receipt  {'printed' if delivery.ok else 'NOT printed'}: {delivery.detail}")
            ok = delivery.ok
    finally:
        kiosk.close()
    emit(report, args.json, lines)
    return 0 if ok else 1


def sample_receipt(kiosk, language: str | None = None) -> Receipt:
    """A receipt with the library's header and footer, one sample line with a due date and its QR code."""
    language = language or kiosk.settings.kiosk.default_language
    base = kiosk.receipts.receipt([], patron=None, language=language)
    sample = Loan(text("test", language), "0000000000", base.when.date() + timedelta(days=14))
    return Receipt(
        library=base.library,
        kiosk=base.kiosk,
        when=base.when,
        language=language,
        header=base.header,
        footer=base.footer,
        loans=(sample,),
        ils_lines=(text("test_ok", language),),
    )


def give_receipt(kiosk, session, channel: str, language: str | None, report: dict, lines: list[str]) -> bool:
    """What the finish screen does with the patron's choice: offer, deliver, and for email send now."""
    patron_language = session.patron.language if session.patron else None
    receipt = kiosk.receipts.receipt_for(session, language or patron_language or kiosk.settings.kiosk.default_language)
    offer = kiosk.receipts.offered(receipt)
    result = {"channel": channel, "offered": [c.value for c in offer.channels]}
    report["receipt"] = result
    withheld = offer.why_not(channel)
    if withheld is not None:
        result.update(delivered=False, reason=withheld.why.value, detail=withheld.detail)
        lines.append(f"receipt  {channel}: NOT OFFERED - {withheld.why.text('en')} ({withheld.detail})")
        return False
    if channel not in offer.channels:
        result.update(delivered=False, reason="not_offered")
        lines.append(f"receipt  {channel}: NOT OFFERED - [receipts] offer is {list(kiosk.settings.receipts.offer)}")
        return False
    delivery = kiosk.receipts.deliver(receipt, channel)
    result.update(delivered=delivery.ok, detail=delivery.detail, reason=delivery.why.value if delivery.why else None)
    line = f"receipt  {channel}: {'OK' if delivery.ok else 'FAILED'} {delivery.detail}".rstrip()
    if delivery.ok and channel == Channel.EMAIL:
        sent = kiosk.receipts.send_emails()
        result["sent"], result["waiting"], result["error"] = sent.sent, sent.waiting, sent.error
        line += "; sent" if sent.sent else f"; waiting in the outbox ({sent.error or 'not sent yet'})"
    lines.append(line)
    if delivery.qr is not None and delivery.qr.text:
        result["calendar"] = delivery.qr.text
        lines.extend(terminal_qr(delivery.qr.matrix))
    return delivery.ok


def terminal_qr(matrix) -> list[str]:
    """The QR code in a terminal, two modules per character cell (scan it off the screen)."""
    rows = [*matrix, tuple(False for _ in matrix[0])] if len(matrix) % 2 else list(matrix)
    cells = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return ["".join(cells[top, bottom] for top, bottom in zip(rows[i], rows[i + 1])) for i in range(0, len(rows), 2)]
