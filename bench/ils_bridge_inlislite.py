"""The ILS bridge under load with the inlislite backend: the same 10 SIP2 clients
as `bench/ils_bridge.py` (each lending and returning its own item, checkout 11 and
checkin 09 in turn) through `kiosk ils-bridge` over INLISLite v3.2's tables on a
throwaway MariaDB. An INLISLite loan writes more rows than a SLiMS one (loan
header, loan item, collection status, booking log) and every checkout also takes
the day's transaction-counter lock, so checkouts of all kiosks pass one at a time
through that short section. Same targets: p95 <= 50 ms; no floor is measured.
"""

from __future__ import annotations

import os

from bench.ils_bridge import CLIENTS, TARGET_P95_MS, _clients, _percentile, serving, warnings
from tests.fakes.inlislite_library import InlisliteFixture, inlislite_library
from tests.fakes.mariadb import MariaDb


def _add_members(lib: InlisliteFixture) -> list[str]:
    members = [f"K{n:03d}" for n in range(CLIENTS)]
    for n, member in enumerate(members):
        lib.execute(
            "INSERT INTO members (ID, MemberNo, Fullname, EndDate, JenisAnggota_id, StatusAnggota_id)"
            " VALUES (%s, %s, %s, '2099-12-31', 1, 3)",
            500 + n,
            member,
            f"Anggota {member}",
        )
        lib.execute("INSERT INTO memberloanauthorizecategory (Member_id, CategoryLoan_id) VALUES (%s, 1)", 500 + n)
    return members


def run() -> dict:
    mariadb = MariaDb().start()
    try:
        lib = inlislite_library(mariadb)
        members = _add_members(lib)
        with serving(lib, "inlislite") as (port, bridge_log):
            latencies, elapsed, errors = _clients(port, members)
        p50, p95 = _percentile(latencies, 50) * 1000, _percentile(latencies, 95) * 1000
        return {
            "clients": CLIENTS,
            "transactions": len(latencies),
            "refused": errors,
            "tx_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "target_p95_ms": TARGET_P95_MS,
            "meets_targets": p95 <= TARGET_P95_MS and not errors,
            "cpus": os.cpu_count(),
            "bridge_warnings": warnings(bridge_log),
        }
    finally:
        mariadb.stop()
