"""The ILS bridge's /metrics: SIP2 requests by message and outcome and their latency, so a
library's Prometheus sees a bridge that refuses everything or answers slowly."""

from __future__ import annotations

import shutil
import subprocess
import urllib.request

import pytest

from kiosk.bridge import config, service
from kiosk.catalog import demo_data as data
from kiosk.catalog.sip2 import Sip2Catalog
from kiosk.errors import ConfigError
from kiosk.metrics import BridgeMetrics
from kiosk.pins import hash_pin
from kiosk.sip2 import Sip2Config

PASSWORD = "kiosk-one-secret"


def bridge_toml(tmp_path, extra: str = "") -> config.BridgeSettings:
    hashed = hash_pin(PASSWORD, iterations=1_000)
    path = tmp_path / "bridge.toml"
    path.write_text(
        f'[sip2_server]\nlogins = [{{ username = "kiosk1", password_hash = "{hashed}" }}]\n'
        f'[backend]\nkind = "demo"\ndemo_path = "{tmp_path / "demo.sqlite3"}"\n{extra}',
        encoding="utf-8",
    )
    return config.load(path)


@pytest.fixture
def served(tmp_path):
    settings = bridge_toml(tmp_path)
    metrics = BridgeMetrics("demo")
    metrics.serve("127.0.0.1:0")
    backend = service.build_backend(settings)
    server = service.build_server(settings, backend, port=0, observer=metrics.observe).start()
    metrics.connections = lambda: server.connections_accepted
    catalog = Sip2Catalog(
        Sip2Config("127.0.0.1", server.port, "kiosk1", PASSWORD, institution_id="PUSAT", timeout=5), heartbeat_s=0
    )
    yield catalog, metrics
    catalog.close()
    server.stop()
    backend.close()
    metrics.close()


def scrape(metrics) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{metrics.port}/metrics", timeout=10) as answer:
        return answer.read().decode()


def test_loans_and_refusals_are_counted_by_message_and_outcome(served):
    catalog, metrics = served
    assert catalog.checkout(data.patron_card(1), data.item_barcode(5)).ok
    assert not catalog.checkout(data.patron_card(1), data.item_barcode(3)).ok  # on hold for another patron
    text = scrape(metrics)
    assert 'kiosk_bridge_requests_total{message="checkout",outcome="ok"} 1.0' in text
    assert 'kiosk_bridge_requests_total{message="checkout",outcome="refused"} 1.0' in text
    assert 'kiosk_bridge_request_duration_seconds_count{message="checkout"} 2.0' in text
    assert "kiosk_bridge_connections_total" in text
    assert 'backend="demo"' in text


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool (Debian's prometheus package) is not installed")
def test_promtool_accepts_the_bridge_exposition(served):
    catalog, metrics = served
    catalog.checkout(data.patron_card(1), data.item_barcode(5))
    checked = subprocess.run(["promtool", "check", "metrics"], input=scrape(metrics), capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_bridge_toml_takes_a_metrics_section(tmp_path):
    assert bridge_toml(tmp_path, '[metrics]\nlisten = "127.0.0.1:9465"\n').metrics.listen == "127.0.0.1:9465"
    with pytest.raises(ConfigError, match=r"\[metrics\] listen"):
        bridge_toml(tmp_path, '[metrics]\nlisten = "9465"\n')
