"""``kiosk demo``, ``kiosk run`` and ``kiosk screenshots``: the Qt app."""

from __future__ import annotations

from pathlib import Path

from kiosk import config


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
    run.set_defaults(handler=_run)

    shots = commands.add_parser("screenshots", help="render every screen in every language to PNG files")
    shots.add_argument("--config", type=Path, required=True)
    shots.add_argument("--out", type=Path, required=True)
    shots.add_argument("--size", default="1280x800", help="window size, e.g. 1920x1080")
    shots.set_defaults(handler=_screenshots)


def _demo(args) -> int:
    from kiosk.ui.app import run_gui

    return run_gui(config.load(args.config or config.demo_config_path()), fullscreen=args.fullscreen, simulator=True)


def _run(args) -> int:
    from kiosk.ui.app import run_gui

    return run_gui(config.load(args.config), fullscreen=not args.windowed, simulator=args.simulator)


def _screenshots(args) -> int:
    from kiosk.ui.screenshots import render_all

    width, _, height = args.size.partition("x")
    for path in render_all(config.load(args.config), args.out, size=(int(width), int(height))):
        print(path)
    return 0
