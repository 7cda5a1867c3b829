"""``kiosk labels`` and ``kiosk diag scan``: trying a site's barcodes.

``labels`` prints the demo cards and item labels so a library can test a
real scanner or the camera in minutes.  ``diag scan`` says what the kiosk
makes of a code — symbology, the rule it matched, or why it is refused —
for codes in image files (through the camera's own decoder and rules) or
read live from the configured barcode devices until Ctrl-C.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from kiosk import config
from kiosk.devices.barcode import site
from kiosk.devices.base import BarcodeRead
from kiosk.errors import KnownError


def register(commands, diag) -> None:
    from kiosk.devices.barcode.labels import PRINTABLE

    labels = commands.add_parser("labels", help="a printable sheet of the demo patron cards and item labels")
    labels.add_argument("--config", type=Path, required=True)
    labels.add_argument("--out", type=Path, required=True, help="FILE.pdf, or FILE.png (one file per page)")
    labels.add_argument(
        "--symbology",
        choices=PRINTABLE,
        help="print every code in this symbology (default: the first one the rules accept)",
    )
    labels.set_defaults(handler=_labels)

    scan = diag.add_parser(
        "scan",
        help="what the kiosk reads from its barcode devices (and codes typed on the "
        "terminal, where a USB scanner types), or from image files",
    )
    scan.add_argument("--config", type=Path, required=True)
    scan.add_argument(
        "--image",
        type=Path,
        nargs="+",
        action="extend",
        metavar="FILE",
        help="decode these images (photos of labels, camera frames, a scanned sheet)",
    )
    scan.add_argument(
        "--crop", action="store_true", help="with --image: read only the camera's guide box, as the kiosk's camera does"
    )
    scan.add_argument("--json", action="store_true")
    scan.set_defaults(handler=_scan)


# --- kiosk labels ----------------------------------------------------------------


def _labels(args) -> int:
    from kiosk.devices.barcode.label_sheet import write_sheet
    from kiosk.devices.barcode.labels import demo_labels

    settings = config.load(args.config)
    labels = demo_labels(site.rule_set(settings.barcodes), args.symbology, settings.barcodes.symbologies)
    heading = f"{settings.kiosk.library} — demo patron cards and item labels"
    for path in write_sheet(labels, args.out, heading):
        print(path)
    return 0


# --- kiosk diag scan --------------------------------------------------------------


def _scan(args) -> int:
    settings = config.load(args.config)
    if args.image:
        results = scan_images(settings, args.image, crop=args.crop)
        _print_images(results, args.json)
        return 0 if all(any(r["accepted"] for r in result["reads"]) for result in results) else 1
    stdin = sys.stdin if sys.stdin.isatty() else None
    try:
        watch(settings, sys.stdout, threading.Event(), keyboard=stdin, as_json=args.json)
    except KeyboardInterrupt:
        pass
    return 0


def scan_images(settings, paths: Iterable[Path], *, crop: bool = False) -> list[dict]:
    """Every code in each image with its verdict, decoded as the kiosk's camera decodes."""
    import cv2

    from kiosk.devices.barcode.camera_pipeline import FramePipeline, ScanDebouncer

    rules = site.rule_set(settings.barcodes)
    # Still images are decoded, not debounced: the debouncer is there because the pipeline needs one.
    pipeline = FramePipeline(
        site.decoder(settings.barcodes), ScanDebouncer(site.validator(rules)), _camera_crop(settings) if crop else 1.0
    )
    results = []
    for path in paths:
        frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if frame is None:
            raise KnownError(f"{path}: not an image file OpenCV can read", hint="give a PNG or JPEG file")
        reads = [site.describe(rules, read.text, read.symbology) for read in pipeline.decode(frame)]
        results.append({"image": str(path), "reads": reads})
    return results


def _camera_crop(settings):
    """The guide box of the first configured camera (or the default one)."""
    from kiosk.devices.barcode.camera import CameraOptions
    from kiosk.devices.options import parse_options

    camera = next((d for d in settings.devices if d.driver == "camera" and d.enabled), None)
    options = parse_options(CameraOptions, camera.name, "camera", camera.options) if camera else CameraOptions()
    return options.guide_fraction()


def _print_images(results: list[dict], as_json: bool) -> None:
    if as_json:
        print(json.dumps(results, indent=2))
        return
    for result in results:
        if not result["reads"]:
            print(f"{result['image']}: no barcode found")
        for read in result["reads"]:
            print(f"{result['image']}: {_line(read)}")


def _line(read: dict) -> str:
    mark = "OK " if read["accepted"] else "NO "
    return f"{mark}{read['symbology'] or '?':<8} {read['code']:<20} {read['explanation']}"


def watch(
    settings, out: TextIO, stop: threading.Event, *, keyboard: Iterable[str] | None = None, as_json: bool = False
) -> None:
    """Report every code the configured barcode devices read (and lines typed on `keyboard`,
    where a keyboard-wedge scanner types) until `stop` is set or Ctrl-C."""
    rules = site.rule_set(settings.barcodes)
    lock = threading.Lock()

    def say(text: str, record: dict) -> None:
        with lock:
            print(json.dumps(record) if as_json else text, file=out, flush=True)

    def on_read(event) -> None:
        read = site.describe(rules, event.code, event.symbology)
        say(f"{event.device:<12} {_line(read)}", {"device": event.device, **read})

    reported: set[str] = set()

    def on_status(status) -> None:
        reported.add(status.name)
        say(
            f"{status.name:<12} {status.state.value} {status.reason}".rstrip(),
            {"device": status.name, "state": status.state.value, "reason": status.reason},
        )

    managers = _barcode_devices(settings)
    if not managers and keyboard is None:
        raise KnownError(
            f"{settings.source}: no barcode devices configured",
            hint='add a [devices.<name>] table with kind = "barcode", or use --image',
        )
    try:
        for manager in managers:
            for status in manager.open_all(on_read, on_status):
                if status.name not in reported:  # refused before it could say anything itself
                    on_status(status)
        say("reading; stop with Ctrl-C", {"reading": True})
        for line in keyboard or ():
            if stop.is_set():
                break
            if line.strip():
                on_read(BarcodeRead("keyboard", line.strip()))  # a wedge scanner types into the terminal
        stop.wait()
    finally:
        for manager in managers:
            manager.close_all()


def _barcode_devices(settings) -> list:
    """A manager for the enabled barcode devices (it reconnects a scanner unplugged while watching)."""
    from kiosk.devices.manager import DeviceManager

    configs = [d for d in settings.devices if d.kind == "barcode" and d.enabled]
    return [DeviceManager(configs, rfid=settings.rfid, barcodes=settings.barcodes)] if configs else []
