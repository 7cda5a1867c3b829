"""Checking a driver's options from its ``[devices.<name>]`` table.

The config loader leaves device options free-form (each driver knows its
own), so a driver checks them when opened and says which key is wrong:
a misspelt ``baudrate`` silently ignored would leave a scanner dead with no
clue why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.errors import DeviceError

REQUIRED = object()


@dataclass(frozen=True)
class Option:
    default: Any
    types: tuple[type, ...]
    expected: str  # said in the error, e.g. "a baud rate such as 9600"
    check: Callable[[Any], bool] | None = None


def read_options(device_name: str, driver: str, options: Mapping[str, Any],
                 spec: Mapping[str, Option]) -> dict[str, Any]:
    """Every option of ``spec``, from ``options`` or its default; DeviceError names the bad key."""
    where = f"[devices.{device_name}]"
    unknown = sorted(set(options) - set(spec))
    if unknown:
        raise DeviceError(f"{where} {unknown[0]}: unknown option for the {driver} driver "
                          f"(known: {', '.join(spec)})", hint="remove it or check its spelling")
    values = {}
    for key, option in spec.items():
        if key not in options:
            if option.default is REQUIRED:
                raise DeviceError(f"{where} {key}: missing (expected {option.expected})",
                                  hint=f"add '{key} = ...' under {where}")
            values[key] = option.default
            continue
        value = options[key]
        wrong_type = not isinstance(value, option.types) or (isinstance(value, bool) and bool not in option.types)
        if wrong_type or (option.check is not None and not option.check(value)):
            raise DeviceError(f"{where} {key}: expected {option.expected}, got {value!r}",
                              hint="fix the value in the config file")
        values[key] = value
    return values
