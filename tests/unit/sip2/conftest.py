"""Fixtures: a fake ACS with a small library, and clients wired to it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.sip2 import Sip2Client, Sip2Config
from tests.fakes.sip2_ils import FakeIls
from tests.fakes.sip2_server import FakeSip2Server

PIN = "8642"
PASSWORD = "s3cr3t-pw"


def make_ils() -> FakeIls:
    ils = FakeIls("MAIN")
    ils.add_patron("P1", name="Åsa Öberg", pin=PIN)
    ils.add_patron("P2", name="Second Reader")
    ils.add_patron("BLOCKED", name="Blocked Reader", blocked=True)
    ils.add_patron("FINED", name="Fined Reader", fines=Decimal("12.50"))
    ils.add_item("I1", title="Pippi Långstrump")
    ils.add_item("I2", title="Dune")
    ils.add_item("REF", title="Encyclopaedia", not_for_loan=True)
    for n in range(10):
        ils.add_item(f"S{n}", title=f"Stack book {n}")
    return ils


@pytest.fixture
def ils() -> FakeIls:
    return make_ils()


@pytest.fixture
def server(ils):
    with FakeSip2Server(ils, username="kiosk", password=PASSWORD) as srv:
        yield srv


@pytest.fixture
def config_for():
    def build(srv: FakeSip2Server, **overrides) -> Sip2Config:
        settings = dict(
            host="127.0.0.1",
            port=srv.port,
            username="kiosk",
            password=PASSWORD,
            institution_id="MAIN",
            location_code="KIOSK1",
            timeout=3.0,
        )
        settings.update(overrides)
        return Sip2Config(**settings)

    return build


@pytest.fixture
def client_for(config_for):
    clients: list[Sip2Client] = []

    def build(srv: FakeSip2Server, connect: bool = True, **overrides) -> Sip2Client:
        client = Sip2Client(config_for(srv, **overrides))
        clients.append(client)
        if connect:
            client.connect()
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def client(server, client_for) -> Sip2Client:
    return client_for(server)
