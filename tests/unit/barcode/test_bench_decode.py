"""bench/decode.py keeps producing the report bench/run.py publishes."""

import json
import os

import bench.decode


def test_benchmark_reports_every_backend_as_json():
    affinity = os.sched_getaffinity(0)
    report = bench.decode.run(per_class=1, empty=2, driver_trials=2)

    assert json.loads(json.dumps(report)) == report
    assert report["frames"] == {"with_code": len(bench.decode.CLASSES), "empty": 2}
    for backend in ("zxing", "zbar"):
        figures = report["backends"][backend]
        assert figures["fps_with_code"] > 0 and figures["ms_per_empty_frame"]["mean"] > 0
        assert set(figures["decode_rate"]) == set(bench.decode.CLASSES)
        assert figures["misreads_accepted"] == 0
    driver = report["driver"]
    assert driver["trials"] == 2 and driver["ms_to_accept"]["max"] > 0 and driver["frames_to_accept_median"] >= 1
    assert os.sched_getaffinity(0) == affinity  # the one-core pinning is undone
