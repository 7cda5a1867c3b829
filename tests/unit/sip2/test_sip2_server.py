"""The SIP2 server without fault hooks (as production runs it): a request it
cannot answer costs that connection and one log line, never a traceback."""

from __future__ import annotations

import logging
import socket

import pytest

from kiosk.ils.demo import DemoLibrary
from kiosk.sip2 import Sip2Client, Sip2Config, decode, encode, make
from kiosk.sip2.server import Sip2Server
from tests.fakes.sip2_ils import FakeIls


def test_a_backend_failure_hangs_up_with_one_log_line(caplog):
    ils = FakeIls()
    ils.add_item("I1", title="Dune")

    def broken(item_id):
        raise RuntimeError("database went away")

    ils.item_information = broken
    with Sip2Server(ils) as server, socket.create_connection(server.address, timeout=3) as sock:
        sock.sendall(encode(make("17", AO="MAIN", AB="I1"), 0))
        assert sock.recv(100) == b""
        [line] = [r for r in caplog.records if r.name.startswith("kiosk")]
        assert line.levelno == logging.WARNING and line.exc_info is None
        assert "database went away" in line.getMessage()
        with Sip2Client(Sip2Config("127.0.0.1", server.port, timeout=3)) as client:
            assert client.sc_status().online  # the server itself is fine


def test_a_burst_of_connections_fits_the_listen_queue():
    """Kiosks reconnecting at once after a network blip: with socketserver's
    backlog of 5 the sixth and later SYNs were dropped and retried a second
    later; here nobody accepts yet, so every connection waits in the queue."""
    ils = FakeIls()
    server = Sip2Server(ils)  # listening, not serving: the queue alone holds them
    socks = []
    try:
        for _ in range(32):
            socks.append(socket.create_connection(server.address, timeout=0.5))
    finally:
        for sock in socks:
            sock.close()
        server.stop()
    assert len(socks) == 32


HOSTILE_REQUESTS = {
    "63 BP not a number": make("63", {"summary": "  Y       "}, AO="PUSAT", AA="29001000000013", BP="abc", BQ="5"),
    "63 BP in Unicode digits": make("63", {"summary": "  Y       "}, AO="PUSAT", AA="29001000000013", BP="0²0"),
    "11 no-block dated 9999": make(
        "11",
        {"no_block": "Y", "nb_due_date": "99991231   Z235959", "transaction_date": "99991231   Z235959"},
        AO="PUSAT",
        AA="29001000000013",
        AB="39001000000011",
    ),
    "09 returned in year 0": make("09", {"return_date": "00000000    000000"}, AO="PUSAT", AB="39001000000011", AP=""),
    "37 paying NaN": make("37", {"currency_type": "IDR"}, AO="PUSAT", AA="29001000000013", BV="NaN"),
    "98 sent to the ACS": make("98", {"date_time_sync": " " * 18}, AO="PUSAT", BX="Y" * 16),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_REQUESTS))
def test_a_hostile_request_to_the_demo_ils_gets_an_answer_or_a_hang_up_and_at_most_one_line(name, tmp_path, caplog):
    library = DemoLibrary(tmp_path / "ils.sqlite3")
    try:
        with Sip2Server(library) as server, socket.create_connection(server.address, timeout=3) as sock:
            sock.sendall(encode(HOSTILE_REQUESTS[name], 0))
            answer = sock.recv(4096)
            assert answer == b"" or answer.endswith(b"\r")
            if answer:
                decode(answer)  # a well-formed SIP2 answer
            with Sip2Client(Sip2Config("127.0.0.1", server.port, timeout=3)) as client:
                assert client.sc_status().online  # the server itself is fine
    finally:
        library.close()
    lines = [r for r in caplog.records if r.name.startswith("kiosk")]
    assert len(lines) <= 1 and all(r.exc_info is None for r in lines), [r.getMessage() for r in lines]
