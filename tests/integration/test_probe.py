"""``kiosk diag probe`` against the demo ILS and each behaviour profile of the
test server: it must tell them apart and recommend the right settings, and
leave the test item on the shelf."""

from __future__ import annotations

import json
import tomllib

import pytest

from kiosk.catalog import demo_data as d
from kiosk.cli import main
from kiosk.ils.demo_server import DemoIlsServer
from tests.fakes.sip2_server import SERVER_PROFILES, FakeSip2Server

REPEAT = {"renew": "renewal", "refuse": "refusal"}
TERMINATOR = {b"\r": "CR", b"\r\n": "CRLF", b"\n": "LF"}


def write_config(tmp_path, port: int, *, password: str = "secret", institution: str = "MAIN", extra: str = "") -> str:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[catalog]\nkind = "sip2"\nhost = "127.0.0.1"\nport = {port}\nusername = "kiosk"\n'
        f'password = "{password}"\ninstitution = "{institution}"\nlocation = "{institution}"\n'
        f'timeout_s = 3.0\n{extra}[journal]\npath = "{tmp_path / "journal.sqlite3"}"\n',
        encoding="utf-8",
    )
    return str(path)


def probe(capsys, cfg: str, patron: str, item: str, *extra: str) -> tuple[int, dict | str]:
    code = main(["diag", "probe", "--config", cfg, "--test-patron", patron, "--test-item", item, *extra])
    out, err = capsys.readouterr()
    if "--json" in extra and code != 2:
        return code, json.loads(out)
    return code, out + err


@pytest.mark.parametrize("profile", SERVER_PROFILES, ids=lambda p: p.name)
def test_probe_tells_each_server_profile_apart(profile, tmp_path, capsys):
    server = profile.start()
    try:
        code, report = probe(capsys, write_config(tmp_path, server.port), "P1", "I1", "--json")
        assert code == 0, report
        assert report["offline_profile"] == profile.replay
        assert report["repeat_checkout"] == REPEAT[profile.own_loan]
        assert report["terminator"] == TERMINATOR[profile.terminator]
        assert report["error_detection"] is profile.checksums
        assert report["encoding"] == profile.encoding and report["title"] == "Cinta di Kota Tua — Édisi ke-2"
        assert report["recommended"] == {
            "encoding": profile.encoding,
            "error_detection": profile.checksums,
            "timeout_s": report["recommended"]["timeout_s"],
            "retries": 3,
            "offline_profile": profile.replay,
        }
        assert "checkout" in report["supported"] and report["rtt_ms"]["min"] > 0
        assert report["left_on_loan"] is False and server.ils.loans() == {}  # nothing left behind
        kinds = [t.kind for t in server.ils.transactions]
        assert kinds.count("checkout") == 2 and kinds.count("checkin") == 2
    finally:
        server.stop()


def test_probe_of_the_demo_ils_prints_the_settings_to_use(tmp_path, capsys):
    server = DemoIlsServer(tmp_path / "ils.sqlite3", port=0).start()
    try:
        cfg = write_config(
            tmp_path, server.port, password="demo", institution="PUSAT", extra='offline_profile = "standard"\n'
        )
        code, out = probe(capsys, cfg, d.patron_card(2), d.item_barcode(6))
        assert code == 0, out
        assert "the same checkout again: refusal" in out
        assert "the dates are kept -> koha profile" in out
        assert 'offline_profile = "koha"\n' in out and "error_detection = true\n" in out
        start = out.index("\n[catalog]\n")
        block = out[start : out.index("\n\n", start + 1)]
        assert tomllib.loads(block)["catalog"]["timeout_s"] == 3.0  # the lines paste into a config as they are
        assert "These differ from your config: offline_profile" in out
        assert d.item_barcode(6) not in server.backend.loans()  # back on the shelf
    finally:
        server.stop()


def test_probe_says_what_is_wrong_without_a_traceback(tmp_path, capsys):
    server = FakeSip2Server().start()
    server.ils.add_patron("P1")
    server.ils.add_item("I1", title="Dune")
    try:
        code, out = probe(capsys, write_config(tmp_path, server.port, password="wrong"), "P1", "I1")
        assert code == 2 and "refused the SIP2 login" in out and "Traceback" not in out
        code, out = probe(capsys, write_config(tmp_path, server.port), "P1", "NOPE")
        assert code == 2 and "the test item NOPE cannot be lent" in out
    finally:
        port = server.port
        server.stop()
    code, out = probe(capsys, write_config(tmp_path, port), "P1", "I1")
    assert code == 2 and f"cannot connect to 127.0.0.1:{port}" in out


def test_probe_finishes_an_interrupted_probe_but_never_returns_anothers_loan(tmp_path, capsys):
    server = SERVER_PROFILES[0].start()  # Koha-like: lends I1 again as a renewal, so start from a refusal
    try:
        server.ils.add_patron("P2")
        server.ils.add_item("I2", title="Dune")
        server.ils.lend("I2", "P2")
        code, out = probe(capsys, write_config(tmp_path, server.port), "P1", "I2")
        assert code == 2 and "the test item I2 cannot be lent" in out
        assert server.ils.loans() == {"I2": "P2"}  # P2's loan untouched
    finally:
        server.stop()
    folio = SERVER_PROFILES[3].start()  # refuses a checkout of one's own loan
    try:
        folio.ils.lend("I1", "P1")  # left behind by a probe that was cut short
        code, report = probe(capsys, write_config(tmp_path, folio.port), "P1", "I1", "--json")
        assert code == 0 and report["left_on_loan"] is False and folio.ils.loans() == {}
    finally:
        folio.stop()
