"""Start-up benchmark: time to the first screen drawn, and idle memory, of the demo kiosk.

Each run is a fresh interpreter (``python bench/startup.py --child kiosk``)
that starts the way ``kiosk demo`` does: the demo config
(``kiosk.config.demo_config_path()``, journal and catalog pointed at a
temporary folder so runs do not share data), ``build()``, the GUI, the
simulator panel, the 1280x800 window.  Start-up is the parent's clock before
it spawns the child to the end of the main window's first paint (the child
reports ``time.monotonic()``, one clock for every process on Linux), so it
includes the interpreter and every import.  Then the event loop runs idle
for a moment and the child reads VmRSS from /proc/self/status.

The same is measured for a bare PySide6 window (``QApplication`` and
``QWidget().show()``): the floor the kiosk cannot go under.

*warm*: the file cache holds everything (one discarded run first).
*cold*: the page cache is dropped (``echo 3 > /proc/sys/vm/drop_caches``, root
only) before every run; where that is not permitted the cold figures are
``None`` and ``cold_note`` says so (the ``-X importtime`` breakdown still
tells where the time goes).  Dropping caches affects the whole machine.

``imports``: the kiosk child under ``-X importtime``: the top-level packages
by cumulative import time, and the modules the demo config never uses.

Targets (the issue): first screen <= 0.8 s cold, idle RSS <= 120 MB.
"""

from __future__ import annotations

# Only what the child needs at module level: its imports are part of what it measures.
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"cold_s": 0.8, "rss_mb": 120.0}
IDLE_MS = 1000  # the event loop runs this long after the first paint before RSS is read
VAR_ENV = "KIOSK_BENCH_STARTUP_VAR"  # the folder for the demo's catalog and journal (default: a new one)

#: Imported on the demo's start but not needed by its config (simulated devices,
#: demo catalog, zxing decoder never started): each is start-up time and memory.
NOT_NEEDED_BY_DEMO = (
    "cv2",
    "numpy",
    "zxingcpp",
    "pyzbar",
    "barcode",
    "PIL",
    "hypothesis",
    "serial",
    "kiosk.ui.camera_preview",
    "kiosk.devices.barcode.camera",
    "kiosk.sip2",
    "kiosk.catalog.sip2",
    "kiosk.devices.rfid.reader_3m",
    "kiosk.devices.rfid.reader_feig",
)


# ------------------------------------------------------------------ the child


