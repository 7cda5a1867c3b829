"""3M 810 / Model 210 framing, builders and reply decoders.

Published frames used here:

* CAPTURED - replies recorded with Portmon from a real 3M 810 by Dobrica
  Pavlinusic, listed in the first revision of his 3m-810.pl
  (http://cvs.rot13.org/cgi-bin/viewvc.cgi/RFID/3m-810.pl?revision=1), the
  code that became Biblio::RFID (github.com/dpavlin/Biblio-RFID).
* PROBE - the hardware-version probe ``D5 00 05 04 00 11 8C66`` and its
  expected answer, hard-coded in Biblio::RFID::Reader::3M810::init.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import proto_3m as p
from kiosk.devices.rfid.framing import FrameError, uid_from_hex
from tests.unit.rfid.strategies import uids

CAPTURED = {
    "no tag in range": "d60007fe00000500c97b",
    "tag #1": "d6000ffe00000501e00401003123aa26941a",
    "rfid card": "d6000ffe00000501e0040100017c0c388e2b",
    "tag #1 + card": "d60017fe00000502e00401003123aa26e0040100017c0c38cadb",
    "tag #1 + red-stripe": "d60017fe00000502e00401003123aa26e00401003123aa283124",
}
PROBE_REQUEST = "D5 00 05 04 00 11 8C 66"
PROBE_ANSWER = "D5 00 09 04 00 11 0A 05 00 02 72 50"


def _parse_one(hex_frame: str) -> p.Frame:
    frames = p.FrameParser().feed(bytes.fromhex(hex_frame))
    assert len(frames) == 1
    return frames[0]


def test_version_probe_is_byte_exact():
    assert p.version_probe() == bytes.fromhex(PROBE_REQUEST)


def test_probe_answer_decodes_to_hardware_version():
    version = p.decode_reader_version(_parse_one(PROBE_ANSWER))
    assert (version.vendor, version.major, version.minor, version.build) == (0x0A, 5, 0, 2)


@pytest.mark.parametrize("name", sorted(CAPTURED))
def test_captured_replies_pass_crc_and_reencode_byte_exact(name):
    raw = bytes.fromhex(CAPTURED[name])
    frame = _parse_one(CAPTURED[name])
    assert p.encode_command(frame.cmd, frame.data) == raw


def test_captured_inventory_with_no_tags():
    inv = p.decode_inventory(_parse_one(CAPTURED["no tag in range"]))
    assert inv.ok and inv.uids == () and inv.options == 0x05


def test_captured_inventory_lists_uids_msb_first():
    inv = p.decode_inventory(_parse_one(CAPTURED["tag #1 + card"]))
    assert inv.uid_strings == ("E00401003123AA26", "E0040100017C0C38")


def test_inventory_request_carries_afi_and_options():
    frame = _parse_one(p.inventory(afi=0x07).hex())
    assert (frame.cmd, frame.data) == (p.CMD_INVENTORY, bytes((0x07, 0x05)))


def test_inventory_with_dsfid_option_interleaves_dsfid_and_uid():
    uid = uid_from_hex("E004010012345678")
    reply = p.encode_command(p.CMD_INVENTORY, bytes((0, 0, 0x03, 1, 0x3E)) + uid)
    inv = p.decode_inventory(_parse_one(reply.hex()))
    assert inv.dsfids == (0x3E,) and inv.uids == (uid,)


def test_inventory_with_inconsistent_count_is_a_frame_error():
    reply = p.encode_command(p.CMD_INVENTORY, bytes((0, 0, 5, 2)) + bytes(8))
    with pytest.raises(FrameError):
        p.decode_inventory(_parse_one(reply.hex()))


def test_read_blocks_old_style_reply():
    uid = uid_from_hex("E00401003123AA26")
    body = bytes((0, *uid, 2, 0, 0, 1, 2, 3, 4, 1, 0, 5, 6, 7, 8))
    reply = p.decode_read_blocks(_parse_one(p.encode_command(p.CMD_READ_BLOCKS, body).hex()))
    assert reply.ok and reply.uid == uid
    assert reply.memory == bytes(range(1, 9))
    assert [b.number for b in reply.blocks] == [0, 1]


def test_read_blocks_new_style_with_lock_bytes():
    uid = bytes(8)
    body = bytes((0, *uid, 4, 2, 1, 9, 9, 9, 9, 0, 8, 8, 8, 8))
    reply = p.decode_read_blocks(_parse_one(p.encode_command(p.CMD_READ_BLOCKS, body).hex()), style=p.STYLE_NEW_LOCK)
    assert [(b.number, b.lock, b.data) for b in reply.blocks] == [(4, 1, b"\x09" * 4), (5, 0, b"\x08" * 4)]


def test_read_blocks_error_status_carries_no_blocks():
    # Biblio::RFID treats "02 06 ..." as a failed read.
    uid = uid_from_hex("E00401003123AA26")
    reply = p.decode_read_blocks(_parse_one(p.encode_command(0x02, b"\x06" + uid).hex()))
    assert not reply.ok and reply.status == 6 and reply.blocks == ()


def test_write_blocks_request_layout_matches_biblio_rfid():
    # Biblio::RFID sends "04 <uid> 00 <blocks> 00 <data>".
    uid = uid_from_hex("E00401003123AA26")
    frame = _parse_one(p.write_blocks(uid, 0, bytes(range(8))).hex())
    assert frame.data == uid + b"\x00\x02\x00" + bytes(range(8))


def test_write_blocks_rejects_partial_blocks():
    with pytest.raises(ValueError, match="multiple of 4 bytes"):
        p.write_blocks(bytes(8), 0, b"\x01\x02\x03")


def test_afi_and_eas_round_trip_through_reply_decoders():
    uid = uid_from_hex("E0040100017C0C38")
    afi = p.decode_get_afi(_parse_one(p.encode_command(0x0A, b"\x00" + uid + b"\xda").hex()))
    eas = p.decode_check_eas(_parse_one(p.encode_command(0x03, b"\x00" + uid + b"\x01").hex()))
    wrote = p.decode_write(_parse_one(p.encode_command(0x09, b"\x00" + uid).hex()))
    assert (afi.afi, eas.eas, wrote.ok, wrote.uid) == (0xDA, True, True, uid)


def test_eas_and_afi_requests_frame_their_arguments():
    uid = bytes(range(8))
    assert _parse_one(p.set_eas(uid, True).hex()).data == uid + b"\x01"
    assert _parse_one(p.check_eas(uid).hex()).cmd == p.CMD_CHECK_EAS
    assert _parse_one(p.write_afi(uid, 0xC2).hex()).data == uid + b"\xc2"
    assert _parse_one(p.get_afi(uid).hex()).data == uid


def test_decoder_rejects_reply_to_another_command():
    with pytest.raises(FrameError):
        p.decode_get_afi(_parse_one(CAPTURED["tag #1"]))


# ------------------------------------------------------------- parser
FRAMES = [bytes.fromhex(h) for h in CAPTURED.values()] + [bytes.fromhex(PROBE_ANSWER)]


@given(st.lists(st.sampled_from(FRAMES), min_size=1, max_size=6), st.data())
def test_parser_is_independent_of_chunking(frames, data):
    stream = b"".join(frames)
    cuts = sorted(data.draw(st.sets(st.integers(1, len(stream) - 1), max_size=10)))
    parser = p.FrameParser()
    got = []
    for start, stop in zip([0, *cuts], [*cuts, len(stream)]):
        got += parser.feed(stream[start:stop])
    assert [p.encode_command(f.cmd, f.data, f.start) for f in got] == frames
    assert parser.stats.frames == len(frames) and parser.pending == 0


_NOISE = st.binary(max_size=12).map(lambda b: bytes(x for x in b if x not in (0xD5, 0xD6)))


@given(st.lists(st.tuples(_NOISE, st.sampled_from(FRAMES)), min_size=1, max_size=5))
def test_parser_recovers_every_frame_from_noise(pairs):
    parser = p.FrameParser()
    got = parser.feed(b"".join(noise + frame for noise, frame in pairs))
    assert [p.encode_command(x.cmd, x.data, x.start) for x in got] == [fr for _, fr in pairs]
    assert parser.stats.garbage_bytes == sum(len(noise) for noise, _ in pairs)


def test_parser_skips_and_counts_garbage_between_frames():
    parser = p.FrameParser()
    got = parser.feed(b"\x00\x17" + FRAMES[1] + b"noise" + FRAMES[2])
    assert len(got) == 2 and parser.stats.garbage_bytes == 7


def test_parser_counts_bad_crc_and_resyncs():
    bad = bytearray(FRAMES[1])
    bad[-1] ^= 0xFF
    parser = p.FrameParser()
    got = parser.feed(bytes(bad) + FRAMES[2])
    assert got == [_parse_one(FRAMES[2].hex())]
    assert parser.stats.crc_errors == 1 and parser.stats.garbage_bytes == 0


def test_parser_counts_a_frame_cut_short_by_the_next_one():
    parser = p.FrameParser()
    got = parser.feed(FRAMES[1][:9] + FRAMES[2])
    assert got == [_parse_one(FRAMES[2].hex())] and parser.stats.truncated == 1


def test_reset_discards_a_pending_partial_frame():
    parser = p.FrameParser()
    assert parser.feed(FRAMES[1][:5]) == [] and parser.pending == 5
    parser.reset()
    assert parser.pending == 0 and parser.stats.truncated == 1
    assert len(parser.feed(FRAMES[1])) == 1


@given(st.binary(max_size=400))
def test_parser_never_raises_on_arbitrary_bytes(data):
    parser = p.FrameParser()
    for frame in parser.feed(data):
        assert p.encode_command(frame.cmd, frame.data, frame.start) in data


@given(uids, st.integers(0, 255), st.integers(1, 30))
def test_read_request_round_trips_through_parser(uid, first, count):
    frame = _parse_one(p.read_blocks(uid, first, count).hex())
    assert frame.data == uid + bytes((first, count))


DECODERS = [
    p.decode_inventory,
    p.decode_write,
    p.decode_get_afi,
    p.decode_check_eas,
    p.decode_reader_version,
    p.decode_read_blocks,
    lambda fr: p.decode_read_blocks(fr, style=p.STYLE_NEW),
    lambda fr: p.decode_read_blocks(fr, style=p.STYLE_NEW_LOCK),
]


@given(
    st.sampled_from([0x02, 0x03, 0x04, 0x09, 0x0A, 0x0C, 0x11, 0xFE]),
    st.binary(max_size=40),
    st.sampled_from([p.START, p.START_PROBE]),
)
def test_reply_decoders_only_raise_frame_error(cmd, data, start):
    frame = p.Frame(cmd=cmd, data=data, start=start)
    for decoder in DECODERS:
        try:
            decoder(frame)
        except FrameError:
            pass
