"""What a technician sees and does in diagnostics, without Qt: the journal's
view (sync queue oldest first, conflicts, open alerts), the catalog's test
transaction, conflict resolution, the status report ``kiosk diag status``
prints, and the export of logs plus that report to a USB stick.

The screen (kiosk/ui/screens/diagnostics*.py, through
kiosk/ui/diagnostics_vm.py) and the command line call the same functions
here: journal work runs on the circulation worker (``OnJournal``), catalog
and file work on its I/O pool (``Offload``), never on the GUI thread.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import tarfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.circulation import OnJournal
from kiosk.devices.base import DeviceReport, DeviceState, DeviceStatus
from kiosk.errors import CatalogProtocolError, CatalogUnavailable, DeviceError, KnownError
from kiosk.flow import Hook
from kiosk.journal import Journal
from kiosk.models import Transaction, TxState
from kiosk.sync import SyncReport, SyncStatus
from kiosk.worker import Offload

log = logging.getLogger(__name__)

# `kiosk diag status` exit codes: one bit per kind of problem, added together
# (a kiosk offline with a conflict waiting exits 4 + 16 = 20); 2 stays the
# command line's "could not even look" (bad config, damaged journal).
EXIT_OK = 0
EXIT_CATALOG = 4  # the catalog does not answer
EXIT_DEVICE = 8  # a device is in error (or disconnected)
EXIT_CONFLICTS = 16  # sync conflicts wait for staff

USB_ROOTS = ("/media", "/run/media")


def _now() -> datetime:
    return datetime.now().astimezone()


# -- logs --------------------------------------------------------------------------


class RingLog(logging.Handler):
    """The last lines logged, in memory, for the Logs section and the export
    (the systemd journal keeps the full log; this is what a technician reads at the kiosk)."""

    def __init__(self, capacity: int = 500) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._lines: deque[str] = deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._lines.append(self.format(record))
        except Exception:  # a log line that cannot be formatted must not break the caller
            self.handleError(record)

    def lines(self, last: int | None = None) -> list[str]:
        lines = list(self._lines)
        return lines if last is None else lines[-last:]


# -- the journal's side ---------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    uuid: str
    kind: str
    item_id: str
    state: str
    age_s: int
    attempts: int
    detail: str


@dataclass(frozen=True)
class Conflict:
    uuid: str
    kind: str
    item_id: str
    created_at: datetime
    reason: str
    detail: str


@dataclass(frozen=True)
class JournalView:
    path: str
    counts: dict[str, int]
    queue: tuple[QueueRow, ...]  # queued and syncing, oldest first
    conflicts: tuple[Conflict, ...]
    alerts: tuple[dict, ...]


def journal_view(journal: Journal, now: datetime | None = None) -> JournalView:
    """Runs on the circulation worker (``OnJournal(journal_view)``)."""
    now = now or _now()
    queue = journal.in_state(TxState.QUEUED, TxState.SYNCING)
    return JournalView(
        str(journal.path),
        journal.counts(),
        tuple(
            QueueRow(
                tx.uuid,
                tx.kind.value,
                tx.item_id,
                tx.state.value,
                max(0, int((now - tx.created_at).total_seconds())),
                tx.attempts,
                tx.detail,
            )
            for tx in queue
        ),
        tuple(
            Conflict(tx.uuid, tx.kind.value, tx.item_id, tx.created_at, tx.reason or "other", tx.detail)
            for tx in journal.in_state(TxState.CONFLICT)
        ),
        tuple(journal.open_alerts()),
    )


class DiagnosticsError(KnownError):
    """A technician's request that cannot be done as asked (an unknown conflict, an empty note)."""


def resolve_conflict(journal: Journal, ref: str, note: str) -> Transaction:
    """Mark a conflict resolved with staff's note (the screen and ``kiosk diag resolve``)."""
    note = note.strip()
    if not note:
        raise DiagnosticsError(
            "a resolution needs a note", hint="say what was done at the ILS, e.g. --note 'loan entered by hand'"
        )
    tx = journal.find_conflict(ref)
    if tx is None:
        raise DiagnosticsError(
            f"no open conflict {ref!r}",
            hint="give its id (at least the first 8 characters) as `kiosk diag conflicts` lists it",
        )
    journal.resolve_conflict(tx.uuid, note)
    return journal.get(tx.uuid)


# -- the catalog's side ----------------------------------------------------------------


@dataclass(frozen=True)
class Ping:
    ok: bool
    rtt_ms: float
    error: str = ""


def ping(catalog) -> Ping:
    """One status round trip (SIP2 99/98), timed. Blocking: on the I/O pool."""
    started = time.monotonic()
    try:
        ok, error = catalog.ping(), ""
        if not ok:
            error = "the catalog says it is offline"
    except (CatalogUnavailable, CatalogProtocolError) as exc:
        ok, error = False, exc.message
    return Ping(ok, round((time.monotonic() - started) * 1000, 1), error)


