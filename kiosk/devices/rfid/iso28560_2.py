"""ISO 28560-2: library data elements as ISO/IEC 15962 object-identifier
data sets (DSFID 0x06), starting at the first byte of user memory.

Each data set::

    precursor | [OID - 15] | [offset] | length | compacted data | [offset x pad]

    precursor bit 7     offset byte present (used to align locked data)
              bits 6-4  compaction scheme (see :mod:`.iso15962`)
              bits 3-0  relative OID 1..14, or 15 = "next byte holds OID-15"

and a 0x00 byte ends the list. Relative OIDs used here:

    1 primary item identifier (mandatory, always first)
    2 content parameter - bit map of the OIDs >= 3 present, MSB = OID 3
    3 owner institution (ISIL, "application defined" = ISIL compaction)
    4 set information - total parts then part number, same digit count
    5 type of usage - primary code digit [+ secondary code digit]
    6 shelf location

Other OIDs pass through ``TagData.extra`` as ``("oid<N>", value)``: a ``str``
for the generic compactions, ``bytes`` for application-defined data.
"""

from __future__ import annotations

from typing import NamedTuple

from . import iso15962 as c15962
from .tagdata import (
    BYTE_ORDER_AS_IS,
    MODEL_ISO28560_2,
    TagData,
    TagDataError,
)

__all__ = [
    "OID_CONTENT_PARAMETER",
    "OID_OWNER_INSTITUTION",
    "OID_PRIMARY_ITEM_ID",
    "OID_SET_INFORMATION",
    "OID_SHELF_LOCATION",
    "OID_TYPE_OF_USAGE",
    "DataSet",
    "decode",
    "decode_data_sets",
    "encode",
    "encode_data_sets",
]

OID_PRIMARY_ITEM_ID = 1
OID_CONTENT_PARAMETER = 2
OID_OWNER_INSTITUTION = 3
OID_SET_INFORMATION = 4
OID_TYPE_OF_USAGE = 5
OID_SHELF_LOCATION = 6
_MAX_OID = 15 + 0xFF
_MAX_LENGTH = 0x7F  # longer data sets use a multi-byte length we do not write


class DataSet(NamedTuple):
    """One data set: relative OID, compaction scheme, still-compacted data."""

    oid: int
    scheme: int
    data: bytes


# ------------------------------------------------------------- data sets
def decode_data_sets(memory: bytes) -> list[DataSet]:
    """Walk the data sets up to the 0x00 terminator (or the end of *memory*)."""
    sets: list[DataSet] = []
    pos, end = 0, len(memory)
    while pos < end:
        precursor = memory[pos]
        pos += 1
        if precursor == 0x00:
            break
        oid = precursor & 0x0F
        if oid == 0:
            raise TagDataError(f"precursor 0x{precursor:02X} names no OID")
        if oid == 0x0F:
            if pos >= end:
                raise TagDataError("data set truncated in its OID byte")
            oid = 15 + memory[pos]
            pos += 1
        offset = 0
        if precursor & 0x80:
            if pos >= end:
                raise TagDataError("data set truncated in its offset byte")
            offset = memory[pos]
            pos += 1
        if pos >= end:
            raise TagDataError("data set truncated in its length byte")
        length = memory[pos]
        pos += 1
        if length > _MAX_LENGTH:
            raise TagDataError(f"multi-byte data set length 0x{length:02X} is not supported")
        if pos + length > end:
            raise TagDataError(f"OID {oid} runs past the data read")
        sets.append(DataSet(oid, (precursor >> 4) & 0x07, memory[pos : pos + length]))
        pos += length + offset
    return sets


