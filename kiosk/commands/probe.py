"""``kiosk diag probe``: what this ILS's SIP2 server does, and the
``[catalog]`` settings a kiosk on it should use (kiosk/catalog/sip2_probe.py)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from kiosk import config
from kiosk.errors import ConfigError


def register(commands, diag) -> None:
    probe = diag.add_parser(
        "probe",
        help="learn what the ILS's SIP2 server does and print the [catalog] settings it wants",
        description="Commissioning: logs in, times status round trips, reads the test item's title, "
        "lends the test item twice, returns it, lends it once more as an offline replay would, "
        "and returns it again. Nothing is left on loan. Exit 0 when done, 1 if the item stayed on loan, "
        "2 when the probe could not run.",
    )
    probe.add_argument("--config", type=Path, required=True)
    probe.add_argument("--test-patron", required=True, metavar="CARD", help="a test patron who may borrow")
    probe.add_argument("--test-item", required=True, metavar="ITEM", help="an item on the shelf, kept for tests")
    probe.add_argument("--test-pin", default=None, metavar="PIN", help="the test patron's PIN, if the ILS wants one")
    probe.add_argument("--json", action="store_true")
    probe.set_defaults(handler=_probe)


def _probe(args) -> int:
    from kiosk.catalog.sip2 import sip2_config
    from kiosk.catalog.sip2_probe import probe, toml_lines

    settings = config.load(args.config)
    if settings.catalog.kind != "sip2":
        raise ConfigError(
            f"{settings.source}: [catalog] kind is {settings.catalog.kind!r}: only a SIP2 server can be probed",
            hint='set kind = "sip2" with the ILS\'s host and port',
        )
    report = probe(sip2_config(settings), args.test_patron, args.test_item, pin=args.test_pin)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(f"SIP2 server {report.server}")
        for step in report.steps:
            print(f"  {step}")
        if report.supported:
            print(f"  supports: {', '.join(report.supported)}")
        if report.unsupported:
            print(f"  does not support: {', '.join(report.unsupported)}")
        if report.checksum_note:
            print(f"  note: {report.checksum_note}")
        current = dataclasses.asdict(settings.catalog)
        changed = [k for k, v in report.recommended.items() if current[k] != v]
        print("\nRecommended settings (put them in the [catalog] table of your config):")
        for line in toml_lines(report.recommended):
            print(line)
        print(
            "\nThese differ from your config: " + ", ".join(changed) if changed else "\nYour config has them already."
        )
    return 1 if report.left_on_loan else 0
