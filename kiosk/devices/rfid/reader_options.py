"""What a serial RFID reader driver is told, checked once when it opens.

Two sources: the device's own ``[devices.<name>]`` table (port, line
settings, polling) and the site's ``[rfid]`` section (data model, security
by AFI or EAS, AFI values, retries), which the composition root passes as
the ``rfid=`` keyword. A device table may override the site's security keys
for one reader (a return station on an older 3M pad, say). A bad value is a
DeviceError naming the key, so a misspelt option never leaves a pad dead
without a clue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from kiosk.devices.options import REQUIRED, Option, read_options

from .tagdata import MODELS
from .transport import LineSettings

__all__ = ["ReaderSettings", "SiteRfid", "read_settings", "reader_options"]


@dataclass(frozen=True)
class SiteRfid:
    """The ``[rfid]`` keys a reader acts on (defaults as in kiosk/config.py)."""

    data_model: str = "auto"
    security: str = "afi"
    afi_on_loan: int = 0xC2
    afi_in_stock: int = 0x07
    security_retries: int = 3

    @classmethod
    def from_section(cls, rfid: Any) -> "SiteRfid":
        """From a config ``Section``, a plain mapping or None; other keys are ignored."""
        values = rfid if isinstance(rfid, Mapping) else getattr(rfid, "values", rfid) or {}
        if not isinstance(values, Mapping):
            raise TypeError(f"rfid settings must be a mapping or a config section, got {rfid!r}")
        return cls(**{f.name: values[f.name] for f in fields(cls) if f.name in values})


def _byte(v: int) -> bool:
    return 0 <= v <= 0xFF


# Per-device overrides of [rfid]; None means "as the site says".
_SECURITY_OPTIONS = {
    "data_model": Option(None, (str,), f"one of {', '.join(('auto', *MODELS))}", lambda v: v in ("auto", *MODELS)),
    "security": Option(None, (str,), "\"afi\" or \"eas\"", lambda v: v in ("afi", "eas")),
    "afi_on_loan": Option(None, (int,), "a byte value 0-255 (e.g. 0xC2)", _byte),
    "afi_in_stock": Option(None, (int,), "a byte value 0-255 (e.g. 0x07)", _byte),
    "security_retries": Option(None, (int,), "a number >= 1", lambda v: v >= 1),
}


def reader_options(*, baudrate: int, parity: str, frame_gap_ms: int, **extra: Option) -> dict[str, Option]:
    """The option table of a serial reader driver with its line defaults."""
    return {
        "port": Option(REQUIRED, (str,), "a serial port or pyserial URL such as \"/dev/ttyUSB0\"", bool),
        "baudrate": Option(baudrate, (int,), f"a baud rate such as {baudrate}", lambda v: v > 0),
        "parity": Option(parity, (str,), "\"N\", \"E\" or \"O\"", lambda v: v in ("N", "E", "O")),
        "timeout_ms": Option(1000, (int,), "milliseconds to wait for an answer (> 0)", lambda v: v > 0),
        "frame_gap_ms": Option(frame_gap_ms, (int,), "milliseconds of silence that end a partial frame (> 0)",
                               lambda v: v > 0),
        "poll_interval_ms": Option(200, (int,), "milliseconds between inventories (>= 1)", lambda v: v >= 1),
        "reconnect_ms": Option(500, (int,), "milliseconds between attempts to reopen a lost port (>= 1)",
                               lambda v: v >= 1),
        # Blocks read from a new tag when the reader cannot ask the tag its size.
        "blocks": Option(28, (int,), "a number of 4-byte tag blocks, 1-255", lambda v: 1 <= v <= 255),
        **extra,
        **_SECURITY_OPTIONS,
    }


@dataclass(frozen=True)
class ReaderSettings:
    line: LineSettings
    poll_s: float
    reconnect_s: float
    blocks: int
    site: SiteRfid
    driver_options: Mapping[str, Any]  # the driver's own extras (e.g. com_address)


def read_settings(device_name: str, driver: str, options: Mapping[str, Any], spec: Mapping[str, Option],
                  rfid: Any = None) -> ReaderSettings:
    """Check *options* against *spec* (DeviceError names the key) and merge the site's [rfid]."""
    values = read_options(device_name, driver, options, spec)
    overrides = {k: values.pop(k) for k in _SECURITY_OPTIONS if values.get(k) is not None}
    for key in _SECURITY_OPTIONS:
        values.pop(key, None)
    line = LineSettings(values.pop("port"), values.pop("baudrate"), values.pop("parity"),
                        answer_timeout_s=values.pop("timeout_ms") / 1000,
                        frame_gap_s=values.pop("frame_gap_ms") / 1000)
    return ReaderSettings(line=line, poll_s=values.pop("poll_interval_ms") / 1000,
                          reconnect_s=values.pop("reconnect_ms") / 1000, blocks=values.pop("blocks"),
                          site=replace(SiteRfid.from_section(rfid), **overrides), driver_options=values)
