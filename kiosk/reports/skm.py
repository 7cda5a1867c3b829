"""The SKM report: the journal's answers and imported CSV files merged
(each answer id once), the IKM of kiosk.survey.skm, the minimum-sample
check, and the patrons' suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.reports.period import Period
from kiosk.survey.answers import Answer, BadRow, merge, read_csv
from kiosk.survey.questionnaire import ELEMENT_QUESTIONS
from kiosk.survey.skm import IkmResult, compute, minimum_sample


@dataclass(frozen=True)
class SkmReport:
    unit: str
    period: Period
    answers: list[Answer]  # the questionnaires counted (kind "skm", in the period, each id once)
    result: IkmResult
    population: int  # 0: not known
    quick: list[int] = field(default_factory=list)  # one-tap faces in the period
    from_journal: int = 0
    imported: dict[str, int] = field(default_factory=dict)  # file -> answers read from it
    duplicates: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)

    @property
    def minimum(self) -> int | None:
        return minimum_sample(self.population) if self.population else None

    @property
    def sample_met(self) -> bool | None:
        return None if self.minimum is None else self.result.respondents >= self.minimum

    @property
    def suggestions(self) -> list[str]:
        return [a.suggestion for a in self.answers if a.suggestion]

    def to_json(self) -> dict:
        r = self.result
        return {
            "unit": self.unit,
            "period": self.period.to_json(),
            "respondents": r.respondents,
            "elements": [
                {
                    "element": e.element,
                    "name": q.title[0],
                    "answers": e.answers,
                    "total": e.total,
                    "nrr": round(e.nrr, 4),
                    "weight": round(e.weight, 4),
                    "weighted": round(e.weighted, 4),
                    "counts": list(e.counts),
                }
                for e, q in zip(r.elements, ELEMENT_QUESTIONS)
            ],
            "weighted_total": round(r.weighted_total, 4),
            "ikm": None if r.ikm is None else round(r.ikm, 2),
            "grade": None if r.grade is None else {"letter": r.grade.letter, "name": r.grade.name_id},
            "sample": {"population": self.population or None, "minimum": self.minimum, "met": self.sample_met},
            "quick": {
                "answers": len(self.quick),
                "average": round(sum(self.quick) / len(self.quick), 2) if self.quick else None,
            },
            "suggestions": self.suggestions,
            "sources": {"journal": self.from_journal, "imports": self.imported, "duplicates": self.duplicates},
            "bad_rows": [{"file": b.file, "line": b.line, "problem": b.problem} for b in self.bad_rows],
        }


def build(
    journal_answers: Sequence[Answer], imports: Sequence[Path], period: Period, *, unit: str, population: int
) -> SkmReport:
    """The report of ``period``: the journal's answers first, then each file in order; an id seen
    before is a duplicate and counts once. Raises RowError for a file that cannot be read at all."""
    groups: list[list[Answer]] = [[a for a in journal_answers if a.kind == "skm"]]
    imported, bad = {}, []
    for path in imports:
        answers, rejected = read_csv(path)
        groups.append(answers)
        imported[str(path)] = len(answers)
        bad += rejected
    merged = merge(*groups)
    duplicates = sum(len(g) for g in groups) - len(merged)
    counted = [a for a in merged if period.contains(a.hour)]
    quick = [a.quick for a in journal_answers if a.kind == "quick" and a.quick and period.contains(a.hour)]
    return SkmReport(
        unit=unit,
        period=period,
        answers=counted,
        result=compute(a.values for a in counted),
        population=population,
        quick=quick,
        from_journal=len(groups[0]),
        imported=imported,
        duplicates=duplicates,
        bad_rows=bad,
    )


def text_lines(report: SkmReport) -> list[str]:
    """The report for a terminal."""
    r = report.result
    lines = [
        f"SKM {report.unit} — periode {report.period.describe_id()}",
        f"respondents {r.respondents}" + _sample_text(report),
        "",
        f"{'':4}{'element':<42}{'answers':>8}{'NRR':>8}{'weighted':>10}",
    ]
    for e, q in zip(r.elements, ELEMENT_QUESTIONS):
        lines.append(f"{e.element:<4}{q.title[0]:<42}{e.answers:>8}{e.nrr:>8.3f}{e.weighted:>10.4f}")
    if r.ikm is None:
        lines.append("IKM: no answers in this period")
    else:
        lines.append(f"{'':4}{'total':<42}{'':>8}{'':>8}{r.weighted_total:>10.4f}")
        lines.append(f"IKM {r.ikm:.2f} — mutu {r.grade.letter}, {r.grade.name_id}")
    if report.quick:
        lines.append(f"one-tap faces: {len(report.quick)}, average {sum(report.quick) / len(report.quick):.2f} of 4")
    if report.duplicates:
        lines.append(f"duplicates not counted twice: {report.duplicates}")
    lines.append(f"suggestions: {len(report.suggestions)}")
    return lines


def _sample_text(report: SkmReport) -> str:
    if report.minimum is None:
        return " (population not set: [survey] population)"
    verdict = "meets" if report.sample_met else "BELOW"
    return f" — {verdict} the minimum sample {report.minimum} for a population of {report.population} (Krejcie-Morgan)"
