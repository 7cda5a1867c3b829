"""The bridge process of the crash and SIGTERM tests: `kiosk ils-bridge` as
`kiosk.bridge.service.run` starts it, on a free port (printed on stderr), on
a clock standing at NOW, killing itself with SIGKILL at KILL_STEP (a point
between two of the backend's writes, e.g. "checkin:after_fine"; "-": never).

    python -m tests.integration.bridge_child BRIDGE_TOML KILL_STEP NOW_ISO
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime

from kiosk.bridge import config, service


def main(path: str, kill_step: str, now: str) -> int:
    moment = datetime.fromisoformat(now)

    def kill_at(step: str) -> None:
        if step == kill_step:
            os.kill(os.getpid(), signal.SIGKILL)

    return service.run(config.load(path), port=0, clock=lambda: moment, on_step=kill_at)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
