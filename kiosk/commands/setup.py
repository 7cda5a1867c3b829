"""``kiosk check-config`` and ``kiosk hash-pin``: setting a kiosk up."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from kiosk import config


def register(commands, diag) -> None:
    check = commands.add_parser(
        "check-config", help="validate a config file as start-up does (exit 0 valid, 2 invalid)"
    )
    check.add_argument("path", type=Path)
    check.set_defaults(handler=_check_config)
    pin = commands.add_parser("hash-pin", help="make a [staff] pin_hash from a PIN typed at the prompt")
    pin.set_defaults(handler=_hash_pin)


def _check_config(args) -> int:
    """config.load() is the validation start-up runs too, so a file that passes here starts."""
    settings = config.load(args.path)
    print(settings.summary())
    return 0


def _hash_pin(args) -> int:
    from kiosk.pins import hash_pin

    pin = getpass.getpass("Staff PIN: ")
    if not pin.isdigit() or len(pin) < 4:
        print("kiosk: a staff PIN is at least 4 digits", file=sys.stderr)
        return 2
    if getpass.getpass("Again: ") != pin:
        print("kiosk: the two PINs differ", file=sys.stderr)
        return 2
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0
