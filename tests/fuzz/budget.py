"""How many inputs each fuzz test tries, and the tally ``make fuzz`` prints.

``make test`` runs every fuzz test at a modest size (KIOSK_FUZZ_EXAMPLES,
default 100: a few seconds in all); ``make fuzz`` sets it to 1,000,000.
A long run is cut into hypothesis runs of ``CHUNK`` inputs, each with a fresh
random seed: hypothesis keeps a tree of every input a run has made, which at a
million inputs no longer fits a kiosk-sized machine's memory. The tally says
how many inputs each target really took.
"""

from __future__ import annotations

import functools
import os
from collections import Counter

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "100"))
_CHOSEN = "KIOSK_FUZZ_EXAMPLES" in os.environ
CHUNK = 20_000

tally: Counter[str] = Counter()


def fuzz(slow: int = 1):
    """The decorator (above ``@given``) of one fuzz test. ``slow``: how many times dearer
    one input is than a codec's (a config file written and loaded); ``make test`` runs it
    on that many times fewer inputs, a size given in KIOSK_FUZZ_EXAMPLES is run in full."""
    total = EXAMPLES if _CHOSEN else max(20, EXAMPLES // slow)
    runs = -(-total // CHUNK)
    per_run = -(-total // runs)  # equal runs of at most CHUNK inputs, together at least ``total``

    def decorate(test):
        chunked = settings(
            max_examples=per_run,
            # No deadline: a shared 2-core machine must not turn a slow input into a failure.
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        )(test)

        @functools.wraps(chunked)
        def run(*args, **kwargs):
            for _ in range(runs):
                chunked(*args, **kwargs)

        return run

    return decorate


FUZZ = fuzz()


def count(target: str) -> None:
    """One more input tried on ``target``."""
    tally[target] += 1
