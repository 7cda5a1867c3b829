"""A patron answers the survey on the screen: the one-tap faces after a
visit, and the full questionnaire with skip, the on-screen keyboard and a
walk-away mid-survey. The idle clock is driven by the flow's tick."""

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton

from kiosk.catalog import demo_data as d
from kiosk.circulation import OnJournal
from kiosk.config import override
from kiosk.survey.questionnaire import PROFILE_QUESTIONS, QUESTIONS
from tests.ui.conftest import make_driver

SITI = d.patron_card(1)


@pytest.fixture
def survey_ui(demo_settings, qtbot):
    def make(**survey):
        settings = override(demo_settings, "survey", enabled=True, **survey)
        driver = make_driver(settings, qtbot)
        made.append(driver)
        return driver

    made = []
    yield make
    for driver in made:
        driver.gui.close()


def borrow_and_finish(ui, item=1):
    ui.scanner.scan(SITI)
    ui.type_on_keypad("pin", "1234")
    ui.scanner.scan(d.item_barcode(item))
    ui.press("finishButton")
    ui.press("doneButton")


def answers(ui):
    return ui.gui.kiosk.circulation.run(OnJournal(lambda journal: journal.survey_answers()))


def test_the_one_tap_after_a_visit_takes_one_face(survey_ui):
    ui = survey_ui(one_tap=True, full_every_n=0)
    borrow_and_finish(ui)
    assert ui.screen() == "survey_quick"
    text = ui.visible_text()
    assert "Bagaimana layanan kami hari ini?" in text and "Anonim" in text
    assert "Siti" not in text  # the patron's data left with the session
    ui.press("language_en")
    assert "How was our service today?" in ui.visible_text() and "only the hour is kept" in ui.visible_text()
    ui.press("quickFace3")
    assert ui.screen() == "survey" and "Thank you!" in ui.visible_text()
    [answer] = answers(ui)
    assert (answer.kind, answer.quick) == ("quick", 3)
    ui.press("surveyDone")
    assert ui.screen() == "welcome"


def test_the_one_tap_can_be_skipped_and_goes_by_itself_inside_its_countdown(survey_ui):
    ui = survey_ui(one_tap=True, full_every_n=0)
    borrow_and_finish(ui)
    ui.press("quickSkip")
    assert ui.screen() == "welcome"
    borrow_and_finish(ui, item=5)
    assert ui.screen() == "survey_quick"
    for _ in range(ui.gui.kiosk.settings.survey.one_tap_s - 1):
        ui.vm.tick()
    assert ui.window.countdown.isVisible()  # the patron sees it is about to go
    ui.vm.tick()
    assert ui.screen() == "welcome" and answers(ui) == []


def test_the_full_questionnaire_one_question_a_screen_with_skip_and_a_typed_suggestion(survey_ui):
    ui = survey_ui(one_tap=False, full_every_n=1)
    borrow_and_finish(ui)
    assert ui.screen() == "survey"
    assert "Bantu kami meningkatkan layanan" in ui.visible_text()
    ui.press("surveyStart")
    assert "Pertanyaan 1 dari 14" in ui.visible_text()
    assert "kartu anggota" in ui.visible_text()  # U1, worded for a library
    ui.press("surveyOption4")  # U1: sangat sesuai
    ui.press("surveySkip")  # U2 skipped
    assert "Pertanyaan 3 dari 14" in ui.visible_text()
    for _ in range(7):  # U3..U9: the third answer
        ui.press("surveyOption3")
    assert "Berapa usia Anda?" in ui.visible_text()
    assert ui.window.findChild(QPushButton, "surveyOption6").isVisible()  # six age bands
    ui.press("surveyOption2")  # 18-24
    assert not ui.window.findChild(QPushButton, "surveyOption3").isVisible()  # sex has two answers
    ui.press("surveyOption2")  # perempuan
    ui.press("surveySkip")  # education
    ui.press("surveyOption1")  # pelajar/mahasiswa
    assert "Pertanyaan 14 dari 14" in ui.visible_text() and "Ada saran" in ui.visible_text()
    ui.press("keyShift")
    for key in "rak baru":
        ui.press("keySpace" if key == " " else f"key_{key}")
    ui.press("keyBackspace")
    ui.press("key_u")
    assert ui.window.findChild(QLineEdit, "suggestionField").text() == "Rak baru"
    ui.press("surveySend")
    assert "Terima kasih!" in ui.visible_text()
    [answer] = answers(ui)
    assert answer.values["U1"] == 4 and answer.values["U2"] is None and answer.values["U9"] == 3
    assert answer.profile == {"age": "18-24", "sex": "P", "education": None, "occupation": "pelajar"}
    assert answer.suggestion == "Rak baru"
    assert len(QUESTIONS) == 9 + len(PROFILE_QUESTIONS)


