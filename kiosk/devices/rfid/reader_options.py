"""What a serial RFID reader driver is told: its typed options and the site's [rfid].

Two sources: the device's own ``[devices.<name>]`` table (port, line
settings, polling), declared here as :class:`ReaderOptions` (each vendor
subclass changes the line defaults), and the site's ``[rfid]`` section (data
model, security by AFI or EAS, AFI values, retries), which reaches the driver
as ``site.rfid``. A device table may override the site's security keys for
one reader (a return station on an older 3M pad, say).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kiosk.devices.options import REQUIRED, option
from kiosk.devices.serial_line import LineSettings
from kiosk.devices.site import SiteRfid

from .tagdata import MODELS
from .transport import Timing

__all__ = ["ReaderOptions", "ReaderSettings", "baudrate_option", "frame_gap_option", "parity_option"]


def _byte(v: int) -> bool:
    return 0 <= v <= 0xFF


def baudrate_option(default: int) -> Any:
    return option(default, (int,), f"a baud rate such as {default}", lambda v: v > 0)


def parity_option(default: str) -> Any:
    return option(default, (str,), '"N", "E" or "O"', lambda v: v in ("N", "E", "O"))


def frame_gap_option(default_ms: int) -> Any:
    return option(default_ms, (int,), "milliseconds of silence that end a partial frame (> 0)", lambda v: v > 0)


@dataclass(frozen=True)
class ReaderSettings:
    """The options turned into what the transport and the loop use."""

    line: LineSettings
    timing: Timing
    poll_s: float
    reconnect_s: float
    blocks: int
    site: SiteRfid


@dataclass(frozen=True)
class ReaderOptions:
    """The options every serial reader driver takes (vendor subclasses set the line defaults)."""

    port: str = option(REQUIRED, (str,), 'a serial port or pyserial URL such as "/dev/ttyUSB0"', bool)
    baudrate: int = baudrate_option(19200)
    parity: str = parity_option("N")
    timeout_ms: int = option(1000, (int,), "milliseconds to wait for an answer (> 0)", lambda v: v > 0)
    frame_gap_ms: int = frame_gap_option(50)
    poll_interval_ms: int = option(200, (int,), "milliseconds between inventories (>= 1)", lambda v: v >= 1)
    reconnect_ms: int = option(
        500,
        (int,),
        "the longest wait, in milliseconds, between attempts to reopen a lost port (>= 1)",
        lambda v: v >= 1,
    )
    # Blocks read from a new tag when the reader cannot ask the tag its size.
    blocks: int = option(28, (int,), "a number of 4-byte tag blocks, 1-255", lambda v: 1 <= v <= 255)
    # Per-device overrides of [rfid]; None means "as the site says".
    data_model: str | None = option(
        None, (str,), f"one of {', '.join(('auto', *MODELS))}", lambda v: v in ("auto", *MODELS)
    )
    security: str | None = option(None, (str,), '"afi" or "eas"', lambda v: v in ("afi", "eas"))
    afi_on_loan: int | None = option(None, (int,), "a byte value 0-255 (e.g. 0xC2)", _byte)
    afi_in_stock: int | None = option(None, (int,), "a byte value 0-255 (e.g. 0x07)", _byte)
    security_retries: int | None = option(None, (int,), "a number >= 1", lambda v: v >= 1)

    def settings(self, site: SiteRfid) -> ReaderSettings:
        """These options with the site's [rfid] merged under the device's overrides."""
        device = {
            "data_model": self.data_model,
            "security": self.security,
            "afi_on_loan": self.afi_on_loan,
            "afi_in_stock": self.afi_in_stock,
            "security_retries": self.security_retries,
        }
        overrides = {key: value for key, value in device.items() if value is not None}
        timing = Timing(answer_timeout_s=self.timeout_ms / 1000, frame_gap_s=self.frame_gap_ms / 1000)
        return ReaderSettings(
            line=timing.line(self.port, self.baudrate, self.parity),
            timing=timing,
            poll_s=self.poll_interval_ms / 1000,
            reconnect_s=self.reconnect_ms / 1000,
            blocks=self.blocks,
            site=replace(site, **overrides),
        )
