"""The ``kiosk`` command: the touchscreen app, and the tools around it."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import time
from pathlib import Path

from kiosk.errors import KnownError

log = logging.getLogger("kiosk")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="Offline-first self-service library kiosk.")
    p.add_argument("--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="the kiosk on its embedded defaults: demo catalog, simulated devices, "
                                       "simulator panel")
    demo.add_argument("--config", type=Path, help="another config to demo with (default: config/demo.toml)")
    demo.add_argument("--fullscreen", action="store_true", help="kiosk mode instead of a window")

    run = sub.add_parser("run", help="the kiosk on a site's configuration (full screen)")
    run.add_argument("--config", type=Path, required=True)
    run.add_argument("--windowed", action="store_true", help="a normal window instead of kiosk mode")
    run.add_argument("--simulator", action="store_true", help="also open the simulator panel")

    check = sub.add_parser("check-config", help="validate a config file (exit 0 valid, 2 invalid)")
    check.add_argument("path", type=Path)

    shots = sub.add_parser("screenshots", help="render every screen in every language to PNG files")
    shots.add_argument("--config", type=Path, required=True)
    shots.add_argument("--out", type=Path, required=True)
    shots.add_argument("--size", default="1280x800", help="window size, e.g. 1920x1080")

    diag = sub.add_parser("diag", help="diagnostics for technicians")
    diag_sub = diag.add_subparsers(dest="diag_command", required=True, metavar="WHAT")
    status = diag_sub.add_parser("status", help="devices, catalog, journal and sync queue")
    status.add_argument("--config", type=Path, required=True)
    status.add_argument("--json", action="store_true")

    sub.add_parser("hash-pin", help="make a [staff] pin_hash from a PIN typed at the prompt")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return _dispatch(args)
    except KnownError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2


def _dispatch(args) -> int:
    from kiosk import config

    if args.command == "check-config":
        settings = config.load(args.path)
        from kiosk.devices.manager import DeviceManager

        DeviceManager.check(settings.devices)
        print(settings.summary())
        return 0
    if args.command == "hash-pin":
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
    if args.command == "diag":
        return _diag_status(config.load(args.config), as_json=args.json)
    if args.command == "screenshots":
        from kiosk.ui.screenshots import render_all

        width, _, height = args.size.partition("x")
        for path in render_all(config.load(args.config), args.out, size=(int(width), int(height))):
            print(path)
        return 0
    from kiosk.ui.app import run_gui

    if args.command == "demo":
        settings = config.load(args.config or config.demo_config_path())
        return run_gui(settings, fullscreen=args.fullscreen, simulator=True)
    settings = config.load(args.config)
    return run_gui(settings, fullscreen=not args.windowed, simulator=args.simulator)


def _diag_status(settings, *, as_json: bool) -> int:
    from kiosk.app import build

    kiosk = build(settings)
    try:
        statuses = kiosk.devices.open_all(lambda event: None)
        started = time.monotonic()
        try:
            answers, error = kiosk.catalog.ping(), ""
        except KnownError as exc:
            answers, error = False, exc.message
        elapsed_ms = round((time.monotonic() - started) * 1000, 1)
        report = {
            "config": str(settings.source),
            "mode": settings.kiosk.mode,
            "devices": [{"name": s.name, "kind": s.kind, "driver": s.driver, "state": s.state.value,
                         "reason": s.reason} for s in statuses],
            "catalog": {"kind": settings.catalog.kind, "describe": kiosk.catalog.describe(), "answers": answers,
                        "ms": elapsed_ms, "error": error},
            "journal": {"path": str(kiosk.journal.path), "counts": kiosk.journal.counts(),
                        "alerts": len(kiosk.journal.open_alerts())},
        }
    finally:
        kiosk.close()
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        print(f"config   {report['config']} (mode {report['mode']})")
        for d in report["devices"]:
            print(f"device   {d['name']:<12} {d['kind']:<8} {d['driver']:<12} {d['state']}"
                  + (f"  {d['reason']}" if d["reason"] else ""))
        c = report["catalog"]
        print(f"catalog  {c['describe']}: " + (f"answers ({c['ms']} ms)" if c["answers"]
                                               else f"DOES NOT ANSWER {c['error']}"))
        counts = " ".join(f"{k}={v}" for k, v in report["journal"]["counts"].items())
        print(f"journal  {report['journal']['path']}: {counts}, open alerts={report['journal']['alerts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
