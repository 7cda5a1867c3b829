"""A technician's receipt checks: ``kiosk diag printer`` and ``kiosk diag checkout --receipt``,
over SIP2 to the demo ILS (the patron's email address arrives as BE), with the ESC/POS printer
emulator on TCP and a real SMTP server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog import demo_data as d
from kiosk.cli import main
from kiosk.ils.demo_server import DemoIlsServer
from tests.fakes.escpos_printer import EscposPrinterEmulator
from tests.fakes.smtp_server import Inbox, LoopbackSmtp

ROOT = Path(__file__).resolve().parents[2]
SITI = d.patron_card(1)


@pytest.fixture
def ils(tmp_path):
    server = DemoIlsServer(tmp_path / "ils.sqlite3", port=0).start()
    yield server
    server.stop()


@pytest.fixture
def printer():
    emulator = EscposPrinterEmulator()
    yield emulator
    emulator.close()


@pytest.fixture
def inbox():
    inbox = Inbox()
    server = LoopbackSmtp(inbox)
    server.start()
    inbox.port = server.port
    yield inbox
    server.stop()


@pytest.fixture
def cfg(tmp_path, ils, printer, inbox, monkeypatch):
    """config/demo-sip2.toml with this test's ILS and journal, a network printer and an SMTP server."""
    text = (ROOT / "config" / "demo-sip2.toml").read_text(encoding="utf-8")
    text = text.replace("port = 6001", f"port = {ils.port}").replace(
        'path = "../var/demo-sip2-journal.sqlite3"', f'path = "{tmp_path / "journal.sqlite3"}"'
    )
    text += f"""
[devices.receipt]
kind = "printer"
driver = "escpos-network"
host = "127.0.0.1"
port = {printer.port}

[receipts]
offer = ["print", "email", "none"]
default = "print"
footer = ["Terima kasih"]

[email]
host = "127.0.0.1"
port = {inbox.port}
security = "none"
sender = "perpustakaan@example.org"
"""
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "1234")
    return str(path)


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_diag_printer_reports_the_state_and_prints_a_test_receipt(capsys, cfg, printer):
    code, out = run(capsys, "diag", "printer", "--config", cfg)
    assert code == 0 and "printer  receipt (escpos-network): ok" in out and "receipt  printed" in out
    paper = printer.wait_for_cuts(1)
    text = " ".join(paper.text.split())
    assert "Struk uji coba" in text and "Jika tulisan ini terbaca, printer berfungsi." in text
    assert paper.qr_codes and "Terima kasih" in text


def test_diag_printer_says_the_paper_is_out_and_prints_nothing(capsys, cfg, printer):
    printer.paper_out = True
    code, out = run(capsys, "diag", "printer", "--config", cfg, "--json")
    report = json.loads(out)
    assert code == 1 and report["condition"] == "paper_out" and report["state"] == "error"
    assert "out of paper" in report["reason"] and "printed" not in report
    assert printer.paper.cuts == 0


def test_a_test_checkout_prints_its_receipt_as_the_screen_would(capsys, cfg, printer):
    code, out = run(
        capsys, "diag", "checkout", "--config", cfg, "--patron", SITI, "--pin", d.item_barcode(1), d.item_barcode(3),
        "--receipt", "print",
    )  # fmt: skip
    assert code == 1  # Bumi Manusia is on hold for someone else
    assert "receipt  print: OK printed" in out
    text = " ".join(printer.wait_for_cuts(1).text.split())
    assert "Siti R." in text and "Laskar Pelangi" in text and "Batas kembali" in text
    assert "Bumi Manusia" in text and "Tidak dapat dipinjam" in text


def test_a_test_checkout_emails_its_receipt_to_the_address_the_ils_gave(capsys, cfg, inbox):
    code, out = run(
        capsys, "diag", "checkout", "--config", cfg, "--patron", SITI, "--pin", d.item_barcode(1), "--receipt", "email"
    )
    assert code == 0 and "receipt  email: OK queued for sending" in out and "; sent" in out
    [(_, to, msg)] = inbox.messages
    assert to == ["siti.rahmawati@example.org"]  # SIP2 BE from the demo ILS
    assert "Laskar Pelangi: Batas kembali" in msg.get_body(("plain",)).get_content()


def test_a_receipt_the_printer_cannot_give_is_reported_not_offered(capsys, cfg, printer):
    printer.cover_open = True
    code, out = run(
        capsys, "diag", "checkout", "--config", cfg, "--patron", SITI, "--pin", d.item_barcode(1), "--receipt", "print"
    )
    assert code == 1 and "receipt  print: NOT OFFERED - The printer's cover is open." in out
