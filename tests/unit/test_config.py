"""Config files: valid ones load, broken ones name the file, key and what was expected."""

import re
from dataclasses import fields
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
def test_shipped_configs_are_valid(name, tmp_path):
    # The example's /var/lib/kiosk is the kiosk user's; check-config checks it is writable, so here a
    # folder the test's user can write stands in for it.
    text = (ROOT / "config" / name).read_text(encoding="utf-8").replace("/var/lib/kiosk", str(tmp_path))
    settings = config.load(write(tmp_path, text) if name != "demo.toml" else ROOT / "config" / name)
    assert settings.catalog.kind == "demo"
    assert {d.kind for d in settings.devices} <= {"rfid", "barcode", "printer"}


def test_defaults_fill_what_a_file_leaves_out(tmp_path):
    settings = config.load(write(tmp_path, '[catalog]\nkind = "demo"\n'))
    assert settings.kiosk.mode == "checkout"
    assert settings.kiosk.languages == ("id", "en")  # tuples: a frozen section cannot be changed in place
    assert settings.offline.enabled is True
    assert settings.devices == ()


def test_relative_paths_are_relative_to_the_config_file(tmp_path):
    settings = config.load(write(tmp_path, '[catalog]\nkind = "demo"\n[journal]\npath = "data/j.sqlite3"\n'))
    assert settings.resolve(settings.journal.path) == tmp_path / "data" / "j.sqlite3"


@pytest.mark.parametrize(
    "text, expected",
    [
        ('[catalog]\nkind = "demo"\ncolour = "blue"\n', "[catalog] colour: unknown key"),
        (
            '[catalog]\nkind = "demo"\n[kiosk]\nidle_timeout_s = "soon"\n',
            "[kiosk] idle_timeout_s: expected an integer, got 'soon'",
        ),
        ('[catalog]\nkind = "demo"\n[offline]\nenabled = 1\n', "[offline] enabled: expected true or false, got 1"),
        ('[catalog]\nkind = "demo"\n[kiosk]\nidle_timeout_s = true\n', "[kiosk] idle_timeout_s: expected an integer"),
        ("[catalog]\n", "[catalog] kind: missing required value"),
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
        # below: mistakes start-up tripped over (or the kiosk ran broken with) while check-config passed them
        (
            '[catalog]\nkind = "demo"\n[barcodes]\nwedge_prefix = "~~"\n',
            "[barcodes] wedge_prefix: expected one character",
        ),
        (
            '[catalog]\nkind = "demo"\n[barcodes]\nsymbologies = ["codabar", "klingon"]\n',
            "[barcodes] symbologies: unknown symbology 'klingon'",
        ),
        (
            '[catalog]\nkind = "demo"\n[barcodes]\nsymbologies = ["codabar", 39]\n',
            "[barcodes] symbologies: expected a list of strings",
        ),
        (
            '[catalog]\nkind = "demo"\n[barcodes]\nrules = [{ name = "card", kind = "patron", prefx = "2" }]\n',
            "[barcodes] rules: barcode rule: unknown key 'prefx'",
        ),
        (
            '[catalog]\nkind = "demo"\n[barcodes]\nrules = [{ name = "card", kind = "patron", check = "crc" }]\n',
            "[barcodes] rules: barcode rule 'card': 'check' must be one of",
        ),
        ('[catalog]\nkind = "demo"\n[barcodes]\nrules = ["card"]\n', "[barcodes] rules: expected a list of tables"),
        (
            '[catalog]\nkind = "demo"\n[staff]\npin_hash = "2468"\n',
            "[staff] pin_hash: expected a hash made by `kiosk hash-pin`",
        ),
        (
            '[catalog]\nkind = "demo"\n[staff]\npin_hash = "pbkdf2_sha256$200000$00$abc"\n',
            "[staff] pin_hash: expected a hash",
        ),
        (
            '[catalog]\nkind = "demo"\n[kiosk]\nidle_timeout_s = 20\nidle_warning_s = 20\n',
            "[kiosk] idle_warning_s: expected fewer seconds than idle_timeout_s (20)",
        ),
        (
            '[catalog]\nkind = "demo"\n[sync]\ninterval_s = 60\nmax_backoff_s = 10\n',
            "[sync] max_backoff_s: expected at least interval_s",
        ),
        (
            '[catalog]\nkind = "demo"\npath = "same.sqlite3"\n[journal]\npath = "./same.sqlite3"\n',
            "[catalog] path: the demo catalog and the journal are the same file",
        ),
        (
            '[catalog]\nkind = "demo"\n[devices.pad]\nkind = "rfid"\ndriver = "acme-9000"\n',
            "[devices.pad]: unknown rfid driver 'acme-9000'",
        ),
    ],
)
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
    assert [(d["kind"], d["state"]) for d in report["devices"]] == [
        ("rfid", "ok"),
        ("barcode", "ok"),
        ("printer", "ok"),
    ]
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


