"""A serial barcode scanner on a pseudo-terminal, for the serial driver's tests.

It sends what a real scanner sends (code bytes, then CR or CRLF, optionally
an AIM identifier first) through a real tty, so pyserial and the driver's
line parser are what the tests exercise.  The driver is given a stable
path, a symlink like udev's ``/dev/serial/by-id/...``; unplugging removes
the symlink and closes the pty (the driver's read fails as with a pulled
USB cable), plugging in makes a new pty behind the same path.
"""

from __future__ import annotations

import os
import tty
from pathlib import Path


class FakeSerialScanner:
    def __init__(self, folder: Path, name: str = "scanner") -> None:
        self.path = Path(folder) / name
        self._master: int | None = None
        self._slave: int | None = None

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def plug(self) -> FakeSerialScanner:
        if self.plugged:
            return self
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR->LF: bytes pass as they are
        link = self.path.with_name(self.path.name + ".new")
        link.unlink(missing_ok=True)
        link.symlink_to(os.ttyname(self._slave))
        link.replace(self.path)
        return self

    def unplug(self) -> None:
        self.path.unlink(missing_ok=True)
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None

    def send(self, data: bytes) -> None:
        """Raw bytes down the line: a code, noise, half a line."""
        assert self._master is not None, "the fake scanner is unplugged"
        os.write(self._master, data)

    def scan(self, code: str, suffix: bytes = b"\r", aim: str = "") -> None:
        self.send(aim.encode("ascii") + code.encode("ascii") + suffix)

    close = unplug
