"""ISO/IEC 15962 no-directory compaction, as used by ISO 28560-2, and the
ISIL compaction of ISO 28560-2 Annex C.

A data set's precursor names one of eight compaction schemes; this module
turns strings into compacted bytes and back. Verified against the worked
examples of ISO 28560-2 (reproduced in GOST R ISO 28560-2-2014, Annexes C
and D): integer ("123456789012" -> 1C BE 99 1A 14), 6-bit ("QA268.L55" ->
44 1C B6 E2 E3 35 D6, padded with the leading bits of 100000) and ISIL
("DE-Heu1" -> 21 40 8E 16 BF 1F).

Numeric, 5-bit and 7-bit are decoded (so tags written by other encoders
read), but :func:`choose_scheme` never picks them: their padding rules could
not be checked against a published example, and a kiosk must not write
bytes other readers might misread. Octet and UTF-8 need no guesswork.
"""

from __future__ import annotations

__all__ = [
    "APPLICATION_DEFINED",
    "BIT5",
    "BIT6",
    "BIT7",
    "INTEGER",
    "NUMERIC",
    "OCTET",
    "UTF8",
    "CompactionError",
    "choose_scheme",
    "compact",
    "compact_isil",
    "expand",
    "expand_isil",
]

APPLICATION_DEFINED = 0
INTEGER = 1
NUMERIC = 2
BIT5 = 3
BIT6 = 4
BIT7 = 5
OCTET = 6
UTF8 = 7


class CompactionError(ValueError):
    """A value cannot be (de)compacted with the requested scheme."""