# -- checks beyond the file: environment variables and files it names -----------------------

UNSET = "KIOSK_TEST_SURELY_UNSET"
SET = "KIOSK_TEST_SET"
SIP2 = '[catalog]\nkind = "sip2"\nhost = "127.0.0.1"\n'
# A self-signed CA certificate (EC P-256, valid to 2126): something ssl accepts as ca_file.
CA_PEM = """-----BEGIN CERTIFICATE-----
MIIBhjCCAS2gAwIBAgIUBwqCGPZtlOlWyRps6kX47jh3l84wCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNa2lvc2sgdGVzdCBDQTAgFw0yNjEyMDEwODUzNDVaGA8yMTI2
MTEwNzA4NTM0NVowGDEWMBQGA1UEAwwNa2lvc2sgdGVzdCBDQTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABKQPEX5gvyilVqlYW2HqDkHchoP2DUYs4992GynAWUiZ
+rH08UjMCRF8WN4o/x9uHT6c2+xjcoOCXtcSbKRsk6ejUzBRMB0GA1UdDgQWBBQi
KisRHlqgltYTRpTE+UrPk5ZJCzAfBgNVHSMEGDAWgBQiKisRHlqgltYTRpTE+UrP
k5ZJCzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIFqxk6KovXXX
cK/CCUd7f3KZkTbGpms5AtIpKdFGoOVFAiAO6Pdg577CfSIPx/Pl4zQfCF+1hyh7
ZHh+TcB1tIIemg==
-----END CERTIFICATE-----
"""
STAFF_HASH = "pbkdf2_sha256$1000$00ff$" + "ab" * 32


@pytest.fixture
def env(monkeypatch):
    monkeypatch.delenv(UNSET, raising=False)
    monkeypatch.setenv(SET, "secret")
    return monkeypatch


@pytest.mark.parametrize(
    "text, expected",
    [
        (SIP2 + f'password_env = "{UNSET}"\n', f"[catalog] password_env: the environment variable {UNSET} is not set"),
        (SIP2 + 'ca_file = "nope.pem"\n', "[catalog] ca_file: no such file"),
        (SIP2 + 'tls = true\nca_file = "nope.pem"\n', "[catalog] ca_file: no such file"),
        (
            SIP2 + 'tls = true\nca_file = "junk.pem"\n',
            "[catalog] ca_file: ",
        ),
        (
            f'[catalog]\nkind = "demo"\n[staff]\npin_hash_env = "{UNSET}"\n',
            f"[staff] pin_hash_env: the environment variable {UNSET} is not set",
        ),
    ],
)
def test_what_the_file_points_to_is_checked(tmp_path, env, text, expected):
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        config.load(path)
    assert str(path) in str(err.value) and expected in str(err.value)
    assert "what to do" in str(err.value)


def test_a_ca_file_that_is_no_certificate_is_named(tmp_path):
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    with pytest.raises(ConfigError, match=r"ca_file: .*junk.pem is not a PEM CA certificate"):
        config.load(write(tmp_path, SIP2 + 'tls = true\nca_file = "junk.pem"\n'))


def test_pin_hash_env_must_hold_a_hash(tmp_path, env):
    path = write(tmp_path, f'[catalog]\nkind = "demo"\n[staff]\npin_hash_env = "{UNSET}"\n')
    env.setenv(UNSET, "2468")
    with pytest.raises(ConfigError, match=rf"\[staff\] pin_hash_env: the environment variable {UNSET} holds"):
        config.load(path)
    env.setenv(UNSET, STAFF_HASH)
    assert config.load(path).staff_pin_hash == STAFF_HASH


def test_what_the_file_points_to_passes_when_present(tmp_path, env):
    """The checks above are not simply stricter than start-up: the same keys pass when their targets exist."""
    (tmp_path / "ca.pem").write_text(CA_PEM)
    env.setenv(UNSET, "secret")
    settings = config.load(
        write(
            tmp_path,
            SIP2 + f'password_env = "{UNSET}"\ntls = true\nca_file = "ca.pem"\n[staff]\npin_hash = "{STAFF_HASH}"\n',
        )
    )
    assert settings.catalog.tls and settings.staff.pin_hash == STAFF_HASH


