"""INLISLite v3.2's circulation arithmetic, as common/components/SirkulasiHelpers.php
and the return screen's violation form (sirkulasi/views/pengembalian/createPelanggaran.php)
compute it; no database here (`kiosk.ils.inlislite_tables` reads the rows).

* A rule value (loan days, loan limit, renewal days, renewals) is the first
  non-zero one of: `peraturan_peminjaman_hari` for today's weekday (Monday = 1),
  `peraturan_peminjaman_tanggal` whose period holds today, the item's
  `worksheets` (material type), the member's `jenis_anggota` — that is
  `cekValueHirarkiSirkulasi` / `cekLamaPinjam`.
* The penalty of a late return comes from the first of tanggal, hari,
  jenis_anggota, worksheets that has a fine or a suspension (the form's order).
* Weekends count as closed days only when the settings `IsSaturdayHoliday` /
  `IsSundayHoliday` are "True"; `holidays.Dates` are closed days too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

SATURDAY, SUNDAY = 5, 6  # date.weekday()
TENOR_DAYS = {"hari": 1, "minggu": 7, "bulan": 30, "tahun": 365}


@dataclass(frozen=True)
class Calendar:
    saturday_closed: bool = False
    sunday_closed: bool = False
    holidays: frozenset[date] = frozenset()

    def _weekend(self, day: date) -> bool:
        return (day.weekday() == SATURDAY and self.saturday_closed) or (day.weekday() == SUNDAY and self.sunday_closed)

    def holidays_between(self, first: date, last: date) -> int:
        """`jumlahLiburMasaPinjam`: holiday dates BETWEEN first AND last (both included)."""
        return sum(1 for d in self.holidays if first <= d <= last)


def due_date(loan_date: date, days: int, calendar: Calendar) -> date:
    """`getTanggalKembali`: the loan date + the period, + the closed weekend days met on the way
    (the period grows as they are met), + the holidays up to there; a due date on a closed
    Saturday/Sunday then moves to the next open day."""
    if days <= 0:
        return loan_date
    weekend, span, i = 0, days, 1
    while i <= span:
        if calendar._weekend(loan_date + timedelta(days=i)):
            weekend += 1
            span += 1
        i += 1
    holidays = calendar.holidays_between(loan_date, loan_date + timedelta(days=days + weekend))
    due = loan_date + timedelta(days=days + holidays + weekend)
    if due.weekday() == SATURDAY and calendar.saturday_closed and calendar.sunday_closed:
        due += timedelta(days=2)
    elif calendar._weekend(due):
        due += timedelta(days=1)
    return due


def late_days(returned: date, due: date, calendar: Calendar) -> int:
    """`lateDays`: days after the due date, less the closed weekend days and holidays between
    (negative: early)."""
    span = abs((returned - due).days)
    start = min(returned, due)
    weekend = sum(1 for i in range(1, span + 1) if calendar._weekend(start + timedelta(days=i)))
    holidays = calendar.holidays_between(due, returned)
    if returned >= due:
        return (returned - due).days - weekend - holidays
    return (returned - due).days + weekend + holidays


@dataclass(frozen=True)
class Penalty:
    """One rule row's fine and suspension columns (DendaType "Konstan": a flat amount)."""

    fine_type: str = ""
    fine_per_tenor: int = 0
    fine_tenor: int = 1
    fine_unit: str = "hari"
    fine_multiply: int = 1
    suspend_days: int = 0
    suspend_type: str = ""
    suspend_tenor: int = 1
    suspend_unit: str = "hari"
    suspend_multiply: int = 1

    @property
    def any(self) -> bool:
        return self.fine_per_tenor > 0 or self.suspend_days > 0


def _scaled(base: int, kind: str, tenor: int, unit: str, multiply: int, late: int) -> int:
    if kind == "Konstan":
        return base
    divider = TENOR_DAYS.get((unit or "hari").lower(), 1) * max(tenor or 1, 1)
    return base * max(late // divider, 1) * (multiply or 0)  # a started first tenor counts whole


def penalty(rule: Penalty, late: int) -> tuple[int, int]:
    """(fine amount, suspension days) the violation form proposes for `late` days."""
    if late <= 0:
        return 0, 0
    r = rule
    fine = _scaled(r.fine_per_tenor, r.fine_type, r.fine_tenor, r.fine_unit, r.fine_multiply, late)
    suspend = _scaled(r.suspend_days, r.suspend_type, r.suspend_tenor, r.suspend_unit, r.suspend_multiply, late)
    return (fine if r.fine_per_tenor > 0 else 0), (suspend if r.suspend_days > 0 else 0)


def first_set(*values: int | None) -> int:
    """The first non-zero value of the hierarchy, else 0 (PHP's `if ($result)`)."""
    return next((int(v) for v in values if v), 0)