# ------------------------------------------------------------ bit packing
def _pack(codes: list[int], width: int, pad_with_ones: bool) -> bytes:
    """Pack *codes* MSB first; fill the last byte with 1s or with 1 then 0s."""
    acc = 0
    nbits = 0
    for code in codes:
        acc = (acc << width) | code
        nbits += width
    spare = -nbits % 8
    if spare:
        acc = (acc << spare) | ((1 << spare) - 1 if pad_with_ones else 1 << (spare - 1))
        nbits += spare
    return acc.to_bytes(nbits // 8, "big") if nbits else b""


def _unpack(data: bytes, width: int) -> list[int]:
    nbits = len(data) * 8
    acc = int.from_bytes(data, "big")
    count = nbits // width
    return [(acc >> (nbits - width * (i + 1))) & ((1 << width) - 1) for i in range(count)]


def _ambiguous(count: int, width: int, nbytes: int) -> bool:
    """Would one group fewer have needed the same number of bytes?"""
    return count > 0 and -(-(count - 1) * width // 8) == nbytes


# --------------------------------------------------------- fixed alphabets
_BIT_SCHEMES = {
    # scheme: (bits per char, lowest char, highest char)
    BIT5: (5, 0x40, 0x5F),
    BIT6: (6, 0x20, 0x5F),
    BIT7: (7, 0x00, 0x7F),
}
# Codes a decoder may take for padding when the byte count allows one more
# group. 6-bit pads with 100000 (verified); for 5/7-bit every plausible pad
# pattern is accepted, and the encoder refuses values ending in any of them.
_PAD_CODES = {
    BIT5: frozenset({0b10000, 0b00000, 0b11111}),
    BIT6: frozenset({0b100000}),
    BIT7: frozenset({0b1000000, 0b0000000, 0b1111111}),
}


def _bit_codes(value: str, scheme: int) -> list[int]:
    width, low, high = _BIT_SCHEMES[scheme]
    mask = (1 << width) - 1
    codes = []
    for char in value:
        point = ord(char)
        if not low <= point <= high:
            raise CompactionError(f"{char!r} is outside the {width}-bit alphabet")
        codes.append(point & mask)
    if codes and codes[-1] in _PAD_CODES[scheme] and _ambiguous(len(codes), width, -(-len(codes) * width // 8)):
        raise CompactionError(f"{value!r} would end in a {width}-bit pad pattern")
    return codes


def _bit_expand(data: bytes, scheme: int) -> str:
    width, low, _ = _BIT_SCHEMES[scheme]
    codes = _unpack(data, width)
    if codes and _ambiguous(len(codes), width, len(data)) and codes[-1] in _PAD_CODES[scheme]:
        codes.pop()
    if scheme == BIT6:
        return "".join(chr(c | 0x40 if c < 0x20 else c) for c in codes)
    return "".join(chr(c | low) for c in codes)


# ------------------------------------------------------------------ public
def compact(value: str, scheme: int) -> bytes:
    """Compact *value* with *scheme*; :class:`CompactionError` if it cannot."""
    if scheme == INTEGER:
        if not value.isascii() or not value.isdigit() or (len(value) > 1 and value[0] == "0"):
            raise CompactionError(f"{value!r} is not an integer without leading zeros")
        number = int(value)
        return number.to_bytes(max(1, (number.bit_length() + 7) // 8), "big")
    if scheme == NUMERIC:
        if not value.isascii() or not value.isdigit():
            raise CompactionError(f"{value!r} is not numeric")
        return _pack([int(d) for d in value], 4, pad_with_ones=True)
    if scheme in _BIT_SCHEMES:
        width = _BIT_SCHEMES[scheme][0]
        return _pack(_bit_codes(value, scheme), width, pad_with_ones=False)
    if scheme == OCTET:
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            raise CompactionError(f"{value!r} is not ISO 8859-1") from None
    if scheme == UTF8:
        return value.encode("utf-8")
    raise CompactionError(f"scheme {scheme} has no generic string form")


def expand(data: bytes, scheme: int) -> str:
    """Inverse of :func:`compact`; :class:`CompactionError` on malformed data."""
    if scheme == INTEGER:
        return str(int.from_bytes(data, "big"))
    if scheme == NUMERIC:
        digits = []
        for index, nibble in enumerate(_unpack(data, 4)):
            if nibble == 0xF and index == len(data) * 2 - 1:
                break
            if nibble > 9:
                raise CompactionError(f"nibble {nibble:X} in numeric data")
            digits.append(chr(0x30 + nibble))
        return "".join(digits)
    if scheme in _BIT_SCHEMES:
        return _bit_expand(data, scheme)
    if scheme == OCTET:
        return data.decode("latin-1")
    if scheme == UTF8:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CompactionError(f"invalid UTF-8: {exc}") from None
    raise CompactionError(f"scheme {scheme} has no generic string form")


def choose_scheme(value: str) -> int:
    """The shortest verified scheme for *value* (integer, 6-bit, octet, UTF-8)."""
    best_scheme, best_len = UTF8, len(value.encode("utf-8"))
    for scheme in (OCTET, BIT6, INTEGER):  # later wins ties: prefer the simplest
        try:
            length = len(compact(value, scheme))
        except CompactionError:
            continue
        if length <= best_len:
            best_scheme, best_len = scheme, length
    return best_scheme


# -------------------------------------------------------- ISIL compaction
_UPPER, _LOWER, _DIGIT = "upper", "lower", "digit"
_ALPHABET = {
    _UPPER: "-ABCDEFGHIJKLMNOPQRSTUVWXYZ:",
    _LOWER: "-abcdefghijklmnopqrstuvwxyz/",
    _DIGIT: "0123456789-:",
}
_WIDTH = {_UPPER: 5, _LOWER: 5, _DIGIT: 4}
# Switch codes per current set: (target set, is_latch) -> code.
_SWITCH = {
    _UPPER: {(_LOWER, True): 28, (_LOWER, False): 29, (_DIGIT, True): 30, (_DIGIT, False): 31},
    _LOWER: {(_UPPER, True): 28, (_UPPER, False): 29, (_DIGIT, True): 30, (_DIGIT, False): 31},
    _DIGIT: {(_UPPER, True): 12, (_UPPER, False): 13, (_LOWER, True): 14, (_LOWER, False): 15},
}
_DECODE_SWITCH = {mode: {code: key for key, code in table.items()} for mode, table in _SWITCH.items()}


def _home_set(char: str) -> str:
    for mode in (_DIGIT, _UPPER, _LOWER):
        if char in _ALPHABET[mode]:
            return mode
    raise CompactionError(f"{char!r} cannot appear in an ISIL")


def compact_isil(isil: str) -> bytes:
    """ISIL compaction: 5-bit upper/lower and 4-bit digit sets with
    latch/shift codes, padded with 1 bits (ISO 28560-2 Annex C)."""
    mode = _UPPER
    fields: list[tuple[int, int]] = []
    for index, char in enumerate(isil):
        if char not in _ALPHABET[mode]:
            target = _home_set(char)
            following = isil[index + 1 : index + 2]
            latch = bool(following) and following in _ALPHABET[target]
            fields.append((_SWITCH[mode][(target, latch)], _WIDTH[mode]))
            if latch:
                mode = target
            else:
                fields.append((_ALPHABET[target].index(char), _WIDTH[target]))
                continue
        fields.append((_ALPHABET[mode].index(char), _WIDTH[mode]))
    acc = nbits = 0
    for code, width in fields:
        acc, nbits = (acc << width) | code, nbits + width
    spare = -nbits % 8
    acc, nbits = (acc << spare) | ((1 << spare) - 1), nbits + spare
    return acc.to_bytes(nbits // 8, "big")


def expand_isil(data: bytes) -> str:
    """Inverse of :func:`compact_isil`; trailing pad bits are ignored."""
    value = int.from_bytes(data, "big")
    remaining = len(data) * 8
    mode, shifted_from = _UPPER, None
    out = []

    while True:
        width = _WIDTH[mode]
        if remaining < width:
            break
        remaining -= width
        code = (value >> remaining) & ((1 << width) - 1)
        alphabet = _ALPHABET[mode]
        if code < len(alphabet):
            out.append(alphabet[code])
            if shifted_from is not None:
                mode, shifted_from = shifted_from, None
            continue
        switch = _DECODE_SWITCH[mode].get(code)
        if switch is None or shifted_from is not None:
            raise CompactionError(f"invalid ISIL code {code} in {mode} set")
        target, latch = switch
        if not latch:
            shifted_from = mode
        mode = target
    return "".join(out)
