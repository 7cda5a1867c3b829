"""Synthetic 1280x720 camera frames with library barcodes, for tests and bench/decode.py.

Bars come from python-barcode's own encoder (`build()` gives the module
pattern), drawn with numpy/OpenCV, so no Pillow or SVG rasteriser is needed
and the patterns are exactly what a label printer using python-barcode would
print.  A frame is a white label card (bars plus human-readable text, which
decoders must ignore) on a cluttered grey background, then one camera-like
defect: rotation, blur, sensor noise, poor lighting or a tilted card.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import barcode
import cv2
import numpy as np

FRAME_SIZE = (1280, 720)  # width, height, as requested from the webcam


@dataclass(frozen=True)
class Label:
    symbology: str  # canonical name, as kiosk.devices.barcode.rules uses
    data: str  # what python-barcode is asked to encode
    text: str  # what a decoder should return (with check and start/stop characters)


def make_label(symbology: str, data: str) -> Label:
    return Label(symbology, data, _encoder(symbology, data).get_fullcode())


def _encoder(symbology: str, data: str) -> barcode.Barcode:
    return barcode.get_barcode_class(symbology)(data)


def _mod10_check(digits: str) -> str:
    """GTIN/EAN-style check digit: weights 3,1,3... from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def _luhn_check(digits: str) -> str:
    total = 0
    for i, d in enumerate(reversed(digits)):
        v = int(d) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


#: One fixed, realistic label per symbology.
LABELS = {
    # 14-digit patron card: type 2, institution 1234, sequence 00001234, Luhn check 4.
    "codabar": make_label("codabar", "A21234000012344B"),
    "code128": make_label("code128", "ITEM-0042-X"),
    "ean13": make_label("ean13", "978030640615"),  # ISBN 978-0-306-40615-7
    "code39": make_label("code39", "LIB12345"),  # python-barcode appends mod-43 check 'M'
    "itf": make_label("itf", "10012345678902"),  # ITF-14 with GTIN check digit
}


def random_label(symbology: str, rng: random.Random) -> Label:
    """A plausible label of `symbology` with valid check digits where the format has them."""
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if symbology == "codabar":
        body = "2" + digits(12)
        return make_label("codabar", rng.choice("ABCD") + body + _luhn_check(body) + rng.choice("ABCD"))
    if symbology == "code128":
        # Starts with a letter: python-barcode <= 0.16.1 drops a leading "99"
        # from the bars it draws (python-barcode issue #251).
        rest = "".join(rng.choice(alnum + "-") for _ in range(rng.randint(7, 11)))
        return make_label("code128", rng.choice(alnum[10:]) + rest)
    if symbology == "ean13":
        return make_label("ean13", "978" + digits(9))
    if symbology == "code39":
        return make_label("code39", "".join(rng.choice(alnum) for _ in range(rng.randint(6, 10))))
    if symbology == "itf":
        body = digits(13)
        return make_label("itf", body + _mod10_check(body))
    raise ValueError(f"no label generator for {symbology!r}")


# --- rendering -------------------------------------------------------------


def _bars(label: Label, narrow_px: float, aspect: float) -> np.ndarray:
    """Grey bars with a quiet zone of 12 narrow bars each side, anti-aliased like a lens would."""
    modules = _encoder(label.symbology, label.data).build()[0]
    dark = np.frombuffer(modules.encode(), np.uint8) == ord("1")
    runs = np.diff(np.flatnonzero(np.diff(dark.astype(np.int8)))) if len(dark) > 2 else [1]
    narrow = int(min(runs))  # python-barcode draws Codabar and ITF narrow bars 2 modules wide
    quiet = np.zeros(12 * narrow, bool)
    row = np.concatenate([quiet, dark, quiet])
    width = round(len(row) / narrow * narrow_px)
    height = round(width * aspect)
    # Oversample then area-average: bar edges land between pixels as in a real photo.
    wide = np.repeat(np.where(row, 25, 240).astype(np.uint8), 8)[None, :]
    return cv2.resize(wide, (width, height), interpolation=cv2.INTER_AREA)


