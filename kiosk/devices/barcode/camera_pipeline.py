"""Per-frame camera scanning logic, free of threads and Qt so it can be tested.

A frame goes: crop the guide box (at native resolution, because downscaling
first loses the narrow bars of a library label) -> decode -> debounce.  The
capture thread and the Qt preview widget wrap these pieces later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import cv2
import numpy as np

from kiosk.devices.barcode.decoders import Decoder, Read

#: Width and height of the guide box as fractions of the frame.  Wide and
#: shallow because the codes a kiosk sees are 1D labels held roughly level.
DEFAULT_CROP = (0.6, 0.5)

Fraction = float | tuple[float, float]


def guide_box(width: int, height: int, fraction: Fraction = DEFAULT_CROP) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the centred guide box; shared by cropping and the preview."""
    fw, fh = (fraction, fraction) if isinstance(fraction, (int, float)) else fraction
    if not (0 < fw <= 1 and 0 < fh <= 1):
        raise ValueError(f"crop fraction must be in (0, 1], got {fraction!r}")
    box_w, box_h = max(1, round(width * fw)), max(1, round(height * fh))
    x0, y0 = (width - box_w) // 2, (height - box_h) // 2
    return x0, y0, x0 + box_w, y0 + box_h


def crop_centre(frame: np.ndarray, fraction: Fraction = DEFAULT_CROP) -> np.ndarray:
    """The guide box region as a view (no copy) of `frame`."""
    x0, y0, x1, y1 = guide_box(frame.shape[1], frame.shape[0], fraction)
    return frame[y0:y1, x0:x1]


class ScanDebouncer:
    """Turns a stream of per-frame reads into one accepted scan per presentation.

    A code counts once it is read in `reads_required` consecutive frames (one
    frame can misread; two identical ones in a row practically never do) and
    passes `validate`.  It is then suppressed until it has been out of view
    for `absence_s`, so a card held in front of the camera is not checked out
    thirty times a second, while a single missed decode does not re-arm it.
    Timestamps are passed in (use time.monotonic()) so tests need no sleeps.
    """

    def __init__(
        self,
        validate: Callable[[Read], bool],
        *,
        absence_s: float = 1.0,
        reads_required: int = 2,
    ):
        if absence_s < 0:
            raise ValueError(f"absence_s must not be negative, got {absence_s}")
        if reads_required < 1:
            raise ValueError(f"reads_required must be at least 1, got {reads_required}")
        self._validate = validate
        self._absence_s = absence_s
        self._reads_required = reads_required
        self._streaks: dict[Read, int] = {}
        self._suppressed: dict[Read, float] = {}  # accepted code -> last time seen

    def feed(self, reads: Iterable[Read], now: float) -> list[Read]:
        """Record one frame's reads (possibly none) and return the codes accepted now."""
        current = list(dict.fromkeys(reads))
        self._suppressed = {code: seen for code, seen in self._suppressed.items() if now - seen < self._absence_s}
        self._streaks = {code: self._streaks.get(code, 0) + 1 for code in current}
        accepted = []
        for code in current:
            if code in self._suppressed:
                self._suppressed[code] = now
            elif self._streaks[code] >= self._reads_required and self._validate(code):
                self._suppressed[code] = now
                accepted.append(code)
        return accepted

    def reset(self) -> None:
        """Forget everything, e.g. when the kiosk returns to its start screen."""
        self._streaks.clear()
        self._suppressed.clear()


class FramePipeline:
    """Crop, decode and debounce one camera frame."""

    def __init__(self, decoder: Decoder, debouncer: ScanDebouncer, crop: Fraction = DEFAULT_CROP):
        guide_box(100, 100, crop)  # validate the fraction now, not on the first frame
        self.decoder = decoder
        self.debouncer = debouncer
        self.crop = crop

    def decode(self, frame: np.ndarray) -> list[Read]:
        """Every code read inside the guide box, before debouncing."""
        return self.decoder.decode(crop_centre(frame, self.crop))

    def process(self, frame: np.ndarray, now: float) -> list[Read]:
        """The codes to act on for this frame (usually none)."""
        return self.debouncer.feed(self.decode(frame), now)


def preview_frame(
    frame: np.ndarray,
    max_width: int,
    crop: Fraction = DEFAULT_CROP,
    colour: tuple[int, int, int] = (0, 200, 0),
) -> np.ndarray:
    """A BGR copy scaled down to `max_width` with the guide box drawn on it.

    Never upscales and never draws on `frame`, which is still being decoded.
    """
    if max_width < 1:
        raise ValueError(f"max_width must be positive, got {max_width}")
    height, width = frame.shape[:2]
    scale = min(1.0, max_width / width)
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        out = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
    else:
        out = frame.copy()
    if out.ndim == 2:
        out = cv2.cvtColor(out, cv2.COLOR_GRAY2BGR)
    x0, y0, x1, y1 = guide_box(out.shape[1], out.shape[0], crop)
    thickness = max(2, round(out.shape[1] / 320))
    cv2.rectangle(out, (x0, y0), (x1 - 1, y1 - 1), colour, thickness)
    return out


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None:
        """The next BGR frame, or None when none is available."""
        ...


class OpenCvCapture:
    """A webcam through cv2.VideoCapture, set up for low-latency scanning.

    MJPG because most USB webcams only deliver 720p at full frame rate
    compressed; a one-frame buffer so a slow decode never works on stale
    frames.  Drivers may ignore any of these requests: `size` says what the
    camera actually delivers.
    """

    def __init__(
        self,
        device: int | str = 0,
        width: int = 1280,
        height: int = 720,
        fourcc: str | None = "MJPG",
        api: int = cv2.CAP_ANY,
    ):
        self.device, self.width, self.height = device, width, height
        self.fourcc, self.api = fourcc, api
        self._capture: cv2.VideoCapture | None = None

    def open(self) -> None:
        self.close()
        capture = cv2.VideoCapture(self.device, self.api)
        if not capture.isOpened():
            capture.release()
            raise OSError(f"cannot open camera {self.device!r}")
        if self.fourcc:  # before the size: some V4L2 drivers only offer 720p as MJPG
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*self.fourcc))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._capture = capture

    @property
    def size(self) -> tuple[int, int] | None:
        """(width, height) the camera actually delivers, or None when closed."""
        if self._capture is None:
            return None
        return (
            int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        )

    def read(self) -> np.ndarray | None:
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        return frame if ok else None

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def __enter__(self) -> OpenCvCapture:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
