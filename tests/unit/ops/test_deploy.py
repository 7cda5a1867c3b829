"""deploy/: the systemd units and the monitoring files are checked with the
tools that will read them (systemd-analyze, promtool), and the dashboard
and rules only name metrics the kiosk really exports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from kiosk.app import build
from kiosk.metrics import BridgeMetrics, KioskMetrics, kiosk_sources

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
MONITORING = DEPLOY / "monitoring"
PROMTOOL = shutil.which("promtool")
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
needs_promtool = pytest.mark.skipif(PROMTOOL is None, reason="promtool (Debian's prometheus package) is not installed")


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_systemd_accepts_the_unit_without_a_warning(unit, tmp_path):
    # Installed paths are those of `make install`; here they point at this checkout's programs.
    kiosk = str(Path(sys.executable).with_name("kiosk"))
    text = unit.read_text().replace("/opt/kiosk/venv/bin/kiosk", kiosk)
    for program in ("/usr/bin/cage", "/usr/bin/xinit"):
        if not Path(program).exists():
            text = text.replace(program, "/bin/true")
    copy = tmp_path / unit.name
    copy.write_text(text)
    checked = subprocess.run([SYSTEMD_ANALYZE, "verify", str(copy)], capture_output=True, text=True, check=False)
    # verify exits 0 on an unknown key or a bad value, saying so on stderr: both count.
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_the_screen_units_restart_a_hung_kiosk():
    for name in ("kiosk.service", "kiosk-x.service"):
        text = (DEPLOY / "systemd" / name).read_text()
        assert "Type=notify" in text and "NotifyAccess=all" in text and re.search(r"^WatchdogSec=\d+", text, re.M)
        assert "Restart=always" in text and "User=kiosk" in text


@needs_promtool
def test_promtool_checks_the_alert_rules():
    checked = subprocess.run(
        [PROMTOOL, "check", "rules", str(MONITORING / "kiosk-alerts.yml")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@needs_promtool
def test_the_alert_rules_fire_when_they_should():
    tested = subprocess.run(
        [PROMTOOL, "test", "rules", "kiosk-alerts.test.yml"], cwd=MONITORING, capture_output=True, text=True
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr


@needs_promtool
def test_the_example_prometheus_config_is_valid():
    checked = subprocess.run(
        [PROMTOOL, "check", "config", str(MONITORING / "prometheus.yml")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _served_names(metrics) -> set[str]:
    """The metric families an exporter serves over HTTP, as the dashboard names them."""
    metrics.serve("127.0.0.1:0")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{metrics.port}/metrics", timeout=10) as answer:
            text = answer.read().decode()
    finally:
        metrics.close()
    return _series_names(" ".join(line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")))


def _exported_names(demo_settings) -> set[str]:
    kiosk = build(demo_settings, threaded=False)
    try:
        kiosk.devices.open_all(lambda event: None)
        kiosk.syncer.run_once()  # so the catalog's round trip has been measured
        return _served_names(KioskMetrics(kiosk_sources(kiosk)))
    finally:
        kiosk.close()


def _bridge_names() -> set[str]:
    metrics = BridgeMetrics("slims")
    metrics.observe("checkout", "ok", 0.01)  # a labelled family shows once it has a series
    return _served_names(metrics)


def _series_names(expr: str) -> set[str]:
    names = set(re.findall(r"\b(kiosk_[a-z0-9_]+)", expr))
    return {re.sub(r"_(bucket|count|sum|total)$", "", n) for n in names}


def test_dashboard_and_rules_name_only_exported_metrics(demo_settings):
    exported = _exported_names(demo_settings) | _bridge_names()
    board = json.loads((MONITORING / "grafana-kiosks.json").read_text())
    exprs = [t["expr"] for panel in board["panels"] for t in panel["targets"]]
    exprs += re.findall(r"expr: (.+)", (MONITORING / "kiosk-alerts.yml").read_text())
    used = set().union(*map(_series_names, exprs))
    assert used, "no kiosk metric found in the dashboard"
    assert used <= exported, f"not exported by the kiosk: {sorted(used - exported)}"
