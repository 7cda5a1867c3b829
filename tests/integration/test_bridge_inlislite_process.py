"""`kiosk ils-bridge` with the INLISLite backend in its own process, SIGKILLed
between two of its writes: the next start finds the cut operation and finishes it."""

from __future__ import annotations

import logging
import signal
from datetime import date

import pytest

from kiosk.errors import CatalogUnavailable
from tests.fakes.bridge import Bridge, write_bridge_toml
from tests.fakes.inlislite_library import inlislite_library
from tests.integration.test_bridge_process import Child


@pytest.fixture
def lib(mariadb):
    return inlislite_library(mariadb)


def test_a_bridge_killed_between_the_violation_and_the_return_is_finished_at_the_next_start(tmp_path, lib, caplog):
    lib.lend("INV001", "A001", date(2026, 2, 23), date(2026, 2, 27))  # Friday: 1 open day late on Monday 2 March
    child = Child(write_bridge_toml(tmp_path, lib, kind="inlislite"), kill_step="checkin:after_fine")
    catalog = child.catalog()
    try:
        with pytest.raises(CatalogUnavailable):
            catalog.checkin("INV001")
    finally:
        catalog.close()
    assert child.finish()[0] == -signal.SIGKILL
    assert lib.loan_items("INV001")[0]["LoanStatus"] == "Loan" and len(lib.violations("A001")) == 1  # cut
    with caplog.at_level(logging.WARNING):
        bridge = Bridge(tmp_path, lib, kind="inlislite")
    try:
        assert "recovered an interrupted checkin of item INV001 for member A001" in caplog.text
        assert lib.loan_items("INV001")[0]["LoanStatus"] == "Return" and lib.status("INV001") == 1
        # The kiosk, never told, returns the item again: nothing more is written.
        assert bridge.catalog().checkin("INV001").ok
        assert [v["JumlahDenda"] for v in lib.violations("A001")] == [1000]
    finally:
        bridge.close()


def test_a_bridge_killed_after_the_loan_header_leaves_no_half_loan(tmp_path, lib, caplog):
    child = Child(write_bridge_toml(tmp_path, lib, kind="inlislite"), kill_step="checkout:after_loan")
    catalog = child.catalog()
    try:
        with pytest.raises(CatalogUnavailable):
            catalog.checkout("A001", "INV001")
    finally:
        catalog.close()
    assert child.finish()[0] == -signal.SIGKILL
    assert len(lib.loans()) == 1 and lib.loan_items() == []  # a collectionloans row without its item
    with caplog.at_level(logging.WARNING):
        bridge = Bridge(tmp_path, lib, kind="inlislite")
    try:
        assert lib.loans() == [] and lib.status("INV001") == 1 and "removed it" in caplog.text
        assert bridge.catalog().checkout("A001", "INV001").ok  # the kiosk asks again: one loan
        assert len(lib.loans()) == 1 and len(lib.loan_items()) == 1
    finally:
        bridge.close()
