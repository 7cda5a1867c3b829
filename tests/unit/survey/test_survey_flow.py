"""When the kiosk asks, and what each answer, skip or walk-away does: the
survey's screen logic inside the kiosk's flow, without Qt."""

import sqlite3

import pytest

from kiosk.app import build
from kiosk.catalog import demo_data as d
from kiosk.config import override
from kiosk.devices.base import BarcodeRead
from kiosk.flow import KioskFlow, Screen
from kiosk.survey.flow import THANKS_S, Step
from kiosk.survey.questionnaire import QUESTIONS

SITI, BUDI = d.patron_card(1), d.patron_card(2)


def make_flow(demo_settings, **survey):
    settings = override(demo_settings, "survey", enabled=True, **survey)
    kiosk = build(settings, threaded=False)

    def submit(op, on_done, on_error):
        future = kiosk.circulation.submit(op)
        error = future.exception()
        on_error(error) if error else on_done(future.result())

    return kiosk, KioskFlow(kiosk, submit)


@pytest.fixture
def quick(demo_settings):
    kiosk, flow = make_flow(demo_settings, full_every_n=0)
    yield flow
    kiosk.close()


@pytest.fixture
def every_second(demo_settings):
    kiosk, flow = make_flow(demo_settings, full_every_n=2, one_tap=False)
    yield flow
    kiosk.close()


def visit(flow, card=SITI, item=1) -> None:
    flow.card_presented(card)
    flow.pin_entered("1234")
    flow.on_code(d.item_barcode(item))
    flow.finish()
    flow.end_session()


def _answers(flow):
    from kiosk.circulation import OnJournal

    return flow.kiosk.circulation.run(OnJournal(lambda journal: journal.survey_answers()))


def test_a_finished_visit_gets_the_one_tap_question_and_a_face_is_journalled(quick):
    visit(quick)
    assert quick.screen is Screen.SURVEY_QUICK
    quick.survey.quick_chosen(4)
    assert quick.screen is Screen.SURVEY and quick.survey.step is Step.THANKS
    [answer] = _answers(quick)
    assert (answer.kind, answer.quick) == ("quick", 4)
    for _ in range(THANKS_S):
        quick.tick()
    assert quick.screen is Screen.WELCOME


def test_the_one_tap_goes_away_unanswered_inside_its_countdown(quick):
    visit(quick)
    for _ in range(quick.settings.survey.one_tap_s - 1):
        quick.tick()
    assert quick.screen is Screen.SURVEY_QUICK and quick.countdown == 1
    quick.tick()
    assert quick.screen is Screen.WELCOME and _answers(quick) == []


def test_no_survey_after_an_idle_timeout_a_patron_switch_or_an_empty_visit(quick):
    quick.card_presented(SITI)
    quick.pin_entered("1234")
    quick.on_code(d.item_barcode(1))
    for _ in range(quick.settings.kiosk.idle_timeout_s):
        quick.tick()
    assert quick.screen is Screen.WELCOME  # walked away: nobody to ask
    quick.card_presented(SITI)
    quick.pin_entered("1234")
    quick.on_code(d.item_barcode(6))
    quick.on_device_event(BarcodeRead("scanner", BUDI, "codabar"))
    quick.confirm_switch()
    assert quick.screen is Screen.PIN  # the next patron signs in, unasked
    quick.pin_entered("1234")
    quick.end_session()  # borrowed nothing
    assert quick.screen is Screen.WELCOME


def test_the_next_patrons_card_ends_the_survey_and_signs_in(quick):
    visit(quick)
    quick.on_device_event(BarcodeRead("scanner", BUDI, "codabar"))
    assert quick.screen is Screen.PIN


def test_every_nth_visit_gets_the_full_questionnaire_and_a_walk_away_keeps_what_was_answered(every_second):
    flow = every_second
    visit(flow)
    assert flow.screen is Screen.WELCOME  # first visit: not asked (no one-tap here)
    visit(flow, item=5)
    assert flow.screen is Screen.SURVEY and flow.survey.step is Step.INTRO
    flow.survey.start()
    flow.survey.choose("4")  # U1
    flow.survey.skip()  # U2
    flow.survey.choose("2")  # U3
    assert (flow.survey.question.key, flow.survey.position, flow.survey.total_steps) == ("U4", 4, len(QUESTIONS) + 1)
    for _ in range(flow.settings.kiosk.idle_timeout_s):
        flow.tick()
    assert flow.screen is Screen.WELCOME
    [answer] = _answers(flow)
    assert answer.values["U1"] == 4 and answer.values["U2"] is None and answer.values["U3"] == 2
    assert answer.values["U4"] is None


def test_a_whole_questionnaire_with_profile_and_suggestion(every_second):
    flow = every_second
    visit(flow)
    visit(flow, item=5)
    flow.survey.start()
    for q in QUESTIONS:
        flow.survey.choose(q.options[-1][0])
    assert flow.survey.step is Step.SUGGESTION and flow.survey.position == flow.survey.total_steps
    flow.survey.finish("  Tambah buku anak  ")
    [answer] = _answers(flow)
    assert set(answer.values.values()) == {4}
    assert answer.profile == {"age": "55+", "sex": "P", "education": "S2+", "occupation": "lainnya"}
    assert answer.suggestion == "Tambah buku anak"


def test_a_survey_period_started_by_staff_asks_every_visit(demo_settings):
    kiosk, flow = make_flow(demo_settings, full_every_n=0, one_tap=True)
    try:
        from kiosk.circulation import OnJournal

        kiosk.circulation.run(OnJournal(lambda journal: journal.start_survey_period()))
        visit(flow)
        assert flow.screen is Screen.SURVEY and flow.survey.step is Step.INTRO
        flow.survey.skip()  # "no thanks"
        assert flow.screen is Screen.WELCOME and _answers(flow) == []
    finally:
        kiosk.close()


def test_nothing_stored_links_an_answer_to_a_card_a_session_or_a_minute(every_second, demo_settings):
    flow = every_second
    visit(flow)
    visit(flow, item=5)
    flow.survey.start()
    flow.survey.choose("3")
    flow.survey.stop()
    path = flow.kiosk.settings.resolve(flow.kiosk.settings.journal.path)
    db = sqlite3.connect(path)
    try:
        [row] = db.execute("SELECT * FROM survey_answers").fetchall()
        columns = [c[1] for c in db.execute("PRAGMA table_info(survey_answers)")]
    finally:
        db.close()
    assert columns == ["id", "hour", "kind", "source", "answers"]
    text = repr(row)
    assert SITI not in text and d.item_barcode(5) not in text
    assert row[1].endswith(":00")  # the hour, never the minute


def test_the_return_station_asks_when_the_list_is_cleared_not_when_it_times_out(demo_settings):
    kiosk, flow = make_flow(override(demo_settings, "kiosk", mode="return"), full_every_n=0)
    try:
        flow.on_code(d.item_barcode(10))  # on loan to Joko: a return
        flow.clear_returns()
        assert flow.screen is Screen.SURVEY_QUICK
        flow.survey.skip()
        assert flow.screen is Screen.RETURNS
        flow.on_code(d.item_barcode(23))
        for _ in range(flow.settings.kiosk.idle_timeout_s):
            flow.tick()
        assert flow.screen is Screen.RETURNS and not flow.rows
    finally:
        kiosk.close()
