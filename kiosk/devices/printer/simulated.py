"""The simulated receipt printer: what ``kiosk demo`` prints on, and what tests and the simulator
panel put out of paper or open the cover of."""

from __future__ import annotations

from kiosk.devices.base import DeviceState, PrinterCondition
from kiosk.devices.printer.common import PrinterDevice
from kiosk.errors import DeviceError


class SimulatedPrinter(PrinterDevice):
    driver = "simulated"

    def __init__(self, name, options=None, site=None) -> None:
        super().__init__(name, options, site)
        self.printed: list[bytes] = []  # every job, as the paper would have had it
        self._now = PrinterCondition.OK  # what the printer would say if asked

    def set_condition(self, condition: PrinterCondition) -> None:
        """Take the paper out, open the cover, ... (the printer reports it at once, like a real one asked)."""
        self._now = condition
        self._report(condition)

    def open(self) -> None:
        self._report(self._now)

    def close(self) -> None:
        self._set_state(DeviceState.CLOSED)

    def check(self) -> PrinterCondition:
        return self._report(self._now)

    def print_job(self, job: bytes) -> None:
        if not self.check().can_print:
            raise DeviceError(f"printer {self.name}: {self.status.reason}", hint="see the printer")
        self.printed.append(job)
