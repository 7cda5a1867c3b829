"""The database user of the INLISLite install guide (deploy/inlislite-grants.sql) is
enough for everything the bridge does, and no more than that is asked for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pymysql
import pytest

from tests.fakes.bridge import Bridge
from tests.fakes.inlislite_library import PASSWORD, inlislite_library

GRANTS = Path(__file__).resolve().parents[2] / "deploy" / "inlislite-grants.sql"
DB_PASSWORD = "kata-sandi-uji"


@pytest.fixture
def lib(mariadb):
    lib = inlislite_library(mariadb)
    sql = GRANTS.read_text(encoding="utf-8").replace("inlislite.", f"{lib.database}.")
    sql = sql.replace("'kiosk_bridge'@'localhost'", f"'kb_{lib.database}'@'localhost'")
    sql = sql.replace("ganti-kata-sandi-ini", DB_PASSWORD)
    mariadb.execute_script(lib.database, sql)
    return lib


def test_the_guides_grants_are_enough_for_every_action(tmp_path, lib, monkeypatch):
    monkeypatch.setenv("KIOSK_BRIDGE_DB_PASSWORD", DB_PASSWORD)
    bridge = Bridge(tmp_path, lib, kind="inlislite", user=f"kb_{lib.database}", password_env="KIOSK_BRIDGE_DB_PASSWORD")
    try:
        catalog = bridge.catalog()
        assert catalog.patron("A001", PASSWORD).ok
        assert catalog.checkout("A002", "BOOK01").ok  # loan rows + the booking cleared
        lib.lend("INV001", "A001", date(2026, 2, 20), date(2026, 2, 27))
        assert catalog.checkin("INV001").ok and len(lib.violations("A001")) == 1
        lib.lend("INV002", "A001", date(2026, 2, 27), date(2026, 3, 6), loan_id="26022700001")
        assert catalog.renew("A001", "INV002").ok
        assert catalog.item("INV002").title == "Bumi Manusia"
    finally:
        bridge.close()


def test_the_bridge_user_cannot_touch_what_it_does_not_need(lib):
    with lib.mariadb.connect(lib.database, user=f"kb_{lib.database}", password=DB_PASSWORD) as conn:
        for statement in (
            "UPDATE members SET EndDate = '2099-01-01'",
            "SELECT password FROM users",
            "SELECT Address FROM members",
            "DELETE FROM collectionloanitems",
            "UPDATE pelanggaran SET Paid = 1",
        ):
            with conn.cursor() as cursor, pytest.raises(pymysql.err.OperationalError, match="denied"):
                cursor.execute(statement)