def encode_data_sets(sets: list[DataSet]) -> bytes:
    """Encode *sets* (no offsets) followed by the 0x00 terminator."""
    out = bytearray()
    for oid, scheme, data in sets:
        if not 1 <= oid <= _MAX_OID:
            raise TagDataError(f"relative OID {oid} is out of range")
        if len(data) > _MAX_LENGTH:
            raise TagDataError(f"OID {oid} data is {len(data)} bytes, max {_MAX_LENGTH}")
        if oid < 15:
            out.append(scheme << 4 | oid)
        else:
            out += bytes((scheme << 4 | 0x0F, oid - 15))
        out.append(len(data))
        out += data
    out.append(0x00)
    return bytes(out)


# --------------------------------------------------------- element codecs
def _expand(data_set: DataSet) -> str | bytes:
    oid, scheme, data = data_set
    try:
        if scheme == c15962.APPLICATION_DEFINED:
            return c15962.expand_isil(data) if oid == OID_OWNER_INSTITUTION else data
        return c15962.expand(data, scheme)
    except c15962.CompactionError as exc:
        raise TagDataError(f"OID {oid}: {exc}") from None


def _compact(oid: int, value: str | bytes) -> DataSet:
    if isinstance(value, bytes):
        return DataSet(oid, c15962.APPLICATION_DEFINED, value)
    try:
        if oid == OID_OWNER_INSTITUTION:
            return DataSet(oid, c15962.APPLICATION_DEFINED, c15962.compact_isil(value))
        scheme = c15962.choose_scheme(value)
        return DataSet(oid, scheme, c15962.compact(value, scheme))
    except c15962.CompactionError as exc:
        raise TagDataError(f"OID {oid}: {exc}") from None


