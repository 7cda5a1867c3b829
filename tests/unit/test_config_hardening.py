"""Config files that used to pass check-config and then crash (or crash check-config itself):
each is now a ConfigError naming the file, the key and what to do."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kiosk import config
from kiosk.app import build
from kiosk.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        text = text.replace("../var/", f"{tmp_path}/var/").encode()
    path = tmp_path / "kiosk.toml"
    path.write_bytes(text)
    return path


def refused(tmp_path: Path, old: str, new: str) -> str:
    assert old in DEMO, old
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, DEMO.replace(old, new, 1)))
    message = str(caught.value)
    assert str(tmp_path / "kiosk.toml") in message and "what to do:" in message
    return message


CATALOG = 'location = "PUSAT"'
RFID = 'kind = "rfid"\ndriver = "simulated"'
THREE_M = 'kind = "rfid"\ndriver = "3m810"\nport = "x"'
SYNC = "[barcodes]"  # a [sync] table is inserted before it

MISTAKES = [
    # (what the demo file says, what it says instead, what the message must name)
    (CATALOG, f"{CATALOG}\ntimeout_s = inf", "[catalog] timeout_s"),
    (CATALOG, f"{CATALOG}\ntimeout_s = nan", "[catalog] timeout_s"),
    (CATALOG, f"{CATALOG}\ntimeout_s = -1", "[catalog] timeout_s"),
    (CATALOG, f"{CATALOG}\ntimeout_s = 0", "[catalog] timeout_s"),
    (CATALOG, f"{CATALOG}\nheartbeat_s = 1e309", "[catalog] heartbeat_s"),
    (CATALOG, f"{CATALOG}\nretries = 99999999999999999", "[catalog] retries"),
    (CATALOG, f'{CATALOG}\nencoding = "utf\\u00008"', "[catalog] encoding"),
    (SYNC, f"[sync]\ninterval_s = 1e309\n\n{SYNC}", "[sync] interval_s"),
    (SYNC, f"[sync]\nmax_backoff_s = -inf\n\n{SYNC}", "[sync] max_backoff_s"),
    ("max_items_per_patron = 3", "max_items_per_patron = 0", "[offline] max_items_per_patron"),
    ("idle_timeout_s = 60", "idle_timeout_s = 100000000", "[kiosk] idle_timeout_s"),
    ("idle_warning_s = 15", "idle_warning_s = 60", "[kiosk] idle_warning_s"),
    ("retention_days = 7", "retention_days = -1", "[journal] retention_days"),
    ('path = "../var/demo-journal.sqlite3"', 'path = "../var/demo\\u0000journal.sqlite3"', "[journal] path"),
    ('hash_salt = "demo-only-salt"', 'hash_salt = "change-me-per-site"', "[journal] hash_salt"),
    ('check = "luhn" },\n  { name = "item', 'check = ["luhn"] },\n  { name = "item', "[barcodes] rules"),
    ('kind = "patron", symbologies', 'kind = ["patron"], symbologies', "[barcodes] rules"),
    ('prefix = "2", length = 14', 'prefix = "2", lenght = 14', "'lenght'"),
    ('kind = "barcode"\ndriver = "simulated"', 'kind = "barcode"\ndrvier = "simulated"', "[devices.scanner] drvier"),
    ('kind = "rfid"\ndriver = "simulated"', 'kind = "rfid"\ndriver = "3m810"', "[devices.pad] port"),
    ('kind = "rfid"\ndriver = "simulated"', 'kind = "rfid"\ndriver = "nope"', "[devices.pad]"),
    (RFID, f"{THREE_M}\nbaudrate = 9{'9' * 30}", "baudrate"),
    (RFID, f"{THREE_M}\nreconnect_ms = 10000000000", "reconnect_ms"),
]


@pytest.mark.parametrize("old, new, named", MISTAKES, ids=[m[1].splitlines()[-1][:40] for m in MISTAKES])
def test_each_mistake_is_named(tmp_path, old, new, named):
    assert named in refused(tmp_path, old, new)


def test_a_pin_hash_that_is_the_pin_itself_is_refused(tmp_path):
    stored = DEMO.split('pin_hash = "')[1].split('"')[0]
    assert "hash-pin" in refused(tmp_path, stored, "2468")


def test_a_path_with_a_name_too_long_for_the_file_system(tmp_path):
    message = refused(tmp_path, 'path = "../var/demo-catalog.sqlite3"', f'path = "{tmp_path}/{"x" * 300}/c.sqlite3"')
    assert "[catalog] path" in message and "longer than" in message


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    text = DEMO.replace("../var/", f"{tmp_path}/var/")
    settings = config.load(write(tmp_path, b"\xef\xbb\xbf" + text.encode()))
    assert settings.kiosk.name == "Kiosk Demo 1"


def test_deep_nesting_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="nested too deeply"):
        config.load(write(tmp_path, "x = " + "[" * 500))


def test_a_journal_folder_that_cannot_be_written(tmp_path):
    """A file where the folder should be fails for root too; a folder without write
    permission is checked as the kiosk's (unprivileged) user would find it."""
    (tmp_path / "blocker").write_text("")
    message = refused(tmp_path, 'path = "../var/demo-journal.sqlite3"', f'path = "{tmp_path}/blocker/j.sqlite3"')
    assert "[journal] path" in message and "write" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a 0500 folder anyway")
def test_a_read_only_journal_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    message = refused(tmp_path, 'path = "../var/demo-journal.sqlite3"', f'path = "{folder}/j.sqlite3"')
    assert "[journal] path" in message


@pytest.mark.parametrize("damage", ["corrupt", "newer"])
def test_check_config_refuses_a_journal_start_up_would_refuse(tmp_path, damage):
    journal = tmp_path / "var" / "demo-journal.sqlite3"
    journal.parent.mkdir()
    if damage == "corrupt":
        journal.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    else:
        conn = sqlite3.connect(journal)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    with pytest.raises(ConfigError, match=r"\[journal\] path") as caught:
        config.load(write(tmp_path, DEMO))
    assert ("damaged" if damage == "corrupt" else "newer") in str(caught.value)


def test_a_demo_catalog_that_is_a_folder(tmp_path):
    (tmp_path / "cat").mkdir()
    message = refused(tmp_path, 'path = "../var/demo-catalog.sqlite3"', f'path = "{tmp_path}/cat"')
    assert "[catalog] path" in message and "folder" in message


def test_a_damaged_demo_catalog_is_named_by_check_config(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "demo-catalog.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError, match=r"\[catalog\] path: the demo catalog .* is damaged"):
        config.load(write(tmp_path, DEMO))


def test_the_old_offline_pin_word_still_means_trust(tmp_path):
    settings = config.load(write(tmp_path, DEMO.replace('pin = "trust"', 'pin = "accept"')))
    from kiosk.pins import PinPolicy

    assert PinPolicy.from_settings(settings).trusts_offline


def test_what_check_config_accepts_starts(tmp_path):
    settings = config.load(write(tmp_path, DEMO))
    kiosk = build(settings, threaded=False)
    kiosk.close()
