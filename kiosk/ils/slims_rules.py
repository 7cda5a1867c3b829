"""SLiMS's calendar and fine arithmetic, as its PHP computes them (pure, no database).

From slims9_bulian: `simbio_date::getNextDateNotHoliday` (a due date moves past
closed week days and holiday dates), `circulation::countOverdueValue` (fines
per overdue day, the grace period, the optional "ignore holidays in fines"
setting) and the member type / loan rule fallback of `setLoanRules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# PHP date('D') in lower case, as SLiMS's holiday screen stores closed week days.
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Calendar:
    """`holiday` rows: week days the library is closed (holiday_date NULL) and single dates."""

    closed_days: frozenset[str] = frozenset()
    holidays: frozenset[date] = frozenset()

    def is_closed(self, day: date) -> bool:
        return DAY_NAMES[day.weekday()] in self.closed_days or day in self.holidays

    def next_open_day(self, day: date) -> date:
        """getNextDateNotHoliday: the first day from `day` on that is not a holiday.
        With every week day closed SLiMS's recursion never ends; here a year is the limit."""
        for _ in range(366):
            if not self.is_closed(day):
                return day
            day += timedelta(days=1)
        return day

    def closed_between(self, first: date, last: date) -> int:
        """countHolidayBetween: closed days from `first` to `last`, both counted."""
        return sum(self.is_closed(first + timedelta(days=n)) for n in range((last - first).days + 1))


@dataclass(frozen=True)
class Terms:
    """A loan's rules: from `mst_loan_rules` (loan_rules_id > 0) or the member type (0)."""

    loan_rules_id: int
    loan_limit: int
    loan_periode: int
    reborrow_limit: int
    fine_each_day: int
    grace_periode: int


def due_date(today: date, period: int, calendar: Calendar, expire: date) -> date:
    """today + period, moved past holidays, never after the membership ends."""
    due = calendar.next_open_day(today + timedelta(days=max(period, 0)))
    return min(due, expire)


def _on_grace(returned: date, due: date, grace: int) -> bool:
    # SLiMS compares with compareDates(), which answers null for equal dates: the
    # last day of the grace period itself is already fined.
    return bool(grace) and returned < due + timedelta(days=grace)


@dataclass(frozen=True)
class Overdue:
    days: int
    fine: int

    @property
    def posts_fine(self) -> bool:
        """returnItem writes a `fines` row only for a whole number of days > 0 (even at 0 per day)."""
        return self.days > 0


def overdue(
    due: date,
    returned: date,
    *,
    member_grace: int,
    fine_each_day: int,
    rule_grace: int = 0,
    calendar: Calendar = Calendar(),
    ignore_holidays: bool = False,
) -> Overdue | None:
    """countOverdueValue: None when not late (or, ignoring holidays, not late on open days);
    Overdue(0, 0) within the grace period (SLiMS's 'On Grace Periode', no fine row)."""
    if returned <= due:
        return None
    days = (returned - due).days
    open_days = None
    if ignore_holidays:
        open_days = days - calendar.closed_between(due, returned)
        if open_days < 0:
            return None
    if _on_grace(returned, due, member_grace) or _on_grace(returned, due, rule_grace):
        return Overdue(0, 0)
    if open_days is not None:
        days = open_days
    return Overdue(days, fine_each_day * days)
