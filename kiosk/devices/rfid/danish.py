"""ISO 28560-3 fixed-length encoding (the Danish data model, DS/INF 163).

Basic block, byte offsets in tag memory::

    0      version (high nibble, 1) | type of usage (low nibble)
    1      parts in set             2      part number
    3-18   primary item id, ASCII, NUL padded
    19-20  CRC, LSB first           21-22  country of owner library
    23-33  owner library (ISIL), NUL padded - only 23-31 on 32-byte tags

The CRC is CRC-16/CCITT-FALSE over bytes 0-18 and 21-33 (bytes beyond a
32-byte tag count as 0x00). Optional extension blocks follow at byte 34::

    length | block id (16 bit LSB first, or LSB FF mid MSB) | XOR | payload

where ``length`` covers the whole block, the XOR of every byte of the block
is 0, a length of 1 is a filler byte and 0 ends the list.

Vendors disagree on byte order. Some write every 4-byte block reversed; some
(Bibliotheca) put the type of usage in the *high* nibble of byte 0. The
decoder tries the stored bytes, the block-reversed bytes and a nibble-swapped
byte 0, keeps the reading whose CRC checks (the most plausible one, should
two pass by coincidence) and reports it in ``byte_order``.
"""

from __future__ import annotations

from .crc import crc16_ccitt_false
from .tagdata import (
    BYTE_ORDER_AS_IS,
    BYTE_ORDER_BLOCK_REVERSED,
    BYTE_ORDER_NIBBLE_SWAPPED,
    BYTE_ORDERS,
    MODEL_ISO28560_3,
    ExtensionBlock,
    TagData,
    TagDataError,
)

__all__ = [
    "BLOCK_ACQUISITION",
    "BLOCK_ILL",
    "BLOCK_LIBRARY_EXTENSION",
    "BLOCK_LIBRARY_SUPPLEMENT",
    "BLOCK_TITLE",
    "basic_block_crc",
    "decode",
    "decode_extension_blocks",
    "encode",
    "encode_extension_blocks",
    "looks_damaged",
    "reverse_blocks",
]

# Structured extension block ids (ISO 28560-3 clause 7); others pass through.
BLOCK_LIBRARY_EXTENSION = 1
BLOCK_ACQUISITION = 2
BLOCK_LIBRARY_SUPPLEMENT = 3
BLOCK_TITLE = 4
BLOCK_ILL = 5

BASIC_LEN = 34
SHORT_LEN = 32  # truncated basic block of a 32-byte tag
CRC_AT = 19
ITEM_ID = slice(3, 19)
COUNTRY = slice(21, 23)
ISIL_FULL = slice(23, 34)
ISIL_SHORT = slice(23, 32)
_MIN_READ = 21  # without the CRC bytes there is nothing to check
_ESCAPE = 0xFF  # high id byte announcing a 24-bit block id


def basic_block_crc(memory: bytes) -> int:
    """CRC over bytes 0-18 and 21-33 of *memory*, zero-filled to 34 bytes."""
    block = bytes(memory[:BASIC_LEN]).ljust(BASIC_LEN, b"\x00")
    return crc16_ccitt_false(block[:CRC_AT] + block[CRC_AT + 2 :])


def _stored_crc(memory: bytes) -> int:
    return memory[CRC_AT] | (memory[CRC_AT + 1] << 8)


def reverse_blocks(data: bytes, block_size: int = 4) -> bytes:
    """Reverse the byte order inside every whole block (a partial tail stays)."""
    whole = len(data) - len(data) % block_size
    out = bytearray(data)
    for i in range(0, whole, block_size):
        out[i : i + block_size] = data[i : i + block_size][::-1]
    return bytes(out)


def _swap_first_nibbles(data: bytes) -> bytes:
    first = data[0]
    return bytes(((first << 4) & 0xF0 | first >> 4,)) + data[1:]


def _text(raw: bytes) -> str:
    return raw.split(b"\x00", 1)[0].decode("latin-1")


# ------------------------------------------------------------ extensions
def _xor(data: bytes) -> int:
    result = 0
    for byte in data:
        result ^= byte
    return result


