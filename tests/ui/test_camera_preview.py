"""The camera preview widget: the newest frame, scaled, with the guide box and the hint."""

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor

from kiosk.devices.barcode.camera_pipeline import guide_box
from kiosk.devices.base import FrameSource
from kiosk.ui.camera_preview import CameraPreview
from tests.unit.barcode.frames import LABELS, render_frame


class StillCamera(FrameSource):
    crop = (0.6, 0.5)

    def __init__(self, frame=None):
        self.frame = frame

    def latest_frame(self):
        return self.frame


def _preview(qtbot, camera, size=(640, 420)):
    widget = CameraPreview(camera)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_the_frame_scaled_to_fit_with_the_guide_box(qtbot):
    widget = _preview(qtbot, StillCamera(render_frame(LABELS["codabar"])))
    widget.refresh()
    image = widget.picture.pixmap().toImage()
    assert 0 < image.width() <= widget.picture.width() and image.height() <= widget.picture.height()
    assert abs(image.width() / image.height() - 1280 / 720) < 0.02
    x0, y0, x1, _ = guide_box(image.width(), image.height(), StillCamera.crop)
    assert QColor(image.pixel((x0 + x1) // 2, y0)) == QColor(0, 200, 0)
    assert widget.hint.text() == "Hold the label level inside the green box"


def test_colours_are_read_in_opencv_order(qtbot):
    red = np.zeros((720, 1280, 3), np.uint8)
    red[:, :, 2] = 255  # BGR
    widget = _preview(qtbot, StillCamera(red))
    widget.refresh()
    assert QColor(widget.picture.pixmap().toImage().pixel(2, 2)) == QColor(255, 0, 0)


def test_refreshes_only_while_visible_and_clears_without_a_camera_picture(qtbot):
    camera = StillCamera(render_frame(None))
    widget = _preview(qtbot, camera)
    assert widget.timer.isActive()
    camera.frame = None
    widget.refresh()
    assert widget.picture.pixmap().isNull()
    widget.hide()
    assert not widget.timer.isActive()


def test_the_hint_is_retranslated_on_a_language_change(qtbot):
    widget = _preview(qtbot, StillCamera())
    widget.hint.setText("")
    QCoreApplication.sendEvent(widget, QEvent(QEvent.LanguageChange))
    assert widget.hint.text()
