"""The kiosk's windows on a real display server, for test_real_screen.py:
placed exactly as ``kiosk run`` (full screen) or ``kiosk demo`` (kiosk and
simulator side by side) place them, then reported as JSON — Qt's geometry,
the screen's, and on X11 the server's own word (xwininfo).

    python -m tests.integration.screen_probe run|demo
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk import config
from kiosk.app import build
from kiosk.ui.app import GuiKiosk, show_windows


def x11_geometry(window) -> list[int] | None:
    """(x, y, width, height) of a window as the X server has it mapped."""
    if QApplication.platformName() != "xcb" or not shutil.which("xwininfo"):
        return None
    out = subprocess.run(["xwininfo", "-id", str(int(window.winId()))], capture_output=True, text=True).stdout
    fields = {k: int(v) for k, v in re.findall(r"(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", out)}
    return [fields["Absolute upper-left X"], fields["Absolute upper-left Y"], fields["Width"], fields["Height"]]


def main(mode: str) -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = config.load(config.demo_config_path())
        settings = config.override(settings, "journal", path=f"{tmp}/journal.sqlite3")
        settings = config.override(settings, "catalog", path=f"{tmp}/catalog.sqlite3")
        settings = config.override(settings, "audio", enabled=False)
        gui = GuiKiosk(build(settings, threaded=False), tick_ms=0)
        panel = show_windows(gui, fullscreen=mode == "run", simulator=mode == "demo")
        windows = {"kiosk": gui.window, **({"simulator": panel} if panel is not None else {})}
        report = {"platform": app.platformName(), "screen": list(app.primaryScreen().geometry().getRect())}
        for name, window in windows.items():
            exposed = QTest.qWaitForWindowExposed(window, 10_000)  # returns as soon as the server shows it
            app.processEvents()
            report[name] = {
                "exposed": exposed,
                "qt": list(window.geometry().getRect()),
                "x11": x11_geometry(window),
                "fits": window.minimumSizeHint().height() <= window.height(),
            }
        print(json.dumps(report), flush=True)
        if panel is not None:
            panel.close()
        gui.window.close()
        gui.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
