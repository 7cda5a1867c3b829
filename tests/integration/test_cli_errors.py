"""Broken set-ups and mistyped commands, run as a technician runs them: each ends
with a message naming the file, the key and what to do, exit status 2, and no traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8")
RFID = 'kind = "rfid"\ndriver = "simulated"'
SCANNER = 'kind = "barcode"\ndriver = "simulated"'


def kiosk(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def site(tmp_path: Path, old: str = "", new: str = "") -> str:
    """The demo config with its files in tmp_path, one text replaced."""
    text = DEMO.replace("../var/", f"{tmp_path}/var/")
    if old:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def corrupt_journal(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "demo-journal.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)


def newer_journal(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    conn = sqlite3.connect(tmp_path / "var" / "demo-journal.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.close()


# (config change, preparation, words the message must hold)
BROKEN_SETUPS = {
    "unknown driver": ((RFID, 'kind = "rfid"\ndriver = "foo"'), None, ["kiosk.toml", "[devices.pad]", "'foo'", "fix"]),
    "driver misspelt": (
        (SCANNER, 'kind = "barcode"\ndrvier = "simulated"'),
        None,
        ["kiosk.toml", "[devices.scanner] drvier: unknown key", "did you mean 'driver'"],
    ),
    "3M reader with no port": (
        (RFID, 'kind = "rfid"\ndriver = "3m810"'),
        None,
        ["kiosk.toml", "[devices.pad] port: missing", "add 'port = ...'"],
    ),
    "corrupt journal": (None, corrupt_journal, ["kiosk.toml", "[journal] path", "damaged", "move"]),
    "journal of a newer schema": (None, newer_journal, ["[journal] path", "schema version 999", "newer kiosk"]),
    "journal under a file": (
        ('path = "TMP/var/demo-journal.sqlite3"', 'path = "TMP/kiosk.toml/journal.sqlite3"'),
        None,
        ["[journal] path", "not a folder this user can write", "write access"],
    ),
    "missing config file": (None, lambda tmp: (tmp / "kiosk.toml").unlink(), ["kiosk.toml", "cannot read"]),
}
COMMANDS = {
    "check-config": lambda cfg: ["check-config", cfg],
    "run": lambda cfg: ["run", "--config", cfg, "--startup-failure-s", "0"],
    "demo": lambda cfg: ["demo", "--config", cfg],
    "sync": lambda cfg: ["sync", "--config", cfg, "--once"],
    "diag status": lambda cfg: ["diag", "status", "--config", cfg],
    "diag checkin": lambda cfg: ["diag", "checkin", "--config", cfg, "39001000000011"],
    "diag conflicts": lambda cfg: ["diag", "conflicts", "--config", cfg],
    "diag rfid": lambda cfg: ["diag", "rfid", "--config", cfg],
    "screenshots": lambda cfg: ["screenshots", "--config", cfg, "--out", str(Path(cfg).parent / "shots")],
    "labels": lambda cfg: ["labels", "--config", cfg, "--out", str(Path(cfg).parent / "labels.pdf")],
}


def assert_clear(result: subprocess.CompletedProcess, words: list[str]) -> None:
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Traceback" not in out, out
    for word in words:
        assert word in out, (word, out)


# Every command loads its config through kiosk.config.load; the whole list runs on one broken
# file and one broken journal, and the commands that start a kiosk on every set-up.
EVERY_COMMAND = ("unknown driver", "corrupt journal")
STARTING = ("check-config", "run", "diag status")


@pytest.mark.parametrize("setup", BROKEN_SETUPS)
def test_every_command_on_a_broken_setup_says_what_to_do(tmp_path, setup):
    change, prepare, words = BROKEN_SETUPS[setup]
    cfg = site(tmp_path, *(c.replace("TMP", str(tmp_path)) for c in change)) if change else site(tmp_path)
    if prepare:
        prepare(tmp_path)
    for name in COMMANDS if setup in EVERY_COMMAND else STARTING:
        result = kiosk(*COMMANDS[name](cfg), cwd=tmp_path)
        assert_clear(result, words if name not in ("run", "demo") else words[:2])


def test_a_serial_port_that_does_not_exist(tmp_path):
    """check-config cannot know a USB port will be there; the command that opens it says so."""
    cfg = site(tmp_path, RFID, 'kind = "rfid"\ndriver = "3m810"\nport = "/dev/ttyNOSUCHPORT"')
    assert kiosk("check-config", cfg, cwd=tmp_path).returncode == 0
    result = kiosk("diag", "rfid", "--config", cfg, cwd=tmp_path)
    assert_clear(result, ["/dev/ttyNOSUCHPORT"])


# Issue 11's command-line cases, each exactly.
CASES = {
    "port too big": (["demo-ils", "--port", "70000"], ["--port", "70000", "0-65535"]),
    "negative port": (["demo-ils", "--port", "-1"], ["--port", "-1", "0-65535"]),
    "port not a number": (["demo-ils", "--port", "abc"], ["--port", "'abc'"]),
    "host that is no address": (["demo-ils", "--host", "256.1.1.1", "--port", "0"], ["256.1.1.1", "--host"]),
    "db that is a folder": (["demo-ils", "--db", "DIR", "--port", "0"], ["is a folder, not a file", "name a file"]),
    "check-config of a missing file": (["check-config", "missing.toml"], ["missing.toml", "cannot read"]),
    "run with a bad wait": (["run", "--config", "x.toml", "--startup-failure-s", "-5"], ["0-3600"]),
}


@pytest.mark.parametrize("case", CASES)
def test_command_line_mistakes(tmp_path, case):
    argv, words = CASES[case]
    result = kiosk(*(str(tmp_path) if a == "DIR" else a for a in argv), cwd=tmp_path)
    assert_clear(result, words)
    out = result.stdout + result.stderr
    if case == "host that is no address":
        assert "--port" not in out  # the port was never the problem
    if case == "db that is a folder":
        assert "delete" not in out  # never tell anyone to delete a folder
    if case == "check-config of a missing file":
        assert "--config" not in out  # check-config takes no --config


def test_screenshots_print_only_the_files(tmp_path):
    cfg = site(tmp_path)
    result = kiosk("screenshots", "--config", cfg, "--out", str(tmp_path / "shots"), "--size", "640x400", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "plugin" not in result.stdout + result.stderr  # Qt's plugin chatter goes to the log
    assert all(line.endswith(".png") for line in result.stdout.splitlines())
