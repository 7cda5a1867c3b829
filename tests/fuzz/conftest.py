"""Prints how many inputs each fuzz target took (the figure ``make fuzz`` reports).

Each test's count travels in its report, so the tally is whole when the tests
run in several processes (``make fuzz`` uses pytest-xdist, one per core)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.fuzz.budget import EXAMPLES, tally

_PROPERTY = "fuzz inputs"
_totals: Counter[str] = Counter()


@pytest.fixture(autouse=True)
def _report_inputs(request):
    before = Counter(tally)
    yield
    request.node.user_properties.append((_PROPERTY, dict(tally - before)))


def pytest_runtest_logreport(report) -> None:
    for name, value in report.user_properties:
        if name == _PROPERTY and report.when == "teardown":
            _totals.update(value)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _totals:
        return
    terminalreporter.section(f"fuzz inputs (KIOSK_FUZZ_EXAMPLES={EXAMPLES})")
    for target, n in sorted(_totals.items()):
        terminalreporter.write_line(f"{target:<40} {n:>10,} inputs tried")
