"""RFID stack benchmark: read and decode a 10-tag stack through the 3M 810
emulator at 19200 baud, against the wire-time floor of the same bytes.

The production ``3m810`` driver (transport, reader loop, decoders) talks to
the emulator of tests/fakes over a real pty. A pty moves bytes instantly, so
the emulator paces every byte it receives and sends at 10 bit-times per
byte; the bytes of each run are counted from its wire log, and the floor is
their time on the wire at that baud - what a perfect host would need.

Measured per run: from the first byte of the inventory that finds the stack
to the TagsSeen event carrying all its decoded tags (every tag read with 28
blocks, as on an ICODE SLIX). The difference from the floor is the kiosk's
own overhead (request turnaround, parsing, decoding, thread hand-offs).
Also reported: from placing the stack to the event, which adds the wait for
the next poll (``poll_interval_ms``) - a setting, not overhead.

Target: median ratio <= 1.25.
"""

from __future__ import annotations

import queue
import statistics
import tempfile
import time
from pathlib import Path

from kiosk.config import DeviceConfig
from kiosk.devices.base import TagsSeen
from kiosk.devices.registry import build
from kiosk.devices.site import Site
from tests.fakes.rfid_3m import Emulated3M
from tests.fakes.rfid_emulator import BITS_PER_BYTE, EmulatedTag

TARGET_RATIO = 1.25
POLL_INTERVAL_MS = 100
EVENT_TIMEOUT_S = 60.0


def run(tags: int = 10, baudrate: int = 19200, runs: int = 5, blocks: int = 28, paced: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        pad = Emulated3M(Path(folder), "pad", baudrate=baudrate, paced=paced).plug()
        options = {"port": str(pad.path), "baudrate": baudrate, "blocks": blocks, "poll_interval_ms": POLL_INTERVAL_MS}
        reader = build(DeviceConfig("pad", "rfid", "3m810", options=options), Site())
        events: queue.Queue[tuple[float, TagsSeen]] = queue.Queue()
        reader.on_event(lambda event: events.put((time.monotonic(), event)))
        reader.open()
        try:
            samples = [_one_stack(pad, events, n, tags, blocks) for n in range(runs)]
        finally:
            reader.close()
            pad.close()
    ratios = [s["seconds"] / s["floor_s"] for s in samples]
    median_ratio = statistics.median(ratios)
    return {
        "tags": tags,
        "baudrate": baudrate,
        "blocks_per_tag": blocks,
        "runs": runs,
        "paced": paced,
        "bytes_on_wire": samples[0]["bytes"],
        "floor_s": round(statistics.median(s["floor_s"] for s in samples), 4),
        "measured_s": round(statistics.median(s["seconds"] for s in samples), 4),
        "ratio": round(median_ratio, 4),
        "ratio_min": round(min(ratios), 4),
        "ratio_max": round(max(ratios), 4),
        "overhead_ms": round(statistics.median(1000 * (s["seconds"] - s["floor_s"]) for s in samples), 1),
        "placed_to_event_s": round(statistics.median(s["placed_to_event_s"] for s in samples), 4),
        "poll_interval_ms": POLL_INTERVAL_MS,
        "target_ratio": TARGET_RATIO,
        "meets_target": median_ratio <= TARGET_RATIO,
    }


def _one_stack(pad: Emulated3M, events: queue.Queue, run_no: int, count: int, blocks: int) -> dict:
    items = [f"3900{run_no:04d}{i:06d}" for i in range(count)]
    stack = [EmulatedTag.item(item, blocks=blocks) for item in items]
    placed = time.monotonic()
    pad.place(*stack)
    arrived_at, event = events.get(timeout=EVENT_TIMEOUT_S)
    if sorted(t.item_id for t in event.arrived if not t.error) != items:
        raise RuntimeError(f"the stack did not arrive whole and decoded: {event}")
    with pad.lock:
        history, wire = list(pad.history), list(pad.wire_log)
    uids = {t.uid for t in stack}
    first_read = min(at for at, op, uid in history if op == "read" and uid in uids)
    started = max(at for at, op, _ in history if op == "inventory" and at <= first_read)
    sent = sum(n for _, start, _, n in wire if started <= start < arrived_at)
    pad.remove(*uids)
    while not events.get(timeout=EVENT_TIMEOUT_S)[1].left:
        pass
    return {
        "seconds": arrived_at - started,
        "bytes": sent,
        "floor_s": sent * BITS_PER_BYTE / pad.baudrate,
        "placed_to_event_s": arrived_at - placed,
    }
