"""Soak: this process is a kiosk doing checkout/checkin cycles for N minutes
against the demo ILS (in its own process, our SIP2 server with fault hooks)
while faults are injected into the ILS's answers and the RFID reader (an
emulated 3M 810 on a pty, in a process of its own too) is unplugged and
plugged back every few seconds.

    bench/run.py soak --minutes 3 [--replug-s 4] [--fault-every 3]

Each cycle: a tag is placed on the pad and the kiosk waits for the reader to
report it (through unplugs), signs the patron in, checks the item out, takes
the tag off, checks it in, ends the session. Faults (one-shot, on a random
request: dropped before or after applying, garbage, a bad checksum, a 96, two
answers in one write, an answer later than the timeout) go in every
``--fault-every`` cycles. At the end the syncer drains what went offline and
the ILS's own history is compared with the journal:

* lost: loans the journal holds as lent that never reached the ILS;
* doubled: loans the ILS made more than once (or renewed) for one cycle;
* every item must be back (not charged) once the queue is drained.

Reported: cycles, transactions, faults injected and survived, reader replugs,
RSS / open fds / threads (the I/O pool's counted apart) at start, middle and end, and
the RSS growth per hour. Targets: 0 lost, 0 doubled, no growth in fds or
threads, RSS growth < 10 MB/hour.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import random
import shutil
import tempfile
import threading
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from kiosk import config
from kiosk.catalog import demo_data as d
from kiosk.circulation import OnJournal
from kiosk.config import DeviceConfig
from kiosk.devices.base import TagsSeen
from kiosk.models import TxKind, TxState

ROOT = Path(__file__).resolve().parent.parent
USERNAME, PASSWORD = "kiosk", "demo"
PATRON = d.patron_card(1)
ITEMS = [d.item_barcode(n) for n in (1, 5, 6, 7, 8, 12, 13, 15)]  # on the shelf in the demo data
FAULTS = ("drop_before", "drop_after", "garbage", "bad_checksum", "request_resend", "merge", "delay")
FAULT_CODES = ("11", "09", "63", "17")
TIMEOUT_S = 1.0
READER = {"poll_interval_ms": 20, "reconnect_ms": 100, "timeout_ms": 200, "frame_gap_ms": 20}


# --------------------------------------------------- the ILS and the reader


def _serve_ils(folder: str, conn) -> None:
    """The demo ILS in a child process, steered over a pipe (so the kiosk's figures are its own)."""
    from kiosk.ils.demo import DemoLibrary
    from kiosk.sip2.server import FaultHooks, Sip2Server

    hooks = FaultHooks()
    server = Sip2Server(
        DemoLibrary(str(Path(folder) / "ils.sqlite3")), username=USERNAME, password=PASSWORD, faults=hooks
    ).start()
    conn.send(server.port)
    while True:
        what, *args = conn.recv()
        if what == "inject":
            kind, code, seconds = args
            hooks.inject(kind, code=code, seconds=seconds)
            conn.send(None)
        elif what == "pending":
            conn.send(len(hooks.pending))
        elif what == "history":
            conn.send([(t.kind, t.patron, t.item) for t in server.backend.transactions])
        elif what == "charged":
            conn.send([item for item in args[0] if server.backend.item_information(item).charged_to])
        else:
            server.stop()
            server.backend.close()
            conn.send(None)
            return


def _serve_pad(folder: str, conn) -> None:
    """The emulated 3M reader (test hardware on a pty) in a child process: the kiosk
    process holds only the kiosk, so its memory figures are the kiosk's own."""
    from tests.fakes.rfid_3m import Emulated3M
    from tests.fakes.rfid_emulator import EmulatedTag

    pad = Emulated3M(Path(folder), "pad").plug()
    conn.send(str(pad.path))
    while True:
        what, *args = conn.recv()
        if what == "place":
            with pad.lock:  # the emulator logs every request; the soak reads none
                pad.wire_log.clear()
                pad.history.clear()
            tag = EmulatedTag.item(args[0])
            pad.place(tag)
            conn.send(tag.uid)
        elif what == "remove":
            pad.remove(args[0])
            conn.send(None)
        elif what == "unplug":
            pad.unplug()
            conn.send(None)
        elif what == "plug":
            pad.plug()
            conn.send(None)
        else:
            pad.close()
            conn.send(None)
            return


class _Child:
    """A helper process steered over a pipe; any thread may ask."""

    def __init__(self, target, folder: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._lock = threading.Lock()
        self.process = context.Process(target=target, args=(str(folder), child), daemon=True)
        self.process.start()
        self.address = self._conn.recv()

    def ask(self, *request):
        with self._lock:
            self._conn.send(request)
            return self._conn.recv()

    def stop(self) -> None:
        self.ask("stop")
        self.process.join(timeout=10)


# ------------------------------------------------------------- the process


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _resources() -> dict:
    # The circulation worker's I/O pool starts its threads on demand, up to catalog.sessions, as
    # requests happen to overlap: they are counted apart, so "threads" grows only by a leak.
    pool = sum(t.name.startswith("kiosk-io") for t in threading.enumerate())
    return {
        "rss_kb": _rss_kb(),
        "fds": len(os.listdir("/proc/self/fd")),
        "threads": threading.active_count() - pool,
        "io_pool_threads": pool,
    }


def _steady_resources(kiosk, replugger: _Replugger) -> dict:
    """The figures with the reader's cable in and the kiosk connected to it again: while
    it is out the reader's thread and pty are gone and a reconnect timer runs, so figures
    taken then would differ by the replug, not by a leak."""
    from kiosk.devices.base import DeviceState

    with replugger.cable:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if all(s.state is DeviceState.OK for s in kiosk.devices.statuses()):
                break
            time.sleep(0.05)
        return _resources()


def _settings(folder: Path, port: int, pad_path: Path):
    text = (ROOT / "config" / "demo-sip2.toml").read_text(encoding="utf-8")
    for old, new in (
        ("port = 6001", f"port = {port}"),
        ('path = "../var/demo-sip2-journal.sqlite3"', f'path = "{folder / "journal.sqlite3"}"'),
        ("require_pin = true", "require_pin = false"),
        ("timeout_s = 3.0", f"timeout_s = {TIMEOUT_S}"),
        ("max_items_per_patron = 3", "max_items_per_patron = 100"),
        ("interval_s = 10.0", "interval_s = 2.0"),
        ("max_backoff_s = 60.0", "max_backoff_s = 4.0"),
    ):
        text = text.replace(old, new)
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    settings = config.load(path)
    pad = DeviceConfig("pad", "rfid", "3m810", options={"port": str(pad_path), **READER})
    return replace(settings, devices=(pad, DeviceConfig("scanner", "barcode", "simulated")))


class _Replugger(threading.Thread):
    """Pulls the reader's cable every ``every_s`` seconds and puts it back half a second later."""

    def __init__(self, pad: _Child, every_s: float) -> None:
        super().__init__(name="soak-replugger", daemon=True)
        self.pad, self.every_s = pad, every_s
        self.replugs = 0
        self.stop = threading.Event()
        self.cable = threading.Lock()  # held while the cable is out

    def run(self) -> None:
        while not self.stop.wait(self.every_s):
            with self.cable:
                self.pad.ask("unplug")
                self.stop.wait(0.5)
                self.pad.ask("plug")
            self.replugs += 1


def _cycle(kiosk, pad: _Child, seen: queue.Queue, item: str) -> list:
    uid = pad.ask("place", item)
    deadline = time.monotonic() + 30
    while True:  # the reader reports the tag, however often its cable is pulled meanwhile
        try:
            event = seen.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"the reader never reported {item}") from None
        if any(t.item_id == item for t in event.arrived):
            break
    circulation = kiosk.circulation
    sign_in = circulation.sign_in(PATRON)
    outcomes = []
    if sign_in.session is not None:
        outcomes.append(circulation.checkout(sign_in.session, item))
    pad.ask("remove", uid)
    outcomes.append(circulation.checkin(item))
    if sign_in.session is not None:
        circulation.end_session(sign_in.session)
    return outcomes


def _warm_up(kiosk, pad, seen: queue.Queue) -> int:
    """One cycle, and a stack of four on the pad at once: every catalog session and I/O
    thread the kiosk will ever use is open before the start figures are taken."""
    transactions = len(_cycle(kiosk, pad, seen, ITEMS[0]))
    circulation = kiosk.circulation
    session = circulation.sign_in(PATRON).session
    stack = ITEMS[1:5]
    if session is not None:
        transactions += len(circulation.checkout_stack(session, [(item, None) for item in stack]))
        circulation.end_session(session)
    for item in stack:
        transactions += len([circulation.checkin(item)])
    return transactions


def _account(kiosk, ils: _Child, cycles: int) -> dict:
    """Drain the queue, then hold the journal against the ILS's own history."""
    deadline = time.monotonic() + 120
    while True:
        report = kiosk.syncer.run_once()
        if not report.still_queued or time.monotonic() > deadline:
            break
        time.sleep(1.0)  # rows whose answer was lost wait out their settle time
    rows = kiosk.circulation.run(OnJournal(lambda journal: journal.in_state(*TxState)))
    loans = [tx for tx in rows if tx.kind is TxKind.CHECKOUT]
    history = ils.ask("history")
    ils_loans = [h for h in history if h[0] == "checkout" and h[1] == PATRON]
    renewals = [h for h in history if h[0] == "renew"]
    lent = [tx for tx in loans if tx.state is TxState.DONE and not tx.detail.startswith("not sent")]
    charged = ils.ask("charged", ITEMS)
    return {
        "still_queued": report.still_queued,
        "conflicts": sum(tx.state is TxState.CONFLICT for tx in rows),
        "lost": max(0, len(lent) - len(ils_loans)),
        "doubled": max(0, len(ils_loans) - cycles) + len(renewals),
        "still_charged": charged,
        # What the journal and the ILS say of an item left charged: the first thing to read when it is not empty.
        "charged_story": {
            item: {
                "journal": [f"{tx.kind.value} {tx.state.value} {tx.detail}" for tx in rows if tx.item_id == item][-6:],
                "ils": [h[0] for h in history if h[2] == item][-6:],
            }
            for item in charged
        },
    }


def run(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="bench/run.py soak", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to cycle (default 1)")
    parser.add_argument("--replug-s", type=float, default=4.0, help="seconds between reader unplugs (default 4)")
    parser.add_argument("--fault-every", type=int, default=3, help="inject a fault every N cycles (default 3)")
    parser.add_argument(
        "--trace-memory", action="store_true", help="also report the 5 places whose allocations grew most (tracemalloc)"
    )
    args = parser.parse_args(argv or [])

    from kiosk.app import build

    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-soak-"))
    ils = _Child(_serve_ils, folder)
    pad = _Child(_serve_pad, folder)
    kiosk = build(_settings(folder, ils.address, Path(pad.address)))
    pool_size = kiosk.catalog.sessions  # the most I/O threads the kiosk may start
    seen: queue.Queue[TagsSeen] = queue.Queue()
    replugger = _Replugger(pad, args.replug_s)
    rng = random.Random(13)
    cycles = transactions = faults = 0
    growth_sites: list[str] = []
    offline = 0
    try:
        kiosk.devices.open_all(lambda event: seen.put(event) if isinstance(event, TagsSeen) else None)
        kiosk.sync_worker.start()
        replugger.start()
        transactions += _warm_up(kiosk, pad, seen)
        cycles += 1
        start = _steady_resources(kiosk, replugger)
        began = time.monotonic()
        middle = None
        while time.monotonic() - began < 60 * args.minutes:
            if middle is None and time.monotonic() - began >= 30 * args.minutes:
                middle, middle_at = _steady_resources(kiosk, replugger), time.monotonic()
                if args.trace_memory:
                    tracemalloc.start(8)
                    traced = tracemalloc.take_snapshot()
            if cycles % args.fault_every == 0:
                kind = rng.choice(FAULTS)
                ils.ask("inject", kind, rng.choice(FAULT_CODES), 1.5 * TIMEOUT_S if kind == "delay" else 0.0)
                faults += 1
            outcomes = _cycle(kiosk, pad, seen, ITEMS[cycles % len(ITEMS)])
            transactions += len(outcomes)
            offline += sum(o.offline for o in outcomes)
            cycles += 1
        end, end_at = _steady_resources(kiosk, replugger), time.monotonic()  # the same threads as at the start
        if args.trace_memory and middle is not None:
            grown = tracemalloc.take_snapshot().compare_to(traced, "traceback")[:5]
            tracemalloc.stop()
            growth_sites = [f"{stat.size_diff / 1024:+.0f} KiB {stat.traceback.format()[-1].strip()}" for stat in grown]
        replugger.stop.set()
        replugger.join()
        pad.ask("plug")  # plugging a plugged reader changes nothing
        kiosk.sync_worker.stop()
        accounts = _account(kiosk, ils, cycles)
        unused = ils.ask("pending")
    finally:
        replugger.stop.set()
        kiosk.close()
        pad.stop()
        ils.stop()
        shutil.rmtree(folder, ignore_errors=True)
    # Growth per hour over the second half: the first fills caches (SQLite pages, the WAL index).
    middle = middle or start
    hours = (end_at - middle_at) / 3600 if middle is not start else 0
    growth_mb_h = (end["rss_kb"] - middle["rss_kb"]) / 1024 / hours if hours else 0.0
    return {
        "minutes": args.minutes,
        "cycles": cycles,
        "transactions": transactions,
        "answered_offline": offline,
        "faults_injected": faults,
        "faults_survived": faults - unused,
        "reader_replugs": replugger.replugs,
        **accounts,
        "start": start,
        "middle": middle,
        "end": end,
        "io_pool_size": pool_size,
        "rss_growth_mb_per_hour": round(growth_mb_h, 1),
        **({"grown_most": growth_sites} if args.trace_memory else {}),
        "targets_met": (
            accounts["lost"] == 0
            and accounts["doubled"] == 0
            and not accounts["still_charged"]
            and end["fds"] <= start["fds"]
            and end["threads"] <= start["threads"]
            and end["io_pool_threads"] <= pool_size
            and growth_mb_h < 10
        ),
    }
