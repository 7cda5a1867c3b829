"""What diagnostics read from devices: the last raw read and its meaning,
error counters, and a technician's reconnect through the manager."""

from __future__ import annotations

from kiosk.config import DeviceConfig
from kiosk.devices.base import BarcodeRead, DeviceState, TagRead, TagsSeen, describe
from kiosk.devices.manager import DeviceManager
from kiosk.devices.site import Site


def manager_for(*configs: DeviceConfig) -> DeviceManager:
    site = Site()
    return DeviceManager(configs, rfid=site.rfid, barcodes=site.barcodes, threaded=False)


def test_events_are_described_for_a_technician():
    assert describe(BarcodeRead("s", "39001000000011", "codabar")) == "codabar 39001000000011"
    seen = TagsSeen(
        "pad", arrived=(TagRead("E0", "3900", 2, 1, model="iso28560-3 (as stored)"), TagRead("E1", error="crc"))
    )
    assert describe(seen) == "tag E0: item 3900 part 1/2 [iso28560-3 (as stored)]; tag E1: unreadable (crc)"
    assert describe(TagsSeen("pad", left=("E0",))) == ""  # a tag leaving is no read


def test_the_last_read_keeps_raw_bytes_and_meaning_and_counters_count():
    manager = manager_for(DeviceConfig("pad", "rfid", "simulated"), DeviceConfig("scanner", "barcode", "simulated"))
    manager.open_all(lambda event: None)
    pad, scanner = manager.get("pad"), manager.get("scanner")
    assert pad.report().last_read is None
    scanner.scan("ABC", "code128")
    read = scanner.report().last_read
    assert (read.raw_hex, read.decoded) == ("41 42 43", "code128 ABC")
    memory = bytes.fromhex("11010133393030313030303030303032") + bytes(18)
    pad.place_memory("E004", memory)
    assert pad.report().last_read.raw_hex.startswith("11 01 01 33 39")
    pad.remove("E004")  # leaving is not a read: the last one stays
    assert pad.report().last_read.raw_hex.startswith("11 01 01")
    pad.count("failed_polls")
    pad.count("failed_polls")
    assert dict(pad.report().counters) == {"failed_polls": 2}
    assert not pad.report().has_self_test


def test_reconnect_reopens_a_lost_device_and_rebuilds_one_that_failed_to_open():
    statuses = []
    manager = manager_for(
        DeviceConfig("pad", "rfid", "simulated"), DeviceConfig("scanner", "barcode", "simulated", options={"baud": 1})
    )
    manager.open_all(lambda event: None, statuses.append)
    pad = manager.get("pad")
    pad.unplug("cable pulled")
    assert manager.reconnect("pad").state is DeviceState.OK
    assert dict(pad.report().counters)["reconnects_by_hand"] == 1
    assert statuses[-1].state is DeviceState.OK  # listeners saw it come back
    failed = manager.reconnect("scanner")  # its config is still wrong: still an error, with the reason
    assert failed.state is DeviceState.ERROR and "baud" in failed.reason
    assert [r.status.name for r in manager.reports()] == ["pad", "scanner"]
    manager.close_all()
