"""Feig ISO-Host framing, builders and reply decoders.

Published frames used here (CAPTURED): byte strings recorded from a Feig HF
reader and hard-coded in bartek-Wlo/MEGA2560_as_AND_gate_for_RS232 (AND.cpp),
an RS-232 gateway that answers a PC's ISO-Host inventory on the reader's
behalf - so requests and replies are both real wire traffic.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import proto_feig as f
from kiosk.devices.rfid.framing import FrameError, uid_from_hex
from tests.unit.rfid.strategies import uids

CAPTURED = {
    "inventory request": "07 FF B0 01 00 1C 56",
    "baud rate detection request": "06 FF 52 00 0F 6E",
    "cpu reset request": "05 FF 63 D3 AE",
    "baud rate detection reply": "06 00 52 00 FC A8",
    "cpu reset reply": "06 00 63 00 86 07",
    "no transponder": "06 00 B0 01 5C 63",
    "rf communication error": "07 00 B0 83 00 B2 2C",
    "one tag": "11 00 B0 00 01 03 00 E0 16 80 FF 08 00 50 24 80 75",
    "another tag": "11 00 B0 00 01 03 00 E0 16 80 FF 08 00 4F BC 18 7B",
}


def _raw(name: str) -> bytes:
    return bytes.fromhex(CAPTURED[name])


def _parse_one(raw: bytes) -> f.Frame:
    frames = f.FrameParser().feed(raw)
    assert len(frames) == 1
    return frames[0]


def test_inventory_request_is_byte_exact():
    assert f.inventory() == _raw("inventory request")


def test_reader_control_requests_are_byte_exact():
    assert f.encode_command(0x52, b"\x00") == _raw("baud rate detection request")
    assert f.encode_command(0x63) == _raw("cpu reset request")


@pytest.mark.parametrize("name", sorted(CAPTURED))
def test_captured_frames_parse_and_reencode(name):
    frame = _parse_one(_raw(name))
    assert f.encode_command(frame.cmd, frame.data, frame.com_adr) == _raw(name)


def test_captured_single_tag_inventory():
    inv = f.decode_inventory(_parse_one(_raw("one tag")))
    assert inv.ok and inv.uid_strings == ("E01680FF08005024",)
    assert inv.tags[0].dsfid == 0 and inv.tags[0].tr_type == f.TR_TYPE_ISO15693


def test_no_transponder_is_an_empty_successful_inventory():
    inv = f.decode_inventory(_parse_one(_raw("no transponder")))
    assert inv.ok and inv.tags == ()


def test_rf_error_is_not_ok_and_names_the_status():
    frame = _parse_one(_raw("rf communication error"))
    assert not f.decode_inventory(frame).ok
    assert f.decode_status(frame).message == "RF communication error"


def test_inventory_with_afi_sets_the_mode_bit():
    frame = _parse_one(f.inventory(afi=0x07))
    assert frame.data == bytes((0x01, 0x10, 0x07))


def test_more_data_status_is_flagged():
    uid = uid_from_hex("E004010012345678")
    frame = _parse_one(f.encode_command(0xB0, bytes((0x94, 1, 3, 0)) + uid, 0))
    inv = f.decode_inventory(frame)
    assert inv.more and inv.uids == (uid,)


def test_read_blocks_reply_is_returned_in_tag_memory_order():
    # ISO-Host sends each block MSB first; tag byte 0 comes last on the wire.
    body = bytes((0x00, 2, 4, 0x00, 4, 3, 2, 1, 0x01, 8, 7, 6, 5))
    reply = f.decode_read_blocks(_parse_one(f.encode_command(0xB0, body, 0)), first=6)
    assert reply.memory == bytes((1, 2, 3, 4, 5, 6, 7, 8))
    assert [(b.number, b.security) for b in reply.blocks] == [(6, 0), (7, 1)]


def test_read_blocks_raw_wire_order_on_request():
    body = bytes((0x00, 1, 4, 0x00, 4, 3, 2, 1))
    reply = f.decode_read_blocks(_parse_one(f.encode_command(0xB0, body, 0)), msb_first=False)
    assert reply.memory == bytes((4, 3, 2, 1))


def test_read_blocks_iso_error_keeps_the_error_code():
    reply = f.decode_read_blocks(_parse_one(f.encode_command(0xB0, b"\x95\x0f", 0)))
    assert not reply.ok and reply.iso_error == 0x0F and reply.blocks == ()


def test_read_request_layout_matches_biblio_rfid():
    # Biblio::RFID CPR-M02 driver: "FF B0 23 01 <uid> <block> 04".
    uid = uid_from_hex("E00401003123AA26")
    frame = _parse_one(f.read_blocks(uid, 4, 4))
    assert (frame.com_adr, frame.cmd, frame.data) == (0xFF, 0xB0, b"\x23\x01" + uid + b"\x04\x04")


def test_write_request_reverses_each_block_onto_the_wire():
    uid = bytes(range(8))
    frame = _parse_one(f.write_blocks(uid, 0, bytes((1, 2, 3, 4, 5, 6, 7, 8))))
    assert frame.data == b"\x24\x01" + uid + b"\x00\x02\x04" + bytes((4, 3, 2, 1, 8, 7, 6, 5))


def test_afi_and_eas_requests():
    uid = bytes(range(8))
    assert _parse_one(f.write_afi(uid, 0xC2)).data == b"\x27\x01" + uid + b"\xc2"
    assert _parse_one(f.set_eas(uid, True)).data == b"\x04\xa2\x01" + uid
    assert _parse_one(f.set_eas(uid, False)).data == b"\x04\xa3\x01" + uid
    assert _parse_one(f.eas_alarm(uid)).cmd == 0xB1


def test_eas_alarm_reply_reports_the_bit():
    assert f.decode_eas_alarm(_parse_one(f.encode_command(0xB1, b"\x00", 0))) is True
    assert f.decode_eas_alarm(_parse_one(f.encode_command(0xB1, b"\x01", 0))) is False
    with pytest.raises(FrameError):
        f.decode_eas_alarm(_parse_one(f.encode_command(0xB1, b"\x83", 0)))


def test_system_info_reply_gives_afi_and_memory_size():
    uid = uid_from_hex("E004010012345678")
    body = bytes((0x00, 0x3E)) + uid + bytes((0xC2, 0x03, 0x1B, 0x01))
    info = f.decode_system_info(_parse_one(f.encode_command(0xB0, body, 0)))
    assert (info.dsfid, info.uid, info.afi, info.block_size, info.block_count) == (0x3E, uid, 0xC2, 4, 28)


def test_long_requests_switch_to_the_advanced_frame():
    raw = f.write_blocks(bytes(8), 0, bytes(256))
    assert raw[0] == 0x02 and int.from_bytes(raw[1:3], "big") == len(raw)
    frame = _parse_one(raw)
    assert frame.advanced and len(frame.data) == 2 + 8 + 3 + 256


def test_advanced_frame_can_be_forced_for_short_requests():
    raw = f.encode_command(0x52, b"\x00", advanced=True)
    assert raw[:3] == b"\x02\x00\x08" and _parse_one(raw).advanced


# ------------------------------------------------------------- parser
FRAMES = [_raw(name) for name in sorted(CAPTURED)]


@given(st.lists(st.sampled_from(FRAMES), min_size=1, max_size=6), st.data())
def test_parser_is_independent_of_chunking(frames, data):
    stream = b"".join(frames)
    cuts = sorted(data.draw(st.sets(st.integers(1, len(stream) - 1), max_size=10)))
    parser = f.FrameParser()
    got = []
    for start, stop in zip([0, *cuts], [*cuts, len(stream)]):
        got += parser.feed(stream[start:stop])
    assert [f.encode_command(x.cmd, x.data, x.com_adr) for x in got] == frames


@given(st.lists(st.tuples(st.binary(max_size=12), st.sampled_from(FRAMES)), min_size=1, max_size=5), st.data())
def test_parser_recovers_every_frame_after_noise(pairs, data):
    stream = b"".join(noise + frame for noise, frame in pairs)
    cuts = sorted(data.draw(st.sets(st.integers(1, len(stream) - 1), max_size=6)))
    parser = f.FrameParser()
    got = []
    for start, stop in zip([0, *cuts], [*cuts, len(stream)]):
        got += parser.feed(stream[start:stop])
    assert [f.encode_command(x.cmd, x.data, x.com_adr) for x in got] == [fr for _, fr in pairs]


def test_parser_resyncs_after_garbage_and_counts_it():
    parser = f.FrameParser()
    got = parser.feed(b"\x00\x01\x03" + _raw("one tag") + b"\x04" + _raw("no transponder"))
    assert len(got) == 2 and parser.stats.garbage_bytes == 4


def test_stray_bytes_that_look_like_a_length_count_as_garbage():
    parser = f.FrameParser()
    got = parser.feed(b"\x09" + _raw("one tag"))
    stats = parser.stats
    assert len(got) == 1 and (stats.garbage_bytes, stats.truncated, stats.crc_errors) == (1, 0, 0)


def test_parser_counts_a_corrupted_frame_and_keeps_going():
    bad = bytearray(_raw("one tag"))
    bad[8] ^= 0x01
    parser = f.FrameParser()
    got = parser.feed(bytes(bad) + _raw("no transponder"))
    assert got == [_parse_one(_raw("no transponder"))]
    assert parser.stats.crc_errors == 1


def test_parser_counts_a_frame_cut_short_by_the_next_one():
    parser = f.FrameParser()
    got = parser.feed(_raw("one tag")[:7] + _raw("another tag"))
    assert got == [_parse_one(_raw("another tag"))] and parser.stats.truncated == 1


def test_a_partial_frame_waits_until_reset():
    parser = f.FrameParser()
    assert parser.feed(_raw("one tag")[:7]) == [] and parser.pending == 7
    parser.reset()
    assert parser.stats.truncated == 1
    assert len(parser.feed(_raw("no transponder"))) == 1


def test_a_partial_frame_is_not_abandoned_for_a_look_alike_inside_it():
    # Payload bytes of a longer reply that happen to form a valid frame are
    # not "anchored": more (non-frame) bytes follow them.
    head = bytes((40, 0x00, 0xB0, 0x00))
    parser = f.FrameParser()
    assert parser.feed(head + _raw("no transponder") + b"\x01\x02") == []
    assert parser.pending == 12 and parser.stats.truncated == 0


@given(st.binary(max_size=400))
def test_parser_never_raises_on_arbitrary_bytes(data):
    parser = f.FrameParser()
    for frame in parser.feed(data):
        assert f.encode_command(frame.cmd, frame.data, frame.com_adr, frame.advanced) in data


@given(uids, st.integers(0, 255))
def test_afi_request_round_trips(uid, afi):
    assert _parse_one(f.write_afi(uid, afi)).data[-1] == afi


@given(st.sampled_from([0xB0, 0xB1, 0x52]), st.binary(max_size=40))
def test_reply_decoders_only_raise_frame_error(cmd, data):
    frame = f.Frame(com_adr=0, cmd=cmd, data=data)
    for decoder in (
        f.decode_inventory,
        f.decode_read_blocks,
        f.decode_system_info,
        f.decode_status,
        f.decode_eas_alarm,
    ):
        try:
            decoder(frame)
        except FrameError:
            pass


def test_software_version_request_and_reply():
    """[0x65] layout from the ISO-Host manuals (no published capture): the
    request has no data; the reply carries SW-REV, D-REV, HW-, SW-, TR-TYPE."""
    request = f.get_software_version()
    assert request[:3] == bytes((5, 0xFF, 0x65)) and _parse_one(request).data == b""
    reply = f.encode_command(0x65, bytes.fromhex("00 0302 01 71 50 0003 0100 0100"), com_adr=0)
    version = f.decode_software_version(_parse_one(reply))
    assert version.ok and (version.firmware, version.hw_type, version.sw_type, version.tr_type) == (
        "3.2.1",
        0x71,
        0x50,
        3,
    )
    assert not f.decode_software_version(_parse_one(f.encode_command(0x65, b"\x82", com_adr=0))).ok
    with pytest.raises(FrameError):
        f.decode_software_version(_parse_one(f.encode_command(0x65, b"\x00\x03", com_adr=0)))
