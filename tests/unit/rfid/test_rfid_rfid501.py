"""3M RFID501 layout.

Published vectors: the two tags in Biblio::RFID's t/05-RFID501.t
(github.com/dpavlin/Biblio-RFID), which that suite round-trips through
to_hash/from_hash.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import rfid501
from kiosk.devices.rfid.tagdata import TagData, TagDataError
from tests.unit.rfid.strategies import rfid501_tags

BIBLIO_TAG_1 = b"\x04\x11\x00\x00200901010123\x00\x00\x00\x00\xff\xff\xff\xff\x7f\xff\xff\xff\x00\x00\x00\x00"
BIBLIO_TAG_2 = (b"\x04\x11\x00\x011302003767\x00\x00") + b"\x00" * 16


def test_biblio_rfid_tag_1_decodes():
    tag = rfid501.decode(BIBLIO_TAG_1)
    assert tag.primary_item_id == "200901010123"
    assert (tag.get_extra("branch"), tag.get_extra("library")) == (0xFFF, 0xFFFFF)
    assert tag.get_extra("custom") == 0x7FFFFFFF and tag.get_extra("item_type") == 0
    assert tag.crc_ok is None  # RFID501 has no check value at all


def test_biblio_rfid_tag_2_is_a_book_with_default_fields():
    tag = rfid501.decode(BIBLIO_TAG_2)
    assert tag.primary_item_id == "1302003767" and tag.extra == ()
    assert rfid501.ITEM_TYPES[tag.get_extra("item_type", 1)] == "Book"
    assert (tag.part_number, tag.parts_in_set) == (1, 1)


@pytest.mark.parametrize("raw", [BIBLIO_TAG_1, BIBLIO_TAG_2])
def test_biblio_rfid_tags_reencode_byte_exact(raw):
    assert rfid501.encode(rfid501.decode(raw)) == raw


@pytest.mark.parametrize("raw", [rfid501.blank_3m(), bytes(32)])
def test_blanks_are_reported_as_blank(raw):
    with pytest.raises(TagDataError, match="blank"):
        rfid501.decode(raw)


def test_garbage_after_the_item_id_is_rejected():
    raw = bytearray(BIBLIO_TAG_2)
    raw[15] = 0x41  # non-NUL after the terminating NUL
    with pytest.raises(TagDataError):
        rfid501.decode(bytes(raw))


def test_patron_cards_and_isils_cannot_be_written_as_rfid501():
    for tag in (
        TagData(model="rfid501", primary_item_id="1", type_of_usage=8),
        TagData(model="rfid501", primary_item_id="1", isil="705"),
    ):
        with pytest.raises(TagDataError):
            rfid501.encode(tag)


@given(rfid501_tags())
def test_decode_inverts_encode(tag):
    assert rfid501.decode(rfid501.encode(tag)) == tag


@given(st.binary(max_size=40))
def test_arbitrary_bytes_only_raise_tag_data_error(data):
    try:
        rfid501.decode(data)
    except TagDataError:
        pass
