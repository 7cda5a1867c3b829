"""The answers' CSV: what a kiosk exports is what another imports; bad rows are
reported with their line and skipped; the same answer twice counts once."""

import io
from datetime import datetime

import pytest

from kiosk.journal import Journal
from kiosk.survey.answers import Answer, RowError, merge, read_csv, to_hour, write_csv

HEADER = "id,hour,source,U1,U2,U3,U4,U5,U6,U7,U8,U9,age,sex,education,occupation,suggestion\n"


def an_answer(**values) -> Answer:
    full = {f"U{i}": 3 for i in range(1, 10)} | values
    return Answer.new(datetime(2026, 12, 1, 10, 47, 13), "Kiosk 1", values=full, profile={"sex": "P"})


def test_an_answer_keeps_the_hour_and_nothing_finer():
    answer = an_answer()
    assert answer.hour == datetime(2026, 12, 1, 10, 0)
    assert to_hour(datetime(2026, 1, 1, 23, 59, 59, 999)) == datetime(2026, 1, 1, 23, 0)


def test_an_export_reads_back_as_the_same_answers(tmp_path):
    answers = [an_answer(U4=1), an_answer(U9=None)]
    answers[1] = Answer(
        answers[1].id, answers[1].hour, "Kiosk 1", values=answers[1].values, suggestion='Rak "baru", ya'
    )
    out = io.StringIO()
    assert write_csv(answers, out) == 2
    path = tmp_path / "answers.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    back, bad = read_csv(path)
    assert bad == []
    assert [(a.id, a.hour, a.values, a.suggestion) for a in back] == [
        (a.id, a.hour, a.values, a.suggestion) for a in answers
    ]
    assert back[0].profile["sex"] == "P"


def test_bad_rows_are_reported_with_their_line_and_skipped(tmp_path):
    path = tmp_path / "paper.csv"
    path.write_text(
        HEADER
        + "p1,2026-12-01,kertas,4,4,4,4,4,4,4,4,4,,,,,\n"  # line 2: fine
        + "p2,2026-12-01,kertas,4,5,4,4,4,4,4,4,4,,,,,\n"  # line 3: 5 is off the scale
        + "p3,2026-12-01,kertas,,,,,,,,,,,,,,\n"  # line 4: nothing answered
        + 'p4,2026-12-01,kertas,3,3,3,3,3,3,3,3,3,,Laki-laki,,,"dua\nbaris"\n'  # lines 5-6: fine, wording accepted
        + "p5,kemarin,kertas,3,3,3,3,3,3,3,3,3,,,,,\n"  # line 7: not a date
        + "p6,2026-12-01,kertas,3,3,3,3,3,3,3,3,3,,X,,,\n"  # line 8: no such sex code
        + "p7,2026-12-01,kertas,3,3\n",  # line 9: too few cells
        encoding="utf-8",
    )
    answers, bad = read_csv(path)
    assert [a.id for a in answers] == ["p1", "p4"]
    assert answers[1].profile["sex"] == "L" and answers[1].suggestion == "dua\nbaris"
    assert [(b.line, b.problem.split(" ")[0]) for b in bad] == [
        (3, "U2"),
        (4, "no"),
        (7, "hour"),
        (8, "sex"),
        (9, "5"),
    ]
    assert str(bad[0]).startswith(f"{path}: line 3: U2 is '5'")


def test_a_spreadsheets_semicolon_file_without_ids_reads_and_rereads_to_the_same_ids(tmp_path):
    path = tmp_path / "kotak-saran.csv"
    path.write_text("\ufeffU1;U2;U3;U4;U5;U6;U7;U8;U9;pekerjaan\n".replace(";pekerjaan", "") + "4;3;3;3;3;3;3;3;3\n")
    first, bad = read_csv(path)
    again, _ = read_csv(path)
    assert bad == [] and first[0].values["U1"] == 4 and first[0].hour is None
    assert len(merge(first, again)) == 1  # the same file imported twice counts once


def test_a_file_without_the_element_columns_is_refused_whole(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("nama,nilai\nA,4\n")
    with pytest.raises(RowError, match="line 1: the header lacks column"):
        read_csv(path)


def test_the_journal_keeps_an_answer_once_and_reads_it_back_by_period(tmp_path):
    journal = Journal.open(tmp_path / "j.sqlite3")
    try:
        answer = an_answer()
        journal.add_survey_answer(answer)
        journal.add_survey_answer(answer)  # a retry after a crash: still one
        assert journal.survey_answers() == [answer]
        assert journal.survey_answers(datetime(2026, 12, 1, 11), None) == []
        assert journal.survey_answers(datetime(2026, 12, 1), datetime(2026, 12, 2)) == [answer]
    finally:
        journal.close()
