"""``kiosk ils-bridge --config bridge.toml``: SIP2 for an ILS that has none
(SLiMS, INLISLite), run on the library's server next to its database."""

from __future__ import annotations

from pathlib import Path


def register(commands, diag) -> None:
    bridge = commands.add_parser(
        "ils-bridge",
        help="serve SIP2 to the kiosks over the library's SLiMS/INLISLite database (foreground; SIGTERM stops it)",
    )
    bridge.add_argument("--config", type=Path, required=True, help="the bridge.toml ([sip2_server] and [backend])")
    bridge.set_defaults(handler=_ils_bridge)


def _ils_bridge(args) -> int:
    from kiosk.bridge import config, service

    return service.run(config.load(args.config))
