"""The kiosk process of the crash test: lends items (or syncs) through the
real code path until the test SIGKILLs it — from the fake ACS at an exact
protocol point, or from here at the n-th journal write.

    python -m tests.integration.crash_child CONFIG lend|stack|sync KILL_AT before|after ITEM...

KILL_AT < 0: never kill from here.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from kiosk import config
from kiosk.app import build


def _kill_at_journal_write(journal, kill_at: int, when: str) -> None:
    writes, lock = [0], threading.Lock()  # belt and braces: writes come from the one circulation worker

    def wrap(method):
        def write(*args, **kwargs):
            with lock:
                writes[0] += 1
                mine = writes[0]
            if mine == kill_at and when == "before":
                os.kill(os.getpid(), signal.SIGKILL)
            result = method(*args, **kwargs)
            if mine == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        return write

    journal.begin, journal.finish = wrap(journal.begin), wrap(journal.finish)


def main(config_path: str, mode: str, kill_at: str, when: str, *items: str) -> int:
    kiosk = build(config.load(config_path))
    if int(kill_at) >= 0:
        _kill_at_journal_write(kiosk.journal, int(kill_at), when)
    if mode == "sync":
        kiosk.syncer.run_once()
    else:
        session = kiosk.circulation.sign_in("P1").session
        if mode == "stack":
            kiosk.circulation.checkout_stack(session, [(item, None) for item in items])
        else:
            for item in items:
                kiosk.circulation.checkout(session, item)
    kiosk.close()
    print("finished", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