def test_device_options_are_checked_by_load(tmp_path, monkeypatch):
    """load() hands devices to DeviceManager.check (which checks drivers' options) and names the file."""
    from kiosk.devices.manager import DeviceManager
    from kiosk.errors import DeviceError

    seen = []

    def check(configs):
        seen.extend(configs)
        raise DeviceError("[devices.pad] baudrat: unknown option for the 3m810 driver", hint="check its spelling")

    monkeypatch.setattr(DeviceManager, "check", staticmethod(check))
    path = write(tmp_path, '[catalog]\nkind = "demo"\n[devices.pad]\nkind = "rfid"\ndriver = "3m810"\nbaudrat = 1\n')
    with pytest.raises(ConfigError) as err:
        config.load(path)
    assert f"{path}: [devices.pad] baudrat: unknown option" in str(err.value)
    assert "check its spelling" in str(err.value)
    assert seen[0].options == {"baudrat": 1}


# -- check-config and start-up agree ----------------------------------------------------------


def demo_with(tmp_path, *edits: tuple[str, str]) -> Path:
    """config/demo.toml with paths in tmp_path and each (old, new) replacement made once."""
    text = config.demo_config_path().read_text(encoding="utf-8")
    text = text.replace('path = "../var/demo-catalog.sqlite3"', f'path = "{tmp_path / "catalog.sqlite3"}"')
    text = text.replace('path = "../var/demo-journal.sqlite3"', f'path = "{tmp_path / "journal.sqlite3"}"')
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return write(tmp_path, text)


AS_SIP2 = ('kind = "demo"', 'kind = "sip2"\nhost = "127.0.0.1"\nport = 1\nheartbeat_s = 3600')
VARIANTS = {
    "demo as shipped": [],
    "sip2 plain": [AS_SIP2],
    "sip2 password_env unset": [AS_SIP2, ('kind = "sip2"', f'kind = "sip2"\npassword_env = "{UNSET}"')],
    "sip2 password_env set": [AS_SIP2, ('kind = "sip2"', 'kind = "sip2"\npassword_env = "HOME"')],
    "sip2 ca_file missing": [AS_SIP2, ('kind = "sip2"', 'kind = "sip2"\ntls = true\nca_file = "nope.pem"')],
    "sip2 ca_file missing, no tls": [AS_SIP2, ('kind = "sip2"', 'kind = "sip2"\nca_file = "nope.pem"')],
    "sip2 ca_file present": [AS_SIP2, ('kind = "sip2"', 'kind = "sip2"\ntls = true\nca_file = "ca.pem"')],
    "rule with unknown check": [('check = "luhn" },\n  { name = "item', 'check = "crc" },\n  { name = "item')],
    "rule with unknown key": [('prefix = "2",', 'prefx = "2",')],
    "rule not a table": [("rules = [\n", "rules = [ 1,\n")],
    "wedge prefix of two characters": [("[barcodes]\n", '[barcodes]\nwedge_prefix = "~~"\n')],
    "wedge prefix of one character": [("[barcodes]\n", '[barcodes]\nwedge_prefix = "~"\n')],
    "unknown rfid driver": [('driver = "simulated"', 'driver = "acme-9000"')],
    "unknown barcode driver": [('kind = "barcode"\ndriver = "simulated"', 'kind = "barcode"\ndriver = "acme"')],
}


def starts(path: Path) -> bool:
    """What start-up does with a file: load, build (kiosk.app), then the GUI's keyboard-wedge scanner."""
    from kiosk.app import build
    from kiosk.devices.barcode.keystrokes import WedgeSettings
    from kiosk.errors import KnownError

    try:
        kiosk = build(config.load(path), threaded=False)
    except KnownError:
        return False
    try:
        WedgeSettings.from_config(kiosk.settings.barcodes)  # kiosk/ui/app.py, right after build()
    except ValueError:
        return False
    finally:
        kiosk.close()
    return True


@pytest.mark.parametrize("variant", VARIANTS)
def test_check_config_says_what_start_up_will_do(tmp_path, env, capsys, variant):
    (tmp_path / "ca.pem").write_text(CA_PEM)
    path = demo_with(tmp_path, *VARIANTS[variant])
    verdict = main(["check-config", str(path)])
    captured = capsys.readouterr()
    assert verdict == (0 if starts(path) else 2), captured.err
    if verdict:
        assert str(path) in captured.err and "what to do" in captured.err and "Traceback" not in captured.err


