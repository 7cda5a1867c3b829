"""ESC/POS real-time status (DLE EOT n), bytes in, condition out.

Epson's ESC/POS reference, DLE EOT: the printer answers each request with
one byte whose bits 1 and 4 are always 1 and bits 0 and 7 always 0, even
while offline (real-time commands are served before the print buffer).

* n=1 printer status: bit 3 = offline.
* n=2 offline cause: bit 2 = cover open, bit 3 = paper being fed by the
  FEED button, bit 5 = printing stopped by paper end, bit 6 = error.
* n=4 roll paper sensor: bits 2-3 = paper near end, bits 5-6 = paper end.
"""

from __future__ import annotations

from kiosk.devices.base import DeviceState, PrinterCondition

DLE_EOT = b"\x10\x04"
PRINTER_STATUS, OFFLINE_CAUSE, PAPER_SENSOR = 1, 2, 4
QUERIES = (PRINTER_STATUS, OFFLINE_CAUSE, PAPER_SENSOR)

_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
OFFLINE = 0x08
COVER_OPEN = 0x04
STOPPED_PAPER_END = 0x20
ERROR = 0x40
NEAR_END = 0x0C
PAPER_END = 0x60


def request(n: int) -> bytes:
    return DLE_EOT + bytes([n])


def is_status_byte(b: int) -> bool:
    return b & _FIXED_MASK == _FIXED_BITS


class StatusUnreadable(ValueError):
    """A reply that is no DLE EOT status byte (a different protocol, or line noise)."""


def condition(printer: int, offline_cause: int, paper: int) -> PrinterCondition:
    """The printer's condition from its answers to DLE EOT 1, 2 and 4."""
    for n, b in ((PRINTER_STATUS, printer), (OFFLINE_CAUSE, offline_cause), (PAPER_SENSOR, paper)):
        if not is_status_byte(b):
            raise StatusUnreadable(f"DLE EOT {n} answered 0x{b:02X}, which is no status byte")
    if paper & PAPER_END or offline_cause & STOPPED_PAPER_END:
        return PrinterCondition.PAPER_OUT
    if offline_cause & COVER_OPEN:
        return PrinterCondition.COVER_OPEN
    if printer & OFFLINE or offline_cause & ERROR:
        return PrinterCondition.OFFLINE
    if paper & NEAR_END:
        return PrinterCondition.PAPER_LOW
    return PrinterCondition.OK


#: How each condition shows in diagnostics (DeviceState and its reason).
STATES: dict[PrinterCondition, tuple[DeviceState, str]] = {
    PrinterCondition.OK: (DeviceState.OK, ""),
    PrinterCondition.PAPER_LOW: (DeviceState.DEGRADED, "paper low: change the roll soon"),
    PrinterCondition.PAPER_OUT: (DeviceState.ERROR, "out of paper: put in a new roll"),
    PrinterCondition.COVER_OPEN: (DeviceState.ERROR, "cover open: close the printer's cover"),
    PrinterCondition.OFFLINE: (DeviceState.DISCONNECTED, "offline"),
}
