"""ISO 28560-2 (ISO/IEC 15962 data sets) and its compaction schemes.

Published vectors: the worked examples of ISO 28560-2 Annexes C and D, as
reproduced in GOST R ISO 28560-2-2014 (ajdocs.ru/gsp/38726, pp. 36 and 39):

* ISIL "DE-Heu1" compacts to 21 40 8E 16 BF 1F (Table C.3);
* primary item id "123456789012", locked, is ``91 00 05 1C BE 99 1A 14``
  (precursor with offset bit, offset 0, integer compaction), the content
  parameter ``02 01 D0`` and set information ``14 02 04 B3`` (Table D.5);
* shelf location "QA268.L55" in 6-bit compaction: 44 1C B6 E2 E3 35 D6 (D.3.5).
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import iso15962 as c
from kiosk.devices.rfid import iso28560_2 as m
from kiosk.devices.rfid.tagdata import TagData, TagDataError
from tests.unit.rfid.strategies import ISIL_CHARS, iso28560_2_tags

ANNEX_D = bytes.fromhex("91 00 05 1C BE 99 1A 14  02 01 D0  14 02 04 B346 07 44 1C B6 E2 E3 35 D6  00")


def test_isil_compaction_matches_annex_c():
    assert c.compact_isil("DE-Heu1") == bytes.fromhex("21 40 8E 16 BF 1F")
    assert c.expand_isil(bytes.fromhex("21 40 8E 16 BF 1F")) == "DE-Heu1"


def test_isil_with_digit_run_latches_into_the_digit_set():
    # Annex C example 2, steps a-e: C H - (upper), latch numeric 11110,
    # 0 0 0 1 3 4 as 4-bit codes, '-' from the digit set, then 1.
    raw = c.compact_isil("CH-000134-1")
    bits = bin(int.from_bytes(raw, "big"))[2:].zfill(len(raw) * 8)
    upper_part = "00011010000000011110"
    digits = "000000000000000100110100"
    assert bits.startswith(upper_part + digits)
    assert c.expand_isil(raw) == "CH-000134-1"


def test_integer_and_6_bit_compaction_match_annex_d():
    assert c.compact("123456789012", c.INTEGER) == bytes.fromhex("1C BE 99 1A 14")
    assert c.compact("QA268.L55", c.BIT6) == bytes.fromhex("44 1C B6 E2 E3 35 D6")
    assert c.choose_scheme("123456789012") == c.INTEGER
    assert c.choose_scheme("QA268.L55") == c.BIT6


def test_annex_d_data_sets_decode_including_the_offset_byte():
    tag = m.decode(ANNEX_D)
    assert tag.primary_item_id == "123456789012"
    assert (tag.parts_in_set, tag.part_number) == (12, 3)
    assert tag.shelf_location == "QA268.L55" and tag.crc_ok is None


def test_encoder_reproduces_annex_d_element_bytes():
    tag = TagData(
        model="iso28560-2",
        primary_item_id="123456789012",
        country="DE",
        isil="Heu1",
        parts_in_set=12,
        part_number=3,
        shelf_location="QA268.L55",
    )
    raw = m.encode(tag)
    assert raw.startswith(bytes.fromhex("11 05 1C BE 99 1A 14  02 01 D0"))
    assert bytes.fromhex("03 06 21 40 8E 16 BF 1F") in raw
    assert bytes.fromhex("14 02 04 B3  46 07 44 1C B6 E2 E3 35 D6 00") in raw
    assert len(raw) % 4 == 0


def test_oids_above_14_use_the_extension_byte():
    raw = m.encode_data_sets([m.DataSet(1, c.OCTET, b"A"), m.DataSet(20, c.OCTET, b"B")])
    assert raw == bytes((0x61, 1, 0x41, 0x6F, 5, 1, 0x42, 0))
    assert [ds.oid for ds in m.decode_data_sets(raw)] == [1, 20]


def test_unknown_oids_pass_through_extra():
    tag = TagData(model="iso28560-2", primary_item_id="9", extra=(("oid12", "DK-710100"), ("oid20", b"\x01\x02")))
    assert m.decode(m.encode(tag)) == tag


def test_type_of_usage_code_keeps_its_secondary_digit():
    tag = TagData(model="iso28560-2", primary_item_id="9", type_of_usage=8, extra=(("usage_subtype", 2),))
    decoded = m.decode(m.encode(tag))
    assert decoded.is_patron_card and decoded.get_extra("usage_subtype") == 2


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "primary"),
        (bytes(8), "primary"),
        (bytes.fromhex("13 01 05 00"), "primary"),  # starts with OID 3
        (bytes.fromhex("11 05 01 02"), "past"),  # length beyond data
        (bytes.fromhex("11 81 00"), "multi-byte"),
        (bytes.fromhex("61 01 41 61 01 42 00"), "twice"),
        (bytes.fromhex("01 01 41 00"), "text"),  # app-defined item id
    ],
)
def test_malformed_data_sets_raise_tag_data_error(raw, reason):
    with pytest.raises(TagDataError, match=reason):
        m.decode(raw)


def test_unrepresentable_tags_raise_tag_data_error():
    for tag in (
        TagData(model="iso28560-2", primary_item_id=""),
        TagData(model="iso28560-2", primary_item_id="1", isil="DE-1"),
        TagData(model="iso28560-2", primary_item_id="1", isil="bad isil!"),
        TagData(model="iso28560-2", primary_item_id="1", byte_order="block-reversed"),
        TagData(model="iso28560-2", primary_item_id="x" * 200),
    ):
        with pytest.raises(TagDataError):
            m.encode(tag)


# ---------------------------------------------------------------- properties
@given(st.text(ISIL_CHARS, max_size=16))
def test_isil_compaction_round_trips(isil):
    assert c.expand_isil(c.compact_isil(isil)) == isil


_SCHEME_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(min_codepoint=0x40, max_codepoint=0x5F), max_size=30),  # 5-bit
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x5F), max_size=30),  # 6-bit
    st.text(st.characters(max_codepoint=0x7F), max_size=30),  # 7-bit
    st.text("0123456789", max_size=30),
)


@pytest.mark.parametrize("scheme, value", [(c.BIT5, "@@@@@"), (c.BIT7, "AB"), (c.NUMERIC, "007")])
def test_padding_longer_than_one_character_round_trips(scheme, value):
    assert c.expand(c.compact(value, scheme), scheme) == value


@given(st.sampled_from([c.NUMERIC, c.BIT5, c.BIT6, c.BIT7, c.OCTET, c.UTF8, c.INTEGER]), _SCHEME_TEXT)
def test_every_scheme_round_trips_what_it_accepts(scheme, value):
    try:
        raw = c.compact(value, scheme)
    except c.CompactionError:
        return
    assert c.expand(raw, scheme) == value


@given(_SCHEME_TEXT)
def test_chosen_scheme_is_never_longer_than_octets(value):
    scheme = c.choose_scheme(value)
    raw = c.compact(value, scheme)
    assert c.expand(raw, scheme) == value
    assert len(raw) <= len(value.encode("utf-8"))


@given(iso28560_2_tags())
def test_decode_inverts_encode(tag):
    assert m.decode(m.encode(tag)) == tag


@given(iso28560_2_tags())
def test_encode_inverts_decode_for_valid_tags(tag):
    raw = m.encode(tag)
    assert m.encode(m.decode(raw)) == raw


@given(st.binary(max_size=80))
def test_arbitrary_bytes_only_raise_tag_data_error(data):
    try:
        m.decode(data)
    except TagDataError:
        pass