def decode_extension_blocks(area: bytes) -> tuple[tuple[ExtensionBlock, ...], str]:
    """Parse the extension area; return the blocks and a problem ("" if none).

    A bad block stops the walk (its length cannot be trusted) but never
    invalidates the basic block, whose own CRC already checked.
    """
    blocks: list[ExtensionBlock] = []
    pos, end = 0, len(area)
    while pos < end:
        length = area[pos]
        if length == 0:
            return tuple(blocks), ""
        if length == 1:
            pos += 1
            continue
        if pos + length > end:
            return tuple(blocks), f"extension block at {pos} runs past the data read"
        raw = area[pos : pos + length]
        wide = length > 2 and raw[2] == _ESCAPE
        header = 6 if wide else 4
        if length < header:
            return tuple(blocks), f"extension block at {pos} shorter than its header"
        if _xor(raw):
            return tuple(blocks), f"extension block at {pos} fails its XOR checksum"
        if wide:
            block_id = raw[1] | raw[3] << 8 | raw[4] << 16
        else:
            block_id = raw[1] | raw[2] << 8
        blocks.append(ExtensionBlock(block_id=block_id, payload=bytes(raw[header:])))
        pos += length
    return tuple(blocks), ""


def _encode_block(block: ExtensionBlock) -> bytes:
    block_id = block.block_id
    if not 0 <= block_id <= 0xFFFFFF:
        raise TagDataError(f"extension block id {block_id} does not fit 24 bits")
    if block_id < (_ESCAPE << 8):
        id_bytes = bytes((block_id & 0xFF, block_id >> 8))
    else:
        id_bytes = bytes((block_id & 0xFF, _ESCAPE, (block_id >> 8) & 0xFF, block_id >> 16))
    length = 1 + len(id_bytes) + 1 + len(block.payload)
    if length > 0xFF:
        raise TagDataError(f"extension block {block_id} is {length} bytes, max 255")
    head = bytes((length,)) + id_bytes
    return head + bytes((_xor(head + block.payload),)) + block.payload


def encode_extension_blocks(blocks: tuple[ExtensionBlock, ...] | list[ExtensionBlock]) -> bytes:
    """Encode *blocks* followed by the zero-length end marker."""
    return b"".join(_encode_block(b) for b in blocks) + b"\x00"


# ----------------------------------------------------------------- decode
def _readings(data: bytes):
    yield BYTE_ORDER_AS_IS, data
    yield BYTE_ORDER_BLOCK_REVERSED, reverse_blocks(data)
    yield BYTE_ORDER_NIBBLE_SWAPPED, _swap_first_nibbles(data)


def decode(data: bytes) -> TagData:
    """Decode ISO 28560-3 tag memory; :class:`TagDataError` if no reading's
    CRC checks (blank, foreign or damaged tag)."""
    data = bytes(data)
    if len(data) < _MIN_READ:
        raise TagDataError(f"{len(data)} bytes cannot hold an ISO 28560-3 basic block")
    # A wrong reading passes the CRC by chance once in 65536 tags, so when
    # several do, keep the one that looks like library data.
    best: TagData | None = None
    best_score = -1
    for order, memory in _readings(data):
        if basic_block_crc(memory) != _stored_crc(memory):
            continue
        tag = _interpret(memory, order, len(data))
        score = _plausibility(tag)
        if score == _PLAUSIBLE:
            return tag
        if score > best_score:
            best, best_score = tag, score
    if best is None:
        raise TagDataError("CRC mismatch in every byte order")
    return best


_PLAUSIBLE = 5


def looks_damaged(data: bytes) -> bool:
    """True if *data* has the layout of a basic block in some byte order
    although no CRC checks: a damaged or half-written tag. Auto-detection
    must say so rather than try other models - read as ISO 28560-2, the
    first bytes ``11 01 01`` of a single-part tag are a valid item id "1".

    Damage spoils one spot, so all but one of the regions (version, set
    numbers, item id, country, library) must still look right; another
    model's bytes almost never do.
    """
    data = bytes(data)
    if len(data) < SHORT_LEN:
        return False
    return any(_sane_regions(memory) >= 4 for _, memory in _readings(data))


def _sane_regions(memory: bytes) -> int:
    memory = memory[:BASIC_LEN].ljust(BASIC_LEN, b"\x00")
    if not any(memory[CRC_AT:BASIC_LEN]):
        return 0  # nothing after the item id: not a basic block
    first = memory[0]
    return sum(
        (
            first >> 4 == 1 or first & 0x0F == 1,
            1 <= memory[2] <= memory[1],
            _ascii_field(memory[ITEM_ID], minimum=1),
            memory[COUNTRY] == b"\x00\x00" or all(0x41 <= b <= 0x5A for b in memory[COUNTRY]),
            _ascii_field(memory[ISIL_FULL], minimum=0),
        )
    )


def _ascii_field(raw: bytes, minimum: int) -> bool:
    """Printable ASCII, then NUL padding only."""
    text = raw.rstrip(b"\x00")
    return len(text) >= minimum and all(0x20 <= b < 0x7F for b in text)


