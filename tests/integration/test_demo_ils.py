"""The demo ILS speaks SIP2 as a real server does — driven by the kiosk's
own SIP2 client and by raw bytes — and ``kiosk demo`` on
``config/demo-sip2.toml`` lends through it."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import config
from kiosk.catalog import demo_data as d
from kiosk.ils.demo_server import DemoIlsServer
from kiosk.sip2 import Sip2Client, Sip2Config, Sip2LoginError, decode, encode, make, verify_checksum
from kiosk.sip2.codec import Message

ROOT = Path(__file__).resolve().parents[2]
SITI, BUDI, JOKO = d.patron_card(1), d.patron_card(2), d.patron_card(6)


@pytest.fixture
def ils(tmp_path):
    with DemoIlsServer(tmp_path / "ils.sqlite3", port=0) as server:
        yield server


@pytest.fixture
def client(ils):
    with Sip2Client(
        Sip2Config(
            "127.0.0.1",
            ils.port,
            username="kiosk",
            password="demo",
            institution_id="PUSAT",
            location_code="PUSAT",
            timeout=3,
        )
    ) as c:
        yield c


def test_a_sip2_client_logs_in_and_reads_the_acs_status(client):
    status = client.acs_status
    assert status.online and status.checkout_ok and status.checkin_ok
    assert status.institution_id == "PUSAT" and status.library_name == d.LIBRARY_NAME
    assert status.supports("11") and status.supports("63") and not status.supports("37")


def test_a_wrong_login_is_refused(ils):
    with pytest.raises(Sip2LoginError):
        Sip2Client(Sip2Config("127.0.0.1", ils.port, username="kiosk", password="guess", timeout=3)).connect()


def test_the_demo_rules_answer_over_sip2(client):
    patron = client.patron_information(SITI, "1234", summary="charged")
    assert patron.get("AE") == "Siti Rahmawati" and patron.get("CQ") == "Y" and patron.get("BL") == "Y"
    assert client.patron_information(SITI, "0000").get("CQ") == "N"
    lent = client.checkout(SITI, d.item_barcode(1))
    assert lent.ok and lent.get("AJ") == "Laskar Pelangi" and lent.date("AH") is not None
    held = client.checkout(SITI, d.item_barcode(3))  # Bumi Manusia waits for Budi
    assert not held.ok and held.get("AF") == "Item is on hold for another patron"
    assert client.item_information(d.item_barcode(1)).fixed["circulation_status"] == "04"
    assert client.patron_information(SITI, summary="charged").get_all("AU") == [d.item_barcode(1)]
    back = client.checkin(d.item_barcode(10))  # Pulang, wanted by Siti: to the hold shelf
    assert back.ok and back.get("CV") == "01" and back.get("AA") == JOKO
    away = client.checkin(d.item_barcode(11))  # Saman belongs to Cabang Timur
    assert away.get("CV") == "04" and away.get("CT") == "Cabang Timur"
    assert client.renew(SITI, d.item_barcode(1)).ok
    assert client.end_patron_session(SITI).ok


def _exchange(sock: socket.socket, frame: bytes) -> bytes:
    sock.sendall(frame)
    data = b""
    while not data.endswith(b"\r"):
        chunk = sock.recv(65536)
        assert chunk, "the demo ILS hung up"
        data += chunk
    return data


def test_the_bytes_on_the_wire_are_a_real_servers(ils):
    with socket.create_connection(("127.0.0.1", ils.port), timeout=3) as sock:
        login = _exchange(sock, encode(make("93", CN="kiosk", CO="demo", CP="PUSAT"), 3))
        assert login.startswith(b"941AY3AZ") and verify_checksum(login)  # seq echoed, checksum right
        info = encode(make("17", AO="PUSAT", AB=d.item_barcode(1)), 4)
        sock.sendall(info[:10])  # a request split across writes…
        answer = _exchange(sock, info[10:-1] + b"\r\n")  # …ending in CRLF
        assert decode(answer).get("AJ") == "Laskar Pelangi" and decode(answer).seq == 4
        assert _exchange(sock, encode(Message("97"), None)) == answer  # 97: the same bytes again
        broken = bytearray(info)
        broken[-2:-1] = b"0" if info[-2:-1] != b"0" else b"1"
        assert decode(_exchange(sock, bytes(broken))).code == "96"  # bad checksum: resend, please
        plain = _exchange(sock, encode(make("17", AO="PUSAT", AB=d.item_barcode(1)), None, error_detection=False))
        assert b"AZ" not in plain[-8:] and decode(plain).code == "18"  # no error detection asked, none sent


def test_nothing_is_served_before_a_login(ils):
    with socket.create_connection(("127.0.0.1", ils.port), timeout=3) as sock:
        sock.sendall(encode(make("17", AO="PUSAT", AB=d.item_barcode(1)), 0))
        assert sock.recv(100) == b""


HOSTILE = make("63", {"summary": "  Y       "}, AO="PUSAT", AA=SITI, BP="abc", BQ="5")  # a page that is no number


def _hung_up_on(sock: socket.socket, frame: bytes) -> bool:
    sock.sendall(frame)
    return sock.recv(100) == b""


def test_a_hostile_request_costs_its_connection_and_one_log_line(ils, caplog):
    with socket.create_connection(("127.0.0.1", ils.port), timeout=3) as sock:
        assert _exchange(sock, encode(make("93", CN="kiosk", CO="demo"), 0)).startswith(b"941")
        assert _hung_up_on(sock, encode(HOSTILE, 1))
    [line] = [r for r in caplog.records if r.name.startswith("kiosk")]
    assert "BP is not a number" in line.getMessage() and line.exc_info is None
    with Sip2Client(Sip2Config("127.0.0.1", ils.port, username="kiosk", password="demo", timeout=3)) as c:
        assert c.patron_information(SITI).get("AE") == "Siti Rahmawati"  # everyone else is still served


def test_kiosk_demo_ils_serves_on_the_port_it_prints(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "demo-ils", "--port", "0", "--db", str(tmp_path / "ils.sqlite3")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        port = int(line.split("127.0.0.1:")[1].split()[0])
        with Sip2Client(Sip2Config("127.0.0.1", port, username="kiosk", password="demo", timeout=3)) as c:
            assert c.checkout(SITI, d.item_barcode(1)).ok
        with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
            assert _exchange(sock, encode(make("93", CN="kiosk", CO="demo"), 0)).startswith(b"941")
            assert _hung_up_on(sock, encode(HOSTILE, 1))
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=10)
    assert "Traceback" not in err and err.count("BP is not a number") == 1


def test_kiosk_demo_on_the_sip2_config_lends_through_the_demo_ils(ils, tmp_path, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from kiosk.app import build
    from kiosk.ui.app import GuiKiosk
    from kiosk.ui.simulator import demo_tag

    settings = config.load(ROOT / "config" / "demo-sip2.toml")
    settings = config.override(settings, "catalog", port=ils.port)
    settings = config.override(settings, "journal", path=str(tmp_path / "journal.sqlite3"))
    gui = GuiKiosk(build(settings, threaded=False), tick_ms=0)
    try:
        qtbot.addWidget(gui.window)
        gui.window.show()
        gui.kiosk.devices.first("barcode").scan(SITI)
        for key in "1234":
            qtbot.mouseClick(gui.window.findChild(QPushButton, f"pinKey{key}"), Qt.LeftButton)
        qtbot.mouseClick(gui.window.findChild(QPushButton, "pinOk"), Qt.LeftButton)
        assert gui.window.current_screen() == "session"
        gui.kiosk.devices.first("rfid").place(demo_tag(d.item_barcode(1)))
        assert not gui.flow.offline
    finally:
        gui.close()
    assert ils.backend.item_information(d.item_barcode(1)).charged_to == SITI  # lent at the ILS, over SIP2