def _background(rng: np.random.Generator) -> np.ndarray:
    """Uneven grey with a few blocks and text, so empty frames are not trivially blank."""
    width, height = FRAME_SIZE
    ramp = np.linspace(rng.uniform(70, 110), rng.uniform(130, 170), width, dtype=np.float32)
    frame = np.repeat(ramp[None, :], height, axis=0).astype(np.uint8)
    for _ in range(6):
        x, y = int(rng.integers(0, width - 100)), int(rng.integers(0, height - 60))
        w, h = int(rng.integers(40, 300)), int(rng.integers(20, 200))
        cv2.rectangle(frame, (x, y), (x + w, y + h), int(rng.integers(20, 230)), -1)
    for _ in range(3):
        x, y = int(rng.integers(0, width - 300)), int(rng.integers(30, height))
        cv2.putText(frame, "Library 0123456789", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    return frame


def _place(frame: np.ndarray, label: Label, rng: np.random.Generator, narrow_px: float) -> np.ndarray:
    """Draw the label card near the centre; returns its corners (4x2 float32).

    Bars are about 0.3 times as tall as wide, like a library spine label (book
    covers' EAN-13 is taller); that ratio decides how far a code can be tilted
    before no single scan line crosses all of it.
    """
    aspect = rng.uniform(0.6, 0.75) if label.symbology == "ean13" else rng.uniform(0.26, 0.34)
    bars = _bars(label, narrow_px, aspect)
    card = np.full((bars.shape[0] + 60, bars.shape[1] + 20), 240, np.uint8)
    card[10 : 10 + bars.shape[0], 10 : 10 + bars.shape[1]] = bars
    cv2.putText(card, label.text, (30, card.shape[0] - 15), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 25, 2)
    height, width = card.shape
    fh, fw = frame.shape
    x0 = (fw - width) // 2 + int(rng.integers(-30, 31))
    y0 = (fh - height) // 2 + int(rng.integers(-20, 21))
    frame[y0 : y0 + height, x0 : x0 + width] = card
    return np.float32([[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height]])


_WARP = {"dsize": FRAME_SIZE, "flags": cv2.INTER_LINEAR, "borderMode": cv2.BORDER_REPLICATE}


def _rotate(degrees: float) -> Callable:
    def apply(frame, corners, rng):
        centre = tuple(map(float, corners.mean(axis=0)))
        return cv2.warpAffine(frame, cv2.getRotationMatrix2D(centre, degrees, 1.0), **_WARP)

    return apply


def _skew(frame, corners, rng):
    """The card tilted away on one side: that edge shrinks by ~25%, as in a 3D tilt."""
    shrink = (corners[2, 1] - corners[1, 1]) * 0.12
    target = corners.copy()
    side = [1, 2] if rng.random() < 0.5 else [0, 3]
    target[side[0], 1] += shrink
    target[side[1], 1] -= shrink
    return cv2.warpPerspective(frame, cv2.getPerspectiveTransform(corners, target), **_WARP)


def _blur(sigma: float) -> Callable:
    """Out of focus by a Gaussian of `sigma` px; a narrow bar is about 2.5 px."""
    return lambda frame, corners, rng: cv2.GaussianBlur(frame, (0, 0), sigma)


def _noise(frame, corners, rng):
    noisy = frame.astype(np.float32) + rng.normal(0, 14, frame.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _low_contrast(frame, corners, rng):
    """Dim, flat lighting: the whole range squeezed into about a third, plus a little noise."""
    dim = 70 + frame.astype(np.float32) * 0.33 + rng.normal(0, 3, frame.shape).astype(np.float32)
    return np.clip(dim, 0, 255).astype(np.uint8)


TRANSFORMS: dict[str, Callable] = {
    "clean": lambda frame, corners, rng: frame,
    "rotated_+5": _rotate(5),
    "rotated_-5": _rotate(-5),
    "rotated_+15": _rotate(15),
    "rotated_-15": _rotate(-15),
    "blurred": _blur(0.8),
    "very_blurred": _blur(1.3),
    "noisy": _noise,
    "low_contrast": _low_contrast,
    "skewed": _skew,
}


def render_frame(label: Label | None, transform: str = "clean", seed: int = 0, narrow_px: float = 2.5) -> np.ndarray:
    """A BGR 1280x720 frame showing `label` (or nothing) with one camera defect applied.

    narrow_px is the narrow-bar width on screen: 2-3 px is a library label
    (0.25-0.33 mm narrow bars) about 15 cm from a 720p webcam.
    """
    rng = np.random.default_rng(seed)
    frame = _background(rng)
    if label is not None:
        corners = _place(frame, label, rng, narrow_px)
    else:
        corners = np.float32([[540, 300], [740, 300], [740, 420], [540, 420]])
    frame = TRANSFORMS[transform](frame, corners, rng)
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def noise_frame(seed: int = 0) -> np.ndarray:
    """Pure sensor noise, e.g. a covered lens with gain turned up."""
    rng = np.random.default_rng(seed)
    width, height = FRAME_SIZE
    return rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
