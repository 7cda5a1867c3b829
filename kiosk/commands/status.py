"""``kiosk diag status``: devices, catalog, journal — the first thing a
technician runs at a kiosk that misbehaves."""

from __future__ import annotations

import json
import time
from pathlib import Path

from kiosk import config
from kiosk.circulation import OnJournal
from kiosk.errors import KnownError
from kiosk.journal import Journal


def register(commands, diag) -> None:
    status = diag.add_parser("status", help="devices, catalog, journal and sync queue")
    status.add_argument("--config", type=Path, required=True)
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)


def collect(settings) -> dict:
    from kiosk.app import build

    kiosk = build(settings)
    try:
        statuses = kiosk.devices.open_all(lambda event: None)
        started = time.monotonic()
        try:
            answers, error = kiosk.catalog.ping(), ""
        except KnownError as exc:
            answers, error = False, exc.message
        sync = kiosk.syncer.status()
        return {
            "config": str(settings.source),
            "mode": settings.kiosk.mode,
            "devices": [
                {"name": s.name, "kind": s.kind, "driver": s.driver, "state": s.state.value, "reason": s.reason}
                for s in statuses
            ],
            "catalog": {
                "kind": settings.catalog.kind,
                "describe": kiosk.catalog.describe(),
                "answers": answers,
                "ms": round((time.monotonic() - started) * 1000, 1),
                "error": error,
            },
            "journal": kiosk.circulation.run(OnJournal(_journal_facts)),
            "sync": {"online": answers, "queued": sync.queued, "conflicts": sync.conflicts, "last_error": error},
        }
    finally:
        kiosk.close()


def _journal_facts(journal: Journal) -> dict:
    mode, synchronous = journal.durability()
    return {
        "path": str(journal.path),
        "counts": journal.counts(),
        "alerts": len(journal.open_alerts()),
        "outbox": journal.outbox_counts(),
        "journal_mode": mode,
        "synchronous": synchronous,
    }


def _status(args) -> int:
    report = collect(config.load(args.config))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"config   {report['config']} (mode {report['mode']})")
    for d in report["devices"]:
        print(
            f"device   {d['name']:<12} {d['kind']:<8} {d['driver']:<12} {d['state']}"
            + (f"  {d['reason']}" if d["reason"] else "")
        )
    c = report["catalog"]
    print(
        f"catalog  {c['describe']}: " + (f"answers ({c['ms']} ms)" if c["answers"] else f"DOES NOT ANSWER {c['error']}")
    )
    counts = " ".join(f"{k}={v}" for k, v in report["journal"]["counts"].items())
    print(f"journal  {report['journal']['path']}: {counts}, open alerts={report['journal']['alerts']}")
    outbox = " ".join(f"{k}={v}" for k, v in report["journal"]["outbox"].items())
    print(f"outbox   emailed receipts: {outbox}")
    s = report["sync"]
    print(
        f"sync     {'online' if s['online'] else 'OFFLINE'} queued={s['queued']} conflicts={s['conflicts']}"
        + (f" last error: {s['last_error']}" if s["last_error"] else "")
    )
    return 0
