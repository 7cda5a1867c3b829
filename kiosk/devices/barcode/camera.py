"""The kiosk's camera as a barcode scanner.

Two threads: one captures and keeps only the newest frame (a slow decode
then skips frames instead of falling behind), one decodes the newest frame
through the FramePipeline (guide-box crop, decoder, debouncer validated
by the site's rules) and reports each accepted code once.  The newest frame
is also what the UI's live preview shows.

OpenCV and the decoders are imported when the camera is opened, so loading
the driver registry (``kiosk check-config``) stays light.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.devices.barcode import site
from kiosk.devices.options import Option, read_options
from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState
from kiosk.devices.registry import register

log = logging.getLogger(__name__)


class Capture(Protocol):
    """What the driver needs from a camera (camera_pipeline.OpenCvCapture, or a test's fake)."""

    def open(self) -> None: ...   # raises OSError when there is no camera
    def read(self) -> Any: ...    # the next BGR frame (ndarray), or None
    def close(self) -> None: ...


def _fraction(v) -> bool:
    return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 < v <= 1


OPTIONS = {
    "device": Option(0, (int, str), "a camera index such as 0, or a path such as \"/dev/video0\"",
                     lambda v: bool(v) if isinstance(v, str) else v >= 0),
    "width": Option(1280, (int,), "the frame width to ask the camera for, in pixels", lambda v: v > 0),
    "height": Option(720, (int,), "the frame height to ask the camera for, in pixels", lambda v: v > 0),
    "fourcc": Option("MJPG", (str,), "a pixel format such as \"MJPG\", or \"\" for the camera's default",
                     lambda v: len(v) in (0, 4)),
    # The guide box, as a fraction of the frame: one number, or [width, height].
    "crop": Option(None, (int, float, list), "a fraction in (0, 1] or a list [width, height] of two",
                   lambda v: all(map(_fraction, v)) and len(v) == 2 if isinstance(v, list) else _fraction(v)),
    # How long a code must be out of view before it is accepted again.
    "absence_s": Option(1.0, (int, float), "seconds (a number >= 0)", lambda v: v >= 0),
    "reconnect_s": Option(2.0, (int, float), "seconds between attempts to reopen the camera", lambda v: v > 0),
}


def guide_fraction(opts: dict):
    """The guide box from checked options: a fraction, (width, height), or the pipeline's default."""
    from kiosk.devices.barcode.camera_pipeline import DEFAULT_CROP

    crop = opts["crop"]
    return tuple(crop) if isinstance(crop, list) else crop or DEFAULT_CROP


@register
class CameraScanner(BarcodeSource):
    driver = "camera"
    #: Failed reads in a row that mean the camera is gone (unplugged, or taken by another program).
    lost_after_reads = 10

    def __init__(self, name: str, options: dict | None = None, *, barcodes: Any = None,
                 capture: Callable[[dict], Capture] | None = None, clock: Callable[[], float] = time.monotonic,
                 threaded: bool = True) -> None:
        """``barcodes`` is the [barcodes] section (decoder, symbologies, rules); ``capture`` makes
        the frame source from the checked options (default: OpenCV); ``clock`` stamps frames."""
        super().__init__(name, options)
        self._barcodes = barcodes if barcodes is not None else {}
        self._make_capture = capture
        self._clock = clock
        self._opts: dict = {}
        self._source: Capture | None = None
        self._connected = False
        self._stop = threading.Event()
        self._newest = threading.Condition()
        self._frame: tuple[int, float, Any] | None = None  # (sequence, time, frame)
        self._threads: list[threading.Thread] = []
        self._pipeline = None  # FramePipeline, made in open()
        self.frames_captured = self.frames_decoded = 0
        self.crop: Any = None  # the guide box fraction, for the preview

    def open(self) -> None:
        from kiosk.devices.barcode.camera_pipeline import FramePipeline, OpenCvCapture, ScanDebouncer

        self._opts = opts = read_options(self.name, self.driver, self.options, OPTIONS)
        self.crop = guide_fraction(opts)
        rules = site.rule_set(self._barcodes)
        if not rules.rules:
            log.warning("camera %s: no [barcodes] rules, so every decoded code is accepted", self.name)
        debouncer = ScanDebouncer(site.validator(rules), absence_s=opts["absence_s"])
        self._pipeline = FramePipeline(site.decoder(self._barcodes), debouncer, self.crop)
        if self._make_capture is not None:
            self._source = self._make_capture(opts)
        else:
            self._source = OpenCvCapture(opts["device"], opts["width"], opts["height"], opts["fourcc"] or None)
        self._stop.clear()
        self._connect()
        self._threads = [threading.Thread(target=fn, name=f"camera-{self.name}-{what}", daemon=True)
                         for fn, what in ((self._capture_loop, "capture"), (self._decode_loop, "decode"))]
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        self._stop.set()
        with self._newest:
            self._newest.notify_all()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []
        self._disconnect()
        self._set_state(DeviceState.CLOSED)

    def latest_frame(self):
        """The newest BGR frame (ndarray, never modified: copy before drawing on it), or None."""
        newest = self._frame
        return None if newest is None else newest[2]

    # -- capture thread -------------------------------------------------------------
    def _connect(self) -> None:
        try:
            self._source.open()
        except OSError as exc:
            self._set_state(DeviceState.DISCONNECTED, f"cannot open camera {self._opts['device']!r}: {exc}")
            return
        self._connected = True
        self._set_state(DeviceState.OK)

    def _disconnect(self) -> None:
        self._connected = False
        if self._source is not None:
            self._source.close()
        self._frame = None

    def _capture_loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            if not self._connected:
                if not self._stop.wait(self._opts["reconnect_s"]):
                    self._connect()
                continue
            frame = self._source.read()
            if frame is None:
                failures += 1
                if failures >= self.lost_after_reads:
                    failures = 0
                    self._disconnect()
                    self._set_state(DeviceState.DISCONNECTED,
                                    f"no frames from camera {self._opts['device']!r}; reconnecting")
                continue
            failures = 0
            self.frames_captured += 1
            with self._newest:
                self._frame = (self.frames_captured, self._clock(), frame)
                self._newest.notify_all()

    # -- decode thread ----------------------------------------------------------------
    def _decode_loop(self) -> None:
        done = 0  # sequence number of the last frame decoded

        def new_frame_or_stop() -> bool:
            return self._stop.is_set() or (self._frame is not None and self._frame[0] != done)

        while True:
            with self._newest:
                self._newest.wait_for(new_frame_or_stop)
                if self._stop.is_set():
                    return
                done, stamp, frame = self._frame
            try:
                accepted = self._pipeline.process(frame, stamp)
            except Exception:  # a decoder crash on one odd frame must not end scanning
                log.exception("camera %s: decoding a frame failed", self.name)
                continue
            self.frames_decoded += 1
            for read in accepted:
                self._emit(BarcodeRead(self.name, read.text, read.symbology))
