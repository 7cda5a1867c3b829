"""A kiosk whose only scanner is its camera: the patron holds up the card,
sees the picture on the welcome screen, and is asked for the PIN."""

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from kiosk.app import build
from kiosk.catalog import demo_data as d
from kiosk.config import DeviceConfig
from kiosk.ui.app import GuiKiosk
from tests.fakes.camera_fake import FakeCamera
from tests.unit.barcode.frames import make_label, render_frame


def test_a_card_held_up_to_the_camera_signs_in(demo_settings, qtbot):
    camera = FakeCamera(render_frame(make_label("codabar", f"A{d.patron_card(1)}B"), seed=2))
    settings = replace(demo_settings, devices=(DeviceConfig("camera", "barcode", "camera", options={"device": 0}),))
    gui = GuiKiosk(build(settings, capture=lambda options: camera), tick_ms=0)
    qtbot.addWidget(gui.window)
    try:
        gui.window.show()
        preview = gui.window.screens["welcome"].findChild(QWidget, "cameraPreview")
        assert preview is not None and preview.isVisible()
        qtbot.waitUntil(lambda: gui.window.current_screen() == "pin", timeout=5000)
    finally:
        gui.close()
