"""One survey answer, anonymous by construction, and the answers' one CSV format.

An answer holds the respondent's choices, the hour it was given (never the
minute), the kiosk or paper box it came from and a random id: nothing that
leads back to a patron, a card or a session.

The CSV (UTF-8, comma or semicolon separated, one row per respondent) is
what ``kiosk report skm --out answers.csv`` writes and ``--import`` reads,
so answers from several kiosks and from paper forms make one report:

    id,hour,source,U1,U2,U3,U4,U5,U6,U7,U8,U9,age,sex,education,occupation,suggestion

- ``U1``..``U9`` are required columns; each value 1-4, or empty for a
  question the respondent skipped (a row with all nine empty is refused).
- ``id`` (optional column) names the answer; the same id twice is one
  answer, so re-importing a file or another kiosk's export counts nothing
  twice. A row without an id gets ``<file name>:<line>`` as its id.
- ``hour`` (optional): ``2026-12-01T10:00``, or a date ``2026-12-01``;
  a row without one is counted in every period.
- ``source`` (optional): where it came from (kiosk name, "kertas").
- ``age``, ``sex``, ``education``, ``occupation`` (optional): the codes of
  kiosk.survey.questionnaire.PROFILE_QUESTIONS (``<18``, ``L``/``P``,
  ``SMA``, ``pelajar``...), or their Indonesian wording; empty = not given.
- ``suggestion`` (optional): free text.

A row that breaks these rules is reported with its line number and skipped.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kiosk.survey.questionnaire import PROFILE_KEYS, PROFILE_QUESTIONS, SUGGESTION_MAX
from kiosk.survey.skm import ELEMENTS, SCALE

COLUMNS = ("id", "hour", "source", *ELEMENTS, *PROFILE_KEYS, "suggestion")


def to_hour(moment: datetime) -> datetime:
    """The only time an answer keeps: the hour, naive local time."""
    return moment.replace(minute=0, second=0, microsecond=0, tzinfo=None)


@dataclass(frozen=True)
class Answer:
    """One respondent's questionnaire (kind "skm") or one tap on a face (kind "quick", ``quick`` 1..4)."""

    id: str
    hour: datetime | None
    source: str
    kind: str = "skm"
    values: dict[str, int | None] = field(default_factory=dict)  # U1..U9 -> 1..4 or None (skipped)
    profile: dict[str, str | None] = field(default_factory=dict)
    suggestion: str = ""
    quick: int | None = None

    def __post_init__(self) -> None:
        # Every element and profile key present (None: not answered), so answers compare by content.
        object.__setattr__(self, "values", {e: self.values.get(e) for e in ELEMENTS})
        object.__setattr__(self, "profile", {k: self.profile.get(k) for k in PROFILE_KEYS})

    @classmethod
    def new(cls, moment: datetime, source: str, **fields) -> Answer:
        return cls(uuid.uuid4().hex, to_hour(moment), source, **fields)

    def answered(self) -> bool:
        return any(self.values.get(e) is not None for e in ELEMENTS)

    def to_json(self) -> dict:
        return {
            "values": self.values,
            "profile": self.profile,
            "suggestion": self.suggestion,
            "quick": self.quick,
        }

    @classmethod
    def from_json(cls, id: str, hour: str | None, source: str, kind: str, data: dict) -> Answer:
        return cls(
            id,
            datetime.fromisoformat(hour) if hour else None,
            source,
            kind,
            dict(data.get("values", {})),
            dict(data.get("profile", {})),
            data.get("suggestion", ""),
            data.get("quick"),
        )


@dataclass(frozen=True)
class BadRow:
    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: line {self.line}: {self.problem}"


# -- writing -------------------------------------------------------------------------


def write_csv(answers: Iterable[Answer], out: io.TextIOBase) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for a in answers:
        if a.kind != "skm":
            continue
        writer.writerow(
            [
                a.id,
                a.hour.isoformat(timespec="minutes") if a.hour else "",
                a.source,
                *("" if a.values.get(e) is None else a.values[e] for e in ELEMENTS),
                *(a.profile.get(k) or "" for k in PROFILE_KEYS),
                a.suggestion,
            ]
        )
        n += 1
    return n


