"""DLE EOT status bytes as Epson's ESC/POS reference gives them, to the printer's condition."""

import pytest

from kiosk.devices.base import PrinterCondition
from kiosk.devices.printer.status import StatusUnreadable, condition


@pytest.mark.parametrize(
    "printer, cause, paper, expected",
    [
        (0x12, 0x12, 0x12, PrinterCondition.OK),
        (0x12, 0x12, 0x1E, PrinterCondition.PAPER_LOW),
        (0x1A, 0x32, 0x72, PrinterCondition.PAPER_OUT),  # offline, stopped by paper end, sensor: end
        (0x1A, 0x16, 0x12, PrinterCondition.COVER_OPEN),
        (0x1A, 0x12, 0x12, PrinterCondition.OFFLINE),
        (0x12, 0x52, 0x12, PrinterCondition.OFFLINE),  # an error occurred
    ],
)
def test_status_bytes(printer, cause, paper, expected):
    assert condition(printer, cause, paper) is expected


def test_a_reply_that_is_no_status_byte_is_said_so():
    with pytest.raises(StatusUnreadable, match="DLE EOT 4 answered 0xFF"):
        condition(0x12, 0x12, 0xFF)
