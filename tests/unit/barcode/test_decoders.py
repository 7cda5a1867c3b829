"""Both decoder backends read library labels from camera-like frames, and nothing from empty ones."""

import functools
import sys

import cv2
import pytest

from kiosk.devices.barcode.camera_pipeline import crop_centre
from kiosk.devices.barcode.decoders import (
    BACKENDS,
    DecoderUnavailable,
    Read,
    ZbarDecoder,
    ZxingDecoder,
    make_decoder,
)
from tests.unit.barcode.frames import LABELS, noise_frame, render_frame

MILD_DEFECTS = ("clean", "rotated_+5", "rotated_-5", "blurred")


@functools.cache
def _frame(symbology: str, defect: str):
    """Rendered once and shared by both backends' tests."""
    return render_frame(LABELS[symbology], defect, seed=3)


@functools.cache
def _decoder(backend: str):
    return make_decoder(backend, list(LABELS))


@pytest.mark.parametrize("defect", MILD_DEFECTS)
@pytest.mark.parametrize("symbology", list(LABELS))
@pytest.mark.parametrize("backend", list(BACKENDS))
def test_each_backend_reads_library_labels(backend, symbology, defect):
    reads = _decoder(backend).decode(crop_centre(_frame(symbology, defect)))
    # zbar also reports fragments of tilted ITF (it has no check digit to
    # refuse them); the length rule in rules.py is what rejects those.
    assert Read(LABELS[symbology].text, symbology) in reads
    assert all(read.symbology == symbology for read in reads)


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_grayscale_frames_decode_like_colour_ones(backend):
    gray = cv2.cvtColor(_frame("ean13", "clean"), cv2.COLOR_BGR2GRAY)
    assert _decoder(backend).decode(gray) == [Read(LABELS["ean13"].text, "ean13")]


@pytest.mark.parametrize("backend", list(BACKENDS))
@pytest.mark.parametrize("frame", ["scene", "noise"])
def test_frames_without_a_code_read_nothing(backend, frame):
    image = render_frame(None, "noisy", seed=5) if frame == "scene" else noise_frame(seed=5)
    assert _decoder(backend).decode(image) == []


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_symbologies_not_configured_are_not_read(backend):
    books_only = make_decoder(backend, ["ean13"])
    assert books_only.decode(_frame("codabar", "clean")) == []
    assert books_only.decode(_frame("ean13", "clean")) == [Read(LABELS["ean13"].text, "ean13")]


def test_unknown_backend_or_symbology_is_a_clear_config_error():
    with pytest.raises(ValueError, match="unknown barcode decoder 'zxingg'"):
        make_decoder("zxingg", ["ean13"])
    with pytest.raises(ValueError, match="unknown symbology 'ean-13'"):
        make_decoder("zxing", ["ean-13"])
    with pytest.raises(ValueError, match="zbar decoder cannot read 'datamatrix'"):
        make_decoder("zbar", ["datamatrix"])


@pytest.mark.parametrize(
    "backend, modules, package",
    [
        (ZxingDecoder, ["zxingcpp"], "pip install zxing-cpp"),
        (ZbarDecoder, ["pyzbar", "pyzbar.pyzbar"], "apt-get install libzbar0"),
    ],
)
def test_missing_backend_library_says_what_to_install(monkeypatch, backend, modules, package):
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(DecoderUnavailable, match=package):
        backend(["ean13"])
