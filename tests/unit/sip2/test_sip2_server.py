"""The SIP2 server without fault hooks (as production runs it): a request it
cannot answer costs that connection and one log line, never a traceback."""

from __future__ import annotations

import logging
import socket

from kiosk.sip2 import Sip2Client, Sip2Config, encode, make
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
