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
