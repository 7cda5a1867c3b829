"""The serial scanner driver against a scanner on a pty: real bytes, real tty."""

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import DeviceConfig
from kiosk.devices.barcode.serial_scanner import LineSplitter, SerialScanner, parse_line
from kiosk.devices.base import BarcodeRead, DeviceState
from kiosk.devices.manager import DeviceManager
from kiosk.devices.registry import driver_class
from kiosk.devices.serial_line import LineSettings, Protocol, ReaderThread, SerialLine
from kiosk.devices.site import SiteBarcodes, SiteRfid
from kiosk.errors import DeviceError
from tests.fakes.serial_scanner_fake import FakeSerialScanner
from tests.unit.barcode.recorder import ManualScheduler, Recorder, RecordingScheduler, wait_until

CARD = "29001000000015"
BOOK = "39001000000013"


@pytest.fixture
def fake(tmp_path):
    scanner = FakeSerialScanner(tmp_path).plug()
    yield scanner
    scanner.close()


def manager_for(*configs, scheduler=None) -> DeviceManager:
    return DeviceManager(configs, rfid=SiteRfid(), barcodes=SiteBarcodes(), scheduler=scheduler)


@pytest.fixture
def open_scanner(fake):
    """The scanner opened from config by the kiosk's device manager (which reconnects it)."""
    managers = []

    def make(scheduler=None, **options):
        manager = manager_for(
            DeviceConfig(
                "scanner", "barcode", "serial", options={"port": str(fake.path), "reconnect_s": 0.01, **options}
            ),
            scheduler=scheduler or RecordingScheduler(),
        )
        recorder = Recorder()
        manager.open_all(recorder.events.put, recorder.status)
        recorder.device = manager.get("scanner")
        recorder.manager = manager
        managers.append(manager)
        return recorder.device, recorder

    yield make
    for manager in managers:
        manager.close_all()


def test_registered_as_the_serial_barcode_driver():
    assert driver_class("barcode", "serial") is SerialScanner


def test_codes_ending_in_cr_lf_or_crlf_each_arrive_once(fake, open_scanner):
    device, rec = open_scanner()
    assert device.status.state is DeviceState.OK
    fake.scan(CARD, b"\r")
    fake.scan(BOOK, b"\r\n")
    fake.scan("39001000000021", b"\n")
    assert [rec.next_read() for _ in range(3)] == [
        BarcodeRead("scanner", CARD),
        BarcodeRead("scanner", BOOK),
        BarcodeRead("scanner", "39001000000021"),
    ]
    assert rec.no_more_reads()


def test_a_code_split_across_writes_is_put_back_together(fake, open_scanner):
    _, rec = open_scanner(terminator="\r\n")
    for part in (b"2900", b"10000000", b"15\r", b"\n"):
        fake.send(part)
    assert rec.next_read() == BarcodeRead("scanner", CARD)


def test_noise_is_logged_and_skipped_and_the_next_code_still_reads(fake, open_scanner, caplog):
    _, rec = open_scanner()
    with caplog.at_level(logging.WARNING):
        fake.send(b"\xff\xfe\x80garbage\r")  # line noise: not ASCII
        fake.send(b"12\x0034\r")  # a NUL inside: not a code
        fake.send(b"\x02" + CARD.encode() + b"\x03\r")  # STX/ETX framing around a code is fine
    assert rec.next_read() == BarcodeRead("scanner", CARD)
    assert rec.no_more_reads()
    assert sum("not a code" in r.getMessage() for r in caplog.records) == 2


def test_aim_identifiers_give_the_symbology(fake, open_scanner):
    _, rec = open_scanner(aim_ids=True)
    fake.scan("A" + CARD + "B", aim="]F0")
    fake.scan("9780306406157", aim="]E0")
    assert rec.next_read() == BarcodeRead("scanner", "A" + CARD + "B", "codabar")
    assert rec.next_read() == BarcodeRead("scanner", "9780306406157", "ean13")


def test_half_a_line_that_never_ends_is_dropped_not_glued_to_the_next_code(fake, open_scanner, caplog, monkeypatch):
    monkeypatch.setattr(SerialScanner, "partial_line_s", 0.05)
    device, rec = open_scanner()
    with caplog.at_level(logging.WARNING):
        fake.send(b"3900")
        wait_until(lambda: any("never got its line end" in r.getMessage() for r in caplog.records))
    fake.scan(CARD)
    assert rec.next_read() == BarcodeRead("scanner", CARD)


def test_unplug_reports_disconnected_and_replug_recovers_by_itself(fake, open_scanner):
    scheduler = RecordingScheduler()  # real timers
    device, rec = open_scanner(scheduler=scheduler)
    fake.unplug()
    reason = rec.wait_state(DeviceState.DISCONNECTED)
    assert str(fake.path) in reason
    fake.plug()
    rec.wait_state(DeviceState.OK)
    assert max(scheduler.delays) <= 0.01  # never waited longer than reconnect_s
    fake.scan(BOOK)
    assert rec.next_read() == BarcodeRead("scanner", BOOK)
    assert rec.states == [DeviceState.OK, DeviceState.DISCONNECTED, DeviceState.OK]


