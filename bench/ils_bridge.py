"""The ILS bridge under load: 10 SIP2 clients (kiosks) each lending and
returning its own items through `kiosk ils-bridge` (slims backend) on a real
MariaDB, against a floor of the same SQL sent straight from one PyMySQL loop.

MariaDB is a throwaway `mariadbd` (tests/fakes/mariadb.py) holding SLiMS's
tables and the test library; the bridge runs in its own interpreter as
`kiosk ils-bridge --config bridge.toml`. Each client is the kiosk's own
SIP2 client (error detection on), logged in once, then doing checkout (11)
and checkin (09) in turn; latency is per SIP2 request, throughput is
requests per second over the whole run.

The floor is the exact list of statements the slims backend sends for one
checkout and one checkin (recorded from the backend itself in this run:
named locks, reads, intent rows, loan insert/update, reserve delete),
replayed back to back on one PyMySQL connection: what the database allows
one writer without SIP2, sockets between processes or Python threads.
Targets: p95 <= 50 ms, throughput >= 0.5 of the floor.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pymysql

from kiosk.ils.base import CheckoutRequest
from kiosk.pins import hash_pin
from kiosk.sip2 import Sip2Client, Sip2Config
from tests.fakes.mariadb import MariaDb
from tests.fakes.slims_library import SlimsFixture, slims_library

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 10
CYCLES = 30  # checkout + checkin per client
PASSWORD = "bench-pw-1"
TARGET_P95_MS = 50.0
TARGET_SHARE = 0.5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _add_members(lib: SlimsFixture) -> list[str]:
    members = [f"K{n:03d}" for n in range(CLIENTS)]
    for member in members:
        lib.execute(
            "INSERT INTO member (member_id, member_name, gender, member_type_id, expire_date, is_pending)"
            " VALUES (%s, %s, 0, 1, '2099-12-31', 0)",
            member,
            f"Anggota {member}",
        )
    return members


def _record_statements(lib: SlimsFixture) -> list[tuple[str, tuple]]:
    """The SQL of one checkout + one checkin, as the slims backend sends it."""
    sent: list[tuple[str, tuple]] = []
    original = pymysql.cursors.Cursor.execute

    def recording(cursor, query, args=None):
        sent.append((query, args))
        return original(cursor, query, args)

    backend = lib.backend()
    pymysql.cursors.Cursor.execute = recording
    try:
        backend.checkout(CheckoutRequest(card="M002", item_id="S039"))
        backend.checkin("S039")
    finally:
        pymysql.cursors.Cursor.execute = original
        backend.close()
    return sent


def _floor(mariadb: MariaDb, database: str, statements, cycles: int) -> dict:
    conn = mariadb.connect(database)
    try:
        with conn.cursor() as cursor:
            for query, args in statements:  # warm-up
                cursor.execute(query, args)
                cursor.fetchall()
            started = time.perf_counter()
            for _ in range(cycles):
                for query, args in statements:
                    cursor.execute(query, args)
                    cursor.fetchall()
            elapsed = time.perf_counter() - started
            # The replayed intent rows' DELETEs name the recorded row: clear what the replay left.
            cursor.execute("DELETE FROM kiosk_bridge_intent")
            cursor.execute("UPDATE loan SET is_return = 1 WHERE is_return = 0")
    finally:
        conn.close()
    transactions = 2 * cycles
    return {"tx_per_s": transactions / elapsed, "statements_per_tx": len(statements) / 2}


def _write_config(folder: Path, lib, port: int, kind: str = "slims") -> Path:
    logins = ", ".join(
        f'{{ username = "k{n}", password_hash = "{hash_pin(PASSWORD, iterations=1_000)}" }}' for n in range(CLIENTS)
    )
    text = (
        f'[sip2_server]\nhost = "127.0.0.1"\nport = {port}\ninstitution = "PUSAT"\nlogins = [{logins}]\n\n'
        f'[backend]\nkind = "{kind}"\nsocket = "{lib.mariadb.socket}"\nuser = "root"\ndatabase = "{lib.database}"\n'
        f"pool_size = {CLIENTS + 2}\n"
    )
    path = folder / "bridge.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _clients(port: int, members: list[str]) -> tuple[list[float], float, int]:
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors = [0]
    ready = threading.Barrier(CLIENTS + 1)

    def kiosk(n: int) -> None:
        config = Sip2Config("127.0.0.1", port, f"k{n}", PASSWORD, institution_id="PUSAT", timeout=30)
        client = Sip2Client(config)
        client.connect()
        try:
            ready.wait()
            item, member = f"S{n:03d}", members[n]
            for _ in range(CYCLES):
                for call in (lambda: client.checkout(member, item), lambda: client.checkin(item)):
                    started = time.perf_counter()
                    reply = call()
                    latencies[n].append(time.perf_counter() - started)
                    if reply.fixed.get("ok") != "1":
                        errors[0] += 1
        finally:
            client.close()

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    ready.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return [x for xs in latencies for x in xs], elapsed, errors[0]


def _percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def run() -> dict:
    mariadb = MariaDb().start()
    try:
        lib = slims_library(mariadb)
        members = _add_members(lib)
        statements = _record_statements(lib)
        floor_before = _floor(mariadb, lib.database, statements, CYCLES * CLIENTS // 2)
        with serving(lib) as (port, bridge_log):
            latencies, elapsed, errors = _clients(port, members)
        floor_after = _floor(mariadb, lib.database, statements, CYCLES * CLIENTS // 2)
        floor = (floor_before["tx_per_s"] + floor_after["tx_per_s"]) / 2
        throughput = len(latencies) / elapsed
        p50, p95 = _percentile(latencies, 50) * 1000, _percentile(latencies, 95) * 1000
        return {
            "clients": CLIENTS,
            "transactions": len(latencies),
            "refused": errors,
            "tx_per_s": round(throughput, 1),
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "floor_tx_per_s": round(floor, 1),
            "floor_statements_per_tx": floor_before["statements_per_tx"],
            "share_of_floor": round(throughput / floor, 2),
            "target_p95_ms": TARGET_P95_MS,
            "target_share": TARGET_SHARE,
            "meets_targets": p95 <= TARGET_P95_MS and throughput / floor >= TARGET_SHARE and not errors,
            "cpus": os.cpu_count(),
            "bridge_warnings": warnings(bridge_log),
        }
    finally:
        mariadb.stop()


def warnings(bridge_log: list[str]) -> list[str]:
    """Anything the bridge warned about besides its own clean stop (there should be nothing)."""
    lines = "".join(bridge_log).splitlines()
    return [line for line in lines if "WARNING" in line and "SIGTERM: stopping" not in line][:3]


@contextmanager
def serving(lib, kind: str = "slims") -> Iterator[tuple[int, list[str]]]:
    """`kiosk ils-bridge` in its own interpreter over `lib`'s database: yields its port and a list
    that holds its log once it has stopped."""
    bridge, bridge_log = None, []
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        log_path = Path(folder) / "bridge.log"
        toml = _write_config(Path(folder), lib, port, kind)
        try:
            with open(log_path, "w") as log:
                bridge = subprocess.Popen(
                    [sys.executable, "-m", "kiosk.cli", "ils-bridge", "--config", str(toml)], stderr=log, env=env
                )
            while "SIP2 on" not in log_path.read_text():
                if bridge.poll() is not None:
                    raise RuntimeError(f"the bridge did not start: {log_path.read_text()}")
                time.sleep(0.05)
            yield port, bridge_log
            bridge.terminate()
            bridge.wait(30)
            bridge = None
        finally:
            if bridge is not None:
                bridge.kill()
                bridge.wait()
            bridge_log.append(log_path.read_text())
