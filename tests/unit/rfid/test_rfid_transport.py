"""The serial transport over a real pty, with the 3M emulator answering."""

import pytest

from kiosk.devices.rfid import proto_3m as p
from kiosk.devices.rfid.transport import NoAnswer, Timing, Transport
from kiosk.devices.serial_line import LineSettings, PortLost, PortUnusable
from tests.fakes.rfid_3m import Emulated3M


@pytest.fixture
def pad(tmp_path):
    emulator = Emulated3M(tmp_path, "pad").plug()
    yield emulator
    emulator.close()


@pytest.fixture
def line(pad):
    timing = Timing(answer_timeout_s=0.2, frame_gap_s=0.02)
    transport = Transport(timing.line(str(pad.path), 19200), p.FrameParser, timing)
    transport.open()
    yield transport
    transport.close()


def inventory(transport):
    return p.decode_inventory(transport.exchange(p.inventory(), lambda f: f.cmd == p.CMD_INVENTORY))


def test_a_request_gets_its_reply(line):
    assert inventory(line).ok
    counts = line.counters()
    assert (counts["requests"], counts["frames"], counts["bytes_out"]) == (1, 1, len(p.inventory()))


def test_noise_before_a_reply_is_counted_and_skipped(pad, line):
    pad.garbage_before_reply = b"\x00\x13\xff noise \xd6\x00"
    assert inventory(line).ok
    assert line.counters()["garbage_bytes"] >= 8


def test_a_wrong_crc_is_counted_and_the_next_exchange_works(pad, line):
    pad.corrupt_replies = 1
    with pytest.raises(NoAnswer):
        inventory(line)
    assert inventory(line).ok
    counts = line.counters()
    assert (counts["crc_errors"], counts["timeouts"]) == (1, 1)


def test_half_a_frame_then_silence_is_counted_as_truncated(pad, line):
    pad.truncate_replies = 1
    with pytest.raises(NoAnswer):
        inventory(line)
    assert inventory(line).ok
    assert line.counters()["truncated"] == 1


def test_a_reply_nobody_asked_for_is_skipped(pad, line):
    pad.noise(p.encode_command(p.CMD_GET_AFI, b"\x00" + bytes(8) + b"\x07"))  # a late answer
    assert inventory(line).ok
    assert line.counters()["unexpected_frames"] == 1


def test_a_silent_reader_is_no_answer(pad, line):
    pad.mute = True
    with pytest.raises(NoAnswer, match="does not answer"):
        inventory(line)


def test_a_pulled_cable_is_port_lost_and_counters_survive_reopening(pad, line):
    pad.corrupt_replies = 1
    with pytest.raises(NoAnswer):
        inventory(line)
    pad.unplug()
    with pytest.raises(PortLost, match="lost"):
        inventory(line)
    assert not line.is_open
    with pytest.raises(PortLost, match=r"cannot open .*: No such file or directory$"):
        line.open()
    pad.plug()
    line.open()
    assert inventory(line).ok
    counts = line.counters()
    assert (counts["opens"], counts["crc_errors"], counts["port_errors"]) == (2, 1, 1)


def test_a_port_another_process_holds_is_refused_not_shared(pad, line):
    second = Transport(LineSettings(str(pad.path), 19200), p.FrameParser)
    with pytest.raises(PortLost, match="in use by another program"):
        second.open()
    assert inventory(line).ok


def test_a_port_name_pyserial_cannot_use_is_unusable():
    with pytest.raises(PortUnusable):
        Transport(LineSettings("nonsense://x", 19200), p.FrameParser).open()
