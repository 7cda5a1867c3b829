"""systemd's notify protocol (sd_notify(3)), spoken directly: READY=1 when
the kiosk is up, WATCHDOG=1 while its event loop turns, STOPPING=1 at the
end. No library: it is one datagram on the socket systemd names in
``$NOTIFY_SOCKET``; without that variable (not under systemd) nothing is sent.

The ping comes from a timer on the GUI's event loop and only while the
circulation worker is alive, so a hung screen or a dead worker stops the
pings and systemd restarts the kiosk (``WatchdogSec=`` in the unit).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from concurrent.futures import Future

log = logging.getLogger(__name__)


def _address(env: Mapping[str, str]) -> str | bytes | None:
    path = env.get("NOTIFY_SOCKET", "")
    if not path:
        return None
    if path.startswith("@"):  # an abstract socket: a leading NUL byte on Linux
        return b"\0" + path[1:].encode()
    return path


def notify(state: str, env: Mapping[str, str] | None = None) -> bool:
    """Send ``state`` (e.g. "READY=1") to systemd; False when not under systemd or it failed."""
    address = _address(os.environ if env is None else env)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(state.encode(), address)
        return True
    except OSError as exc:
        log.warning("systemd notify %r failed: %s", state, exc)
        return False


def ping_interval_ms(env: Mapping[str, str] | None = None) -> int:
    """Half the watchdog period systemd asks for (``$WATCHDOG_USEC``), as sd_watchdog_enabled(3)
    advises; 0 when no watchdog is set (or it is meant for another process: ``$WATCHDOG_PID``)."""
    env = os.environ if env is None else env
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return 0
    try:
        usec = int(env.get("WATCHDOG_USEC", "0"))
    except ValueError:
        return 0
    return max(usec // 2000, 1) if usec > 0 else 0


class Watchdog:
    """What the event loop's timer calls: ``beat()`` sends WATCHDOG=1 if the
    kiosk's own liveness check (the circulation worker) still holds."""

    def __init__(self, alive: Callable[[], bool], env: Mapping[str, str] | None = None) -> None:
        self._alive = alive
        self._env = os.environ if env is None else env
        self.interval_ms = ping_interval_ms(self._env)

    @property
    def enabled(self) -> bool:
        return _address(self._env) is not None

    def ready(self) -> None:
        notify("READY=1\nSTATUS=serving patrons", self._env)

    def beat(self) -> bool:
        if not self._alive():
            log.error("circulation worker is not running: no watchdog ping, systemd will restart the kiosk")
            return False
        return notify("WATCHDOG=1", self._env)

    def stopping(self) -> None:
        notify("STOPPING=1", self._env)


class TurnProbe:
    """A liveness check for a worker thread: each call asks it to run a no-op
    and answers whether the one asked last time has run. A worker stuck on
    one operation answers False from the second check on."""

    def __init__(self, submit_noop: Callable[[], Future]) -> None:
        self._submit = submit_noop
        self._last: Future | None = None

    def __call__(self) -> bool:
        turned = self._last is None or self._last.done()
        if turned:
            self._last = self._submit()
        return turned