@dataclass(frozen=True)
class TestStep:
    what: str  # "checkout" | "checkin"
    ok: bool
    ms: float
    detail: str = ""
    due: date | None = None  # a checkout's due date, shown in the screen's language


@dataclass(frozen=True)
class TestTransaction:
    steps: tuple[TestStep, ...]

    @property
    def ok(self) -> bool:
        return len(self.steps) == 2 and all(s.ok for s in self.steps)


def test_transaction(catalog, patron: str, item: str) -> TestTransaction:
    """Check the test item out to the test patron and back in, straight at the
    catalog (not journalled: it is no loan, and offline it must fail, not queue).
    Blocking: on the I/O pool. A refused checkout is followed by a checkin only
    when the item is on loan to the test patron already (a test cut short), never
    when someone else has it."""

    def timed(what: str, call) -> tuple[TestStep, bool]:
        started = time.monotonic()
        try:
            result = call()
        except (CatalogUnavailable, CatalogProtocolError) as exc:
            return TestStep(what, False, round((time.monotonic() - started) * 1000, 1), exc.message), False
        detail = result.screen_message or (result.reason.value if result.reason else "")
        due = result.due if what == "checkout" else None
        return TestStep(what, result.ok, round((time.monotonic() - started) * 1000, 1), detail, due), True

    checkout, answered = timed("checkout", lambda: catalog.checkout(patron, item))
    steps = [checkout]
    if not answered:
        return TestTransaction(tuple(steps))  # no answer: a checkin would get none either
    try:
        ours = checkout.ok or catalog.is_charged_to(item, patron) is True
    except (CatalogUnavailable, CatalogProtocolError):
        ours = False
    if ours:
        steps.append(timed("checkin", lambda: catalog.checkin(item))[0])
    return TestTransaction(tuple(steps))


# -- the report `kiosk diag status` prints and the export carries --------------------------


def status_report(
    settings, device_statuses: list[DeviceStatus], catalog, pinged: Ping, journal: dict, sync: SyncStatus
) -> dict:
    """One kiosk's state as JSON-ready data: what ``kiosk diag status --json`` prints."""
    return {
        "config": str(settings.source),
        "kiosk": settings.kiosk.name,
        "mode": settings.kiosk.mode,
        "devices": [
            {"name": s.name, "kind": s.kind, "driver": s.driver, "state": s.state.value, "reason": s.reason}
            for s in device_statuses
        ],
        "catalog": {
            "kind": settings.catalog.kind,
            "describe": catalog.describe(),
            "answers": pinged.ok,
            "ms": pinged.rtt_ms,
            "error": pinged.error,
        },
        "journal": journal,
        "sync": {
            "queued": sync.queued,
            "conflicts": sync.conflicts,
            "last_sync": sync.last_sync.isoformat(timespec="seconds") if sync.last_sync else None,
        },
    }


def journal_facts(journal: Journal) -> dict:
    mode, synchronous = journal.durability()
    return {
        "path": str(journal.path),
        "counts": journal.counts(),
        "alerts": len(journal.open_alerts()),
        "outbox": journal.outbox_counts(),
        "journal_mode": mode,
        "synchronous": synchronous,
    }


def exit_code(report: dict) -> int:
    """The documented exit code of ``kiosk diag status`` for this report."""
    code = EXIT_OK
    if not report["catalog"]["answers"]:
        code |= EXIT_CATALOG
    if any(d["state"] in (DeviceState.ERROR.value, DeviceState.DISCONNECTED.value) for d in report["devices"]):
        code |= EXIT_DEVICE
    if report["sync"]["conflicts"]:
        code |= EXIT_CONFLICTS
    return code


def report_of(kiosk) -> dict:
    """The running kiosk's report (blocking: a catalog round trip and a journal read)."""
    pinged = ping(kiosk.catalog)
    kiosk.syncer.observe(pinged.ok, pinged.error, pinged.rtt_ms if pinged.ok else None)
    return status_report(
        kiosk.settings,
        kiosk.devices.statuses(),
        kiosk.catalog,
        pinged,
        kiosk.circulation.run(OnJournal(journal_facts)),
        kiosk.syncer.status(),
    )


# -- export to a USB stick -------------------------------------------------------------------


