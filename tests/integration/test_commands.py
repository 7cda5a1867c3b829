"""What a technician types at a kiosk on SIP2: test transactions, the
offline queue drained by hand, conflicts and status — against the demo ILS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog import demo_data as d
from kiosk.cli import main
from kiosk.ils.demo_server import DemoIlsServer

ROOT = Path(__file__).resolve().parents[2]
SITI, JOKO = d.patron_card(1), d.patron_card(6)


@pytest.fixture
def ils(tmp_path):
    server = DemoIlsServer(tmp_path / "ils.sqlite3", port=0).start()
    yield server
    server.stop()


@pytest.fixture
def cfg(tmp_path, ils, monkeypatch):
    """config/demo-sip2.toml pointed at this test's demo ILS and journal."""
    text = (ROOT / "config" / "demo-sip2.toml").read_text(encoding="utf-8")
    text = text.replace("port = 6001", f"port = {ils.port}").replace(
        'path = "../var/demo-sip2-journal.sqlite3"', f'path = "{tmp_path / "journal.sqlite3"}"'
    )
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "1234")  # the PIN typed at the prompt
    return str(path)


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_test_checkout_and_return_go_through_the_kiosks_code_path(capsys, cfg, ils):
    code, out = run(
        capsys, "diag", "checkout", "--config", cfg, "--patron", SITI, "--pin", d.item_barcode(1), d.item_barcode(3)
    )
    assert code == 1  # one of the two was refused
    assert "signed in online Siti Rahmawati" in out
    assert f"{d.item_barcode(1)}: OK Laskar Pelangi, due" in out and "journal=done" in out
    assert "REFUSED on_hold_for_other (Item is on hold for another patron)" in out
    assert ils.backend.item_information(d.item_barcode(1)).charged_to == SITI
    code, out = run(capsys, "diag", "checkin", "--config", cfg, d.item_barcode(1), d.item_barcode(10), "--json")
    report = json.loads(out)
    assert code == 0 and [o["destination"] for o in report["outcomes"]] == ["shelf", "hold_shelf"]
    assert all(o["journal_state"] == "done" for o in report["outcomes"])


def test_a_kiosk_asking_for_pins_needs_one_for_a_test_checkout(capsys, cfg):
    assert run(capsys, "diag", "checkout", "--config", cfg, "--patron", SITI, d.item_barcode(1))[0] == 2


def test_patron_item_and_renew(capsys, cfg):
    code, out = run(capsys, "diag", "patron", "--config", cfg, JOKO)
    assert code == 0 and "Joko Susilo: may borrow" in out and "loans 2" in out and "fines 2000" in out
    code, out = run(capsys, "diag", "patron", "--config", cfg, d.patron_card(4), "--json")
    assert json.loads(out)["patron"]["block_reason"] == "patron_fines"
    code, out = run(capsys, "diag", "item", "--config", cfg, d.item_barcode(10))
    assert code == 0 and "Pulang: on loan, due" in out
    assert run(capsys, "diag", "item", "--config", cfg, "39001000009999")[0] == 1
    code, out = run(capsys, "diag", "renew", "--config", cfg, "--patron", JOKO, "--pin", d.item_barcode(23))
    assert code == 0 and "renew    " in out and "OK Dilan 1990" in out


def test_offline_loans_are_synced_by_hand_and_conflicts_listed(capsys, cfg, ils, tmp_path):
    port = ils.port
    ils.stop()
    code, out = run(
        capsys, "diag", "checkout", "--config", cfg, "--patron", SITI, "--pin", d.item_barcode(5), d.item_barcode(2)
    )
    assert code == 0 and out.count("[offline: queued for sync]") == 2
    code, out = run(capsys, "diag", "status", "--config", cfg)
    assert code == 4 and "sync     queued=2 conflicts=0" in out
    assert out.count("does not answer") == 1  # said once, on the catalog's line
    assert "catalog  SIP2" in out and "OFFLINE: the ILS at" in out
    assert run(capsys, "sync", "--config", cfg, "--once")[0] == 1  # still queued: the ILS is away
    back = DemoIlsServer(tmp_path / "ils.sqlite3", port=port).start()
    try:
        code, out = run(capsys, "sync", "--config", cfg, "-v")
        assert code == 0 and "synced 1, conflicts 1, still queued 0" in out
        assert f"kiosk diag conflicts --config {cfg}" in out
        code, out = run(capsys, "diag", "conflicts", "--config", cfg, "--json")
        [conflict] = json.loads(out)["conflicts"]
        assert conflict["item_id"] == d.item_barcode(2) and conflict["reason"] == "checked_out_to_other"
        code, out = run(capsys, "diag", "status", "--config", cfg)
        assert code == 16 and "sync     queued=0 conflicts=1" in out and "answers (" in out
        assert run(capsys, "diag", "resolve", conflict["uuid"][:8], "--note", "", "--config", cfg)[0] == 2
        assert run(capsys, "diag", "resolve", "nonsense1", "--note", "x", "--config", cfg)[0] == 2
        code, out = run(capsys, "diag", "resolve", conflict["uuid"][:8], "--note", "lent by hand", "--config", cfg)
        assert code == 0 and f"resolved {conflict['uuid']}" in out
        assert run(capsys, "diag", "status", "--config", cfg)[0] == 0  # nothing waits any more
        assert json.loads(run(capsys, "diag", "conflicts", "--config", cfg, "--json")[1])["conflicts"] == []
        from kiosk.journal import Journal

        journal = Journal.open(tmp_path / "journal.sqlite3", salt="x")
        try:
            assert journal.resolution(conflict["uuid"])[1] == "lent by hand"
            assert journal.get(conflict["uuid"]).state.value == "resolved"
        finally:
            journal.close()
    finally:
        back.stop()