def test_walking_away_mid_survey_keeps_what_was_answered_and_clears_the_screen(survey_ui):
    ui = survey_ui(one_tap=False, full_every_n=1)
    borrow_and_finish(ui)
    ui.press("surveyStart")
    ui.press("surveyOption2")  # U1
    ui.press("surveyOption3")  # U2
    settings = ui.gui.kiosk.settings.kiosk
    for _ in range(settings.idle_timeout_s - settings.idle_warning_s):
        ui.vm.tick()
    assert ui.window.countdown.isVisible() and ui.screen() == "survey"
    for _ in range(settings.idle_warning_s):
        ui.vm.tick()
    assert ui.screen() == "welcome"
    [answer] = answers(ui)
    assert (answer.values["U1"], answer.values["U2"], answer.values["U3"]) == (2, 3, None)


def test_a_typed_suggestion_never_waits_on_screen_for_the_next_patron(survey_ui):
    ui = survey_ui(one_tap=False, full_every_n=1)
    borrow_and_finish(ui)
    ui.press("surveyStart")
    ui.press("surveyStop")  # "end the survey": nothing answered, nothing stored
    assert answers(ui) == []
    ui.press("surveyDone")
    borrow_and_finish(ui, item=5)
    ui.press("surveyStart")
    while "Ada saran" not in ui.visible_text():
        ui.press("surveySkip")
    ui.press("key_a")
    ui.scanner.scan(d.patron_card(2))  # the next patron is already here
    assert ui.screen() == "pin"
    assert ui.window.findChild(QLineEdit, "suggestionField").text() == ""
    assert answers(ui) == []  # every question skipped, and the unsent "a" is not kept


def test_touch_targets_are_at_least_64_px(survey_ui):
    ui = survey_ui(one_tap=True, full_every_n=2)
    borrow_and_finish(ui)
    small = [
        b.objectName()
        for b in ui.window.screens["survey_quick"].findChildren(QPushButton)
        if b.isVisible() and (b.width() < 64 or b.height() < 64)
    ]
    assert small == []
    ui.press("quickFace4")
    ui.press("surveyDone")
    borrow_and_finish(ui, item=5)
    ui.press("surveyStart")
    while "Ada saran" not in ui.visible_text():
        ui.press("surveySkip")
    screen = ui.window.screens["survey"]
    small = [
        b.objectName() for b in screen.findChildren(QPushButton) if b.isVisible() and min(b.width(), b.height()) < 64
    ]
    assert small == []


def contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_survey_screens_colours_have_a_contrast_of_at_least_7_to_1():
    from kiosk.ui import style

    pairs = [
        (style.INK, "#ffffff"),  # face and option wording on white buttons
        (style.ACCENT, "#ffffff"),  # secondary buttons, keyboard keys, face outlines
        ("#ffffff", style.ACCENT),  # primary buttons, checked shift
        (style.INK, style.PAPER),  # prompts, progress text, the anonymity note
    ]
    assert all(contrast(a, b) >= 7 for a, b in pairs), [round(contrast(a, b), 1) for a, b in pairs]


def test_the_survey_asks_in_the_patrons_language_and_the_next_patron_starts_in_the_librarys(survey_ui):
    ui = survey_ui(one_tap=True, full_every_n=0)
    ui.scanner.scan(SITI)
    ui.type_on_keypad("pin", "1234")
    ui.press("language_en")
    ui.scanner.scan(d.item_barcode(1))
    ui.press("finishButton")
    ui.press("doneButton")
    assert "How was our service today?" in ui.visible_text()
    ui.press("quickSkip")
    assert ui.screen() == "welcome" and ui.gui.languages.current == "id"
