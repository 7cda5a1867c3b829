"""Frame logic: guide-box crop, debouncing, preview and the OpenCV capture wrapper."""

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.barcode.camera_pipeline import (
    FramePipeline,
    OpenCvCapture,
    ScanDebouncer,
    crop_centre,
    guide_box,
    preview_frame,
)
from kiosk.devices.barcode.decoders import Read, make_decoder
from kiosk.devices.barcode.rules import RuleSet
from tests.unit.barcode.frames import LABELS, render_frame

CARD = Read("A21234000012344B", "codabar")
BOOK = Read("9780306406157", "ean13")
FRAME = 1 / 30  # seconds between frames at 30 fps


def _valid(read: Read) -> bool:
    return read != Read("garbage", "code128")


def _feed(debouncer: ScanDebouncer, frames, start: float = 0.0) -> list[tuple[float, Read]]:
    """Feed one list of reads per frame at 30 fps; return (time, read) for each acceptance."""
    accepted = []
    for i, reads in enumerate(frames):
        now = start + i * FRAME
        accepted += [(now, read) for read in debouncer.feed(reads, now)]
    return accepted


# --- debouncer -----------------------------------------------------------------


def test_code_is_accepted_on_its_second_consecutive_read():
    debouncer = ScanDebouncer(_valid)
    assert debouncer.feed([CARD], 0.0) == []
    assert debouncer.feed([CARD], FRAME) == [CARD]


def test_reads_with_a_gap_between_them_are_not_accepted():
    assert _feed(ScanDebouncer(_valid), [[CARD], [], [CARD], [], [CARD]]) == []


def test_card_held_in_view_is_accepted_once_despite_missed_frames():
    frames = [[CARD]] * 40 + [[]] + [[CARD]] * 40  # one missed decode in the middle
    assert [read for _, read in _feed(ScanDebouncer(_valid, absence_s=1.0), frames)] == [CARD]


def test_card_shown_again_after_being_away_is_accepted_again():
    debouncer = ScanDebouncer(_valid, absence_s=1.0)
    away = round(1.0 / FRAME) + 1
    accepted = _feed(debouncer, [[CARD]] * 3 + [[]] * away + [[CARD]] * 3)
    assert [read for _, read in accepted] == [CARD, CARD]


def test_card_away_for_less_than_the_absence_time_stays_suppressed():
    debouncer = ScanDebouncer(_valid, absence_s=1.0)
    away = round(0.5 / FRAME)
    assert len(_feed(debouncer, [[CARD]] * 3 + [[]] * away + [[CARD]] * 3)) == 1


def test_different_code_is_accepted_at_once_while_the_first_is_suppressed():
    debouncer = ScanDebouncer(_valid, absence_s=1.0)
    accepted = _feed(debouncer, [[CARD], [CARD], [CARD, BOOK], [BOOK], [BOOK]])
    assert accepted == [(FRAME, CARD), (3 * FRAME, BOOK)]


def test_code_failing_validation_is_never_accepted():
    garbage = Read("garbage", "code128")
    assert _feed(ScanDebouncer(_valid), [[garbage]] * 60) == []


def test_reset_lets_the_same_card_be_accepted_again():
    debouncer = ScanDebouncer(_valid)
    _feed(debouncer, [[CARD]] * 3)
    debouncer.reset()
    assert _feed(debouncer, [[CARD]] * 3, start=1.0)[0][1] == CARD


@given(st.lists(st.sets(st.sampled_from([CARD, BOOK, Read("garbage", "code128")])), max_size=60))
def test_every_acceptance_is_valid_and_follows_an_identical_read(frames):
    frames = [list(f) for f in frames]
    for now, read in _feed(ScanDebouncer(_valid), frames):
        index = round(now / FRAME)
        assert _valid(read)
        assert index > 0 and read in frames[index - 1]


def test_debouncer_rejects_nonsense_settings():
    with pytest.raises(ValueError, match="absence_s"):
        ScanDebouncer(_valid, absence_s=-1)
    with pytest.raises(ValueError, match="reads_required"):
        ScanDebouncer(_valid, reads_required=0)


# --- crop and pipeline -----------------------------------------------------------


