"""bench/rfid_stack.py keeps producing the report bench/run.py publishes
(unpaced and small here: the figures themselves come from the benchmark)."""

import json

import bench.rfid_stack


def test_benchmark_reads_a_stack_and_reports_it_against_the_floor():
    report = bench.rfid_stack.run(tags=3, runs=2, blocks=9, paced=False)
    assert json.loads(json.dumps(report)) == report
    assert (report["tags"], report["runs"], report["blocks_per_tag"]) == (3, 2, 9)
    # one inventory (8 + 10 + 8 per tag bytes) and a 9-block read per tag (16 + 70 bytes)
    assert report["bytes_on_wire"] == 8 + 10 + 8 * 3 + 3 * (16 + 70)
    assert report["floor_s"] > 0 and report["measured_s"] > 0 and report["ratio"] > 0
