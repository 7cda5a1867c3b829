"""Logs to the systemd journal with fields (DESIGN.md §15), in the
journal's native protocol (systemd.journal-fields(7), "Native Journal
Protocol"): one datagram of ``KEY=value`` lines to
``/run/systemd/journal/socket``. A technician then filters with
``journalctl -u kiosk KIOSK_DEVICE=rfid1`` or ``KIOSK_TX_UUID=...``.

Used when systemd runs us (``$JOURNAL_STREAM`` is set because stderr goes
to the journal); elsewhere logs stay plain stderr lines.
"""

from __future__ import annotations

import logging
import os
import socket
import struct

SOCKET_PATH = "/run/systemd/journal/socket"
# syslog priorities by logging level
_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3, logging.CRITICAL: 2}
# ``log.info("...", extra={"device": name})`` becomes KIOSK_DEVICE=name.
FIELDS = ("device", "tx_uuid", "kind", "item")


def _field(name: str, value: str) -> bytes:
    data = value.encode("utf-8", "replace")
    if b"\n" in data:  # a value with newlines: name, newline, 64-bit LE length, data
        return name.encode() + b"\n" + struct.pack("<Q", len(data)) + data + b"\n"
    return name.encode() + b"=" + data + b"\n"


class JournalHandler(logging.Handler):
    def __init__(self, kiosk_name: str = "", path: str = SOCKET_PATH) -> None:
        super().__init__()
        self.kiosk_name = kiosk_name
        self.path = path
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
            parts = [
                _field("MESSAGE", message),
                _field("PRIORITY", str(_PRIORITY.get(record.levelno, 6))),
                _field("SYSLOG_IDENTIFIER", "kiosk"),
                _field("LOGGER", record.name),
                _field("CODE_FILE", record.pathname),
                _field("CODE_LINE", str(record.lineno)),
                _field("CODE_FUNC", record.funcName),
                _field("THREAD_NAME", record.threadName or ""),
            ]
            if self.kiosk_name:
                parts.append(_field("KIOSK", self.kiosk_name))
            for name in FIELDS:
                value = record.__dict__.get(name)
                if value:
                    parts.append(_field(f"KIOSK_{name.upper()}", str(value)))
            self._sock.sendto(b"".join(parts), self.path)
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        self._sock.close()
        super().close()


def under_systemd() -> bool:
    return bool(os.environ.get("JOURNAL_STREAM")) and os.path.exists(SOCKET_PATH)
