"""CRC parameters: catalogue check values and published reference vectors."""

from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.rfid import crc


def _bitwise_feig(data: bytes) -> int:
    # Straight transcription of the C example in the Feig ISO-Host manuals
    # ("CRC16 Calculation Algorithm": preset 0xFFFF, polynom 0x8408).
    value = 0xFFFF
    for byte in data:
        value ^= byte
        for _ in range(8):
            value = (value >> 1) ^ 0x8408 if value & 1 else value >> 1
    return value


def _bitwise_ccitt(data: bytes, xorout: int) -> int:
    value = 0xFFFF
    for byte in data:
        value ^= byte << 8
        for _ in range(8):
            value = ((value << 1) ^ 0x1021) if value & 0x8000 else value << 1
            value &= 0xFFFF
    return value ^ xorout


def test_catalogue_check_values():
    assert crc.crc16_ccitt_false(b"123456789") == crc.CHECK_CCITT_FALSE == 0x29B1
    assert crc.crc16_genibus(b"123456789") == crc.CHECK_GENIBUS == 0xD64E
    assert crc.crc16_mcrf4xx(b"123456789") == crc.CHECK_MCRF4XX == 0x6F91


def test_danish_data_model_reference_string():
    # libdanrfid (GallusMax/libdanrfid, CRC.java/CRCTest.java) checks the data
    # model's reference string "RFID tag data model" against CRC 0x1AEE.
    assert crc.crc16_ccitt_false(b"RFID tag data model") == 0x1AEE


@given(st.binary(max_size=300))
def test_tables_match_bitwise_definitions(data):
    assert crc.crc16_mcrf4xx(data) == _bitwise_feig(data)
    assert crc.crc16_ccitt_false(data) == _bitwise_ccitt(data, 0)
    assert crc.crc16_genibus(data) == _bitwise_ccitt(data, 0xFFFF)


def test_empty_input_returns_the_preset_transform():
    assert crc.crc16_ccitt_false(b"") == 0xFFFF
    assert crc.crc16_genibus(b"") == 0x0000
    assert crc.crc16_mcrf4xx(b"") == 0xFFFF
