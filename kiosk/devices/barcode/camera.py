"""The kiosk's camera as a barcode scanner.

Two threads: one captures and keeps only the newest frame (a slow decode
then skips frames instead of falling behind), one decodes the newest frame
through the FramePipeline (guide-box crop, decoder, debouncer validated
by the site's rules) and reports each accepted code once.  The newest frame
is also what the UI's live preview shows (the :class:`FrameSource` side).

OpenCV, numpy and the decoders are imported when the camera is opened, so
checking a camera's options (``kiosk check-config``) stays light. A camera
that stops giving frames is ``disconnected``; the device manager reopens it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.devices.barcode import site as barcode_site
from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState, FrameSource
from kiosk.devices.options import option
from kiosk.devices.site import Site

log = logging.getLogger(__name__)


class Capture(Protocol):
    """What the driver needs from a camera (camera_pipeline.OpenCvCapture, or a test's fake)."""

    def open(self) -> None: ...  # raises OSError when there is no camera
    def read(self) -> Any: ...  # the next BGR frame (ndarray), or None
    def close(self) -> None: ...


def _fraction(v) -> bool:
    return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 < v <= 1


def _crop(v) -> bool:
    return all(map(_fraction, v)) and len(v) == 2 if isinstance(v, list) else _fraction(v)


@dataclass(frozen=True)
class CameraOptions:
    device: int | str = option(
        0,
        (int, str),
        'a camera index such as 0, or a path such as "/dev/video0"',
        lambda v: bool(v) if isinstance(v, str) else v >= 0,
    )
    width: int = option(1280, (int,), "the frame width to ask the camera for, in pixels", lambda v: v > 0)
    height: int = option(720, (int,), "the frame height to ask the camera for, in pixels", lambda v: v > 0)
    fourcc: str = option(
        "MJPG", (str,), 'a pixel format such as "MJPG", or "" for the camera\'s default', lambda v: len(v) in (0, 4)
    )
    # The guide box, as a fraction of the frame: one number, or [width, height].
    crop: float | list | None = option(
        None, (int, float, list), "a fraction in (0, 1] or a list [width, height] of two", _crop
    )
    # How long a code must be out of view before it is accepted again.
    absence_s: float = option(1.0, (int, float), "seconds (a number >= 0)", lambda v: v >= 0)
    reconnect_s: float = option(
        2.0, (int, float), "the longest wait, in seconds, between attempts to reopen the camera", lambda v: v > 0
    )

    def guide_fraction(self) -> float | tuple[float, float]:
        """The guide box: a fraction, (width, height), or the pipeline's default."""
        from kiosk.devices.barcode.camera_pipeline import DEFAULT_CROP

        crop = self.crop
        return tuple(crop) if isinstance(crop, list) else crop or DEFAULT_CROP


class CameraScanner(BarcodeSource, FrameSource):
    driver = "camera"
    Options = CameraOptions
    #: Failed reads in a row that mean the camera is gone (unplugged, or taken by another program).
    lost_after_reads = 10

    def __init__(self, name: str, options: CameraOptions, site: Site) -> None:
        """``site.barcodes`` gives the decoder, symbologies and rules; ``site.capture`` makes
        the frame source from the options (default: OpenCV); ``site.clock`` stamps frames."""
        super().__init__(name, options, site)
        self.reconnect_s = options.reconnect_s
        self._source: Capture | None = None
        self._stop = threading.Event()
        self._newest = threading.Condition()
        self._frame: tuple[int, float, Any] | None = None  # (sequence, time, frame)
        self._capture_thread: threading.Thread | None = None
        self._decode_thread: threading.Thread | None = None
        self._pipeline = None  # FramePipeline, made in open()
        self._crop = options.guide_fraction()
        self.frames_captured = self.frames_decoded = 0

    @property
    def crop(self) -> float | tuple[float, float]:
        return self._crop

    def open(self) -> None:
        from kiosk.devices.barcode.camera_pipeline import FramePipeline, OpenCvCapture, ScanDebouncer

        opts, barcodes = self.options, self.site.barcodes
        rules = barcode_site.rule_set(barcodes)
        if not rules.rules:
            log.warning("camera %s: no [barcodes] rules, so every decoded code is accepted", self.name)
        debouncer = ScanDebouncer(barcode_site.validator(rules), absence_s=opts.absence_s)
        self._pipeline = FramePipeline(barcode_site.decoder(barcodes), debouncer, self._crop)
        if self.site.capture is not None:
            self._source = self.site.capture(opts)
        else:
            self._source = OpenCvCapture(opts.device, opts.width, opts.height, opts.fourcc or None)
        self._stop.clear()
        self._decode_thread = threading.Thread(target=self._decode_loop, name=f"camera-{self.name}-decode", daemon=True)
        self._decode_thread.start()
        self.reconnect()  # at once, so the first status says whether the camera is there

    def reconnect(self) -> bool:
        """Open the camera and capture on a new thread; False (and ``disconnected``) if it is not there."""
        if self._capture_thread is not None:
            self._capture_thread.join(timeout=5)  # it ended when the camera was lost
        try:
            self._source.open()
        except OSError as exc:
            self._set_state(DeviceState.DISCONNECTED, f"cannot open camera {self.options.device!r}: {exc}")
            return False
        self._set_state(DeviceState.OK)
        self._capture_thread = threading.Thread(
            target=self._capture_loop, name=f"camera-{self.name}-capture", daemon=True
        )
        self._capture_thread.start()
        return True

    def close(self) -> None:
        self._stop.set()
        with self._newest:
            self._newest.notify_all()
        for thread in (self._capture_thread, self._decode_thread):
            if thread is not None:
                thread.join(timeout=5)
        self._capture_thread = self._decode_thread = None
        self._release()
        self._set_state(DeviceState.CLOSED)

    def latest_frame(self):
        """The newest BGR frame (ndarray, never modified: copy before drawing on it), or None."""
        newest = self._frame
        return None if newest is None else newest[2]

    # -- capture thread -------------------------------------------------------------
    def _release(self) -> None:
        if self._source is not None:
            self._source.close()
        self._frame = None

    def _capture_loop(self) -> None:
        """Capture until stopped or the camera is lost; losing it ends the thread."""
        failures = 0
        while not self._stop.is_set():
            frame = self._source.read()
            if frame is None:
                failures += 1
                if failures >= self.lost_after_reads:
                    self._release()
                    self._set_state(
                        DeviceState.DISCONNECTED, f"no frames from camera {self.options.device!r}; reconnecting"
                    )
                    return
                continue
            failures = 0
            self.frames_captured += 1
            with self._newest:
                self._frame = (self.frames_captured, self.site.clock(), frame)
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
