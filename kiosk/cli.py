"""The ``kiosk`` command: the touchscreen app, and the tools around it.

Subcommands live in ``kiosk/commands/``; this module only assembles them
and turns a KnownError into a message and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from kiosk import journald
from kiosk.commands import COMMAND_MODULES
from kiosk.errors import KnownError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="Offline-first self-service library kiosk.")
    p.add_argument("--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    commands = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    diag = commands.add_parser("diag", help="diagnostics for technicians")
    diag_commands = diag.add_subparsers(dest="diag_command", required=True, metavar="WHAT")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands, diag_commands)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if journald.under_systemd():  # systemd's journal gets fields (kiosk/journald.py); it stamps the time itself
        logging.basicConfig(level=args.log_level, handlers=[journald.JournalHandler()], format="%(message)s")
    else:
        logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args)
    except KnownError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
