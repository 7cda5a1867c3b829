"""The IKM of PermenPANRB 14/2017 against a hand computation, its grades at the
table's boundaries, and the Krejcie-Morgan minimum sample."""

import pytest

from kiosk.survey import skm

# Four respondents, U1..U9 each, worked out by hand:
#   totals  14 14 11 15 13 15 16 11 13
#   NRR     3.50 3.50 2.75 3.75 3.25 3.75 4.00 2.75 3.25   (total / 4)
#   sum of NRR = 30.50; weighted (x 1/9) = 3.38889; IKM = 3.38889 x 25 = 84.72 -> B, Baik
WORKED = [
    (4, 4, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 4, 2, 3),
    (4, 3, 2, 4, 3, 4, 4, 3, 4),
    (3, 4, 3, 3, 4, 4, 4, 3, 3),
]


def responses(rows):
    return [dict(zip(skm.ELEMENTS, row)) for row in rows]


def test_the_ikm_of_a_worked_example_equals_the_hand_computation():
    result = skm.compute(responses(WORKED))
    assert result.respondents == 4
    assert [e.total for e in result.elements] == [14, 14, 11, 15, 13, 15, 16, 11, 13]
    assert [e.nrr for e in result.elements] == [3.5, 3.5, 2.75, 3.75, 3.25, 3.75, 4.0, 2.75, 3.25]
    assert all(e.weight == pytest.approx(1 / 9) for e in result.elements)
    assert result.elements[0].weighted == pytest.approx(0.38889, abs=1e-5)
    assert result.weighted_total == pytest.approx(3.38889, abs=1e-5)
    assert round(result.ikm, 2) == 84.72
    assert (result.grade.letter, result.grade.name_id) == ("B", "Baik")
    assert result.elements[2].counts == (0, 1, 3, 0)  # U3: one 2, three 3s


@pytest.mark.parametrize(
    "ikm, letter",
    [
        (25.0, "D"),
        (64.99, "D"),
        (65.0, "C"),
        (76.60, "C"),
        (76.61, "B"),
        (88.30, "B"),
        (88.31, "A"),
        (100.0, "A"),
        (88.304, "B"),  # read at two decimals, as the regulation's table is
    ],
)
def test_grades_follow_the_regulations_conversion_intervals(ikm, letter):
    assert skm.grade(ikm).letter == letter


def test_names_of_the_grades_are_the_regulations():
    assert [g.name_id for g in skm.GRADES] == ["Tidak Baik", "Kurang Baik", "Baik", "Sangat Baik"]


def test_a_skipped_question_leaves_that_element_averaged_over_those_who_answered():
    rows = responses(WORKED)
    rows.append({"U1": 1})  # answered only U1
    result = skm.compute(rows)
    assert result.respondents == 5
    assert result.elements[0].nrr == pytest.approx(15 / 5)
    assert result.elements[1].nrr == 3.5  # U2 still over its four answers


def test_an_element_nobody_answered_is_left_out_of_the_weights():
    result = skm.compute([{"U1": 4, "U2": 2}])
    assert result.elements[0].weight == 0.5 and result.elements[8].weight == 0.0
    assert result.ikm == pytest.approx(75.0)


def test_no_answers_give_no_ikm_and_out_of_scale_values_are_refused():
    assert skm.compute([]).ikm is None
    with pytest.raises(ValueError, match="U3"):
        skm.compute([{"U3": 5}])


@pytest.mark.parametrize(
    "population, sample", [(5, 5), (10, 10), (100, 80), (1000, 278), (1001, 285), (5000, 357), (2_000_000, 384)]
)
def test_the_minimum_sample_is_read_from_the_krejcie_morgan_table(population, sample):
    assert skm.minimum_sample(population) == sample


def test_the_table_agrees_with_the_formula_it_was_computed_from():
    for population, sample in skm.KREJCIE_MORGAN:
        assert abs(skm.krejcie_morgan_formula(population) - sample) <= 1, population
