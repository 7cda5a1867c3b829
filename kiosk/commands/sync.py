"""``kiosk sync`` (drain the offline queue now) and ``kiosk diag conflicts``
(what the catalog refused on replay, for staff to settle)."""

from __future__ import annotations

import logging
import signal
import threading
import time
from pathlib import Path

from kiosk import config
from kiosk.commands.transactions import emit

log = logging.getLogger(__name__)


def register(commands, diag) -> None:
    sync = commands.add_parser("sync", help="replay the queued transactions to the catalog now")
    sync.add_argument("--config", type=Path, required=True)
    sync.add_argument(
        "--once",
        action="store_true",
        help="one pass and stop (default: keep trying, with the [sync] backoff, until the queue is "
        "empty; Ctrl-C stops)",
    )
    sync.add_argument(
        "--forever",
        action="store_true",
        help="keep syncing (at once when rows appear, else every [sync] interval_s) until SIGTERM or Ctrl-C: "
        "what the kiosk-sync systemd service runs, so loans reach the catalog while the screen restarts",
    )
    sync.add_argument("--verbose", "-v", action="store_true", help="one line per replayed transaction")
    sync.add_argument("--json", action="store_true", help="one JSON object on stdout")
    sync.set_defaults(handler=_sync)
    conflicts = diag.add_parser("conflicts", help="transactions the catalog refused on replay")
    conflicts.add_argument("--config", type=Path, required=True)
    conflicts.add_argument("--json", action="store_true")
    conflicts.set_defaults(handler=_conflicts)


def _sync(args) -> int:
    from kiosk.app import build

    settings = config.load(args.config)
    if args.forever:
        return _sync_forever(settings)
    kiosk = build(settings)  # rows a crash left unfinished are queued for verification here
    totals = {"passes": 0, "synced": 0, "conflicts": 0, "still_queued": 0, "error": "", "details": []}
    delay = settings.sync.interval_s
    try:
        while True:
            report = kiosk.syncer.run_once()
            totals["passes"] += 1
            totals["synced"] += report.synced
            totals["conflicts"] += report.conflicts
            totals["details"] += report.details
            totals["still_queued"], totals["error"] = report.still_queued, report.error
            if args.once or not report.still_queued:
                break
            if not args.json:
                why = report.error or (report.details[-1] if report.details else "")
                print(
                    f"pass {totals['passes']}: {report.still_queued} still queued ({why}); next try in {delay:g} s",
                    flush=True,
                )
            time.sleep(delay)
            delay = min(delay * 2, settings.sync.max_backoff_s) if report.error else settings.sync.interval_s
    except KeyboardInterrupt:
        pass
    finally:
        kiosk.close()
    lines = [f"synced {totals['synced']}, conflicts {totals['conflicts']}, still queued {totals['still_queued']}"]
    if totals["error"]:
        lines.append(f"catalog: {totals['error']}")
    if totals["conflicts"]:
        lines.append(f"see them with: kiosk diag conflicts --config {args.config}")
    if args.verbose:
        lines += totals["details"]
    emit(totals, args.json, lines)
    return 0 if not totals["still_queued"] else 1


def _sync_forever(settings) -> int:
    """The sync thread of the kiosk, without the screen, until told to stop."""
    from kiosk.app import build

    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    kiosk = build(settings)
    try:
        kiosk.sync_worker.start()
        log.info("syncing %s to %s until stopped", settings.journal.path, kiosk.catalog.describe())
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        kiosk.close()
    return 0


def _conflicts(args) -> int:
    from kiosk.journal import Journal
    from kiosk.models import TxState

    settings = config.load(args.config)
    journal = Journal.open(settings.resolve(settings.journal.path), salt=settings.journal.hash_salt)
    try:
        rows = journal.in_state(TxState.CONFLICT)
    finally:
        journal.close()
    report = {
        "conflicts": [
            {
                "uuid": tx.uuid,
                "kind": tx.kind,
                "item_id": tx.item_id,
                "patron_card": tx.patron_card,
                "created_at": tx.created_at,
                "reason": tx.reason,
                "detail": tx.detail,
                "attempts": tx.attempts,
            }
            for tx in rows
        ]
    }
    lines = [f"{len(rows)} conflict(s)"] + [
        f"{tx.created_at:%Y-%m-%d %H:%M} {tx.kind.value:<8} item {tx.item_id} patron {tx.patron_card or '-'}: "
        f"{tx.reason or 'other'} — {tx.detail}"
        for tx in rows
    ]
    emit(report, args.json, lines)
    return 0
