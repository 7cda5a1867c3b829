"""``kiosk demo-ils``: the demo catalog served over SIP2 on this machine,
for training staff and proving kiosks without the production ILS."""

from __future__ import annotations

import argparse
import errno
import socket
from pathlib import Path

from kiosk.errors import KnownError


def tcp_port(text: str) -> int:
    """An argparse type: a TCP port number 0-65535 (argparse turns the error into exit 2)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number: give 0-65535 (0: any free port)")
    return port


def register(commands, diag) -> None:
    ils = commands.add_parser("demo-ils", help="serve the demo catalog over SIP2 (a training ILS on loopback)")
    ils.add_argument("--port", type=tcp_port, default=6001, help="TCP port (0: any free one, printed at start)")
    ils.add_argument(
        "--db",
        type=Path,
        help="the demo catalog file (default: var/demo-ils.sqlite3); made from the demo data when it does not exist",
    )
    ils.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    ils.add_argument("--username", default="kiosk", help="SIP2 login the kiosk must use ('' for none)")
    ils.add_argument("--password", default="demo", help="SIP2 login password")
    ils.set_defaults(handler=_demo_ils)


def _demo_ils(args) -> int:
    from kiosk.ils.demo_server import DemoIlsServer, default_db_path

    db = args.db or default_db_path()
    try:
        server = DemoIlsServer(
            db, host=args.host, port=args.port, username=args.username or None, password=args.password
        )
    except OSError as exc:
        if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:  # the host, not the port
            raise KnownError(
                f"cannot listen on {args.host}: not an address of this machine ({exc.strerror})",
                hint="give --host an address of this machine: 127.0.0.1 (this machine only) or 0.0.0.0 (every network)",
            ) from exc
        raise KnownError(
            f"cannot listen on {args.host}:{args.port} ({exc.strerror})",
            hint="pick another --port, or stop what is using this one",
        ) from exc
    login = f"login {args.username}/{args.password}" if args.username else "no login"
    print(f"demo ILS: SIP2 on {args.host}:{server.port} ({login}), catalog {db}; Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
