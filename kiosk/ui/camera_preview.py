"""Live view of the scanning camera, so a patron can aim a label at it.

The frame is scaled down and the guide box drawn with OpenCV before it
becomes a QImage (cheaper than scaling 1280x720 in Qt, and the box is
exactly the region the decoder reads).  A timer pulls the camera's newest
frame only while the widget is visible: the camera thread never waits on
the GUI, and the GUI never paints faster than it needs to.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.devices.barcode.camera_pipeline import preview_frame
from kiosk.devices.base import FrameSource

translate = QCoreApplication.translate


class CameraPreview(QWidget):
    """Shows ``camera.latest_frame()`` with its guide box (``camera.crop``) and a hint.

    ``camera`` is a :class:`kiosk.devices.base.FrameSource`, such as
    kiosk.devices.barcode.camera.CameraScanner (DeviceManager.frame_source()).
    """

    def __init__(self, camera: FrameSource, *, interval_ms: int = 66, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.setObjectName("cameraPreview")
        self.picture = QLabel()
        self.picture.setObjectName("cameraPicture")
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setMinimumSize(160, 90)
        self.picture.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)  # the pixmap never drives the layout
        self.hint = QLabel()
        self.hint.setObjectName("cameraHint")
        self.hint.setAlignment(Qt.AlignCenter)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.hint)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()

    def refresh(self) -> None:
        """Show the newest frame now (the timer calls this; so can tests)."""
        frame = self.camera.latest_frame()
        if frame is None:
            self.picture.clear()
            return
        height, width = frame.shape[:2]
        box_w, box_h = max(1, self.picture.width()), max(1, self.picture.height())
        shown = preview_frame(frame, max(1, min(box_w, box_h * width // height)), self.camera.crop)
        image = QImage(shown.data, shown.shape[1], shown.shape[0], shown.strides[0], QImage.Format_BGR888)
        self.picture.setPixmap(QPixmap.fromImage(image))  # copies: `shown` may go

    def retranslate(self) -> None:
        self.hint.setText(translate("Camera", "Hold the label level inside the green box"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)
