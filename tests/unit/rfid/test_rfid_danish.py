"""ISO 28560-3 / Danish data model codec.

Published vector: the 32-byte tag used throughout libdanrfid's tests
(GallusMax/libdanrfid, DDMDataTest.java / CRCTest.java): item "11223344",
country "DE", library "705", CRC 0x3E51 stored LSB first.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import danish
from kiosk.devices.rfid.tagdata import ExtensionBlock, TagData, TagDataError, decode_tag
from tests.unit.rfid.strategies import danish_tags

LIBDANRFID = bytes.fromhex("11010131313232333334340000000000000000513e4445373035000000000000")


def test_published_vector_decodes():
    tag = danish.decode(LIBDANRFID)
    assert (tag.primary_item_id, tag.country, tag.isil) == ("11223344", "DE", "705")
    assert (tag.version, tag.type_of_usage, tag.parts_in_set, tag.part_number) == (1, 1, 1, 1)
    assert tag.byte_order == "as-is" and tag.crc_ok


def test_published_vector_crc_is_lsb_first():
    assert danish.basic_block_crc(LIBDANRFID) == 0x3E51 == LIBDANRFID[19] | LIBDANRFID[20] << 8


def test_published_vector_reencodes_byte_exact_as_32_byte_tag():
    assert danish.encode(danish.decode(LIBDANRFID), size=32) == LIBDANRFID


def test_block_reversed_tag_is_detected():
    tag = danish.decode(danish.reverse_blocks(LIBDANRFID))
    assert tag.byte_order == "block-reversed" and tag.primary_item_id == "11223344"


def test_bibliotheca_usage_in_high_nibble_is_detected():
    # libdanrfid: BIBLIOTHECA_PRAESENZ = 0x21 (usage 2, version 1 swapped).
    memory = bytearray(LIBDANRFID)
    memory[0] = 0x21
    crc = danish.basic_block_crc(memory)
    memory[19:21] = bytes((crc & 0xFF, crc >> 8))
    tag = danish.decode(bytes(memory))
    assert (tag.byte_order, tag.type_of_usage, tag.version) == ("nibble-swapped", 2, 1)
    assert danish.encode(tag, size=32) == bytes(memory)


def test_crc_over_logical_byte_zero_is_also_accepted_as_nibble_swapped():
    memory = bytearray(LIBDANRFID)
    memory[0] = 0x18  # patron card, CRC computed over the logical 0x18 ...
    crc = danish.basic_block_crc(memory)
    memory[19:21] = bytes((crc & 0xFF, crc >> 8))
    memory[0] = 0x81  # ... but stored nibble-swapped
    tag = danish.decode(bytes(memory))
    assert tag.byte_order == "nibble-swapped" and tag.is_patron_card


def test_a_chance_crc_match_in_the_wrong_byte_order_loses_to_the_plausible_one():
    # Found by hypothesis: this block-reversed tag also passes the CRC when
    # read as-is, giving version 6 and control characters in the item id.
    tag = TagData(
        model="iso28560-3",
        primary_item_id="jaP/VVgc+SiX32R[",
        type_of_usage=9,
        parts_in_set=190,
        part_number=240,
        country="pO",
        isil="XYmW62oYZ",
        byte_order="block-reversed",
        crc_ok=True,
    )
    raw = danish.encode(tag, size=32)
    assert danish.basic_block_crc(raw) == raw[19] | raw[20] << 8
    assert danish.decode(raw) == tag


@pytest.mark.parametrize("damage", [0, 5, 19, 22, 30])
def test_any_damaged_byte_makes_the_tag_unreadable(damage):
    memory = bytearray(LIBDANRFID)
    memory[damage] ^= 0x40
    with pytest.raises(TagDataError, match="CRC"):
        danish.decode(bytes(memory))


# What libraries actually write: codes and ISILs in upper case, small sets.
_library_tags = st.builds(
    lambda item, parts, part, country, isil, usage, order: TagData(
        "iso28560-3",
        item,
        usage,
        parts,
        min(part, parts),
        country,
        isil,
        byte_order="as-is" if (order, usage) == ("nibble-swapped", 1) else order,
    ),
    st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-", min_size=4, max_size=16),
    st.integers(1, 4),
    st.integers(1, 4),
    st.sampled_from(["ID", "DK", "DE", "US"]),
    st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-:/", max_size=11),
    st.sampled_from([0, 1, 2, 7, 8]),
    st.sampled_from(["as-is", "block-reversed", "nibble-swapped"]),
)


@given(_library_tags, st.integers(0, 33), st.integers(1, 255))
def test_a_damaged_library_tag_is_never_read_as_another_model(tag, position, flip):
    memory = bytearray(danish.encode(tag))
    memory[position] ^= flip
    assert danish.looks_damaged(bytes(memory))
    try:
        decoded = decode_tag(bytes(memory))
    except TagDataError:
        return
    assert decoded.model == "iso28560-3"  # a chance CRC match in another byte order at worst


def test_blank_and_short_reads_are_unreadable():
    with pytest.raises(TagDataError):
        danish.decode(bytes(32))
    with pytest.raises(TagDataError):
        danish.decode(LIBDANRFID[:12])


def test_full_layout_has_end_marker_and_whole_blocks():
    raw = danish.encode(TagData(model="iso28560-3", primary_item_id="1234", isil="ABCDEFGHIJK"))
    assert len(raw) == 36 and raw[34] == 0 and danish.decode(raw).isil == "ABCDEFGHIJK"


def test_32_byte_tags_cannot_hold_long_isil_or_extensions():
    with pytest.raises(TagDataError):
        danish.encode(TagData(model="iso28560-3", primary_item_id="1", isil="ABCDEFGHIJ"), size=32)
    block = ExtensionBlock(block_id=3, payload=b"x")
    with pytest.raises(TagDataError):
        danish.encode(TagData(model="iso28560-3", primary_item_id="1", extension_blocks=(block,)), size=32)


def test_unencodable_fields_raise_tag_data_error():
    for tag in (
        TagData(model="iso28560-3", primary_item_id="x" * 17),
        TagData(model="iso28560-3", primary_item_id=""),
        TagData(model="iso28560-3", primary_item_id="1", shelf_location="QA 76"),
        TagData(model="iso28560-3", primary_item_id="ü"),
        TagData(model="iso28560-3", primary_item_id="1", type_of_usage=16),
        TagData(model="iso28560-3", primary_item_id="1", parts_in_set=256),
    ):
        with pytest.raises(TagDataError):
            danish.encode(tag)


# --------------------------------------------------------- extension blocks
def test_extension_block_layout_is_length_id_xor_payload():
    raw = danish.encode_extension_blocks([ExtensionBlock(block_id=3, payload=b"AB")])
    assert raw == bytes((6, 3, 0, 6 ^ 3 ^ ord("A") ^ ord("B"), 0x41, 0x42, 0))


def test_24_bit_block_ids_use_the_ff_escape():
    raw = danish.encode_extension_blocks([ExtensionBlock(block_id=0x12FF34, payload=b"")])
    assert raw[:5] == bytes((6, 0x34, 0xFF, 0xFF, 0x12))
    assert danish.decode_extension_blocks(raw) == ((ExtensionBlock(0x12FF34, b""),), "")


def test_library_supplement_and_ill_blocks_pass_through_unchanged():
    blocks = (
        ExtensionBlock(danish.BLOCK_LIBRARY_SUPPLEMENT, b"\x01\x02shelf 7"),
        ExtensionBlock(danish.BLOCK_ILL, b"DK-710100\x00loan 42"),
    )
    tag = TagData(model="iso28560-3", primary_item_id="5000", extension_blocks=blocks)
    assert danish.decode(danish.encode(tag)).extension_blocks == blocks


def test_filler_bytes_are_skipped():
    area = b"\x01\x01" + danish.encode_extension_blocks([ExtensionBlock(1, b"z")])
    assert danish.decode_extension_blocks(area) == ((ExtensionBlock(1, b"z"),), "")


def test_bad_extension_checksum_keeps_the_basic_block_readable():
    tag = TagData(model="iso28560-3", primary_item_id="77", extension_blocks=(ExtensionBlock(2, b"order"),))
    raw = bytearray(danish.encode(tag))
    raw[36] ^= 0xFF  # inside the payload
    decoded = danish.decode(bytes(raw))
    assert decoded.primary_item_id == "77" and decoded.extension_blocks == ()
    assert "XOR" in decoded.get_extra("extension_error")


def test_extension_area_cut_by_a_short_read_is_reported():
    tag = TagData(model="iso28560-3", primary_item_id="77", extension_blocks=(ExtensionBlock(4, b"A title"),))
    decoded = danish.decode(danish.encode(tag)[:38])
    assert decoded.extension_blocks == () and "past" in decoded.get_extra("extension_error")


# ---------------------------------------------------------------- properties
@given(danish_tags())
def test_decode_inverts_encode(tag):
    assert danish.decode(danish.encode(tag)) == tag


@given(danish_tags(short=True))
def test_decode_inverts_encode_for_32_byte_tags(tag):
    raw = danish.encode(tag, size=32)
    assert len(raw) == 32 and danish.decode(raw) == tag


@given(danish_tags())
def test_encode_inverts_decode_for_valid_tags(tag):
    raw = danish.encode(tag)
    assert danish.encode(danish.decode(raw)) == raw


@given(st.binary(max_size=120))
def test_arbitrary_bytes_only_raise_tag_data_error(data):
    try:
        danish.decode(data)
    except TagDataError:
        pass


@given(st.lists(st.builds(ExtensionBlock, st.integers(0, 0xFFFFFF), st.binary(max_size=60)), max_size=4))
def test_extension_block_lists_round_trip(blocks):
    raw = danish.encode_extension_blocks(blocks)
    assert danish.decode_extension_blocks(raw) == (tuple(blocks), "")
