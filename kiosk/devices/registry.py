"""Maps ``kind`` + ``driver`` names in the config to device classes."""

from __future__ import annotations

import importlib

from kiosk.devices.base import Device
from kiosk.errors import DeviceError

_DRIVERS: dict[tuple[str, str], type[Device]] = {}


def register(cls: type[Device]) -> type[Device]:
    """Class decorator: make a driver available under its ``kind``/``driver`` names."""
    _DRIVERS[(cls.kind, cls.driver)] = cls
    return cls


def known(kind: str) -> list[str]:
    return sorted(d for k, d in _DRIVERS if k == kind)


def driver_class(kind: str, driver: str, where: str = "") -> type[Device]:
    _load_builtin_drivers()
    try:
        return _DRIVERS[(kind, driver)]
    except KeyError:
        raise DeviceError(f"{where}unknown {kind} driver {driver!r} (known: {', '.join(known(kind)) or 'none'})",
                          hint="fix 'driver' in the device's section of the config") from None


# Modules whose import registers drivers; imported on first lookup so that
# loading the registry never pulls in a vendor's dependencies by itself.
BUILTIN_DRIVER_MODULES = [
    "kiosk.devices.simulated",
    "kiosk.devices.barcode.serial_scanner",
    "kiosk.devices.barcode.camera",
    "kiosk.devices.rfid.reader_3m",
    "kiosk.devices.rfid.reader_feig",
]


def _load_builtin_drivers() -> None:
    for module in BUILTIN_DRIVER_MODULES:
        importlib.import_module(module)