def _plausibility(tag: TagData) -> int:
    """2 for the defined version, 1 per text field that is clean ASCII."""
    score = 2 if tag.version == 1 else 0
    for text in (tag.primary_item_id, tag.country, tag.isil):
        score += all(" " <= ch <= "~" for ch in text)
    return score


def _interpret(memory: bytes, order: str, read_len: int) -> TagData:
    first = memory[0]
    high, low = first >> 4, first & 0x0F
    if order == BYTE_ORDER_NIBBLE_SWAPPED:
        # CRC was computed over the logical byte 0; the tag stores it swapped.
        version, usage = high, low
    elif order == BYTE_ORDER_AS_IS and high != 1 and low == 1:
        # Bibliotheca style: usage in the high nibble, CRC over stored bytes.
        order, version, usage = BYTE_ORDER_NIBBLE_SWAPPED, low, high
    else:
        version, usage = high, low
    short = read_len < BASIC_LEN
    padded = memory.ljust(BASIC_LEN, b"\x00")
    blocks: tuple[ExtensionBlock, ...] = ()
    problem = ""
    if len(memory) > BASIC_LEN:
        blocks, problem = decode_extension_blocks(memory[BASIC_LEN:])
    tag = TagData(
        model=MODEL_ISO28560_3,
        primary_item_id=_text(padded[ITEM_ID]),
        type_of_usage=usage,
        parts_in_set=padded[1],
        part_number=padded[2],
        country=_text(padded[COUNTRY]),
        isil=_text(padded[ISIL_SHORT if short else ISIL_FULL]),
        byte_order=order,
        crc_ok=True,
        version=version,
        extension_blocks=blocks,
    )
    return tag.with_extra(extension_error=problem or None)


# ----------------------------------------------------------------- encode
def _ascii(value: str, limit: int, name: str) -> bytes:
    try:
        raw = value.encode("ascii")
    except UnicodeEncodeError:
        raise TagDataError(f"{name} {value!r} is not ASCII") from None
    if len(raw) > limit or b"\x00" in raw:
        raise TagDataError(f"{name} {value!r} must be at most {limit} non-NUL characters")
    return raw.ljust(limit, b"\x00")


def _nibble(value: int, name: str) -> int:
    if not 0 <= value <= 0x0F:
        raise TagDataError(f"{name} must be 0..15, got {value}")
    return value


def _octet(value: int, name: str) -> int:
    if not 0 <= value <= 0xFF:
        raise TagDataError(f"{name} must be 0..255, got {value}")
    return value


def encode(tag: TagData, size: int | None = None) -> bytes:
    """Encode *tag*: 34-byte basic block, extension blocks, end marker,
    zero-padded to whole 4-byte blocks; ``size=32`` writes the truncated
    basic block of a 32-byte tag (no room for extensions)."""
    if size not in (None, SHORT_LEN):
        raise TagDataError(f"size must be None or {SHORT_LEN}, got {size}")
    if tag.byte_order not in BYTE_ORDERS:
        raise TagDataError(f"unknown byte order {tag.byte_order!r}")
    short = size == SHORT_LEN
    if short and tag.extension_blocks:
        raise TagDataError("a 32-byte tag has no room for extension blocks")
    if not tag.primary_item_id:
        raise TagDataError("the primary item identifier is mandatory")
    if tag.shelf_location:
        raise TagDataError("ISO 28560-3 keeps the shelf location in an extension block")
    version = _nibble(tag.version, "version")
    usage = _nibble(tag.type_of_usage, "type of usage")
    if tag.byte_order == BYTE_ORDER_NIBBLE_SWAPPED:
        first = usage << 4 | version
    else:
        first = version << 4 | usage
    memory = bytearray(BASIC_LEN)
    memory[0] = first
    memory[1] = _octet(tag.parts_in_set, "parts in set")
    memory[2] = _octet(tag.part_number, "part number")
    memory[ITEM_ID] = _ascii(tag.primary_item_id, 16, "primary item id")
    memory[COUNTRY] = _ascii(tag.country, 2, "country")
    if short:
        memory[ISIL_SHORT] = _ascii(tag.isil, 9, "ISIL")
    else:
        memory[ISIL_FULL] = _ascii(tag.isil, 11, "ISIL")
    crc = basic_block_crc(memory)
    memory[CRC_AT], memory[CRC_AT + 1] = crc & 0xFF, crc >> 8
    if short:
        out = bytes(memory[:SHORT_LEN])
    else:
        out = bytes(memory) + encode_extension_blocks(tag.extension_blocks)
        out += b"\x00" * (-len(out) % 4)
    if tag.byte_order == BYTE_ORDER_BLOCK_REVERSED:
        out = reverse_blocks(out)
    return out
