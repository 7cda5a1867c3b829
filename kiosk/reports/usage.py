"""The usage report: what the kiosk did in a period, from the journal.

Loans and returns are the rows the kiosk accepted (done, or queued
offline for the catalog); refusals are the rows refused, by reason;
session lengths come from the journal's visits (sign-in to the last
sign of the patron, kiosk.flow)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.models import Transaction, TxKind, TxState
from kiosk.reports.period import Period

ACCEPTED = (TxState.DONE, TxState.QUEUED, TxState.SYNCING, TxState.CONFLICT)


@dataclass(frozen=True)
class UsageReport:
    period: Period
    per_day: dict[str, dict[str, int]]  # "2026-12-01" -> {"loans": n, "returns": n}
    per_hour: dict[int, dict[str, int]]  # 0..23 -> {"loans": n, "returns": n}
    offline: int  # loans and returns accepted while offline
    refusals: dict[str, int]  # reason -> count
    renewals: int
    renewals_refused: int
    sessions: int
    median_session_s: float | None

    @property
    def loans(self) -> int:
        return sum(d["loans"] for d in self.per_day.values())

    @property
    def returns(self) -> int:
        return sum(d["returns"] for d in self.per_day.values())

    @property
    def offline_share(self) -> float | None:
        done = self.loans + self.returns
        return self.offline / done if done else None

    def busiest_hours(self, n: int = 3) -> list[int]:
        totals = {h: c["loans"] + c["returns"] for h, c in self.per_hour.items() if c["loans"] + c["returns"]}
        return sorted(totals, key=lambda h: (-totals[h], h))[:n]

    def to_json(self) -> dict:
        return {
            "period": self.period.to_json(),
            "loans": self.loans,
            "returns": self.returns,
            "per_day": self.per_day,
            "per_hour": {str(h): c for h, c in self.per_hour.items()},
            "offline": self.offline,
            "offline_share": None if self.offline_share is None else round(self.offline_share, 4),
            "refusals": self.refusals,
            "renewals": self.renewals,
            "renewals_refused": self.renewals_refused,
            "sessions": self.sessions,
            "median_session_s": self.median_session_s,
            "busiest_hours": self.busiest_hours(),
        }


def build(rows: Sequence[Transaction], visits: Sequence[tuple[str, int, int, str]], period: Period) -> UsageReport:
    per_day: dict[str, dict[str, int]] = {}
    per_hour = {h: {"loans": 0, "returns": 0} for h in range(24)}
    refusals: Counter[str] = Counter()
    offline = renewals = renewals_refused = 0
    for tx in rows:
        accepted = tx.state in ACCEPTED
        if tx.state is TxState.REFUSED:
            refusals[tx.reason or "other"] += 1
        if tx.kind is TxKind.RENEW:
            renewals += accepted
            renewals_refused += tx.state is TxState.REFUSED
            continue
        if not accepted:
            continue
        what = "loans" if tx.kind is TxKind.CHECKOUT else "returns"
        moment = tx.created_at.replace(tzinfo=None)
        per_day.setdefault(moment.date().isoformat(), {"loans": 0, "returns": 0})[what] += 1
        per_hour[moment.hour][what] += 1
        offline += tx.offline
    seconds = [v[1] for v in visits]
    return UsageReport(
        period=period,
        per_day=dict(sorted(per_day.items())),
        per_hour=per_hour,
        offline=offline,
        refusals=dict(refusals.most_common()),
        renewals=renewals,
        renewals_refused=renewals_refused,
        sessions=len(visits),
        median_session_s=statistics.median(seconds) if seconds else None,
    )


def text_lines(report: UsageReport) -> list[str]:
    share = "-" if report.offline_share is None else f"{report.offline_share:.1%}"
    median = "-" if report.median_session_s is None else f"{report.median_session_s:.0f} s"
    lines = [
        f"usage — periode {report.period.describe_id()}",
        f"loans {report.loans}, returns {report.returns}, offline {report.offline} ({share})",
        f"renewals {report.renewals} (refused {report.renewals_refused})",
        f"sessions {report.sessions}, median length {median}",
        "busiest hours: " + (", ".join(f"{h:02d}:00" for h in report.busiest_hours()) or "-"),
        "refusals: " + (", ".join(f"{k} {v}" for k, v in report.refusals.items()) or "none"),
        "",
        f"{'day':<12}{'loans':>7}{'returns':>9}",
    ]
    lines += [f"{day:<12}{c['loans']:>7}{c['returns']:>9}" for day, c in report.per_day.items()]
    return lines


CSV_COLUMNS = ("day", "hour", "loans", "returns")


def csv_rows(rows: Sequence[Transaction]) -> list[tuple]:
    """Per day and hour, the loans and returns: the figures behind the charts, for a spreadsheet."""
    counts: Counter[tuple[str, int, str]] = Counter()
    for tx in rows:
        if tx.state in ACCEPTED and tx.kind in (TxKind.CHECKOUT, TxKind.CHECKIN):
            moment = tx.created_at.replace(tzinfo=None)
            counts[(moment.date().isoformat(), moment.hour, tx.kind.value)] += 1
    keys = sorted({(d, h) for d, h, _ in counts})
    return [(d, h, counts[(d, h, "checkout")], counts[(d, h, "checkin")]) for d, h in keys]
