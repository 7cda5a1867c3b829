"""Decoder backends behind one small interface.

zxing-cpp is the default: it is fast, handles rotation itself and reports
check-digit-verified symbologies.  zbar (via pyzbar) is kept as a second
opinion for hardware where it does better.  Both are restricted to the
symbologies the library configured, which is both faster and the single best
defence against misreads (a noisy Code 128 frame cannot come back as a
spurious UPC-E if UPC-E is never searched for).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from kiosk.devices.barcode.rules import ANY_SYMBOLOGY, SYMBOLOGIES

#: The symbologies a library kiosk needs when the config says nothing.
DEFAULT_SYMBOLOGIES = ("codabar", "code128", "code39", "ean13", "itf")


@dataclass(frozen=True)
class Read:
    """One decoded code; `symbology` uses the canonical names from rules.SYMBOLOGIES."""

    text: str
    symbology: str


class Decoder(Protocol):
    name: str

    def decode(self, image: np.ndarray) -> list[Read]:
        """Decode an 8-bit grayscale (H, W) or BGR (H, W, 3) image."""
        ...


class DecoderUnavailable(RuntimeError):
    """The backend's library is not installed; the message says what to install."""


def _requested(symbologies: Iterable[str] | None, supported: dict[str, object], backend: str) -> list[str]:
    """Canonical names to enable, refusing any this backend cannot decode."""
    names = [s.lower() for s in (symbologies or DEFAULT_SYMBOLOGIES)]
    if ANY_SYMBOLOGY in names:
        return list(supported)
    for name in names:
        if name not in SYMBOLOGIES:
            raise ValueError(f"unknown symbology {name!r}; known: {', '.join(SYMBOLOGIES)}")
        if name not in supported:
            raise ValueError(f"the {backend} decoder cannot read {name!r}")
    return list(dict.fromkeys(names))


def _unique(reads: Iterable[Read]) -> list[Read]:
    return list(dict.fromkeys(reads))


class ZxingDecoder:
    """zxing-cpp, also searching codes turned 90 degrees, but no inverted or downscaled passes.

    Library labels are not printed light-on-dark, so an inverted pass could
    only add misreads.  Downscaling halves a 2-3 px narrow bar into mush: on
    the benchmark frames it added no decodes but produced an EAN-13 misread
    that passed its check digit, and turning both off makes empty frames
    (most frames) about 40% cheaper.
    """

    name = "zxing"
    # canonical name -> zxingcpp.BarcodeFormat attribute
    _FORMATS = {
        "codabar": "Codabar",
        "code128": "Code128",
        "code39": "Code39",
        "code93": "Code93",
        "ean13": "EAN13",
        "ean8": "EAN8",
        "upca": "UPCA",
        "upce": "UPCE",
        "itf": "ITF",
        "qrcode": "QRCode",
        "datamatrix": "DataMatrix",
        "pdf417": "PDF417",
    }
    # Variants zxing-cpp may report for a requested family.
    _VARIANTS = {
        "ITF14": "itf",
        "ISBN": "ean13",
        "Code39Std": "code39",
        "Code39Ext": "code39",
        "QRCodeModel1": "qrcode",
        "QRCodeModel2": "qrcode",
    }

    def __init__(self, symbologies: Iterable[str] | None = None):
        try:
            import zxingcpp
        except ImportError as exc:
            raise DecoderUnavailable("the zxing decoder needs the 'zxing-cpp' package: pip install zxing-cpp") from exc
        self._zxing = zxingcpp
        self.symbologies = _requested(symbologies, self._FORMATS, self.name)
        formats = zxingcpp.BarcodeFormat.__members__  # by name; the variants differ between zxing-cpp versions
        self._formats = [formats[self._FORMATS[s]] for s in self.symbologies]
        self._names = {formats[attr]: canonical for canonical, attr in self._FORMATS.items()}
        self._names |= {formats[a]: c for a, c in self._VARIANTS.items() if a in formats}

    def decode(self, image: np.ndarray) -> list[Read]:
        results = self._zxing.read_barcodes(
            image, formats=self._formats, try_rotate=True, try_invert=False, try_downscale=False
        )
        return _unique(
            Read(r.text, self._names.get(r.format, r.format.name.lower())) for r in results if r.valid and r.text
        )


class ZbarDecoder:
    """zbar via pyzbar, run on a lightly blurred grayscale frame.

    zbar's edge detector trips over sensor noise; a 3x3 Gaussian blur removes
    most of it while leaving bars of two or more pixels intact.
    """

    name = "zbar"
    # canonical name -> pyzbar.ZBarSymbol member
    _SYMBOLS = {
        "codabar": "CODABAR",
        "code128": "CODE128",
        "code39": "CODE39",
        "code93": "CODE93",
        "ean13": "EAN13",
        "ean8": "EAN8",
        "upca": "UPCA",
        "upce": "UPCE",
        "itf": "I25",
        "qrcode": "QRCODE",
        "pdf417": "PDF417",
    }

    def __init__(self, symbologies: Iterable[str] | None = None, blur: int = 3):
        try:
            import cv2
            from pyzbar import pyzbar
        except ImportError as exc:  # pyzbar raises ImportError when libzbar is missing too
            raise DecoderUnavailable(
                "the zbar decoder needs the 'pyzbar' and 'opencv-python-headless' packages "
                "and the zbar library: pip install pyzbar opencv-python-headless; "
                f"apt-get install libzbar0 ({exc})"
            ) from exc
        if blur < 0 or (blur and blur % 2 == 0):
            raise ValueError(f"blur must be 0 (off) or an odd kernel size, got {blur}")
        self._cv2 = cv2
        self._pyzbar = pyzbar
        self._blur = blur
        self.symbologies = _requested(symbologies, self._SYMBOLS, self.name)
        self._symbols = [pyzbar.ZBarSymbol[self._SYMBOLS[s]] for s in self.symbologies]
        self._names = {zbar: canonical for canonical, zbar in self._SYMBOLS.items()}
        self._names.update(ISBN13="ean13", ISBN10="ean13")

    def decode(self, image: np.ndarray) -> list[Read]:
        cv2 = self._cv2
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
        if self._blur:
            gray = cv2.GaussianBlur(gray, (self._blur, self._blur), 0)
        results = self._pyzbar.decode(np.ascontiguousarray(gray), symbols=self._symbols)
        return _unique(Read(_text(r.data), self._names.get(r.type, r.type.lower())) for r in results if r.data)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


BACKENDS = {"zxing": ZxingDecoder, "zbar": ZbarDecoder}


def make_decoder(name: str = "zxing", symbologies: Iterable[str] | None = None) -> Decoder:
    """The configured backend, restricted to `symbologies` (default: DEFAULT_SYMBOLOGIES)."""
    try:
        backend = BACKENDS[name.lower()]
    except KeyError:
        raise ValueError(f"unknown barcode decoder {name!r}; choose one of {', '.join(BACKENDS)}") from None
    return backend(symbologies)
