"""`kiosk sync --forever`: what kiosk-sync.service runs; systemd stops it with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def test_sigterm_stops_the_sync_daemon_cleanly(demo_settings, tmp_path):
    config = tmp_path / "kiosk.toml"
    text = demo_settings.source.read_text()
    config.write_text(
        text.replace('path = "../var/demo-journal.sqlite3"', f'path = "{tmp_path / "journal.sqlite3"}"').replace(
            'path = "../var/demo-catalog.sqlite3"', f'path = "{tmp_path / "catalog.sqlite3"}"'
        )
    )
    kiosk = str(Path(sys.executable).with_name("kiosk"))
    daemon = subprocess.Popen(
        [kiosk, "--log-level", "INFO", "sync", "--forever", "--config", str(config)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        for line in daemon.stderr:  # blocks until the daemon says it runs: no sleep
            if "until stopped" in line:
                break
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
        assert "Traceback" not in daemon.stderr.read()
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
        daemon.stderr.close()
    assert (tmp_path / "journal.sqlite3").exists()
