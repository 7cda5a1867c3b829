"""What every receipt printer driver shares: its options and how a condition becomes the device's state."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.base import PrinterCondition, ReceiptPrinter
from kiosk.devices.options import option
from kiosk.devices.printer.status import STATES


@dataclass(frozen=True)
class PrinterOptions:
    # python-escpos printer profile ("" = its default; e.g. "TM-T88V", "TM-T20II").
    profile: str = option("", (str,), "a python-escpos profile name such as TM-T88V")
    # Characters per line (0 = the profile's; 32 for most 58 mm printers).
    columns: int = option(0, (int,), "a number of characters from 24 to 80, or 0", lambda v: v == 0 or 24 <= v <= 80)


class PrinterDevice(ReceiptPrinter):
    """A printer that reports its condition as its DeviceState (ok, degraded, error, disconnected)."""

    Options = PrinterOptions

    def __init__(self, name, options=None, site=None) -> None:
        super().__init__(name, options, site)
        self.condition = PrinterCondition.OFFLINE
        # A printer in trouble is asked again this often (by the device manager), so diagnostics and the
        # finish screen see a new roll within seconds.
        self.reconnect_s = 5.0

    @property
    def profile(self) -> str | None:
        return self.options.profile or None

    @property
    def columns(self) -> int:
        return self.options.columns

    def reconnect(self) -> bool:
        return self.check().can_print

    def _report(self, condition: PrinterCondition, detail: str = "") -> PrinterCondition:
        self.condition = condition
        state, reason = STATES[condition]
        self._set_state(state, f"{reason} ({detail})" if detail else reason)
        return condition
