"""``kiosk diag status`` (devices, catalog, journal — the first thing a
technician runs at a kiosk that misbehaves, and what a script checks) and
``kiosk diag resolve`` (settle a sync conflict with a note)."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk import config
from kiosk.circulation import OnJournal
from kiosk.diagnostics import EXIT_CATALOG, EXIT_CONFLICTS, EXIT_DEVICE, exit_code, report_of, resolve_conflict

STATUS_CODES = f"""exit status: 0 all is well; otherwise the sum of
  {EXIT_CATALOG:>2}  the catalog does not answer
  {EXIT_DEVICE:>2}  a device is in error or disconnected
  {EXIT_CONFLICTS:>2}  sync conflicts wait for staff (kiosk diag conflicts)
  e.g. {EXIT_CATALOG + EXIT_CONFLICTS} = catalog away and conflicts waiting; 2: the status could not be read
  (bad config, damaged journal)."""


def register(commands, diag) -> None:
    import argparse

    status = diag.add_parser(
        "status",
        help="devices, catalog, journal and sync queue; the exit status says what is wrong",
        epilog=STATUS_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    status.add_argument("--config", type=Path, required=True)
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    resolve = diag.add_parser("resolve", help="mark a sync conflict resolved, with a note kept in the journal")
    resolve.add_argument("id", help="the conflict's id as `kiosk diag conflicts` lists it (at least 8 characters)")
    resolve.add_argument("--note", required=True, help="what was done at the ILS")
    resolve.add_argument("--config", type=Path, required=True)
    resolve.set_defaults(handler=_resolve)


def collect(settings) -> dict:
    from kiosk.app import build

    kiosk = build(settings)
    try:
        kiosk.devices.open_all(lambda event: None)
        return report_of(kiosk)
    finally:
        kiosk.close()


def _status(args) -> int:
    report = collect(config.load(args.config))
    code = exit_code(report)
    if args.json:
        print(json.dumps({**report, "exit_code": code}, indent=2))
        return code
    print(f"config   {report['config']} (mode {report['mode']})")
    for d in report["devices"]:
        print(
            f"device   {d['name']:<12} {d['kind']:<8} {d['driver']:<12} {d['state']}"
            + (f"  {d['reason']}" if d["reason"] else "")
        )
    c = report["catalog"]
    print(f"catalog  {c['describe']}: " + (f"answers ({c['ms']} ms)" if c["answers"] else f"OFFLINE: {c['error']}"))
    counts = " ".join(f"{k}={v}" for k, v in report["journal"]["counts"].items())
    print(f"journal  {report['journal']['path']}: {counts}, open alerts={report['journal']['alerts']}")
    outbox = " ".join(f"{k}={v}" for k, v in report["journal"]["outbox"].items())
    print(f"outbox   emailed receipts: {outbox}")
    s = report["sync"]
    last = f" last sync {s['last_sync']}" if s["last_sync"] else ""
    print(f"sync     queued={s['queued']} conflicts={s['conflicts']}{last}")
    if code:
        print(f"exit     {code} (see kiosk diag status --help)")
    return code


def _resolve(args) -> int:
    from kiosk.app import build

    kiosk = build(config.load(args.config))
    try:
        tx = kiosk.circulation.run(OnJournal(lambda journal: resolve_conflict(journal, args.id, args.note)))
    finally:
        kiosk.close()
    print(f"resolved {tx.uuid}: {tx.kind.value} {tx.item_id} — note kept in the journal")
    return 0