def test_the_manager_reopens_a_lost_scanner_trying_at_least_every_half_second(fake, open_scanner):
    scheduler = ManualScheduler()  # attempts happen when the test says
    device, rec = open_scanner(scheduler=scheduler, reconnect_s=0.5)
    fake.unplug()
    assert "reconnecting" in rec.wait_state(DeviceState.DISCONNECTED)
    for _ in range(4):
        rec.manager.reconnect_now()  # the port is still gone
    assert scheduler.delays == [0.0625, 0.125, 0.25, 0.5, 0.5]
    assert device.status.state is DeviceState.DISCONNECTED and "cannot open" in device.status.reason
    fake.plug()
    rec.manager.reconnect_now()
    assert device.status.state is DeviceState.OK
    fake.scan(BOOK)
    assert rec.next_read() == BarcodeRead("scanner", BOOK)


def test_a_scanner_missing_at_start_is_disconnected_then_found(fake, open_scanner):
    fake.unplug()
    device, rec = open_scanner()
    assert device.status.state is DeviceState.DISCONNECTED
    assert "cannot open" in device.status.reason
    fake.plug()
    rec.wait_state(DeviceState.OK)
    fake.scan(CARD)
    assert rec.next_read().code == CARD


def test_close_stops_the_thread_and_says_closed(fake, open_scanner):
    device, rec = open_scanner()
    device.close()
    assert device.status.state is DeviceState.CLOSED
    assert device._reader is None


@pytest.mark.parametrize(
    "options, key",
    [
        ({}, "port"),
        ({"port": "/dev/x", "baudrate": "fast"}, "baudrate"),
        ({"port": "/dev/x", "parity": "X"}, "parity"),
        ({"port": "/dev/x", "encoding": "klingon"}, "encoding"),
        ({"port": "/dev/x", "baud": 9600}, "baud"),
    ],
)
def test_bad_options_are_a_device_error_naming_the_key(options, key):
    with pytest.raises(DeviceError) as err:
        DeviceManager.check([DeviceConfig("scanner", "barcode", "serial", options=options)])
    assert f"[devices.scanner] {key}:" in err.value.message


def test_a_port_name_pyserial_cannot_use_is_an_error_not_a_disconnection():
    manager = manager_for(
        DeviceConfig("scanner", "barcode", "serial", options={"port": "nonsense://x"}), scheduler=ManualScheduler()
    )
    (status,) = manager.open_all(lambda event: None)
    assert status.state is DeviceState.ERROR and status.reason.startswith("[devices.scanner] port:")


def test_the_manager_opens_it_from_config_and_keeps_a_bad_one_visible(fake):
    manager = manager_for(
        DeviceConfig("scanner", "barcode", "serial", options={"port": str(fake.path)}),
        DeviceConfig("broken", "barcode", "serial", options={"prot": "/dev/x"}),
    )
    try:
        states = {s.name: s for s in manager.open_all(lambda event: None)}
        assert states["scanner"].state is DeviceState.OK
        assert states["broken"].state is DeviceState.ERROR and "prot" in states["broken"].reason
    finally:
        manager.close_all()


# --- the line under it ------------------------------------------------------------


class Collect(Protocol):
    def __init__(self) -> None:
        self.made, self.data, self.lost = False, b"", []

    def connection_made(self, line) -> None:
        self.made = True

    def data_received(self, data: bytes) -> None:
        self.data += data

    def connection_lost(self, reason) -> None:
        self.lost.append(reason)


def test_the_reader_thread_feeds_its_protocol_and_says_why_the_line_ended(fake):
    line = SerialLine(LineSettings(str(fake.path), 9600, read_timeout_s=0.02))
    line.open()
    protocol = Collect()
    reader = ReaderThread(line, protocol, "test-line")
    reader.start()
    fake.send(b"2900")
    fake.send(b"1000\r")
    wait_until(lambda: protocol.data == b"29001000\r")
    fake.unplug()
    wait_until(lambda: protocol.lost)
    assert protocol.made and protocol.lost[0].startswith(f"lost {fake.path}: ")
    assert not line.is_open and line.stats.port_errors == 1
    reader.stop()


def test_a_reader_thread_asked_to_stop_ends_without_a_reason(fake):
    line = SerialLine(LineSettings(str(fake.path), 9600, read_timeout_s=0.02))
    line.open()
    protocol = Collect()
    reader = ReaderThread(line, protocol, "test-line")
    reader.start()
    reader.stop()
    assert protocol.lost == [None] and line.is_open
    line.close()


# --- the pure parts ------------------------------------------------------------


@given(st.lists(st.text("0123456789ABCD", min_size=1, max_size=20), max_size=5), st.data())
def test_splitter_output_does_not_depend_on_how_the_bytes_were_cut(codes, data):
    stream = b"".join(c.encode() + data.draw(st.sampled_from([b"\r", b"\n", b"\r\n"])) for c in codes)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=6)))
    splitter = LineSplitter()
    lines = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)]):
        lines += splitter.feed(stream[start:end])
    assert [line.decode() for line in lines] == codes
    assert splitter.pending == b""


def test_parse_line_keeps_codes_and_refuses_noise():
    assert parse_line(b" 123 \x03") == ("123", None)
    assert parse_line(b"\xc3\xa9") is None
    assert parse_line("é".encode("latin-1"), "latin-1") == ("é", None)
    assert parse_line(b"]E4" + b"96385074", aim_ids=True) == ("96385074", "ean8")
    assert parse_line(b"]Z9XYZ", aim_ids=True) == ("XYZ", None)
    assert parse_line(b"\x00\x01") is None
