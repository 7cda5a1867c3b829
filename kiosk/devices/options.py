"""A driver's options: declared as a frozen dataclass, parsed from its ``[devices.<name>]`` table.

The config loader leaves device options free-form (each driver knows its
own), so each driver class declares ``Options``, a frozen dataclass whose
fields are made with :func:`option`, and :func:`parse_options` turns the
table into one, or a DeviceError naming ``[devices.<name>] <key>``, what was
expected and what to do: a misspelt ``baudrate`` silently ignored would
leave a scanner dead with no clue why. The registry parses every driver's
options this one way, for ``kiosk check-config`` as for start-up.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from kiosk.errors import DeviceError

__all__ = ["REQUIRED", "NoOptions", "option", "parse_options"]

T = TypeVar("T")


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


@dataclass(frozen=True)
class _Rule:
    types: tuple[type, ...]
    expected: str  # said in the error, e.g. "a baud rate such as 9600"
    check: Callable[[Any], bool] | None = None


def option(default: Any, types: tuple[type, ...], expected: str, check: Callable[[Any], bool] | None = None) -> Any:
    """One field of a driver's ``Options`` dataclass: its default (or REQUIRED),
    the TOML types it takes, what the error says is expected, and a value check."""
    return field(default=default, metadata={"option": _Rule(types, expected, check)})


@dataclass(frozen=True)
class NoOptions:
    """The options of a driver that takes none."""


def parse_options(cls: type[T], device_name: str, driver: str, table: Mapping[str, Any]) -> T:
    """``table`` checked against ``cls``'s fields, defaults filled in; DeviceError names the bad key."""
    where = f"[devices.{device_name}]"
    declared = {f.name: f.metadata["option"] for f in fields(cls)}
    unknown = sorted(set(table) - set(declared))
    if unknown:
        raise DeviceError(
            f"{where} {unknown[0]}: unknown option for the {driver} driver (known: {', '.join(declared) or 'none'})",
            hint="remove it or check its spelling",
        )
    values = {}
    for f in fields(cls):
        rule = declared[f.name]
        if f.name not in table:
            if f.default is REQUIRED:
                raise DeviceError(
                    f"{where} {f.name}: missing (expected {rule.expected})", hint=f"add '{f.name} = ...' under {where}"
                )
            continue
        value = table[f.name]
        wrong_type = not isinstance(value, rule.types) or (isinstance(value, bool) and bool not in rule.types)
        if wrong_type or _out_of_range(value) or (rule.check is not None and not rule.check(value)):
            raise DeviceError(
                f"{where} {f.name}: expected {rule.expected}, got {value!r}", hint="fix the value in the config file"
            )
        values[f.name] = value
    return cls(**values)


#: No driver option is a number beyond this (baud rates, pixels, milliseconds): larger is a typo,
#: and would reach pyserial, OpenCV or a timer as an OverflowError.
LARGEST = 10**8


def _out_of_range(value: Any) -> bool:
    """A number no driver can use: inf, nan, or beyond LARGEST (also inside a list, e.g. crop)."""
    if isinstance(value, list):
        return any(_out_of_range(v) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not math.isfinite(value) or abs(value) > LARGEST
