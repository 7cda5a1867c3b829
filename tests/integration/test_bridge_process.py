"""The bridge as a process: it stops cleanly on SIGTERM, and a bridge killed
between two writes leaves a state the next start finds, finishes and logs."""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
from datetime import date

import pytest

from kiosk.errors import CatalogUnavailable
from kiosk.sip2 import Sip2Config
from tests.fakes.bridge import LOGINS, Bridge, write_bridge_toml
from tests.fakes.slims_library import START, slims_library

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def lib(mariadb):
    return slims_library(mariadb)


class Child:
    """tests/integration/bridge_child.py in its own interpreter."""

    def __init__(self, toml, kill_step: str = "-") -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.bridge_child", str(toml), kill_step, START.isoformat()],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stderr.readline()
        match = re.search(r"SIP2 on 127\.0\.0\.1:(\d+)", line)
        assert match, f"the bridge did not start: {line}{self.process.stderr.read()}"
        self.port = int(match.group(1))

    def catalog(self):
        from kiosk.catalog.sip2 import Sip2Catalog

        config = Sip2Config("127.0.0.1", self.port, "kiosk1", LOGINS["kiosk1"], institution_id="PUSAT", timeout=10)
        return Sip2Catalog(config, heartbeat_s=0)

    def finish(self) -> tuple[int, str]:
        rest = self.process.stderr.read()
        self.process.stderr.close()
        return self.process.wait(30), rest


def test_sigterm_stops_the_bridge_cleanly(tmp_path, lib):
    child = Child(write_bridge_toml(tmp_path, lib))
    catalog = child.catalog()
    try:
        assert catalog.checkout("M001", "B001").ok
    finally:
        catalog.close()
    child.process.send_signal(signal.SIGTERM)
    status, log = child.finish()
    assert status == 0 and "SIGTERM: stopping" in log and "kiosk ils-bridge: stopped" in log
    assert "Traceback" not in log


def _crash(tmp_path, lib, step, action):
    child = Child(write_bridge_toml(tmp_path, lib), kill_step=step)
    catalog = child.catalog()
    try:
        with pytest.raises(CatalogUnavailable):
            action(catalog)
    finally:
        catalog.close()
    status, _log = child.finish()
    assert status == -signal.SIGKILL


def test_a_bridge_killed_between_the_fine_and_the_return_is_finished_at_the_next_start(tmp_path, lib, caplog):
    lib.lend("B001", "M001", date(2026, 2, 23), date(2026, 3, 1))  # 1 day late on 2 March
    _crash(tmp_path, lib, "checkin:after_fine", lambda catalog: catalog.checkin("B001"))
    assert lib.loans("B001")[0]["is_return"] == 0 and len(lib.fines("M001")) == 1  # cut between the two writes
    with caplog.at_level(logging.WARNING, logger="kiosk.ils.slims"):
        bridge = Bridge(tmp_path, lib)
    try:
        assert "recovered an interrupted checkin of item B001 for member M001" in caplog.text
        (loan,) = lib.loans("B001")
        assert (loan["is_return"], loan["return_date"]) == (1, date(2026, 3, 2))
        # The kiosk, never told, returns the item again: nothing more is written.
        assert bridge.catalog().checkin("B001").ok
        assert lib.fines("M001") == [(date(2026, 3, 2), 500, 0, "Denda terlambat untuk eksemplar B001")]
    finally:
        bridge.close()


def test_a_bridge_killed_after_the_loan_row_removes_the_reservation_at_the_next_start(tmp_path, lib, caplog):
    _crash(tmp_path, lib, "checkout:after_loan", lambda catalog: catalog.checkout("M002", "HOLD1"))
    assert len(lib.loans("HOLD1")) == 1 and lib.query("SELECT COUNT(*) FROM reserve") == [(1,)]
    with caplog.at_level(logging.WARNING, logger="kiosk.ils.slims"):
        bridge = Bridge(tmp_path, lib)
    try:
        assert "recovered an interrupted checkout of item HOLD1" in caplog.text and "finished" in caplog.text
        assert lib.query("SELECT COUNT(*) FROM reserve") == [(0,)]
        catalog = bridge.catalog()
        assert catalog.is_charged_to("HOLD1", "M002") is True  # the kiosk's sync verification finds it done
        assert len(lib.loans("HOLD1")) == 1
    finally:
        bridge.close()


def test_a_bridge_killed_before_its_first_write_leaves_nothing_to_undo(tmp_path, lib, caplog):
    _crash(tmp_path, lib, "checkout:checked", lambda catalog: catalog.checkout("M001", "B001"))
    with caplog.at_level(logging.WARNING, logger="kiosk.ils.slims"):
        Bridge(tmp_path, lib).close()
    assert lib.loans() == [] and "recovered" not in caplog.text
