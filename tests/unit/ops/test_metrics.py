"""The kiosk's /metrics: what a library's Prometheus scrapes, checked with
Prometheus's own promtool, and numbers that follow what the kiosk did."""

from __future__ import annotations

import shutil
import subprocess
import urllib.request

import pytest

from kiosk import config
from kiosk.app import build, serve_metrics
from kiosk.catalog import demo_data as d
from kiosk.errors import CatalogUnavailable, ConfigError
from kiosk.metrics import KioskMetrics, RoundTrip, kiosk_sources

SITI = d.patron_card(1)
PROMTOOL = shutil.which("promtool")


@pytest.fixture
def metrics_kiosk(demo_settings):
    kiosk = build(demo_settings, threaded=False)
    kiosk.devices.open_all(lambda event: None)
    metrics = KioskMetrics(kiosk_sources(kiosk))
    kiosk.metrics = metrics
    kiosk.circulation.desk.on_session_end = metrics.session_ended
    metrics.serve("127.0.0.1:0")
    yield kiosk
    kiosk.close()


def scrape(kiosk) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{kiosk.metrics.port}/metrics", timeout=10) as answer:
        return answer.read().decode()


def value(text: str, series: str) -> float:
    for line in text.splitlines():
        if line.startswith(series + " "):
            return float(line.split()[-1])
    raise AssertionError(f"{series} not in the scrape:\n{text}")


def test_a_loan_and_a_refusal_are_counted_by_kind_and_outcome(metrics_kiosk):
    circ = metrics_kiosk.circulation
    session = circ.sign_in(SITI, "1234").session
    assert circ.checkout(session, d.item_barcode(1)).ok
    assert not circ.checkout(session, d.item_barcode(3)).ok  # on hold for another patron
    circ.end_session(session)
    text = scrape(metrics_kiosk)
    assert value(text, 'kiosk_transactions_total{kind="checkout",offline="0",outcome="done"}') == 1
    assert value(text, 'kiosk_transactions_total{kind="checkout",offline="0",outcome="refused"}') == 1
    assert value(text, "kiosk_session_duration_seconds_count") == 1
    assert value(text, "kiosk_queue_rows") == 0
    assert value(text, "kiosk_catalog_online") == 1
    assert value(text, 'kiosk_device_state{device="pad",driver="simulated",kind="rfid",state="ok"}') == 1


def test_offline_loans_show_as_a_queue_with_its_age(metrics_kiosk, monkeypatch):
    circ = metrics_kiosk.circulation
    session = circ.sign_in(SITI, "1234").session

    def gone(*args, **kwargs):
        raise CatalogUnavailable("the catalog is unplugged")

    monkeypatch.setattr(metrics_kiosk.catalog, "checkout", gone)
    assert circ.checkout(session, d.item_barcode(1)).offline
    text = scrape(metrics_kiosk)
    assert value(text, "kiosk_queue_rows") == 1
    assert value(text, "kiosk_queue_oldest_age_seconds") >= 0


@pytest.mark.skipif(PROMTOOL is None, reason="promtool (Debian's prometheus package) is not installed")
def test_promtool_accepts_the_exposition(metrics_kiosk):
    circ = metrics_kiosk.circulation
    session = circ.sign_in(SITI, "1234").session
    circ.checkout(session, d.item_barcode(1))
    checked = subprocess.run(
        [PROMTOOL, "check", "metrics"], input=scrape(metrics_kiosk), capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_busy_port_leaves_the_kiosk_lending_without_metrics(demo_settings):
    first = build(demo_settings, threaded=False)
    try:
        metrics = KioskMetrics(kiosk_sources(first))
        metrics.serve("127.0.0.1:0")
        taken = config.override(demo_settings, "metrics", listen=f"127.0.0.1:{metrics.port}")
        second = build(taken, threaded=False)
        try:
            serve_metrics(second)
            assert second.metrics is None
            assert second.circulation.sign_in(SITI, "1234").ok
        finally:
            second.close()
        metrics.close()
    finally:
        first.close()


@pytest.mark.parametrize("listen", ["9464", "localhost", "127.0.0.1:0", "127.0.0.1:99999", "127.0.0.1:9٤64"])
def test_check_config_refuses_a_listen_address_nobody_could_scrape(demo_settings, tmp_path, listen):
    path = tmp_path / "kiosk.toml"
    path.write_text(demo_settings.source.read_text() + f'\n[metrics]\nlisten = "{listen}"\n')
    with pytest.raises(ConfigError, match=r"\[metrics\] listen"):
        config.load(path)


def test_round_trip_is_measured_at_most_once_a_minute():
    now = [100.0]
    pings = []

    def ping():
        pings.append(now[0])
        now[0] += 0.25
        return True

    rtt = RoundTrip(ping, every_s=60, clock=lambda: now[0])
    assert rtt() == pytest.approx(0.25)
    now[0] += 30
    assert rtt() == pytest.approx(0.25) and len(pings) == 1
    now[0] += 31
    rtt()
    assert len(pings) == 2


def test_round_trip_is_absent_while_the_catalog_does_not_answer():
    def ping():
        raise CatalogUnavailable("no route to host")

    assert RoundTrip(ping)() is None
