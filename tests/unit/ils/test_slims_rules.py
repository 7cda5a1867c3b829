"""SLiMS's date and fine arithmetic, and the bridge's bilingual refusals, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.catalog.sip2_answers import guess_reason
from kiosk.ils.messages import INDONESIAN, refusal, renewed_today
from kiosk.ils.slims_rules import Calendar, Overdue, due_date, overdue
from kiosk.models import Reason

CLOSED_SUNDAY = Calendar(frozenset({"sun"}), frozenset({date(2026, 3, 9)}))


def test_a_due_date_moves_past_a_holiday_then_a_closed_day():
    assert CLOSED_SUNDAY.next_open_day(date(2026, 3, 8)) == date(2026, 3, 10)  # Sunday, then Nyepi Monday
    assert due_date(date(2026, 3, 1), 7, CLOSED_SUNDAY, date(2030, 1, 1)) == date(2026, 3, 10)
    assert due_date(date(2026, 3, 1), 7, CLOSED_SUNDAY, date(2026, 3, 4)) == date(2026, 3, 4)


def test_a_library_closed_every_day_still_gets_a_due_date():
    every_day = Calendar(frozenset({"mon", "tue", "wed", "thu", "fri", "sat", "sun"}))
    assert every_day.next_open_day(date(2026, 3, 2)) > date(2026, 3, 2)


def test_fines_count_calendar_days_unless_holidays_are_ignored():
    due, back = date(2026, 3, 6), date(2026, 3, 10)  # Fri -> Tue: Sun and Nyepi between
    assert overdue(due, back, member_grace=0, fine_each_day=500) == Overdue(4, 2000)
    assert overdue(
        due, back, member_grace=0, fine_each_day=500, calendar=CLOSED_SUNDAY, ignore_holidays=True
    ) == Overdue(2, 1000)
    assert overdue(due, due, member_grace=0, fine_each_day=500) is None


def test_the_grace_period_ends_the_day_before_due_plus_grace():
    due = date(2026, 3, 2)
    assert overdue(due, date(2026, 3, 4), member_grace=3, fine_each_day=100) == Overdue(0, 0)
    assert not Overdue(0, 0).posts_fine
    assert overdue(due, date(2026, 3, 5), member_grace=3, fine_each_day=100) == Overdue(3, 300)
    assert overdue(due, date(2026, 3, 4), member_grace=0, rule_grace=3, fine_each_day=100) == Overdue(0, 0)


@pytest.mark.parametrize("reason", list(INDONESIAN))
def test_every_indonesian_refusal_is_still_read_as_its_reason_by_a_kiosk(reason):
    text = refusal(reason, "id")
    assert text.startswith(INDONESIAN[reason]) and guess_reason(text) is reason
    assert guess_reason(refusal(reason, "en")) is reason


def test_a_second_renewal_today_reads_as_the_renewal_limit():
    assert guess_reason(renewed_today("id")) is Reason.RENEWAL_LIMIT