def removable_drives(
    mounts: Path = Path("/proc/mounts"), sys_block: Path = Path("/sys/block"), roots: tuple[str, ...] = USB_ROOTS
) -> list[Path]:
    """Mounted removable drives, writable by this user: mount points under /media or
    /run/media (where desktop automounters put sticks), or whose block device says
    ``removable`` in /sys/block."""
    try:
        lines = mounts.read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) < 2:
            continue
        device, mount = parts[0], Path(parts[1].replace("\\040", " "))
        under_root = any(str(mount).startswith(root.rstrip("/") + "/") for root in roots)
        disk = re.sub(r"p?\d+$", "", Path(device).name)  # sdb1 -> sdb, mmcblk0p1 -> mmcblk0
        try:
            removable = (sys_block / disk / "removable").read_text().strip() == "1"
        except OSError:
            removable = False
        if (under_root or removable) and os.access(mount, os.W_OK) and mount not in found:
            found.append(mount)
    return found


def export_archive(target: Path, log_lines: list[str], status: dict, *, kiosk_name: str, now: datetime) -> Path:
    """One archive on ``target``: ``kiosk.log`` (the last lines) and ``status.json``
    (what ``kiosk diag status --json`` prints). Written under a temporary name and
    renamed, so a stick pulled mid-write never holds a half archive under the real name."""
    if not target.is_dir():
        raise DiagnosticsError(f"{target} is not a folder", hint="plug in a USB stick and try again")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", kiosk_name).strip("-") or "kiosk"
    path = target / f"kiosk-diag-{safe}-{now:%Y%m%d-%H%M%S}.tar.gz"
    partial = path.with_suffix(".part")
    members = {
        "kiosk.log": ("\n".join(log_lines) + "\n").encode(),
        "status.json": json.dumps(status, indent=2, default=str).encode(),
    }
    try:
        with tarfile.open(partial, "w:gz") as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                archive.addfile(info, io.BytesIO(data))
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DiagnosticsError(
            f"cannot write to {target} ({exc.strerror})", hint="check the stick is not full or read-only"
        ) from exc
    return path


# -- diagnostics as the screen drives it --------------------------------------------------------

# submit(operation, on_done, on_error), results on the GUI thread (kiosk.flow.Submit)
Submit = Callable[[Any, Callable[[Any], None], Callable[[BaseException], None]], None]
# post(fn): run fn on the GUI thread (results from the sync thread)
Post = Callable[[Callable[[], None]], None]


@dataclass(frozen=True)
class ActionResult:
    """The outcome of a technician's button, for the screen to word in its language."""

    action: str  # sync | ping | test | resolve | acknowledge | reconnect | self_test | export
    ok: bool
    facts: dict = field(default_factory=dict)
    error: str = ""


