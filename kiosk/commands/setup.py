"""``kiosk check-config`` and ``kiosk hash-pin``: setting a kiosk up."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from kiosk import config


def register(commands, diag) -> None:
    check = commands.add_parser(
        "check-config",
        help="validate a kiosk config or a bridge.toml as start-up does (exit 0 valid, 2 invalid)",
    )
    check.add_argument("path", type=Path)
    check.set_defaults(handler=_check_config)
    pin = commands.add_parser(
        "hash-pin",
        help="hash a staff PIN or a SIP2 login password (typed twice at the prompt, or one line from a pipe)",
    )
    pin.set_defaults(handler=_hash_pin)


def _check_config(args) -> int:
    """The validation start-up runs too, so a file that passes here starts: a bridge.toml
    (it has [sip2_server]/[backend]) as `kiosk ils-bridge` reads it, any other as the kiosk does."""
    from kiosk.bridge import config as bridge_config

    data = config.read_document(args.path)
    if bridge_config.is_bridge_document(data):
        settings = bridge_config.validate(bridge_config.parse(data, args.path))
    else:
        settings = config.validate(config.parse(data, args.path))
    print(settings.summary())
    return 0


MIN_LENGTH = 4


def _read_secret() -> str | None:
    """Typed twice on a terminal (not echoed); from a pipe, the first line. None: they differ."""
    if sys.stdin.isatty():
        secret = getpass.getpass("PIN or password: ")
        return secret if getpass.getpass("Again: ") == secret else None
    return sys.stdin.readline().rstrip("\r\n")


def _hash_pin(args) -> int:
    """The hash alone on stdout, for `[staff] pin_hash`, `pin_hash_env` or a bridge login's `password_hash`."""
    from kiosk.pins import hash_pin

    try:
        secret = _read_secret()
    except (EOFError, KeyboardInterrupt):
        secret = ""
    if secret is None:
        print("kiosk: the two entries differ", file=sys.stderr)
        return 2
    if len(secret) < MIN_LENGTH:
        print(f"kiosk: a PIN or password is at least {MIN_LENGTH} characters", file=sys.stderr)
        return 2
    if not secret.isdigit():
        print("kiosk: note: the staff PIN pad types digits only; this one suits a SIP2 login", file=sys.stderr)
    print(hash_pin(secret))
    return 0