def test_guide_box_is_centred_at_native_resolution():
    frame = np.zeros((720, 1280, 3), np.uint8)
    assert guide_box(1280, 720, (0.6, 0.5)) == (256, 180, 1024, 540)
    crop = crop_centre(frame, (0.6, 0.5))
    assert crop.shape == (360, 768, 3)
    assert np.shares_memory(crop, frame)  # no copy, no rescale
    with pytest.raises(ValueError, match="crop fraction"):
        guide_box(1280, 720, 1.5)


def test_code_outside_the_guide_box_is_ignored():
    frame = render_frame(LABELS["ean13"], "clean", seed=1)
    pipeline = FramePipeline(make_decoder("zxing", ["ean13"]), ScanDebouncer(_valid))
    assert pipeline.decode(frame) == [BOOK]
    shifted = np.roll(frame, 560, axis=1)  # label moved to the right edge of the view
    assert pipeline.decode(shifted) == []


def test_pipeline_accepts_a_shown_card_once():
    patron = {"name": "patron", "kind": "patron", "prefix": "2", "length": 14, "check": "luhn"}
    rules = RuleSet.from_config([patron])
    debouncer = ScanDebouncer(lambda read: rules.classify(read.text, read.symbology).accepted)
    pipeline = FramePipeline(make_decoder("zxing", ["codabar"]), debouncer)
    frame = render_frame(LABELS["codabar"], "rotated_+5", seed=2)
    accepted = [pipeline.process(frame, i * FRAME) for i in range(4)]
    assert accepted == [[], [CARD], [], []]


def test_only_the_whole_itf_code_is_accepted_when_zbar_also_reads_fragments():
    rules = RuleSet.from_config([{"name": "itf14", "kind": "item", "symbologies": ["itf"], "length": 14}])
    debouncer = ScanDebouncer(lambda read: rules.classify(read.text, read.symbology).accepted)
    pipeline = FramePipeline(make_decoder("zbar", ["itf"]), debouncer)
    frames = [render_frame(LABELS["itf"], defect, seed=3) for defect in ("rotated_+5", "rotated_-5")]
    accepted = [read for i, frame in enumerate(frames) for read in pipeline.process(frame, i * FRAME)]
    assert accepted == [Read(LABELS["itf"].text, "itf")]


# --- preview ---------------------------------------------------------------------


def test_preview_is_scaled_to_fit_and_shows_the_guide_box():
    frame = np.full((720, 1280, 3), 128, np.uint8)
    preview = preview_frame(frame, 640, crop=(0.6, 0.5), colour=(0, 255, 0))
    assert preview.shape == (360, 640, 3) and preview.dtype == np.uint8
    x0, y0, x1, y1 = guide_box(640, 360, (0.6, 0.5))
    assert tuple(preview[y0, (x0 + x1) // 2]) == (0, 255, 0)  # top edge of the box
    assert tuple(preview[(y0 + y1) // 2, (x0 + x1) // 2]) == (128, 128, 128)  # inside stays clear
    assert (frame == 128).all()  # the frame being decoded is not drawn on


def test_preview_never_upscales_and_accepts_grayscale():
    preview = preview_frame(np.zeros((240, 320), np.uint8), 1920)
    assert preview.shape == (240, 320, 3)


# --- capture -----------------------------------------------------------------------


def test_opencv_capture_reads_frames_until_the_source_ends(tmp_path):
    # A recorded MJPG clip stands in for the webcam: same VideoCapture path.
    path = str(tmp_path / "clip.avi")
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 10, (320, 240))
    for level in (40, 120, 200):
        writer.write(np.full((240, 320, 3), level, np.uint8))
    writer.release()

    with OpenCvCapture(path, width=320, height=240) as camera:
        assert camera.size == (320, 240)
        frames = [camera.read() for _ in range(4)]
    assert [round(f.mean() / 40) for f in frames[:3]] == [1, 3, 5]  # JPEG shifts levels a little
    assert frames[3] is None
    assert camera.read() is None  # closed


def test_opencv_capture_reports_a_missing_camera(tmp_path):
    with pytest.raises(OSError, match="cannot open camera"):
        OpenCvCapture(str(tmp_path / "no-such-device")).open()
