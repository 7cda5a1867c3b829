"""Prints how many inputs each fuzz target took (the figure ``make fuzz`` reports)."""

from __future__ import annotations

from tests.fuzz.budget import EXAMPLES, tally


def pytest_terminal_summary(terminalreporter) -> None:
    if not tally:
        return
    terminalreporter.section(f"fuzz inputs (KIOSK_FUZZ_EXAMPLES={EXAMPLES})")
    for target, n in sorted(tally.items()):
        terminalreporter.write_line(f"{target:<40} {n:>10,} inputs tried")
