"""Config files: valid ones load, broken ones name the file, key and what was expected."""

from pathlib import Path

import pytest

from kiosk import config
from kiosk.cli import main
from kiosk.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["demo.toml", "kiosk.example.toml"])
def test_shipped_configs_are_valid(name):
    settings = config.load(ROOT / "config" / name)
    assert settings.catalog.kind == "demo"
    assert {d.kind for d in settings.devices} <= {"rfid", "barcode"}


def test_defaults_fill_what_a_file_leaves_out(tmp_path):
    settings = config.load(write(tmp_path, '[catalog]\nkind = "demo"\n'))
    assert settings.kiosk.mode == "checkout"
    assert settings.kiosk.languages == ("id", "en")  # tuples: a frozen section cannot be changed in place
    assert settings.offline.enabled is True
    assert settings.devices == ()


def test_relative_paths_are_relative_to_the_config_file(tmp_path):
    settings = config.load(write(tmp_path, '[catalog]\nkind = "demo"\n[journal]\npath = "data/j.sqlite3"\n'))
    assert settings.resolve(settings.journal.path) == tmp_path / "data" / "j.sqlite3"


@pytest.mark.parametrize("text, expected", [
    ('[catalog]\nkind = "demo"\ncolour = "blue"\n', "[catalog] colour: unknown key"),
    ('[catalog]\nkind = "demo"\n[kiosk]\nidle_timeout_s = "soon"\n',
     '[kiosk] idle_timeout_s: expected an integer, got \'soon\''),
    ('[catalog]\nkind = "demo"\n[offline]\nenabled = 1\n', "[offline] enabled: expected true or false, got 1"),
    ('[catalog]\nkind = "demo"\n[kiosk]\nidle_timeout_s = true\n', "[kiosk] idle_timeout_s: expected an integer"),
    ('[catalog]\n', "[catalog] kind: missing required value"),
    ('[kiosk]\nmode = "checkout"\n', "[catalog]: missing required section"),
    ('[catalog]\nkind = "folio"\n', "[catalog] kind: expected one of 'demo', 'sip2', got 'folio'"),
    ('[catalog]\nkind = "sip2"\n', "[catalog] host: missing required value"),
    ('[catalog]\nkind = "sip2"\nhost = "ils"\nport = 70000\n', "[catalog] port: expected a TCP port"),
    ('[catalog]\nkind = "sip2"\nhost = "ils"\nencoding = "klingon"\n', "[catalog] encoding: expected a text"),
    ('[catalog]\nkind = "demo"\n[rfid]\nafi_on_loan = 300\n', "[rfid] afi_on_loan: expected a byte value"),
    ('[catalog]\nkind = "demo"\n[kiosk]\nmode = "lend"\n', "[kiosk] mode: expected one of 'checkout', 'return'"),
    ('[catalog]\nkind = "demo"\n[kiosk]\nlanguages = ["fr"]\n', "[kiosk] languages: expected a non-empty list"),
    ('[catalog]\nkind = "demo"\n[kiosk]\nlanguages = ["en"]\n', "[kiosk] default_language: expected one of the"),
    ('[catalog]\nkind = "demo"\n[printer]\nx = 1\n', "[printer]: unknown section"),
    ('[catalog]\nkind = "demo"\n[devices.pad]\ndriver = "simulated"\n', "[devices.pad] kind: missing required"),
    ('[catalog]\nkind = "demo"\n[kiosk\nmode = 1\n', "not valid TOML"),
])
def test_each_kind_of_mistake_is_named(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        config.load(path)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_bad_toml_names_its_line(tmp_path):
    path = write(tmp_path, '[catalog]\nkind = "demo"\n\n[kiosk]\nmode = checkout\n')
    with pytest.raises(ConfigError, match=r"line 5"):
        config.load(path)


def test_missing_and_non_utf8_files_are_clear_errors(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        config.load(tmp_path / "nope.toml")
    path = tmp_path / "latin.toml"
    path.write_bytes(b'[catalog]\nkind = "d\xe9mo"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        config.load(path)


def test_check_config_command(tmp_path, capsys):
    assert main(["check-config", str(ROOT / "config" / "demo.toml")]) == 0
    assert "OK" in capsys.readouterr().out
    bad = write(tmp_path, '[catalog]\nkind = "demo"\n[devices.pad]\nkind = "rfid"\ndriver = "acme-9000"\n')
    assert main(["check-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "[devices.pad]" in err and "acme-9000" in err and "simulated" in err


def test_diag_status_reports_devices_catalog_and_journal(demo_settings, capsys, tmp_path):
    import json

    from kiosk.commands.status import collect

    report = collect(demo_settings)
    assert [d["state"] for d in report["devices"]] == ["ok", "ok"]
    assert report["catalog"]["answers"] is True
    assert report["journal"]["counts"]["queued"] == 0
    json.dumps(report)  # what --json prints


def test_diag_status_on_a_damaged_journal_says_what_to_do(tmp_path, capsys):
    journal = tmp_path / "journal.sqlite3"
    journal.write_bytes(b"garbage" * 1000)
    path = write(tmp_path, f'[catalog]\nkind = "demo"\npath = "c.sqlite3"\n[journal]\npath = "{journal}"\n')
    assert main(["diag", "status", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "what to do" in err
