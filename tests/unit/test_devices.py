"""Device layer: registry, manager states and reconnecting, simulated drivers."""

import subprocess
import sys

import pytest

from kiosk.config import DeviceConfig
from kiosk.devices.base import BarcodeRead, DeviceState, TagRead, TagsSeen
from kiosk.devices.manager import DeviceManager, backoff_s
from kiosk.devices.registry import driver_class
from kiosk.devices.simulated import SimulatedBarcodeScanner, SimulatedRfidReader
from kiosk.devices.site import Site, SiteBarcodes, SiteRfid
from kiosk.errors import DeviceError
from tests.unit.barcode.recorder import ManualScheduler

UNTHREADED = Site(threaded=False)


def manager_for(*configs, scheduler=None) -> DeviceManager:
    return DeviceManager(configs, rfid=SiteRfid(), barcodes=SiteBarcodes(), threaded=False, scheduler=scheduler)


def test_unknown_driver_names_the_known_ones():
    with pytest.raises(DeviceError) as err:
        driver_class("rfid", "acme-9000", "[devices.pad]: ")
    assert "acme-9000" in str(err.value) and "simulated" in str(err.value)
    assert driver_class("barcode", "simulated") is SimulatedBarcodeScanner


def test_manager_opens_devices_and_keeps_failures_visible():
    events, statuses = [], []
    manager = manager_for(
        DeviceConfig("pad", "rfid", "simulated"),
        DeviceConfig("scanner", "barcode", "simulated", options={"baud": 9600}),
        DeviceConfig("spare", "barcode", "simulated", enabled=False),
    )
    result = {s.name: s for s in manager.open_all(events.append, statuses.append)}
    assert result["pad"].state is DeviceState.OK
    assert result["scanner"].state is DeviceState.ERROR and "baud" in result["scanner"].reason
    assert "spare" not in result
    assert isinstance(manager.first("rfid"), SimulatedRfidReader)
    assert manager.get("pad") is manager.first("rfid") and manager.get("scanner") is None
    assert manager.frame_source() is None  # no camera configured
    manager.close_all()
    assert manager.devices["pad"].status.state is DeviceState.CLOSED


def test_check_refuses_a_misspelt_option_as_start_up_would_and_names_it():
    DeviceManager.check([DeviceConfig("camera", "barcode", "camera", options={"device": 0, "crop": 0.5})])
    with pytest.raises(DeviceError) as err:
        DeviceManager.check(
            [
                DeviceConfig("pad", "rfid", "simulated"),
                DeviceConfig("camera", "barcode", "camera", options={"devise": 0}),
            ]
        )
    assert err.value.message.startswith("[devices.camera] devise: unknown option for the camera driver")
    assert "device" in err.value.message and "spelling" in err.value.hint
    with pytest.raises(DeviceError, match=r"\[devices.scanner\] baudrate: expected a baud rate"):
        DeviceManager.check(
            [DeviceConfig("scanner", "barcode", "serial", options={"port": "/dev/x", "baudrate": "fast"})]
        )


def test_check_and_the_demo_devices_import_no_camera_or_serial_library():
    """Only the module of a configured driver is imported: a kiosk without a camera never loads OpenCV."""
    code = (
        "import sys\n"
        "from kiosk.config import DeviceConfig\n"
        "from kiosk.devices.manager import DeviceManager\n"
        "from kiosk.devices.site import SiteBarcodes, SiteRfid\n"
        "configs = [DeviceConfig('pad', 'rfid', 'simulated'), DeviceConfig('scanner', 'barcode', 'simulated'),\n"
        "           DeviceConfig('camera', 'barcode', 'camera', enabled=False)]\n"
        "DeviceManager.check(configs)\n"
        "DeviceManager(configs, rfid=SiteRfid(), barcodes=SiteBarcodes()).open_all(lambda e: None)\n"
        "print(sorted(m for m in ('cv2', 'numpy', 'zxingcpp', 'pyzbar', 'serial') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_lost_device_is_retried_with_a_growing_bounded_delay_until_it_is_back():
    scheduler = ManualScheduler()
    statuses = []
    manager = manager_for(DeviceConfig("pad", "rfid", "simulated"), scheduler=scheduler)
    manager.open_all(lambda event: None, statuses.append)
    pad = manager.get("pad")
    pad.unplug()
    assert scheduler.delays == [backoff_s(0, pad.reconnect_s)]
    for _ in range(5):
        manager.reconnect_now()  # still unplugged: each attempt fails and the next waits longer, up to the bound
    assert scheduler.delays == [0.0625, 0.125, 0.25, 0.5, 0.5, 0.5]
    pad.replug()
    manager.reconnect_now()  # finds it back: no more attempts
    manager.reconnect_now()
    assert len(scheduler.delays) == 6
    assert [s.state for s in statuses] == [DeviceState.OK, DeviceState.DISCONNECTED, DeviceState.OK]
    pad.unplug()  # lost again: the delays start small again
    assert scheduler.delays[-1] == 0.0625
    manager.close_all()
    manager.reconnect_now()  # closing cancels what was waiting
    assert pad.status.state is DeviceState.CLOSED and len(scheduler.delays) == 7


def test_simulated_reader_reports_arrivals_once_and_departures():
    events = []
    pad = SimulatedRfidReader("pad", site=UNTHREADED)
    pad.on_event(events.append)
    pad.open()
    tag = TagRead("E004010000000001", "39001000000011")
    pad.place(tag)
    pad.place(tag)  # still lying there: not a new arrival
    pad.remove(tag.uid)
    assert events == [TagsSeen("pad", arrived=(tag,)), TagsSeen("pad", left=(tag.uid,))]


def test_simulated_reader_security_and_unplug():
    statuses = []
    pad = SimulatedRfidReader("pad", site=UNTHREADED)
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
    scanner = SimulatedBarcodeScanner("scanner", site=UNTHREADED)
    seen = []
    scanner.on_event(lambda e: 1 / 0)
    scanner.on_event(seen.append)
    scanner.open()
    scanner.scan("39001000000011")
    assert seen == [BarcodeRead("scanner", "39001000000011")]
