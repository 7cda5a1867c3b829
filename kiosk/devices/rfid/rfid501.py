"""3M "RFID 501" alphanumeric tag layout, found on older 3M-tagged stock.

3M never published it; this follows the layout reverse-engineered by
Dobrica Pavlinusic for Biblio::RFID (``Biblio::RFID::RFID501``), 8 blocks::

    0      04 | set | 00 | type    set: high nibble = part number,
                                        low nibble  = parts in set
    1-4    item id, 16 bytes ASCII, NUL padded
    5      branch (12 bit) << 20 | library (20 bit), big-endian
    6      custom value, signed 32-bit big-endian
    7      00 00 00 00

There is no checksum, so the decoder is strict about the fixed bytes and the
item-id padding; 3M factory blanks (``55`` x 24) and all-zero tags are
reported as blank rather than decoded into nonsense.
"""

from __future__ import annotations

from .tagdata import (
    BYTE_ORDER_AS_IS,
    MODEL_RFID501,
    USAGE_CIRCULATING,
    TagData,
    TagDataError,
)

__all__ = ["ITEM_TYPES", "LENGTH", "blank_3m", "decode", "encode"]

LENGTH = 32
_MIN_READ = 24  # the last two blocks carry no item data
_MAGIC = 0x04

ITEM_TYPES = {
    0: "Other",
    1: "Book",
    2: "Magazine",
    3: "Bound Journal",
    4: "Audio Tape",
    5: "Video",
    6: "CD/CD ROM",
    7: "Diskette",
    8: "Book with Diskette",
    9: "Book with CD/CD ROM",
    13: "Book with Audio Tape",
}

# Values left out of TagData.extra when they hold these defaults.
_DEFAULTS = {"item_type": 1, "branch": 0, "library": 0, "custom": 0}


def blank_3m() -> bytes:
    """What 3M ships on unprogrammed tags."""
    return b"\x55" * 24 + b"\x00" * 8


def decode(data: bytes) -> TagData:
    data = bytes(data)
    if len(data) < _MIN_READ:
        raise TagDataError(f"{len(data)} bytes is too short for an RFID501 tag")
    data = data[:LENGTH].ljust(LENGTH, b"\x00")
    if data[:24] == b"\x55" * 24 or not any(data):
        raise TagDataError("blank tag")
    if data[0] != _MAGIC or data[2] != 0x00:
        raise TagDataError("not an RFID501 tag (fixed bytes 0 and 2 do not match)")
    raw_id = data[4:20]
    item_id, _, padding = raw_id.partition(b"\x00")
    if not item_id or any(padding) or not all(0x20 <= b < 0x7F for b in item_id):
        raise TagDataError("RFID501 item id is not NUL-padded printable ASCII")
    owner = int.from_bytes(data[20:24], "big")
    tag = TagData(
        model=MODEL_RFID501,
        primary_item_id=item_id.decode("ascii"),
        type_of_usage=USAGE_CIRCULATING,
        part_number=data[1] >> 4,
        parts_in_set=data[1] & 0x0F,
        byte_order=BYTE_ORDER_AS_IS,
        crc_ok=None,
    )
    fields = {
        "item_type": data[3],
        "branch": owner >> 20,
        "library": owner & 0xFFFFF,
        "custom": int.from_bytes(data[24:28], "big", signed=True),
    }
    return tag.with_extra(**{k: (None if v == _DEFAULTS[k] else v) for k, v in fields.items()})


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise TagDataError(reason)


def encode(tag: TagData) -> bytes:
    """Encode *tag*; fields RFID501 cannot hold raise :class:`TagDataError`."""
    _check(tag.type_of_usage == USAGE_CIRCULATING, "RFID501 has no type of usage (only circulating items)")
    _check(
        not (tag.country or tag.isil or tag.shelf_location or tag.extension_blocks),
        "RFID501 holds no ISIL, shelf location or extension blocks",
    )
    _check(tag.byte_order == BYTE_ORDER_AS_IS, "RFID501 is only written as-is")
    _check(0 <= tag.part_number <= 15 and 0 <= tag.parts_in_set <= 15, "RFID501 part number and parts in set are 4-bit")
    raw_id = tag.primary_item_id.encode("ascii", "replace")
    _check(
        0 < len(raw_id) <= 16
        and all(0x20 <= b < 0x7F for b in raw_id)
        and raw_id.decode("ascii") == tag.primary_item_id,
        "RFID501 item id must be 1-16 printable ASCII characters",
    )
    item_type, branch, library, custom = (tag.get_extra(key, default) for key, default in _DEFAULTS.items())
    _check(0 <= item_type <= 0xFF, "item type is one byte")
    _check(0 <= branch <= 0xFFF and 0 <= library <= 0xFFFFF, "branch is 12-bit and library 20-bit")
    _check(-(1 << 31) <= custom < (1 << 31), "custom value is signed 32-bit")
    return b"".join(
        (
            bytes((_MAGIC, tag.part_number << 4 | tag.parts_in_set, 0x00, item_type)),
            raw_id.ljust(16, b"\x00"),
            (branch << 20 | library).to_bytes(4, "big"),
            custom.to_bytes(4, "big", signed=True),
            b"\x00" * 4,
        )
    )
