"""INLISLite's circulation arithmetic (SirkulasiHelpers.php, createPelanggaran.php) on
its own: due dates past closed weekends and holidays, late days, the proposed penalty."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.ils.inlislite_rules import Calendar, Penalty, due_date, first_set, late_days, penalty

WEEKEND = Calendar(saturday_closed=True, sunday_closed=True, holidays=frozenset({date(2026, 3, 11)}))
OPEN_ALL_WEEK = Calendar()


@pytest.mark.parametrize(
    "calendar, loaned, days, due",
    [
        (OPEN_ALL_WEEK, date(2026, 3, 2), 7, date(2026, 3, 9)),
        (WEEKEND, date(2026, 3, 2), 7, date(2026, 3, 12)),  # + Sat, Sun, the holiday
        (WEEKEND, date(2026, 3, 2), 14, date(2026, 3, 23)),  # lands on Saturday: Monday
        (Calendar(sunday_closed=True), date(2026, 3, 1), 6, date(2026, 3, 7)),  # Sunday open Saturday
        (WEEKEND, date(2026, 3, 2), 0, date(2026, 3, 2)),
    ],
)
def test_due_dates(calendar, loaned, days, due):
    assert due_date(loaned, days, calendar) == due


def test_late_days_do_not_count_closed_days():
    assert late_days(date(2026, 3, 16), date(2026, 3, 12), WEEKEND) == 2  # Fri, Mon
    assert late_days(date(2026, 3, 16), date(2026, 3, 12), OPEN_ALL_WEEK) == 4
    assert late_days(date(2026, 3, 12), date(2026, 3, 12), WEEKEND) == 0
    assert late_days(date(2026, 3, 10), date(2026, 3, 12), WEEKEND) < 0


def test_the_proposed_penalty():
    per_day = Penalty(fine_type="Berkelipatan", fine_per_tenor=1000, fine_tenor=1, fine_unit="Hari", fine_multiply=1)
    assert penalty(per_day, 3) == (3000, 0)
    assert penalty(per_day, 0) == (0, 0)
    weekly = Penalty(fine_type="Berkelipatan", fine_per_tenor=5000, fine_tenor=1, fine_unit="Minggu", fine_multiply=1)
    assert penalty(weekly, 3) == (5000, 0)  # a started first week counts whole
    assert penalty(weekly, 15) == (10000, 0)
    flat = Penalty(fine_type="Konstan", fine_per_tenor=2500, suspend_days=3, suspend_type="Konstan")
    assert penalty(flat, 9) == (2500, 3)


def test_the_first_set_value_of_the_hierarchy_wins():
    assert first_set(None, 0, 3, 7) == 3
    assert first_set(None, None) == 0
