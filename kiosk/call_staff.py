"""The patron's "call staff" button, without Qt.

A call is a staff alert in the journal (diagnostics lists it, like a tag
that would not switch), the kiosk's light if the site wired one
(``[call_staff] light_command``), the attention cue, and "someone is coming"
on screen until the visit ends. The attention cue (``[call_staff] sound``)
is kiosk.sounds.CueWatcher's. A second press while a call is open
raises no second alert.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Sequence

from kiosk.circulation import OnJournal
from kiosk.config import CallStaffSettings
from kiosk.worker import Offload

log = logging.getLogger(__name__)
ALERT_KIND = "call_staff"


def alert_message(kiosk_name: str, screen: str) -> str:
    return f"a patron asks for help at {kiosk_name} (screen: {screen})"


def _run_light(command: Sequence[str]) -> bool:
    try:
        subprocess.run(list(command), check=True, timeout=10, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("call staff: the light command %s failed: %s", list(command), exc)
        return False
    return True


class StaffCall:
    """One open call at a time; ``changed`` hook fires with True/False.

    ``submit(operation, on_done, on_error)`` is the flow's: the alert is
    written on the circulation worker (OnJournal), the light command runs on
    its I/O pool (Offload), neither on the screen's thread."""

    def __init__(
        self,
        settings: CallStaffSettings,
        kiosk_name: str,
        submit,
        *,
        run_light: Callable[[Sequence[str]], bool] = _run_light,
    ) -> None:
        self.settings = settings
        self.kiosk_name = kiosk_name
        self._submit = submit
        self._run_light = run_light
        self.open = False
        self._listeners: list[Callable[[bool], None]] = []

    def connect(self, listener: Callable[[bool], None]) -> None:
        self._listeners.append(listener)

    def _set(self, open_: bool) -> None:
        if open_ != self.open:
            self.open = open_
            for listener in list(self._listeners):
                listener(open_)

    def call(self, screen: str) -> None:
        if self.open:
            return
        self._set(True)
        message = alert_message(self.kiosk_name, screen)
        self._submit(OnJournal(lambda journal: journal.add_alert(ALERT_KIND, message)), _ignore, _logged)
        if self.settings.light_command:
            command = tuple(self.settings.light_command)
            self._submit(Offload(lambda: self._run_light(command)), _ignore, _logged)

    def clear(self) -> None:
        """The visit ended (or staff came to diagnostics): the next patron starts without the notice."""
        self._set(False)


def _ignore(_result) -> None:
    pass


def _logged(exc: BaseException) -> None:
    log.error("call staff: the alert could not be written: %s", exc)
