"""``kiosk demo``, ``kiosk run`` and ``kiosk screenshots``: the Qt app."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk import config
from kiosk.errors import KnownError

DEFAULT_EXIT_AFTER_S = 60  # seconds `kiosk run` shows why it cannot start when the config itself is at fault


def register(commands, diag) -> None:
    demo = commands.add_parser(
        "demo", help="the kiosk on its embedded defaults: demo catalog, simulated devices, simulator panel"
    )
    demo.add_argument("--config", type=Path, help="another config to demo with (default: config/demo.toml)")
    demo.add_argument("--fullscreen", action="store_true", help="kiosk mode instead of a window")
    demo.set_defaults(handler=_demo)

    run = commands.add_parser("run", help="the kiosk on a site's configuration (full screen)")
    run.add_argument("--config", type=Path, required=True)
    run.add_argument("--windowed", action="store_true", help="a normal window instead of kiosk mode")
    run.add_argument("--simulator", action="store_true", help="also open the simulator panel")
    run.add_argument(
        "--startup-failure-s",
        type=_seconds,
        metavar="S",
        help="when the kiosk cannot start, show why for S seconds, then exit with status 2 "
        f"(default: [kiosk] startup_failure_s, or {DEFAULT_EXIT_AFTER_S} when the config itself is at fault)",
    )
    run.set_defaults(handler=_run)

    shots = commands.add_parser("screenshots", help="render every screen in every language to PNG files")
    shots.add_argument("--config", type=Path, required=True)
    shots.add_argument("--out", type=Path, required=True)
    shots.add_argument("--size", default="1280x800", help="window size, e.g. 1920x1080")
    shots.set_defaults(handler=_screenshots)


def _demo(args) -> int:
    from kiosk.ui.app import run_gui

    return run_gui(config.load(args.config or config.demo_config_path()), fullscreen=args.fullscreen, simulator=True)


def _seconds(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        seconds = -1
    if not 0 <= seconds <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r}: give whole seconds, 0-3600")
    return seconds


def _run(args) -> int:
    from kiosk.ui.app import has_display, run_gui

    fullscreen = not args.windowed
    try:
        settings = config.load(args.config)
    except KnownError as exc:
        if not has_display():
            raise
        from kiosk.ui.startup_failure import show_startup_failure

        wait = DEFAULT_EXIT_AFTER_S if args.startup_failure_s is None else args.startup_failure_s
        return show_startup_failure(exc, exit_after_s=wait, fullscreen=fullscreen)
    return run_gui(settings, fullscreen=fullscreen, simulator=args.simulator, failure_exit_s=args.startup_failure_s)


def _screenshots(args) -> int:
    from kiosk.ui.screenshots import render_all

    width, _, height = args.size.partition("x")
    for path in render_all(config.load(args.config), args.out, size=(int(width), int(height))):
        print(path)
    return 0