# -- reading ---------------------------------------------------------------------------

_PROFILE_CODES = {
    q.key: {
        **{code.lower(): code for code, _ in q.options},
        **{wording[0].lower(): code for code, wording in q.options},
        **{wording[1].lower(): code for code, wording in q.options},
    }
    for q in PROFILE_QUESTIONS
}


class RowError(ValueError):
    pass


def read_csv(path: Path) -> tuple[list[Answer], list[BadRow]]:
    """Answers of one file, and the rows refused with why. A file that cannot be read at all
    (no header, no U1..U9 columns, not UTF-8) raises RowError for line 1."""
    try:
        data = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RowError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8") from exc
    except OSError as exc:
        raise RowError(f"{path}: cannot be read ({exc.strerror})") from exc
    header = data.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
    try:
        names = [n.strip() for n in next(reader)]
    except StopIteration:
        raise RowError(f"{path}: line 1: empty file, expected a header with U1..U9") from None
    missing = [e for e in ELEMENTS if e not in names]
    if missing:
        raise RowError(f"{path}: line 1: the header lacks column(s) {', '.join(missing)}")
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise RowError(f"{path}: line 1: unknown column(s) {', '.join(unknown)} (known: {', '.join(COLUMNS)})")
    answers, bad = [], []
    for row in _rows(reader):
        line, cells = row
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            bad.append(BadRow(str(path), line, f"{len(cells)} values, the header has {len(names)} columns"))
            continue
        try:
            answers.append(_answer(dict(zip(names, cells)), path, line))
        except RowError as exc:
            bad.append(BadRow(str(path), line, str(exc)))
    return answers, bad


def _rows(reader) -> Iterator[tuple[int, list[str]]]:
    """(line number where the row starts, cells): quoted cells may span lines."""
    start = reader.line_num + 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _answer(cells: dict[str, str], path: Path, line: int) -> Answer:
    values: dict[str, int | None] = {}
    for element in ELEMENTS:
        raw = cells[element].strip()
        if not raw:
            values[element] = None
            continue
        if raw not in {str(v) for v in SCALE}:
            raise RowError(f"{element} is {raw!r}, expected 1, 2, 3, 4 or empty")
        values[element] = int(raw)
    if all(v is None for v in values.values()):
        raise RowError("no answer to any of U1..U9")
    profile = {}
    for key in PROFILE_KEYS:
        raw = cells.get(key, "").strip()
        if not raw:
            profile[key] = None
        elif (code := _PROFILE_CODES[key].get(raw.lower())) is None:
            choices = ", ".join(sorted(set(_PROFILE_CODES[key].values())))
            raise RowError(f"{key} is {raw!r}, expected one of {choices} or empty")
        else:
            profile[key] = code
    suggestion = cells.get("suggestion", "").strip()
    if len(suggestion) > SUGGESTION_MAX * 4:
        raise RowError(f"suggestion longer than {SUGGESTION_MAX * 4} characters")
    return Answer(
        cells.get("id", "").strip() or f"{path.name}:{line}",
        _hour(cells.get("hour", "").strip()),
        cells.get("source", "").strip() or path.name,
        "skm",
        values,
        profile,
        suggestion,
    )


def _hour(raw: str) -> datetime | None:
    if not raw:
        return None
    try:
        if len(raw) == 10:
            return datetime.combine(date.fromisoformat(raw), datetime.min.time())
        return to_hour(datetime.fromisoformat(raw))
    except ValueError:
        raise RowError(f"hour is {raw!r}, expected 2026-12-01T10:00 or 2026-12-01") from None


def merge(*groups: Iterable[Answer]) -> list[Answer]:
    """All answers, each id once (the first seen wins: the journal's own, then imports in order)."""
    seen: dict[str, Answer] = {}
    for group in groups:
        for a in group:
            seen.setdefault(a.id, a)
    return list(seen.values())
