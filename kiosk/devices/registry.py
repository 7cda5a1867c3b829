"""Maps ``kind`` + ``driver`` names in the config to device classes, and builds them.

Drivers are named by module path, and only the module of the driver asked
for is imported: a kiosk with simulated devices never loads pyserial, and one
without a camera never loads OpenCV.
"""

from __future__ import annotations

import importlib
from typing import Any

from kiosk.devices.base import Device
from kiosk.devices.options import parse_options
from kiosk.devices.site import Site
from kiosk.errors import DeviceError

__all__ = ["DRIVERS", "build", "driver_class", "known", "options_for"]

#: (kind, driver) -> "module:Class".
DRIVERS: dict[tuple[str, str], str] = {
    ("rfid", "simulated"): "kiosk.devices.simulated:SimulatedRfidReader",
    ("rfid", "3m810"): "kiosk.devices.rfid.reader_3m:Reader3M810",
    ("rfid", "feig"): "kiosk.devices.rfid.reader_feig:FeigReader",
    ("barcode", "simulated"): "kiosk.devices.simulated:SimulatedBarcodeScanner",
    ("barcode", "serial"): "kiosk.devices.barcode.serial_scanner:SerialScanner",
    ("barcode", "camera"): "kiosk.devices.barcode.camera:CameraScanner",
    ("printer", "simulated"): "kiosk.devices.printer.simulated:SimulatedPrinter",
    ("printer", "escpos-network"): "kiosk.devices.printer.escpos_printer:NetworkPrinter",
    ("printer", "escpos-serial"): "kiosk.devices.printer.escpos_printer:SerialPrinter",
    ("printer", "escpos-usb"): "kiosk.devices.printer.escpos_printer:UsbPrinter",
}


def known(kind: str) -> list[str]:
    return sorted(d for k, d in DRIVERS if k == kind)


def driver_class(kind: str, driver: str, where: str = "") -> type[Device]:
    try:
        path = DRIVERS[(kind, driver)]
    except KeyError:
        raise DeviceError(
            f"{where}unknown {kind} driver {driver!r} (known: {', '.join(known(kind)) or 'none'})",
            hint="fix 'driver' in the device's section of the config",
        ) from None
    module, _, name = path.partition(":")
    return vars(importlib.import_module(module))[name]


def options_for(cfg: Any) -> tuple[type[Device], Any]:
    """The driver class of a ``DeviceConfig`` and its options parsed; DeviceError names the bad key."""
    cls = driver_class(cfg.kind, cfg.driver, f"[devices.{cfg.name}]: ")
    return cls, parse_options(cls.Options, cfg.name, cfg.driver, cfg.options)


def build(cfg: Any, site: Site) -> Device:
    """The device a ``DeviceConfig`` describes, unopened: every driver is made this one way."""
    cls, options = options_for(cfg)
    return cls(cfg.name, options, site)
