"""`kiosk check-config bridge.toml`, `kiosk hash-pin` and `kiosk ils-bridge`'s
start-up errors, as a technician setting the bridge up meets them."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from kiosk.cli import main
from kiosk.pins import hash_pin, verify_pin

HASH = hash_pin("s3cr3t-pw", iterations=1_000)
GOOD = f"""
[sip2_server]
host = "127.0.0.1"
port = 6001
institution = "PUSAT"
logins = [{{ username = "kiosk1", password_hash = "{HASH}" }}, {{ username = "kiosk2", password_hash = "{HASH}" }}]

[backend]
kind = "slims"
host = "127.0.0.1"
port = 3306
user = "kiosk_bridge"
password_env = "KIOSK_BRIDGE_DB_PASSWORD"
database = "slims"
"""


def check(tmp_path, capsys, text: str) -> tuple[int, str]:
    path = tmp_path / "bridge.toml"
    path.write_text(text, encoding="utf-8")
    status = main(["check-config", str(path)])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_check_config_accepts_a_bridge_toml(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIOSK_BRIDGE_DB_PASSWORD", "x")
    status, text = check(tmp_path, capsys, GOOD)
    assert status == 0 and "ILS bridge: SIP2 on 127.0.0.1:6001 for 2 login(s), backend slims" in text
    assert "Asia/Jakarta" in text  # the default time zone


@pytest.mark.parametrize(
    "change, complaint",
    [
        (("", ""), "KIOSK_BRIDGE_DB_PASSWORD is not set"),
        (('kind = "slims"', 'kind = "koha"'), "[backend] kind: expected one of 'slims', 'inlislite', 'demo'"),
        ((HASH, "1234"), "password_hash: expected a hash made by `kiosk hash-pin`"),
        (('"kiosk2"', '"kiosk1"'), "username 'kiosk1' twice"),
        (
            ('database = "slims"', 'database = "slims"\ntimezone = "Asia/Bandung"'),
            "[backend] timezone: expected an IANA",
        ),
        (("port = 3306", 'port = "3306"'), "[backend] port: expected an integer"),
        (
            ('host = "127.0.0.1"\nport = 6001', 'host = "127.0.0.1"\nport = 6001\ntls_cert = "cert.pem"'),
            "both or neither",
        ),
        (("[backend]", "[backends]"), "[backends]: unknown section in a bridge file"),
        (
            ('database = "slims"', 'database = "slims"\nlate_violation_type = -1'),
            "[backend] late_violation_type: expected an ID >= 0",
        ),
    ],
)
def test_check_config_names_the_key_that_is_wrong(tmp_path, capsys, monkeypatch, change, complaint):
    if change != ("", ""):
        monkeypatch.setenv("KIOSK_BRIDGE_DB_PASSWORD", "x")
    else:
        monkeypatch.delenv("KIOSK_BRIDGE_DB_PASSWORD", raising=False)
    status, text = check(tmp_path, capsys, GOOD.replace(*change, 1) if change[0] else GOOD)
    assert status == 2 and complaint in text and "Traceback" not in text


def test_check_config_accepts_the_inlislite_backend(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIOSK_BRIDGE_DB_PASSWORD", "x")
    text = GOOD.replace('kind = "slims"', 'kind = "inlislite"').replace('database = "slims"', 'database = "inlislite"')
    status, out = check(tmp_path, capsys, text + "late_violation_type = 1\n")
    assert status == 0 and "backend inlislite" in out


def test_a_kiosk_config_is_still_checked_as_a_kiosk_config(capsys):
    assert main(["check-config", "config/demo.toml"]) == 0
    assert "catalog demo" in capsys.readouterr().out


def test_hash_pin_reads_a_password_from_a_pipe():
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "hash-pin"], input="secret\n", capture_output=True, text=True
    )
    assert done.returncode == 0 and "EOFError" not in done.stderr
    assert verify_pin("secret", done.stdout.strip())


def test_hash_pin_on_an_empty_pipe_says_what_is_wrong():
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "hash-pin"], input="", capture_output=True, text=True)
    assert done.returncode == 2 and "at least 4 characters" in done.stderr and "Traceback" not in done.stderr


def test_hash_pin_on_a_terminal_asks_twice(monkeypatch, capsys):
    answers = iter(["pass phrase 1", "pass phrase 1", "abcd", "abce"])
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["hash-pin"]) == 0
    assert verify_pin("pass phrase 1", capsys.readouterr().out.strip())
    assert main(["hash-pin"]) == 2
    assert "the two entries differ" in capsys.readouterr().err


def test_ils_bridge_with_a_broken_config_exits_2_with_the_reason(tmp_path, capsys):
    path = tmp_path / "bridge.toml"
    path.write_text("[sip2_server]\nlogins = []\n[backend]\nkind = 'demo'\n", encoding="utf-8")
    assert main(["ils-bridge", "--config", str(path)]) == 2
    assert "[sip2_server] logins: no login" in capsys.readouterr().err


def test_the_example_bridge_toml_is_valid(capsys, monkeypatch):
    monkeypatch.setenv("KIOSK_BRIDGE_DB_PASSWORD", "x")
    assert main(["check-config", "config/bridge.example.toml"]) == 0
    assert "backend slims" in capsys.readouterr().out