def _content_parameter(oids: list[int]) -> bytes:
    highest = max(oids)
    bitmap = bytearray((highest - 3) // 8 + 1)
    for oid in oids:
        bit = oid - 3
        bitmap[bit // 8] |= 0x80 >> (bit % 8)
    return bytes(bitmap)


def _split_set_information(value: str) -> tuple[int, int] | None:
    half = len(value) // 2
    if not value.isascii() or not value.isdigit() or len(value) % 2 or half > 3:
        return None
    total, part = int(value[:half]), int(value[half:])
    return total, part


def _set_information(total: int, part: int) -> str:
    width = max(len(str(total)), len(str(part)))
    return f"{total:0{width}d}{part:0{width}d}"


# ----------------------------------------------------------------- decode
def decode(data: bytes) -> TagData:
    """Decode ISO 28560-2 user memory into :class:`TagData`."""
    sets = decode_data_sets(bytes(data))
    if not sets or sets[0].oid != OID_PRIMARY_ITEM_ID:
        raise TagDataError("the first data set is not the primary item identifier")
    values: dict[int, str | bytes] = {}
    for data_set in sets:
        if data_set.oid in values:
            raise TagDataError(f"OID {data_set.oid} appears twice")
        values[data_set.oid] = _expand(data_set)
    values.pop(OID_CONTENT_PARAMETER, None)  # derived from the others
    fields: dict[str, object] = {}
    item_id = values.pop(OID_PRIMARY_ITEM_ID)
    owner = values.pop(OID_OWNER_INSTITUTION, "")
    set_info = values.pop(OID_SET_INFORMATION, None)
    usage = values.pop(OID_TYPE_OF_USAGE, None)
    shelf = values.pop(OID_SHELF_LOCATION, "")
    if not all(isinstance(v, str) for v in (item_id, owner, shelf)):
        raise TagDataError("item id, owner and shelf location must be text")
    if not item_id:
        raise TagDataError("the primary item identifier is empty")

    total = part = 1
    if set_info is not None:
        split = _split_set_information(set_info) if isinstance(set_info, str) else None
        if split is None:
            fields["set_information"] = set_info
        else:
            total, part = split
    type_of_usage = 1
    if usage is not None:
        digits = usage if isinstance(usage, str) else ""
        if 1 <= len(digits) <= 2 and all(ch in "0123456789ABCDEF" for ch in digits):
            type_of_usage = int(digits[0], 16)
            if len(digits) == 2:
                fields["usage_subtype"] = int(digits[1], 16)
        else:
            fields["type_of_usage_raw"] = usage
    country, _, isil = owner.partition("-") if "-" in owner else ("", "", owner)
    fields.update({f"oid{oid}": value for oid, value in values.items()})
    tag = TagData(
        model=MODEL_ISO28560_2,
        primary_item_id=item_id,
        type_of_usage=type_of_usage,
        parts_in_set=total,
        part_number=part,
        country=country,
        isil=isil,
        byte_order=BYTE_ORDER_AS_IS,
        crc_ok=None,
        shelf_location=shelf,
    )
    return tag.with_extra(**fields) if fields else tag


# ----------------------------------------------------------------- encode
def _extra_oids(tag: TagData) -> dict[int, str | bytes]:
    found: dict[int, str | bytes] = {}
    for key, value in tag.extra:
        if key.startswith("oid") and key[3:].isdigit():
            oid = int(key[3:])
            if oid <= OID_SHELF_LOCATION:
                raise TagDataError(f"extra {key!r} shadows a named field")
            if not isinstance(value, (str, bytes)):
                raise TagDataError(f"extra {key!r} must be str or bytes")
            found[oid] = value
    return found


def encode(tag: TagData, block_size: int = 4) -> bytes:
    """Encode *tag* as data sets + terminator, zero-padded to *block_size*."""
    if tag.byte_order != BYTE_ORDER_AS_IS:
        raise TagDataError("ISO 28560-2 is only written as-is")
    if tag.extension_blocks:
        raise TagDataError("ISO 28560-2 has no ISO 28560-3 extension blocks")
    if tag.version != 1:
        raise TagDataError("ISO 28560-2 has no version field")
    if not tag.primary_item_id:
        raise TagDataError("the primary item identifier is mandatory")
    if "-" in tag.country or (not tag.country and "-" in tag.isil):
        raise TagDataError("the ISIL prefix (before the first hyphen) belongs in `country`")
    values: dict[int, str | bytes] = {}
    if tag.full_isil:
        values[OID_OWNER_INSTITUTION] = tag.full_isil
    set_raw = tag.get_extra("set_information")
    if set_raw is not None:
        values[OID_SET_INFORMATION] = set_raw
    elif (tag.parts_in_set, tag.part_number) != (1, 1):
        if not (tag.part_number >= 0 and 0 <= tag.parts_in_set <= 999 and tag.part_number <= 999):
            raise TagDataError("set information holds at most three digits per number")
        values[OID_SET_INFORMATION] = _set_information(tag.parts_in_set, tag.part_number)
    usage_raw = tag.get_extra("type_of_usage_raw")
    if usage_raw is not None:
        values[OID_TYPE_OF_USAGE] = usage_raw
    elif tag.type_of_usage != 1 or tag.get_extra("usage_subtype") is not None:
        if not 0 <= tag.type_of_usage <= 0xF:
            raise TagDataError("type of usage is one hex digit")
        code = f"{tag.type_of_usage:X}"
        subtype = tag.get_extra("usage_subtype")
        if subtype is not None:
            if not 0 <= subtype <= 0xF:
                raise TagDataError("usage subtype is one hex digit")
            code += f"{subtype:X}"
        values[OID_TYPE_OF_USAGE] = code
    if tag.shelf_location:
        values[OID_SHELF_LOCATION] = tag.shelf_location
    values.update(_extra_oids(tag))

    sets = [_compact(OID_PRIMARY_ITEM_ID, tag.primary_item_id)]
    if values:
        sets.append(DataSet(OID_CONTENT_PARAMETER, c15962.APPLICATION_DEFINED, _content_parameter(sorted(values))))
        sets.extend(_compact(oid, values[oid]) for oid in sorted(values))
    out = encode_data_sets(sets)
    return out + b"\x00" * (-len(out) % block_size)
