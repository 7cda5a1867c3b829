"""Hypothesis strategies shared by the RFID codec tests."""

from __future__ import annotations

from hypothesis import strategies as st

from kiosk.devices.rfid.tagdata import ExtensionBlock, TagData

PRINTABLE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
ISIL_CHARS = "-/:0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

uids = st.binary(min_size=8, max_size=8)


def ascii_text(min_size: int = 0, max_size: int = 16):
    return st.text(PRINTABLE, min_size=min_size, max_size=max_size)


extension_blocks = st.lists(
    st.builds(
        ExtensionBlock,
        block_id=st.one_of(st.integers(0, 0xFEFF), st.integers(0xFF00, 0xFFFFFF)),
        payload=st.binary(max_size=40),
    ),
    max_size=3,
).map(tuple)


@st.composite
def danish_tags(draw, short: bool = False):
    order = draw(st.sampled_from(("as-is", "block-reversed", "nibble-swapped")))
    usage = draw(st.integers(0, 15))
    if order == "nibble-swapped" and usage == 1:
        # 0x11 reads the same both ways: such a tag is simply "as-is".
        order = "as-is"
    return TagData(
        model="iso28560-3",
        primary_item_id=draw(ascii_text(1, 16)),
        type_of_usage=usage,
        parts_in_set=draw(st.integers(0, 255)),
        part_number=draw(st.integers(0, 255)),
        country=draw(ascii_text(0, 2)),
        isil=draw(ascii_text(0, 9 if short else 11)),
        byte_order=order,
        crc_ok=True,
        extension_blocks=() if short else draw(extension_blocks),
    )


@st.composite
def iso28560_2_tags(draw):
    isil = draw(st.text(ISIL_CHARS.replace("-", ""), max_size=8))
    country = draw(st.sampled_from(("", "DE", "DK", "US", "CH"))) if isil else ""
    extra = {}
    if draw(st.booleans()):
        extra["usage_subtype"] = draw(st.integers(0, 15))
    for oid in draw(st.sets(st.integers(7, 40), max_size=3)):
        extra[f"oid{oid}"] = draw(st.one_of(ascii_text(1, 20), st.binary(min_size=1, max_size=8)))
    parts = draw(st.integers(0, 999))
    return TagData(
        model="iso28560-2",
        primary_item_id=draw(st.one_of(ascii_text(1, 30), st.integers(0, 10**15).map(str))),
        type_of_usage=draw(st.integers(0, 15)),
        parts_in_set=parts,
        part_number=draw(st.integers(0, 999)),
        country=country,
        isil=isil,
        shelf_location=draw(st.one_of(st.just(""), ascii_text(1, 20))),
        extra=tuple(sorted(extra.items())),
    )


@st.composite
def rfid501_tags(draw):
    extra = {
        "item_type": draw(st.integers(0, 255)),
        "branch": draw(st.integers(0, 0xFFF)),
        "library": draw(st.integers(0, 0xFFFFF)),
        "custom": draw(st.integers(-(1 << 31), (1 << 31) - 1)),
    }
    defaults = {"item_type": 1, "branch": 0, "library": 0, "custom": 0}
    extra = {k: v for k, v in extra.items() if v != defaults[k]}
    return TagData(
        model="rfid501",
        primary_item_id=draw(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=16)),
        part_number=draw(st.integers(0, 15)),
        parts_in_set=draw(st.integers(0, 15)),
        extra=tuple(sorted(extra.items())),
    )
