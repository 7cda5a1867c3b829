"""Model auto-detection and the model-neutral TagData contract."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import TagData, TagDataError, decode_tag, encode_tag
from kiosk.devices.rfid.danish import looks_damaged
from kiosk.devices.rfid.tagdata import MODELS, ExtensionBlock
from tests.unit.rfid.strategies import danish_tags, iso28560_2_tags, rfid501_tags

LIBDANRFID = bytes.fromhex("11010131313232333334340000000000000000513e4445373035000000000000")
BIBLIO_RFID501 = (b"\x04\x11\x00\x011302003767\x00\x00") + bytes(16)
ANNEX_D = bytes.fromhex("91 00 05 1C BE 99 1A 14 02 01 D0 14 02 04 B3 00")


@pytest.mark.parametrize(
    "raw, model",
    [
        (LIBDANRFID, "iso28560-3"),
        (ANNEX_D, "iso28560-2"),
        (BIBLIO_RFID501, "rfid501"),
    ],
)
def test_auto_detection_reports_the_model(raw, model):
    assert decode_tag(raw).model == model


def test_dsfid_hint_restricts_detection():
    assert decode_tag(LIBDANRFID, dsfid=0x3E).model == "iso28560-3"
    with pytest.raises(TagDataError):
        decode_tag(BIBLIO_RFID501, dsfid=0x3E)


def test_unreadable_tag_error_lists_every_model_tried():
    with pytest.raises(TagDataError) as info:
        decode_tag(bytes(32))
    assert all(model in info.value.reason for model in MODELS)


def test_explicit_model_and_unknown_model():
    assert decode_tag(LIBDANRFID, model="iso28560-3").isil == "705"
    with pytest.raises(TagDataError, match="unknown"):
        decode_tag(LIBDANRFID, model="ean13")


def test_encode_tag_can_convert_between_models():
    tag = decode_tag(LIBDANRFID)
    raw = encode_tag(tag, model="iso28560-2")
    converted = decode_tag(raw)
    assert converted.model == "iso28560-2"
    assert (converted.primary_item_id, converted.full_isil) == ("11223344", "DE-705")


def test_patron_card_helper_and_extra_accessors():
    card = TagData(model="iso28560-3", primary_item_id="P1", type_of_usage=8)
    assert card.is_patron_card
    updated = card.with_extra(note="x").with_extra(other=1).with_extra(note=None)
    assert updated.extra == (("other", 1),) and updated.get_extra("note", "-") == "-"


def test_tagdata_is_hashable_for_dedup_in_sets():
    block = ExtensionBlock(3, b"x")
    tag = TagData(model="iso28560-3", primary_item_id="1", extension_blocks=(block,))
    assert len({tag, tag}) == 1


def _auto_or_dsfid(raw: bytes, tag: TagData) -> TagData:
    """Auto-detect; a rare ISO 28560-2 tag whose bytes also read as a damaged
    ISO 28560-3 block is refused (fail closed), and its DSFID settles it."""
    if tag.model == "iso28560-2" and looks_damaged(raw):
        with pytest.raises(TagDataError, match="layout is ISO 28560-3"):
            decode_tag(raw)
        return decode_tag(raw, dsfid=0x06)
    return decode_tag(raw)


@given(st.one_of(danish_tags(), iso28560_2_tags(), rfid501_tags()))
def test_auto_decode_inverts_encode(tag):
    assert _auto_or_dsfid(encode_tag(tag), tag) == tag


@given(st.one_of(danish_tags(), iso28560_2_tags(), rfid501_tags()))
def test_encode_inverts_auto_decode_for_valid_tags(tag):
    raw = encode_tag(tag)
    assert encode_tag(_auto_or_dsfid(raw, tag)) == raw


def test_a_damaged_iso28560_3_tag_is_unreadable_not_another_model():
    """Read as ISO 28560-2, ``11 01 01`` (single part, part 1) is item id "1"."""
    tag = TagData("iso28560-3", "39001000000011", country="ID", isil="DEMO")
    damaged = bytearray(encode_tag(tag).ljust(112, b"\x00"))  # as read from a 28-block tag
    damaged[5] ^= 0x5A
    assert decode_tag(bytes(damaged), model="iso28560-2").primary_item_id == "1"
    with pytest.raises(TagDataError, match="layout is ISO 28560-3"):
        decode_tag(bytes(damaged))


_ANY_TAG = st.builds(
    TagData,
    model=st.sampled_from(MODELS),
    primary_item_id=st.text(max_size=20),
    type_of_usage=st.integers(-1, 17),
    parts_in_set=st.integers(-1, 300),
    part_number=st.integers(-1, 300),
    country=st.text(max_size=3),
    isil=st.text(max_size=12),
    byte_order=st.sampled_from(("as-is", "block-reversed", "nibble-swapped", "odd")),
    shelf_location=st.text(max_size=5),
)


@given(_ANY_TAG)
def test_encode_either_refuses_or_is_inverted_by_decode(tag):
    try:
        raw = encode_tag(tag)
    except TagDataError:
        return
    decoded = decode_tag(raw, model=tag.model)
    assert encode_tag(decoded) == raw


@given(st.binary(max_size=120), st.sampled_from((None, 0x06, 0x3E, 0x00)))
def test_arbitrary_bytes_only_raise_tag_data_error(data, dsfid):
    try:
        tag = decode_tag(data, dsfid=dsfid)
    except TagDataError:
        return
    assert tag.model in MODELS


def test_an_odd_but_only_possible_reading_is_still_returned():
    odd = TagData(model="iso28560-3", primary_item_id="A\x01B", version=3, type_of_usage=0, crc_ok=True)
    assert decode_tag(encode_tag(odd)) == odd
