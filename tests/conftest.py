"""Shared fixtures: the demo configuration pointed at a temporary folder."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk import config
from kiosk.app import build
from kiosk.catalog.demo import DemoCatalog
from tests.fakes.mariadb import mariadb_session

# python-escpos caches its printer database as a pickle; one folder per test run, not the shared
# ~/.cache, so parallel runs never read a pickle another is writing (kiosk/receipts/paper.py).
_escpos_cache = tempfile.TemporaryDirectory(prefix="kiosk-escpos-")
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", _escpos_cache.name)


@pytest.fixture
def demo_settings(tmp_path):
    settings = config.load(config.demo_config_path())
    settings = config.override(settings, "journal", path=str(tmp_path / "journal.sqlite3"))
    settings = config.override(settings, "audio", enabled=False)  # tests never sound; test_help_and_cues.py listens
    # The demo asks patrons for the survey; tests that walk a visit end to end turn it on themselves.
    settings = config.override(settings, "survey", enabled=False)
    return config.override(settings, "catalog", path=str(tmp_path / "catalog.sqlite3"))


@pytest.fixture
def kiosk(demo_settings):
    k = build(demo_settings, threaded=False)
    yield k
    k.close()


@pytest.fixture
def catalog(tmp_path):
    c = DemoCatalog(tmp_path / "catalog.sqlite3")
    yield c
    c.close()


@pytest.fixture(scope="session")
def mariadb():
    """A throwaway MariaDB server for the ILS bridge tests (tests/fakes/mariadb.py)."""
    yield from mariadb_session()
