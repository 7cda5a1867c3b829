"""``kiosk diag checkout|checkin|renew|patron|item``: one test transaction
through the code path the screen uses (``kiosk.app.build`` -> circulation
-> journal and catalog, offline fallback included), printing what happened.
For technicians proving a kiosk end to end, e.g. against ``kiosk demo-ils``.

A PIN is asked at a prompt (``--pin``), never taken from the command line,
where it would stay in the shell's history.
"""

from __future__ import annotations

import dataclasses
import enum
import getpass
import json
from datetime import date, datetime
from pathlib import Path

from kiosk import config
from kiosk.circulation import OnJournal
from kiosk.errors import CatalogProtocolError, CatalogUnavailable, KnownError


def register(commands, diag) -> None:
    for name, help_ in (
        ("checkout", "sign a patron in and check items out"),
        ("renew", "sign a patron in and renew items"),
    ):
        p = _parser(diag, name, help_)
        p.add_argument("--patron", required=True, metavar="CARD")
        p.add_argument("--pin", action="store_true", help="ask for the patron's PIN at a prompt")
        p.add_argument(
            "--receipt",
            choices=["print", "email", "phone", "none"],
            help="then give the receipt this way, as the finish screen does (email: queued, then sent at once)",
        )
        p.add_argument("--language", choices=config.LANGUAGES, help="of the receipt (default: the patron's)")
        p.add_argument("items", nargs="+", metavar="ITEM")
    _parser(diag, "checkin", "check items in (a return)").add_argument("items", nargs="+", metavar="ITEM")
    patron = _parser(diag, "patron", "what the catalog says about a card")
    patron.add_argument("card")
    patron.add_argument("--pin", action="store_true", help="ask for the PIN at a prompt and check it too")
    _parser(diag, "item", "what the catalog says about an item").add_argument("item")


def _parser(diag, name: str, help_: str):
    p = diag.add_parser(name, help=help_)
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=_run, what=name, pin=False, receipt=None, language=None)
    return p


def plain(value):
    """Dataclasses, enums and dates as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def emit(report: dict, as_json: bool, lines: list[str]) -> None:
    print(json.dumps(plain(report), indent=2, ensure_ascii=False) if as_json else "\n".join(lines))


def _run(args) -> int:
    from kiosk.app import build

    settings = config.load(args.config)
    pin = getpass.getpass("Patron PIN: ") if args.pin else None
    if args.what in ("checkout", "renew") and settings.kiosk.require_pin and pin is None:
        raise KnownError(f"{settings.source}: this kiosk asks patrons for a PIN", hint="add --pin")
    kiosk = build(settings)
    try:
        if args.receipt:  # what is offered depends on the printer's state, as on the screen
            kiosk.devices.open_all(lambda event: None)
        report = {"config": str(settings.source), "catalog": kiosk.catalog.describe()}
        lines = [f"catalog  {report['catalog']}"]
        ok = _ACTIONS[args.what](kiosk, args, pin, report, lines)
    finally:
        kiosk.close()
    emit(report, args.json, lines)
    return 0 if ok else 1


def _circulate(kiosk, args, pin, report: dict, lines: list[str]) -> bool:
    circulation = kiosk.circulation
    signed = circulation.sign_in(args.patron, pin)
    report["sign_in"] = {
        "ok": signed.ok,
        "reason": signed.reason,
        "offline": bool(signed.session and signed.session.offline),
        "name": signed.session.display_name if signed.session else "",
    }
    lines.append(
        f"patron   {args.patron}: "
        + (
            f"signed in {'OFFLINE' if signed.session.offline else 'online'} {signed.session.display_name}".rstrip()
            if signed.ok
            else f"REFUSED {signed.reason.value}"
        )
    )
    if not signed.ok:
        return False
    session = signed.session
    if args.what == "checkout":
        items = [(item, None) for item in args.items]
        outcomes = circulation.checkout_stack(session, items)
    else:
        outcomes = [circulation.renew(session, item) for item in args.items]
    ok = _outcomes(kiosk, outcomes, report, lines)
    if args.receipt:
        from kiosk.commands.receipts import give_receipt

        ok = give_receipt(kiosk, session, args.receipt, args.language, report, lines) and ok
    circulation.end_session(session)
    return ok


def _checkin(kiosk, args, pin, report: dict, lines: list[str]) -> bool:
    return _outcomes(kiosk, [kiosk.circulation.checkin(item) for item in args.items], report, lines)


def _outcomes(kiosk, outcomes, report: dict, lines: list[str]) -> bool:
    report["outcomes"] = []
    for o in outcomes:
        state = kiosk.circulation.run(OnJournal(lambda journal, uuid=o.tx_uuid: journal.get(uuid).state))
        report["outcomes"].append({**plain(o), "journal_state": state.value})
        if o.ok:
            what = f"OK {o.title}".rstrip()
            what += f", due {o.due.isoformat()}" if o.due else ""
            what += f", to {o.destination.value} {o.destination_detail}".rstrip() if o.destination else ""
        else:
            what = f"REFUSED {o.reason.value if o.reason else 'other'}"
        what += f" ({o.screen_message})" if o.screen_message else ""
        what += " [offline: queued for sync]" if o.offline and state.value == "queued" else ""
        lines.append(f"{o.kind.value:<8} {o.item_id}: {what}  journal={state.value}")
    return all(o.ok for o in outcomes)


def _patron(kiosk, args, pin, report: dict, lines: list[str]) -> bool:
    try:
        answer = kiosk.catalog.patron(args.card, pin)
    except (CatalogUnavailable, CatalogProtocolError) as exc:
        report["error"] = exc.message
        lines.append(f"patron   {args.card}: the catalog does not answer: {exc.message}")
        return False
    report["patron"], report["reason"] = answer.patron, answer.reason
    p = answer.patron
    if p is None:
        lines.append(f"patron   {args.card}: {answer.reason.value}")
        return False
    lines.append(f"patron   {p.card} {p.name}" + (f": BLOCKED {p.block_reason.value}" if p.blocked else ": may borrow"))
    lines.append(f"         loans {len(p.loans)}, holds {len(p.holds)}, fines {p.fines}, language {p.language or '-'}")
    if p.screen_message:
        lines.append(f"screen   {p.screen_message}")
    lines.extend(f"print    {line}" for line in p.print_lines)
    return answer.ok


def _item(kiosk, args, pin, report: dict, lines: list[str]) -> bool:
    try:
        item = kiosk.catalog.item(args.item)
        on_loan = kiosk.catalog.is_on_loan(args.item)
    except (CatalogUnavailable, CatalogProtocolError) as exc:
        report["error"] = exc.message
        lines.append(f"item     {args.item}: the catalog does not answer: {exc.message}")
        return False
    report["item"], report["on_loan"] = item, on_loan
    if item is None:
        lines.append(f"item     {args.item}: unknown to the catalog")
        return False
    due = f", due {item.due.isoformat()}" if item.due else ""
    lines.append(f"item     {item.barcode} {item.title}: {'on loan' if on_loan else 'not on loan'}{due}")
    return True


_ACTIONS = {"checkout": _circulate, "renew": _circulate, "checkin": _checkin, "patron": _patron, "item": _item}