# -- override() and the documented example ----------------------------------------------------


def test_override_checks_the_values_as_load_does(demo_settings):
    assert config.override(demo_settings, "kiosk", mode="return").kiosk.mode == "return"
    assert config.override(demo_settings, "kiosk", languages=("en",), default_language="en").kiosk.languages == ("en",)
    with pytest.raises(ConfigError, match=r"\[kiosk\] mode: expected one of"):
        config.override(demo_settings, "kiosk", mode="lend")
    with pytest.raises(ConfigError, match=r"\[kiosk\] default_language: expected one of the configured"):
        config.override(demo_settings, "kiosk", languages=["en"])
    with pytest.raises(ConfigError, match=r"\[kiosk\] colour: unknown key"):
        config.override(demo_settings, "kiosk", colour="blue")
    with pytest.raises(ValueError, match="no config section"):
        config.override(demo_settings, "printer", x=1)


def test_sections_are_frozen(demo_settings):
    from dataclasses import FrozenInstanceError

    with pytest.raises(FrozenInstanceError):
        demo_settings.kiosk.mode = "return"  # type: ignore[misc]


def example_blocks() -> dict[str, str]:
    """kiosk.example.toml cut at each [table] heading, commented-out ones included."""
    text = (ROOT / "config" / "kiosk.example.toml").read_text(encoding="utf-8")
    parts = re.split(r"^#?\s*\[([\w.]+)\]\s*$", text, flags=re.M)
    blocks: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2]):
        blocks[name] = blocks.get(name, "") + body
    return blocks


def keys_in(block: str) -> set[str]:
    return set(re.findall(r"^#?\s*(\w+)\s*=", block, flags=re.M))


def test_the_example_documents_every_key_and_only_keys_that_exist():
    blocks = example_blocks()
    for name, cls in config.SECTIONS.items():
        assert name in blocks, f"[{name}] missing from kiosk.example.toml"
        known = {f.name for f in fields(cls)}
        assert known - keys_in(blocks[name]) == set(), f"[{name}] keys not in kiosk.example.toml"
        assert keys_in(blocks[name]) - known == set(), f"[{name}] keys in kiosk.example.toml the schema lacks"


def test_the_examples_commented_sip2_keys_load(tmp_path, env):
    """Uncommenting the documented sip2 keys gives a valid file (the example's values are real)."""
    text = (ROOT / "config" / "kiosk.example.toml").read_text(encoding="utf-8").replace("/var/lib/kiosk", str(tmp_path))
    head, catalog, tail = re.split(r"^(?=\[(?:catalog|journal)\])", text, flags=re.M)
    catalog = re.sub(r"^# (\w+ = )", r"\1", catalog, flags=re.M).replace('kind = "demo"', 'kind = "sip2"')
    env.setenv("KIOSK_SIP2_PASSWORD", "secret")
    settings = config.load(write(tmp_path, head + catalog + tail))
    assert settings.catalog.kind == "sip2" and settings.catalog.host == "ils.example.org"
    assert settings.catalog.password_env == "KIOSK_SIP2_PASSWORD"


def test_the_sip2_demo_config_is_valid():
    settings = config.load(ROOT / "config" / "demo-sip2.toml")
    assert settings.catalog.kind == "sip2" and settings.catalog.host == "127.0.0.1"


# -- [audio] and [call_staff] ---------------------------------------------------------------------


def test_audio_volume_and_player_are_checked(tmp_path):
    src = tmp_path / "kiosk.toml"
    src.write_text('[catalog]\nkind = "demo"\n[audio]\nvolume = 130\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[audio\] volume: expected a percentage 0-100, got 130"):
        config.load(src)
    src.write_text('[catalog]\nkind = "demo"\n[audio]\nplayer = "mpg123"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[audio\] player: expected one of 'auto', 'aplay'"):
        config.load(src)
    src.write_text('[catalog]\nkind = "demo"\n[call_staff]\nlight_command = ["lamp", "on"]\n', encoding="utf-8")
    settings = config.load(src)
    assert settings.audio.enabled and settings.audio.volume == 70  # cues are on unless a site says otherwise
    assert settings.call_staff.light_command == ("lamp", "on")
