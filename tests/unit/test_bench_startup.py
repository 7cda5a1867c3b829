"""bench/startup.py keeps measuring what the README publishes: its child starts
the demo kiosk and reports the first paint and idle memory, and the import
breakdown names what pulled a module in (one run here; the figures come from
the benchmark)."""

import json
import time

import bench.startup

IMPORTTIME = """\
import time: self [us] | cumulative | imported package
import time:       100 |        100 |       numpy.core
import time:       200 |        300 |     numpy
import time:       400 |        700 |   cv2
import time:        50 |        750 | kiosk.ui.camera_preview
import time:        10 |         10 | json
"""


def test_the_child_starts_the_demo_kiosk_and_reports_first_paint_and_rss():
    before = time.monotonic()
    run = bench.startup._one("kiosk")
    assert json.loads(json.dumps(run)) == run
    assert 0 < run["start_s"] < time.monotonic() - before
    assert run["rss_mb"] > 0 and run["hwm_mb"] >= run["rss_mb"]
    assert run["modules"] > 100  # the kiosk was imported, not just Qt


def test_import_breakdown_sums_top_level_imports_and_names_the_chain():
    summary = bench.startup.summarise_importtime(IMPORTTIME)
    assert summary["top_level_ms"] == {"kiosk.ui.camera_preview": 0.8, "json": 0.0}
    assert summary["not_needed_by_demo"]["numpy"] == {"ms": 0.3, "via": ["cv2", "kiosk.ui.camera_preview"]}
    assert summary["not_needed_by_demo"]["cv2"]["via"] == ["kiosk.ui.camera_preview"]
