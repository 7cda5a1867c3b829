"""What every driver is told besides its own options: the site's ``[rfid]``
and ``[barcodes]`` settings and the test switches, in one bundle.

The device manager builds one :class:`Site` and hands it to every driver's
constructor alike, so no driver is picked out by the arguments it happens to
name. The settings are read by attribute only, from whatever the config
loader gives (today a ``Section``, later a dataclass), and narrowed to the
keys the device layer acts on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Site", "SiteBarcodes", "SiteRfid"]


@dataclass(frozen=True)
class SiteRfid:
    """The ``[rfid]`` keys a reader acts on (defaults as in kiosk/config.py)."""

    data_model: str = "auto"
    security: str = "afi"
    afi_on_loan: int = 0xC2
    afi_in_stock: int = 0x07
    security_retries: int = 3

    @classmethod
    def of(cls, rfid: Any) -> SiteRfid:
        return cls(
            data_model=rfid.data_model,
            security=rfid.security,
            afi_on_loan=rfid.afi_on_loan,
            afi_in_stock=rfid.afi_in_stock,
            security_retries=rfid.security_retries,
        )


@dataclass(frozen=True)
class SiteBarcodes:
    """The ``[barcodes]`` keys the camera and ``kiosk diag scan`` act on (defaults as in kiosk/config.py)."""

    decoder: str = "zxing"
    symbologies: list = field(default_factory=lambda: ["codabar", "code128", "code39", "ean13", "itf"])
    rules: list = field(default_factory=list)

    @classmethod
    def of(cls, barcodes: Any) -> SiteBarcodes:
        return cls(decoder=barcodes.decoder, symbologies=barcodes.symbologies, rules=barcodes.rules)


@dataclass(frozen=True)
class Site:
    rfid: SiteRfid = SiteRfid()
    barcodes: SiteBarcodes = SiteBarcodes()
    #: False: simulated devices deliver events inline (tests); serial and camera drivers always use threads.
    threaded: bool = True
    #: Makes the camera's frame source from its options (default: OpenCV); tests give a fake camera.
    capture: Callable[[Any], Any] | None = None
    #: Stamps camera frames (a fake camera brings its own time).
    clock: Callable[[], float] = time.monotonic
