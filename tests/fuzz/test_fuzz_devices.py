"""The RFID reader frame parsers, the tag codecs and the barcode rules under fuzz:
bytes from a reader, memory from a tag, codes from a scanner and rule tables
from a config file give a result or the module's own error, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.barcode.rules import RuleSet
from kiosk.devices.rfid import danish, iso28560_2, proto_3m, proto_feig, rfid501
from kiosk.devices.rfid.framing import FrameError
from kiosk.devices.rfid.tagdata import TagDataError, decode_tag
from tests.fuzz.budget import FUZZ, count, fuzz

_3M_DECODERS = (
    proto_3m.decode_inventory,
    proto_3m.decode_read_blocks,
    proto_3m.decode_write,
    proto_3m.decode_get_afi,
    proto_3m.decode_check_eas,
    proto_3m.decode_reader_version,
)
_FEIG_DECODERS = (
    proto_feig.decode_status,
    proto_feig.decode_eas_alarm,
    proto_feig.decode_inventory,
    proto_feig.decode_read_blocks,
    proto_feig.decode_software_version,
    proto_feig.decode_system_info,
)


def _reader_bytes(valid_frame):
    """Garbage, valid frames, and valid frames cut and glued to garbage."""
    framed = st.builds(valid_frame, st.integers(0, 255), st.binary(max_size=40))
    return st.lists(st.one_of(st.binary(max_size=40), framed), max_size=6).map(b"".join)


def _feed(parser, stream: bytes, cuts: list[int]):
    frames, last = [], 0
    for cut in sorted(c % (len(stream) + 1) for c in cuts) + [len(stream)]:
        frames += parser.feed(stream[last:cut])
        last = cut
    return frames


@fuzz(slow=2)
@given(_reader_bytes(proto_3m.encode_command), st.lists(st.integers(0, 400), max_size=5))
def test_3m_reader_bytes_give_frames_or_a_frame_error(stream, cuts):
    count("rfid 3M frame parser + decoders")
    for frame in _feed(proto_3m.FrameParser(), stream, cuts):
        for decoder in _3M_DECODERS:
            try:
                decoder(frame)
            except FrameError:
                pass


@fuzz(slow=2)
@given(_reader_bytes(proto_feig.encode_command), st.lists(st.integers(0, 400), max_size=5))
def test_feig_reader_bytes_give_frames_or_a_frame_error(stream, cuts):
    count("rfid Feig frame parser + decoders")
    for frame in _feed(proto_feig.FrameParser(), stream, cuts):
        for decoder in _FEIG_DECODERS:
            try:
                decoder(frame)
            except FrameError:
                pass


@FUZZ
@given(
    st.binary(max_size=128),
    st.sampled_from(["auto", "danish", "iso28560-2", "rfid501"]),
    st.none() | st.integers(0, 255),
)
def test_tag_memory_decodes_or_raises_a_tag_data_error(memory, model, dsfid):
    count("rfid tag codecs")
    for decode in (lambda m: decode_tag(m, model, dsfid), danish.decode, iso28560_2.decode, rfid501.decode):
        try:
            decode(memory)
        except TagDataError:
            pass


_RULE_VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 40),
    st.booleans(),
    st.floats(allow_nan=True),
    st.lists(st.one_of(st.text(max_size=6), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.sampled_from(["patron", "item", "luhn", "ean13", "isbn", "code39_mod43", "none", "codabar"]),
)
_RULE_KEYS = st.sampled_from(
    ["name", "kind", "prefix", "length", "min_length", "max_length", "symbologies", "check", "lenght"]
)


@fuzz(slow=2)
@given(
    st.lists(st.dictionaries(_RULE_KEYS, _RULE_VALUES, max_size=8) | st.integers(), max_size=4),
    st.lists(st.text(max_size=30), max_size=5),
    st.none() | st.sampled_from(["codabar", "ean13", "code39", "qrcode", "X"]),
)
def test_barcode_rule_tables_load_or_say_why_and_classify_any_code(entries, codes, symbology):
    count("barcode rules")
    try:
        rules = RuleSet.from_config(entries)
    except ValueError:
        return
    for code in codes:
        result = rules.classify(code, symbology)
        assert result.accepted or result.reason
