"""The period a report covers: whole days, from and to inclusive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.errors import KnownError

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def parse_day(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KnownError(f"{what} {value!r} is not a date", hint="give dates as YYYY-MM-DD, e.g. 2026-01-31") from None


@dataclass(frozen=True)
class Period:
    first: date | None
    last: date | None

    @classmethod
    def of(cls, start: str | None, end: str | None) -> Period:
        period = cls(parse_day(start, "--from"), parse_day(end, "--to"))
        if period.first and period.last and period.first > period.last:
            raise KnownError(f"--from {period.first} is after --to {period.last}", hint="swap the two dates")
        return period

    @property
    def start(self) -> datetime | None:
        return datetime.combine(self.first, datetime.min.time()) if self.first else None

    @property
    def end(self) -> datetime | None:
        """Exclusive: the start of the day after ``last``."""
        return datetime.combine(self.last + timedelta(days=1), datetime.min.time()) if self.last else None

    def contains(self, moment: datetime | None) -> bool:
        """An answer without a time (a paper form) belongs to every period."""
        if moment is None:
            return True
        return (self.start is None or moment >= self.start) and (self.end is None or moment < self.end)

    def describe_id(self) -> str:
        if not self.first and not self.last:
            return "seluruh data"
        first = _day_id(self.first) if self.first else "awal"
        last = _day_id(self.last) if self.last else "sekarang"
        return f"{first} s.d. {last}"

    def to_json(self) -> dict:
        return {
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
        }


def _day_id(day: date) -> str:
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