class Diagnostics:
    """The state of the diagnostics screen and what its buttons do. Qt-free;
    ``changed`` tells the view model to redraw, ``result`` carries each action's outcome."""

    def __init__(self, kiosk, submit: Submit, post: Post, ring: RingLog, *, clock=_now) -> None:
        self.kiosk = kiosk
        self.settings = kiosk.settings
        self._submit = submit
        self._post = post
        self.ring = ring
        self._clock = clock
        self.view: JournalView | None = None
        self.devices: list[DeviceReport] = []
        self.sync: SyncStatus | None = None
        self.busy: set[str] = set()
        self.changed, self.result = Hook(), Hook()

    @property
    def test_configured(self) -> bool:
        d = self.settings.diagnostics
        return bool(d.test_patron and d.test_item)

    # -- refreshing ---------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_devices()
        self._submit(OnJournal(journal_view), self._viewed, self._failed("refresh"))

    def refresh_devices(self) -> None:
        """Devices as they are now (in memory: no I/O)."""
        self.devices = self.kiosk.devices.reports()

    def _viewed(self, view: JournalView) -> None:
        self.view = view
        self.changed.emit()

    def on_sync_status(self, status: SyncStatus) -> None:
        self.sync = status
        self.changed.emit()

    def on_device_status(self, status: DeviceStatus, previous: DeviceStatus | None) -> None:
        """A device went into error: staff get an alert (paper out for a printer)."""
        self.refresh_devices()
        if status.state is DeviceState.ERROR and (previous is None or previous.state is not DeviceState.ERROR):
            kind = "paper_out" if status.kind == "printer" and "paper" in status.reason.lower() else "device"
            message = f"{status.name} ({status.kind}/{status.driver}): {status.reason}"
            self._submit(
                OnJournal(lambda journal: journal.add_alert(kind, message)), lambda _: None, self._failed("alert")
            )

    # -- actions ------------------------------------------------------------------
    def _failed(self, action: str) -> Callable[[BaseException], None]:
        def report(exc: BaseException) -> None:
            self.busy.discard(action)
            if isinstance(exc, KnownError):
                log.warning("diagnostics %s failed: %s", action, exc.message)
                self.result.emit(ActionResult(action, False, error=exc.message))
            else:
                log.error("diagnostics %s failed with a bug", action, exc_info=exc)
                self.result.emit(ActionResult(action, False, error=f"{type(exc).__name__}: {exc}"))
            self.changed.emit()

        return report

    def _done(self, result: ActionResult, refresh: bool = True) -> None:
        self.busy.discard(result.action)
        self.result.emit(result)
        if refresh:
            self.refresh()
        else:
            self.changed.emit()

    def _start(self, action: str) -> bool:
        if action in self.busy:
            return False
        self.busy.add(action)
        self.changed.emit()
        return True

    def sync_now(self) -> None:
        """A pass on the sync thread; its report comes back here on the GUI thread."""
        if not self._start("sync"):
            return

        def done(report: SyncReport) -> None:
            facts = {"synced": report.synced, "conflicts": report.conflicts, "still_queued": report.still_queued}
            self._post(lambda: self._done(ActionResult("sync", not report.error, facts, report.error)))

        self.kiosk.sync_worker.sync_now(done)

    def ping(self) -> None:
        if not self._start("ping"):
            return

        def pinged(p: Ping) -> None:
            self.kiosk.syncer.observe(p.ok, p.error, p.rtt_ms if p.ok else None)
            self._done(ActionResult("ping", p.ok, {"ms": p.rtt_ms}, p.error), refresh=False)

        self._submit(Offload(lambda: ping(self.kiosk.catalog)), pinged, self._failed("ping"))

    def test_transaction(self) -> None:
        if not self.test_configured or not self._start("test"):
            return
        d = self.settings.diagnostics

        def tested(t: TestTransaction) -> None:
            steps = [{"what": s.what, "ok": s.ok, "ms": s.ms, "detail": s.detail, "due": s.due} for s in t.steps]
            self._done(ActionResult("test", t.ok, {"item": d.test_item, "steps": steps}), refresh=False)

        self._submit(
            Offload(lambda: test_transaction(self.kiosk.catalog, d.test_patron, d.test_item)),
            tested,
            self._failed("test"),
        )

    def resolve(self, tx_uuid: str, note: str) -> None:
        def resolved(tx: Transaction) -> None:
            self._done(ActionResult("resolve", True, {"item": tx.item_id, "uuid": tx.uuid}))

        self._submit(
            OnJournal(lambda journal: resolve_conflict(journal, tx_uuid, note)), resolved, self._failed("resolve")
        )

    def acknowledge(self, alert_id: int) -> None:
        self._submit(
            OnJournal(lambda journal: journal.acknowledge_alert(alert_id)),
            lambda ok: self._done(ActionResult("acknowledge", ok, {"id": alert_id})),
            self._failed("acknowledge"),
        )

    def reconnect(self, name: str) -> None:
        action = f"reconnect:{name}"
        if not self._start(action):
            return

        def back(status: DeviceStatus) -> None:
            self.busy.discard(action)
            self.refresh_devices()
            ok = status.state is DeviceState.OK
            self._done(ActionResult("reconnect", ok, {"device": name, "state": status.state.value}, status.reason))

        self._submit(Offload(lambda: self.kiosk.devices.reconnect(name)), back, self._failed(action))

    def self_test(self, name: str) -> None:
        device = self.kiosk.devices.get(name)
        action = f"self_test:{name}"
        if device is None or not device.has_self_test or not self._start(action):
            return

        def tested(outcome: str) -> None:
            self.busy.discard(action)
            self._done(ActionResult("self_test", True, {"device": name, "kind": device.kind, "detail": outcome}))

        def failed(exc: BaseException) -> None:
            self.busy.discard(action)
            error = exc.message if isinstance(exc, DeviceError) else f"{type(exc).__name__}: {exc}"
            log.warning("self test of %s failed: %s", name, error)
            self._done(ActionResult("self_test", False, {"device": name, "kind": device.kind}, error))

        self._submit(Offload(device.self_test), tested, failed)

    def export(self) -> None:
        """Logs plus the status report, as one archive on the first removable drive
        (or ``[diagnostics] export_dir``). The drive search, the catalog round trip
        and the writing all run on the I/O pool."""
        if not self._start("export"):
            return
        configured = self.settings.diagnostics.export_dir
        lines = self.ring.lines()

        def write() -> Path:
            targets = [self.settings.resolve(configured)] if configured else removable_drives()
            if not targets:
                raise DiagnosticsError("no USB stick found", hint="plug one in, wait a moment, and try again")
            report = report_of(self.kiosk)
            return export_archive(targets[0], lines, report, kiosk_name=self.settings.kiosk.name, now=self._clock())

        self._submit(
            Offload(write),
            lambda path: self._done(ActionResult("export", True, {"path": str(path)})),
            self._failed("export"),
        )
