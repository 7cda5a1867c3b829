"""The bridge's TLS (a kiosk checking the certificate) and its demo backend."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kiosk.bridge import config, service
from kiosk.catalog import demo_data as data
from kiosk.catalog.sip2 import Sip2Catalog
from kiosk.errors import CatalogUnavailable
from kiosk.pins import hash_pin
from kiosk.sip2 import Sip2Config
from tests.fakes.bridge import LOGINS, Bridge
from tests.fakes.slims_library import slims_library


def _certificate(folder):
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return key, cert


def _catalog(port, **tls):
    config_ = Sip2Config("127.0.0.1", port, "kiosk1", LOGINS["kiosk1"], institution_id="PUSAT", timeout=5, **tls)
    return Sip2Catalog(config_, heartbeat_s=0)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")
def test_a_kiosk_lends_over_tls_and_checks_the_bridges_certificate(tmp_path, mariadb):
    lib = slims_library(mariadb)
    key, cert = _certificate(tmp_path)
    bridge = Bridge(tmp_path, lib, server={"tls_cert": str(cert), "tls_key": str(key)})
    try:
        trusted = _catalog(bridge.port, tls=True, ca_file=str(cert))
        try:
            assert trusted.checkout("M001", "B001").ok
        finally:
            trusted.close()
        stranger = _catalog(bridge.port, tls=True)  # the system's CAs do not know this certificate
        try:
            with pytest.raises(CatalogUnavailable):
                stranger.ping()
        finally:
            stranger.close()
    finally:
        bridge.close()


def test_the_demo_backend_serves_the_demo_library(tmp_path):
    hashed = hash_pin(LOGINS["kiosk1"], iterations=1_000)
    path = tmp_path / "bridge.toml"
    path.write_text(
        f'[sip2_server]\nlogins = [{{ username = "kiosk1", password_hash = "{hashed}" }}]\n'
        f'[backend]\nkind = "demo"\ndemo_path = "{tmp_path / "demo.sqlite3"}"\n',
        encoding="utf-8",
    )
    settings = config.load(path)
    backend = service.build_backend(settings)
    server = service.build_server(settings, backend, port=0).start()
    catalog = _catalog(server.port)
    try:
        answer = catalog.patron(data.patron_card(1))
        assert answer.ok and answer.patron.name == "Siti Rahmawati"
        assert catalog.checkout(data.patron_card(1), data.item_barcode(5)).ok
    finally:
        catalog.close()
        server.stop()
        backend.close()
