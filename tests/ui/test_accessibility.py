"""Every screen, in both languages, in normal and large text, at 1280x800
and 1920x1080: all text at least 7:1 against its background, every touch
target at least 64x64 px and inside the window, and nothing English left
on an Indonesian screen. The walker (tests/ui/accessibility.py) visits every
screen the window has, so screens added later are checked too."""

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import build
from kiosk.catalog import demo_data as demo
from kiosk.devices.base import DeviceState, DeviceStatus
from kiosk.models import Reason
from kiosk.ui.app import GuiKiosk
from kiosk.ui.style import MIN_TARGET
from tests.ui.accessibility import check_widgets, screens, show, visible_texts

SIZES = [(1280, 800), (1920, 1080)]


def busy_visit(settings, size, large):
    """A kiosk showing as much as it ever does at once: a patron with loans, a refusal and an item
    still checking, offline and device badges, staff called, the idle countdown, in large text or not."""
    gui = GuiKiosk(build(settings, threaded=False), tick_ms=0)
    gui.window.resize(*size)
    gui.window.show()
    gui.apply_style(size[1])
    flow = gui.flow
    scanner = gui.kiosk.devices.first("barcode")
    scanner.scan(demo.patron_card(1))
    flow.pin_entered("1234")
    for n in (1, 3, 18):  # a loan, on hold for someone else, not for loan
        scanner.scan(demo.item_barcode(n))
    flow.on_device_status(DeviceStatus("pad", "rfid", "simulated", DeviceState.DISCONNECTED, "unplugged"))
    flow._set_offline(True)
    flow.call_staff()
    flow.set_large_text(large)
    for _ in range(settings.kiosk.idle_timeout_s - settings.kiosk.idle_warning_s + 1):
        flow.tick()
    QApplication.processEvents()
    return gui


@pytest.fixture(params=[(size, large) for size in SIZES for large in (False, True)], ids=str)
def busy(request, demo_settings, qtbot):
    size, large = request.param
    gui = busy_visit(demo_settings, size, large)
    gui.size = size
    qtbot.addWidget(gui.window)
    yield gui
    gui.window.close()
    gui.close()


def test_every_screen_is_legible_and_touchable(busy):
    findings = []
    for lang in busy.languages.available:
        busy.languages.switch(lang)
        for name in screens(busy):
            show(busy, name, Reason.NOT_A_LIBRARY_CODE)  # the longest refusal, where a screen shows one
            busy.window.resize(*busy.size)  # each screen on its own: one too tall must not blame the next
            QApplication.processEvents()
            assert busy.window.current_screen() == name
            findings += check_widgets(busy.window, f"{name}/{lang}", busy.size)
    assert not findings, "\n".join(map(str, findings))


def test_the_walker_sees_a_pale_label_and_a_small_button(busy):
    """The checks themselves go red: a grey label and a 40 px button on the help screen are reported."""
    show(busy, "help")
    help_screen = busy.window.screens["help"]
    help_screen.still_stuck.setStyleSheet("color: #9a9a9a;")
    help_screen.back.setFixedSize(40, 40)
    QApplication.processEvents()
    problems = [str(f) for f in check_widgets(busy.window, "help", busy.size)]
    assert any("still_stuck" in p or ("#subtitle" in p and "contrast" in p) for p in problems), problems
    assert any("helpBackButton" in p and f"< {MIN_TARGET}" in p for p in problems), problems


def test_large_text_makes_every_screen_larger(demo_settings, qtbot):
    gui = busy_visit(demo_settings, (1280, 800), False)
    qtbot.addWidget(gui.window)
    title = gui.window.screens["session"].count  # body text: titles, large already, grow less
    show(gui, "session")
    normal = title.fontInfo().pixelSize()
    gui.window.large_text.click()
    assert gui.flow.large_text and gui.window.large_text.isChecked()
    assert title.fontInfo().pixelSize() >= normal * 1.25
    gui.flow.end_session()  # the next patron starts in normal text
    assert not gui.window.large_text.isChecked()
    assert title.fontInfo().pixelSize() == normal
    gui.close()


# Words an Indonesian screen may show as they are: names, data and loanwords Indonesian uses.
SAME_IN_BOTH = {"OK", "PIN", "Item", "A+", "⚙", "?", "—"}


def test_nothing_english_on_an_indonesian_screen(demo_settings, qtbot):
    """Each text on each screen, shown in both languages: a text that reads the same in English and
    Indonesian is left untranslated, unless it is data (a name, a title, a number, a code)."""
    gui = busy_visit(demo_settings, (1920, 1080), False)
    qtbot.addWidget(gui.window)
    data = {gui.kiosk.settings.kiosk.library, *(p[1] for p in demo.PATRONS), *(i[1] for i in demo.ITEMS)}
    data |= {"Bahasa Indonesia", "English"}
    untranslated = []
    # Diagnostics is the technician's view: device states, journal counts and alert texts are data there.
    for name in [n for n in screens(gui) if n != "diagnostics"]:
        texts = {}
        for lang in ("en", "id"):
            gui.languages.switch(lang)
            show(gui, name, Reason.NOT_A_LIBRARY_CODE)
            texts[lang] = dict(visible_texts(gui.window))
        for key, english in texts["en"].items():
            shown = texts["id"].get(key, "")
            for en_line, id_line in zip(english.splitlines(), shown.splitlines(), strict=False):
                words = [w for w in _words(id_line) if w not in SAME_IN_BOTH and not any(w in d for d in data)]
                if en_line == id_line and words:
                    untranslated.append(f"{name}: {key}: {id_line!r}")
    gui.close()
    assert not untranslated, "\n".join(untranslated)


def _words(line: str) -> list[str]:
    return [w.strip(".,:;()!?…—-'\"") for w in line.split() if any(c.isalpha() for c in w)]
