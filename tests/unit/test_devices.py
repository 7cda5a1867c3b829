"""Device layer: registry, manager states, simulated drivers."""

import pytest

from kiosk.config import DeviceConfig
from kiosk.devices.base import BarcodeRead, DeviceState, TagRead, TagsSeen
from kiosk.devices.manager import DeviceManager
from kiosk.devices.registry import driver_class
from kiosk.devices.simulated import SimulatedBarcodeScanner, SimulatedRfidReader
from kiosk.errors import DeviceError


def test_unknown_driver_names_the_known_ones():
    with pytest.raises(DeviceError) as err:
        driver_class("rfid", "acme-9000", "[devices.pad]: ")
    assert "acme-9000" in str(err.value) and "simulated" in str(err.value)
    assert driver_class("barcode", "simulated") is SimulatedBarcodeScanner


def test_manager_opens_devices_and_keeps_failures_visible():
    events, statuses = [], []
    manager = DeviceManager([DeviceConfig("pad", "rfid", "simulated"),
                             DeviceConfig("scanner", "barcode", "simulated", options={"baud": 9600}),
                             DeviceConfig("spare", "barcode", "simulated", enabled=False)], threaded=False)
    result = {s.name: s for s in manager.open_all(events.append, statuses.append)}
    assert result["pad"].state is DeviceState.OK
    assert result["scanner"].state is DeviceState.ERROR and "baud" in result["scanner"].reason
    assert "spare" not in result
    assert isinstance(manager.first("rfid"), SimulatedRfidReader)
    manager.close_all()
    assert manager.devices["pad"].status.state is DeviceState.CLOSED


def test_simulated_reader_reports_arrivals_once_and_departures():
    events = []
    pad = SimulatedRfidReader("pad", threaded=False)
    pad.on_event(events.append)
    pad.open()
    tag = TagRead("E004010000000001", "39001000000011")
    pad.place(tag)
    pad.place(tag)  # still lying there: not a new arrival
    pad.remove(tag.uid)
    assert events == [TagsSeen("pad", arrived=(tag,)), TagsSeen("pad", left=(tag.uid,))]


def test_simulated_reader_security_and_unplug():
    statuses = []
    pad = SimulatedRfidReader("pad", threaded=False)
    pad.on_status(statuses.append)
    pad.open()
    pad.place(TagRead("U1", "I1"), TagRead("U2", "I2"))
    pad.fail_security.add("U2")
    assert pad.set_secured("U1", False) and pad.secured["U1"] is False
    assert not pad.set_secured("U2", False) and pad.secured["U2"] is True
    assert not pad.set_secured("GONE", False)
    pad.unplug()
    pad.replug()
    assert [s.state for s in statuses] == [DeviceState.OK, DeviceState.DISCONNECTED, DeviceState.OK]


def test_a_listener_bug_does_not_stop_the_device():
    scanner = SimulatedBarcodeScanner("scanner", threaded=False)
    seen = []
    scanner.on_event(lambda e: 1 / 0)
    scanner.on_event(seen.append)
    scanner.open()
    scanner.scan("39001000000011")
    assert seen == [BarcodeRead("scanner", "39001000000011")]