def _rss_kb() -> dict[str, int]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def _child(kind: str) -> None:
    """Start a kiosk (or a bare window), print one JSON line when drawn and idle, exit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    result: dict = {"imported": time.monotonic()}
    app = QApplication(sys.argv[:1])
    cleanup = []

    if kind == "bare":
        window = QWidget()
        window.resize(1280, 800)
    else:
        sys.path.insert(0, str(ROOT))
        import tempfile

        from kiosk import config
        from kiosk.app import build
        from kiosk.ui.app import GuiKiosk
        from kiosk.ui.simulator import SimulatorPanel
        from kiosk.ui.style import stylesheet

        result["imported"] = time.monotonic()
        # The parent's folder, shared by its runs: like `kiosk demo`'s var/, the catalog and
        # journal exist after the first run (a fresh folder would time creating them every run).
        tmp = None if os.environ.get(VAR_ENV) else tempfile.TemporaryDirectory()
        var = os.environ.get(VAR_ENV) or tmp.name
        settings = config.load(config.demo_config_path())
        settings = config.override(settings, "journal", path=f"{var}/journal.sqlite3")
        settings = config.override(settings, "catalog", path=f"{var}/catalog.sqlite3")
        kiosk = build(settings)
        result["built"] = time.monotonic()
        gui = GuiKiosk(kiosk)
        app.setStyleSheet(stylesheet(800))
        kiosk.sync_worker.start()
        panel = SimulatorPanel(gui.kiosk)
        panel.show()
        window = gui.window
        window.resize(1280, 800)
        cleanup += [gui.close] + ([tmp.cleanup] if tmp else [])

    def idle() -> None:
        result.update(_rss_kb())
        result["modules"] = len(sys.modules)
        app.quit()

    def drawn() -> None:  # runs after the paint event (and its flush) is done
        result["first_paint"] = time.monotonic()
        QTimer.singleShot(IDLE_MS, idle)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802
            if event.type() == QEvent.Paint and "first_paint" not in result:
                window.removeEventFilter(self)
                QTimer.singleShot(0, drawn)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    result["shown"] = time.monotonic()
    app.exec()
    for close in cleanup:
        close()
    print(json.dumps(result), flush=True)


# ----------------------------------------------------------------- the parent


def _can_drop_caches() -> bool:
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def _drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONTRACEMALLOC", None)
    return env


def _one(kind: str, *, cold: bool = False, var: str | None = None) -> dict:
    import subprocess

    if cold:
        _drop_caches()
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind],
        env={**_env(), VAR_ENV: var} if var else _env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=ROOT,
    ).stdout
    child = json.loads(out.strip().splitlines()[-1])
    return {
        "start_s": child["first_paint"] - start,
        # where the time went: interpreter and imports, build(), the GUI built and shown, the paint
        "imports_s": child["imported"] - start,
        "build_s": child["built"] - child["imported"] if "built" in child else 0.0,
        "gui_s": child["shown"] - child.get("built", child["imported"]),
        "paint_s": child["first_paint"] - child["shown"],
        "rss_mb": child["VmRSS"] / 1024,
        "hwm_mb": child["VmHWM"] / 1024,
        "modules": child["modules"],
    }


def _median(runs: list[dict]) -> dict:
    import statistics

    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def _importtime(kind: str = "kiosk") -> dict:
    """Cumulative import time (ms) per top-level package, and what the demo does not need."""
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-X", "importtime", str(Path(__file__).resolve()), "--child", kind],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=ROOT,
    )
    return summarise_importtime(proc.stderr)


def summarise_importtime(stderr: str) -> dict:
    """``-X importtime`` lines -> cumulative ms per top-level import, and for each module the
    demo does not need: its cumulative ms and the chain of imports that pulled it in."""
    entries = []  # (depth, name, cumulative ms), in the order Python prints them: children first
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative_us, name = line[len("import time:") :].split("|", 2)
        depth = (len(name) - len(name.lstrip()) - 1) // 2  # " " then two spaces per nesting level
        entries.append((depth, name.strip(), int(cumulative_us) / 1000))
    by_top: dict[str, float] = {}
    unneeded: dict[str, dict] = {}
    for i, (depth, name, ms) in enumerate(entries):
        if depth == 0:  # a top-level import: its cumulative time covers what it pulled in
            top = name if name.startswith("kiosk") else name.split(".")[0]
            by_top[top] = by_top.get(top, 0.0) + ms
        if name in NOT_NEEDED_BY_DEMO and name not in unneeded:
            via, want = [], depth - 1
            for d, parent, _ in entries[i + 1 :]:  # a parent is printed after its children
                if d == want:
                    via.append(parent)
                    want -= 1
                if want < 0:
                    break
            unneeded[name] = {"ms": round(ms, 1), "via": via}
    ranked = sorted(by_top.items(), key=lambda kv: -kv[1])[:15]
    return {
        "top_level_ms": {k: round(v, 1) for k, v in ranked},
        "not_needed_by_demo": unneeded,
        "total_ms": round(sum(by_top.values()), 1),
    }


def run(repeats: int = 5, cold: bool = True, importtime: bool = True) -> dict:
    import tempfile

    report: dict = {"platform": _env()["QT_QPA_PLATFORM"], "repeats": repeats, "idle_ms": IDLE_MS, "targets": TARGETS}
    var = tempfile.TemporaryDirectory()
    try:
        for kind in ("kiosk", "bare"):
            _one(kind, var=var.name)  # the second run is "warm": file cache, bytecode, the demo's data
            report[f"{kind}_warm"] = _median([_one(kind, var=var.name) for _ in range(repeats)])
        can_drop = cold and _can_drop_caches()
        if can_drop:
            for kind in ("kiosk", "bare"):
                report[f"{kind}_cold"] = _median([_one(kind, cold=True, var=var.name) for _ in range(repeats)])
    finally:
        var.cleanup()
    if not can_drop:
        report["kiosk_cold"] = report["bare_cold"] = None
        report["cold_note"] = (
            "not measured: cannot write /proc/sys/vm/drop_caches (needs root, and a "
            "writable /proc/sys); see imports for where a cold start's time goes"
        )
    if importtime:
        report["imports"] = _importtime()
    cold_s = report["kiosk_cold"]["start_s"] if report["kiosk_cold"] else None
    report["met"] = {
        "cold_s": cold_s is not None and cold_s <= TARGETS["cold_s"],
        "rss_mb": report["kiosk_warm"]["rss_mb"] <= TARGETS["rss_mb"],
    }
    return report


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        print(json.dumps(run(), indent=2))
