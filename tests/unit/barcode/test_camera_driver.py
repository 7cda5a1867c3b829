"""The camera driver with a fake camera showing python-barcode-rendered frames."""

import pytest

from kiosk.config import DeviceConfig
from kiosk.devices.barcode import site
from kiosk.devices.barcode.camera import CameraScanner
from kiosk.devices.barcode.camera_pipeline import crop_centre
from kiosk.devices.base import BarcodeRead, DeviceState
from kiosk.devices.manager import DeviceManager
from kiosk.devices.registry import build, driver_class
from kiosk.devices.site import Site, SiteBarcodes, SiteRfid
from kiosk.errors import DeviceError, KnownError
from tests.fakes.camera_fake import FPS, FakeCamera
from tests.unit.barcode.frames import LABELS, make_label, render_frame
from tests.unit.barcode.recorder import ManualScheduler, Recorder, wait_until
from tests.unit.barcode.site_rules import BOOK, CARD, DEMO_BARCODES

EMPTY = render_frame(None, seed=1)
CARD_FRAME = render_frame(make_label("codabar", f"A{CARD}B"), seed=2)
BOOK_FRAME = render_frame(make_label("codabar", f"C{BOOK}D"), "rotated_+5", seed=3)
BAD_CHECK_FRAME = render_frame(make_label("codabar", f"A{CARD[:-1]}{(int(CARD[-1]) + 1) % 10}B"), seed=4)


@pytest.fixture
def camera():
    fake = FakeCamera(EMPTY)
    opened = []

    def make(options=None, barcodes=DEMO_BARCODES):
        """The camera as the kiosk's device manager opens it (reconnect attempts when the test says)."""
        manager = DeviceManager(
            [DeviceConfig("camera", "barcode", "camera", options=options or {"absence_s": 1.0, "reconnect_s": 0.01})],
            rfid=SiteRfid(),
            barcodes=SiteBarcodes(**barcodes),
            capture=lambda opts: fake,
            clock=fake.clock,
            scheduler=ManualScheduler(),
        )
        recorder = Recorder()
        manager.open_all(recorder.events.put, recorder.status)
        recorder.device = device = manager.frame_source()
        recorder.manager = manager
        opened.append(manager)
        return device, recorder

    yield fake, make
    for manager in opened:
        manager.close_all()


def _decode_more(device, frames: int) -> None:
    start = device.frames_decoded
    wait_until(lambda: device.frames_decoded >= start + frames)


def test_registered_as_the_camera_barcode_driver():
    assert driver_class("barcode", "camera") is CameraScanner


def test_a_card_held_up_is_reported_once_with_its_symbology(camera):
    fake, make = camera
    device, rec = make()
    assert device.status.state is DeviceState.OK
    fake.show(CARD_FRAME)
    assert rec.next_read() == BarcodeRead("camera", f"A{CARD}B", "codabar")
    _decode_more(device, 20)
    assert rec.no_more_reads()


def test_a_different_code_is_accepted_at_once_and_a_returning_one_after_its_absence(camera):
    fake, make = camera
    device, rec = make()
    fake.show(CARD_FRAME)
    assert rec.next_read().code == f"A{CARD}B"
    fake.show(BOOK_FRAME)
    assert rec.next_read().code == f"C{BOOK}D"
    fake.show(EMPTY)
    start = fake.reads
    wait_until(lambda: fake.reads > start + 2 * FPS)  # two seconds of camera time away
    fake.show(CARD_FRAME)
    assert rec.next_read().code == f"A{CARD}B"


def test_codes_the_rules_refuse_or_symbologies_not_configured_are_never_reported(camera):
    fake, make = camera
    device, rec = make()
    assert site.decoder(SiteBarcodes(**DEMO_BARCODES)).decode(crop_centre(BAD_CHECK_FRAME))  # it decodes...
    fake.show(BAD_CHECK_FRAME)  # ...but fails the Luhn check
    _decode_more(device, 10)
    fake.show(render_frame(LABELS["code39"], seed=5))  # Code 39 is not in [barcodes] symbologies
    _decode_more(device, 10)
    assert rec.no_more_reads()


def test_without_rules_the_decoder_has_the_last_word(camera):
    fake, make = camera
    device, rec = make(barcodes={"symbologies": ["code39"], "rules": []})
    fake.show(render_frame(LABELS["code39"], seed=5))
    assert rec.next_read() == BarcodeRead("camera", LABELS["code39"].text, "code39")


def test_the_newest_frame_is_there_for_the_preview(camera):
    fake, make = camera
    device, _ = make()
    fake.show(CARD_FRAME)
    wait_until(lambda: device.latest_frame() is CARD_FRAME)
    assert isinstance(device, CameraScanner) and device.crop == (0.6, 0.5)


def test_unplugged_camera_is_disconnected_and_the_manager_brings_it_back(camera):
    fake, make = camera
    device, rec = make()
    fake.unplug()
    assert "no frames" in rec.wait_state(DeviceState.DISCONNECTED)
    rec.manager.reconnect_now()  # still unplugged
    assert device.status.state is DeviceState.DISCONNECTED and "cannot open camera 0" in device.status.reason
    fake.plug()
    rec.manager.reconnect_now()
    assert device.status.state is DeviceState.OK
    fake.show(CARD_FRAME)
    assert rec.next_read().code == f"A{CARD}B"


def test_a_camera_missing_at_start_is_disconnected_not_an_error(camera):
    fake, make = camera
    fake.unplug()
    device, rec = make()
    assert device.status.state is DeviceState.DISCONNECTED and "cannot open camera 0" in device.status.reason
    fake.plug()
    rec.manager.reconnect_now()
    assert device.status.state is DeviceState.OK
    fake.show(CARD_FRAME)
    assert rec.next_read().code == f"A{CARD}B"


@pytest.mark.parametrize(
    "options, key",
    [
        ({"device": -1}, "device"),
        ({"crop": 1.5}, "crop"),
        ({"crop": [0.5]}, "crop"),
        ({"fourcc": "MJPEG"}, "fourcc"),
        ({"width": "wide"}, "width"),
        ({"index": 0}, "index"),
    ],
)
def test_bad_options_are_a_device_error_naming_the_key(options, key):
    with pytest.raises(DeviceError) as err:
        DeviceManager.check([DeviceConfig("camera", "barcode", "camera", options=options)])
    assert f"[devices.camera] {key}:" in err.value.message


def test_bad_barcode_settings_are_refused_when_opening():
    device = build(
        DeviceConfig("camera", "barcode", "camera"),
        Site(barcodes=SiteBarcodes(rules=[{"name": "x", "kind": "book"}]), capture=lambda opts: None),
    )
    with pytest.raises(KnownError, match=r"\[barcodes\] rules"):
        device.open()
