"""How many inputs each fuzz test tries, and the tally ``make fuzz`` prints.

``make test`` runs every fuzz test at a modest size (KIOSK_FUZZ_EXAMPLES,
default 100: a few seconds in all); ``make fuzz`` sets it to 1,000,000.
Hypothesis may stop a test early when it has tried every distinct input its
strategy can make; the tally says how many each one really ran.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "100"))
_CHOSEN = "KIOSK_FUZZ_EXAMPLES" in os.environ


def fuzz(slow: int = 1) -> settings:
    """The settings of one fuzz test. ``slow``: how many times dearer one input is than a
    codec's (a config file written and loaded); ``make test`` runs it on that many times
    fewer inputs, a size given in KIOSK_FUZZ_EXAMPLES is run in full."""
    return settings(
        max_examples=EXAMPLES if _CHOSEN else max(20, EXAMPLES // slow),
        # No deadline: a shared 2-core machine must not turn a slow input into a failure.
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


FUZZ = fuzz()

tally: Counter[str] = Counter()


def count(target: str) -> None:
    """One more input tried on ``target``."""
    tally[target] += 1
