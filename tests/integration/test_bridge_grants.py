"""The database user of the install guide (deploy/slims-grants.sql) is enough for
everything the bridge does, and no more than that is asked for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.fakes.bridge import Bridge
from tests.fakes.slims_library import PASSWORD, slims_library

GRANTS = Path(__file__).resolve().parents[2] / "deploy" / "slims-grants.sql"
DB_PASSWORD = "kata-sandi-uji"


@pytest.fixture
def lib(mariadb):
    lib = slims_library(mariadb)
    sql = GRANTS.read_text(encoding="utf-8").replace("slims.", f"{lib.database}.")
    sql = sql.replace("'kiosk_bridge'@'localhost'", f"'kb_{lib.database}'@'localhost'")
    sql = sql.replace("ganti-kata-sandi-ini", DB_PASSWORD)
    mariadb.execute_script(lib.database, sql)
    return lib


def test_the_guides_grants_are_enough_for_every_action(tmp_path, lib, monkeypatch):
    monkeypatch.setenv("KIOSK_BRIDGE_DB_PASSWORD", DB_PASSWORD)
    bridge = Bridge(tmp_path, lib, user=f"kb_{lib.database}", password_env="KIOSK_BRIDGE_DB_PASSWORD")
    try:
        catalog = bridge.catalog()
        assert catalog.patron("M005", PASSWORD).ok  # MD5 upgraded: UPDATE on member's password columns
        assert catalog.checkout("M002", "HOLD1").ok  # loan + the member's reservation removed
        lib.lend("B001", "M001", date(2026, 2, 20), date(2026, 2, 27))
        assert catalog.checkin("B001").ok and len(lib.fines("M001")) == 1
        lib.lend("B002", "M001", date(2026, 2, 20), date(2026, 2, 27))
        assert catalog.renew("M001", "B002").ok
        assert bridge.backend.hold("M001", "B003", "+", None).ok
    finally:
        bridge.close()


def test_the_bridge_user_cannot_touch_what_it_does_not_need(lib):
    import pymysql

    with lib.mariadb.connect(lib.database, user=f"kb_{lib.database}", password=DB_PASSWORD) as conn:
        with conn.cursor() as cursor, pytest.raises(pymysql.err.OperationalError, match="denied"):
            cursor.execute("UPDATE member SET expire_date = '2099-01-01'")
        with conn.cursor() as cursor, pytest.raises(pymysql.err.OperationalError, match="denied"):
            cursor.execute("SELECT passwd FROM user")
        with conn.cursor() as cursor, pytest.raises(pymysql.err.OperationalError, match="denied"):
            cursor.execute("DELETE FROM loan")
