"""A SIP2 catalog adapter talking to the fake ACS over a real socket."""

from __future__ import annotations

from contextlib import ExitStack, closing

import pytest

from kiosk.catalog.sip2 import Sip2Catalog
from tests.fakes.sip2_kiosk import PASSWORD, USERNAME, library, settings_for
from tests.fakes.sip2_server import FakeSip2Server


@pytest.fixture
def ils():
    return library()


@pytest.fixture
def server(ils):
    with FakeSip2Server(ils, username=USERNAME, password=PASSWORD) as srv:
        yield srv


@pytest.fixture
def catalog_for(tmp_path):
    """catalog_for(server, **[catalog] keys): an adapter built from a config file, closed after the test."""
    with ExitStack() as made:
        yield lambda srv, **catalog: made.enter_context(
            closing(Sip2Catalog.from_settings(settings_for(tmp_path, srv.port, **catalog)))
        )


@pytest.fixture
def catalog(server, catalog_for) -> Sip2Catalog:
    return catalog_for(server)
