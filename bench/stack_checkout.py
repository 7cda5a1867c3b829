"""A stack of 10 items on the pad, an ILS that takes 200 ms per SIP2
message: seconds until every item is confirmed, checked out in parallel
(``CirculationService.checkout_stack`` over the adapter's session pool) and
one at a time, in the same run, through the kiosk's real code path
(``kiosk.app.build`` -> circulation -> journal -> SIP2).

The ILS is the fake ACS of the test suite with its latency knob. The pool is
warm, as at a kiosk in service (sessions are kept alive by the heartbeat);
``parallel_cold_s`` is the first stack after a start, when the pool still
has to log its sessions in (93 + 99, 200 ms each). Target: parallel >= 3x
faster than one at a time.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk import config
from kiosk.app import build
from tests.fakes.sip2_ils import FakeIls
from tests.fakes.sip2_kiosk import PASSWORD, USERNAME, write_config
from tests.fakes.sip2_server import FakeSip2Server

LATENCY_S = 0.200
STACK = 10
TARGET = 3.0


def _stack(kiosk, card: str, items: list[str], parallel: bool) -> tuple[float, list]:
    circulation = kiosk.circulation
    session = circulation.sign_in(card).session
    started = time.perf_counter()
    if parallel:
        outcomes = circulation.checkout_stack(session, [(item, None) for item in items])
    else:
        outcomes = [circulation.checkout(session, item) for item in items]
    seconds = time.perf_counter() - started
    assert all(o.ok and not o.offline for o in outcomes), outcomes
    return seconds, [(o.title, o.due) for o in outcomes]


def run() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-stack-"))
    ils = FakeIls("MAIN")
    for card in ("ONE", "PAR", "COLD"):
        ils.add_patron(card)
    for n in range(3 * STACK):
        ils.add_item(f"B{n:02d}", title="Stack book")
    items = {
        card: [f"B{n:02d}" for n in range(i * STACK, (i + 1) * STACK)] for i, card in enumerate(("ONE", "PAR", "COLD"))
    }
    try:
        with FakeSip2Server(ils, username=USERNAME, password=PASSWORD, latency=LATENCY_S) as server:
            settings = config.load(write_config(folder, server.port, timeout_s=5.0))
            kiosk = build(settings)
            try:
                cold_s, _ = _stack(kiosk, "COLD", items["COLD"], parallel=True)
                with ThreadPoolExecutor(settings.catalog.pool_size) as pool:  # every session logged in
                    list(pool.map(lambda _: kiosk.catalog.ping(), range(settings.catalog.pool_size)))
                one_s, one = _stack(kiosk, "ONE", items["ONE"], parallel=False)
                parallel_s, parallel = _stack(kiosk, "PAR", items["PAR"], parallel=True)
            finally:
                kiosk.close()
        assert parallel == one  # the same answers, item for item
        assert len(ils.loans()) == 3 * STACK
        return {
            "benchmark": "stack_checkout",
            "items": STACK,
            "server_latency_s_per_message": LATENCY_S,
            "sip2_sessions": settings.catalog.pool_size,
            "one_at_a_time_s": round(one_s, 3),
            "parallel_s": round(parallel_s, 3),
            "speedup": round(one_s / parallel_s, 2),
            "parallel_cold_s": round(cold_s, 3),
            "speedup_cold": round(one_s / cold_s, 2),
            "target_speedup": TARGET,
            "target_met": one_s / parallel_s >= TARGET,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
