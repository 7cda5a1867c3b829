"""SIGKILL a kiosk mid-lending, many times, at random points: after a
restart and a sync the ILS and the journal agree — nothing lost, nothing
doubled.

Each run starts a child process (``crash_child``) that lends six items
through the real code path (one by one, as a parallel stack, or by syncing
a queue it built offline) against the fake ACS, and kills it either from
the server at an exact protocol point (a request just received, received
and dropped, or answered) or at the n-th journal write (before or after
it). Then the kiosk starts again in this process, as it would after a power
cut, and syncs. The fake ILS takes a second checkout of a loan as a
renewal, as Koha does, so a blind resend would show in its log.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk import config
from kiosk.app import build
from kiosk.models import TxKind, TxState
from tests.fakes.sip2_kiosk import PASSWORD, USERNAME, library, write_config
from tests.fakes.sip2_server import FakeSip2Server

ROOT = Path(__file__).resolve().parents[2]
RUNS = 24
ITEMS = [f"S{n}" for n in range(6)]
HANDSHAKES = (b"93", b"99")


def _child(path: Path, mode: str, kill_at: int = -1, when: str = "after") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_child", str(path), mode, str(kill_at), when, *ITEMS],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _kill_on_request(server: FakeSip2Server, child: list, k: int, phase: str):
    """Kill the child when the server sees its k-th transaction-level request."""
    seen, lock = [0], threading.Lock()  # a stack arrives on several connections at once

    def hook(request, at):
        if request.code.encode() in HANDSHAKES or at != ("answered" if phase == "answered" else "received"):
            return
        with lock:
            seen[0] += 1
            mine = seen[0]
        if mine == k:
            if phase == "dropped":
                server.inject("drop_before", code=request.code)
            os.kill(child[0].pid, signal.SIGKILL)

    return hook


@pytest.mark.parametrize("run", range(RUNS))
def test_sigkill_at_random_points_loses_and_doubles_nothing(tmp_path, run):
    rng = random.Random(run)
    ils = library()
    server = FakeSip2Server(ils, username=USERNAME, password=PASSWORD).start()
    path = write_config(tmp_path, server.port, timeout_s=2.0)
    mode = rng.choice(["lend", "stack", "sync"])
    if mode == "sync":  # first a queue built offline, then the sync is what gets killed
        server.stop()
        assert _child(path, "lend").wait(30) == 0
        server.start()
    child: list[subprocess.Popen] = []
    if rng.random() < 0.5:
        # lend/stack: a 63 then six 11s; sync: a 17 then an 11 per row
        requests = 12 if mode == "sync" else 1 + len(ITEMS)
        scenario = dict(k=rng.randint(1, requests), phase=rng.choice(["received", "dropped", "answered"]))
        server.on_request = _kill_on_request(server, child, **scenario)
        child.append(_child(path, mode))
    else:  # two journal writes per item, lending or syncing
        scenario = dict(kill_at=rng.randint(1, 2 * len(ITEMS)), when=rng.choice(["before", "after"]))
        child.append(_child(path, mode, **scenario))
    assert child[0].wait(30) == -signal.SIGKILL, f"run {run}: the kiosk was not killed"
    server.on_request = None
    server.restart()  # whatever the dead kiosk had in flight has landed or is gone

    kiosk = build(config.load(path))  # the kiosk starts again: unfinished rows are queued for verification
    try:
        kiosk.syncer.settle_s = 0  # the server restarted: nothing of the dead kiosk is in flight any more
        for _ in range(3):
            if not kiosk.syncer.run_once().still_queued:
                break
        rows = kiosk.journal.in_state(*TxState)
    finally:
        kiosk.close()
        server.stop()

    where = f"run {run}: {mode} {scenario}"
    assert {tx.state for tx in rows} <= {TxState.DONE}, where  # nothing left half-done
    assert all(tx.kind is TxKind.CHECKOUT for tx in rows), where
    begun = [tx.item_id for tx in rows]
    assert len(begun) == len(set(begun)), where  # one row per item
    assert ils.loans() == dict.fromkeys(begun, "P1"), where  # nothing lost, nothing extra
    kinds = [t.kind for t in ils.transactions]
    assert kinds == ["checkout"] * len(begun), where  # nothing doubled, no renewal
