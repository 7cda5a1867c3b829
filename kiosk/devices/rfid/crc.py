"""The three CRC-16 variants the RFID stack needs.

* CRC-16/CCITT-FALSE - the ISO 28560-3 / Danish data model tag CRC.
* CRC-16/GENIBUS     - the 3M 810 / Model 210 reader frame check (the same
  polynomial and preset as CCITT-FALSE, but the result is inverted).
* CRC-16/MCRF4XX     - the Feig ISO-Host frame check (reflected 0x1021, i.e.
  the 0x8408 polynomial from the Feig manuals, preset 0xFFFF, no xorout).

The first two are ``binascii.crc_hqx`` (poly 0x1021, MSB first) with the
right preset, computed in C. crc_hqx has no reflected form, so MCRF4XX is
table-driven here, from a 256-entry table built once at import. Check values
(over ``b"123456789"``) are exported for the tests and for anyone who doubts
the parameters.
"""

from __future__ import annotations

from binascii import crc_hqx

__all__ = [
    "CHECK_CCITT_FALSE",
    "CHECK_GENIBUS",
    "CHECK_MCRF4XX",
    "crc16_ccitt_false",
    "crc16_genibus",
    "crc16_mcrf4xx",
]

CHECK_CCITT_FALSE = 0x29B1
CHECK_GENIBUS = 0xD64E
CHECK_MCRF4XX = 0x6F91


def _lsb_first_table(reflected_poly: int) -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ reflected_poly if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_LSB_8408 = _lsb_first_table(0x8408)


def crc16_ccitt_false(data: bytes, init: int = 0xFFFF) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no xorout."""
    return crc_hqx(data, init)


def crc16_genibus(data: bytes) -> int:
    """CRC-16/GENIBUS: as CCITT-FALSE, then xor 0xFFFF (3M reader frames)."""
    return crc_hqx(data, 0xFFFF) ^ 0xFFFF


def crc16_mcrf4xx(data: bytes, init: int = 0xFFFF) -> int:
    """CRC-16/MCRF4XX: reflected poly 0x8408, init 0xFFFF, no xorout (Feig)."""
    table = _LSB_8408
    crc = init
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc
