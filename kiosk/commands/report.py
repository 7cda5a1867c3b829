"""``kiosk report skm|usage`` and ``kiosk survey start|stop|status``.

The SKM report merges the journal's answers with CSV files (``--import``,
the format of kiosk/survey/answers.py) and prints, writes JSON, a CSV of
the merged answers or a PDF in Bahasa Indonesia. The usage report counts
what the kiosk did. Staff start and stop a survey period from here (while
one runs, every visit gets the full questionnaire); the journal calls
behind it (``Journal.start_survey_period`` / ``stop_survey_period`` /
``survey_period_open``) are what a diagnostics button would run.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from kiosk import config
from kiosk.errors import KnownError
from kiosk.journal import Journal
from kiosk.reports import skm as skm_report
from kiosk.reports import usage as usage_report
from kiosk.reports.period import Period
from kiosk.survey.answers import RowError, write_csv


def register(commands, diag) -> None:
    report = commands.add_parser("report", help="the SKM survey report and the usage report")
    reports = report.add_subparsers(dest="report", required=True, metavar="WHICH")
    skm = _common(reports.add_parser("skm", help="public satisfaction survey (IKM, PermenPANRB 14/2017)"))
    skm.add_argument(
        "--import",
        dest="imports",
        type=Path,
        action="append",
        default=[],
        metavar="FILE.csv",
        help="answers from paper or other kiosks (one row per respondent, U1..U9); repeatable",
    )
    skm.set_defaults(handler=_skm)
    usage = _common(reports.add_parser("usage", help="loans, returns, refusals and sessions per day and hour"))
    usage.set_defaults(handler=_usage)

    survey = commands.add_parser("survey", help="start or stop a survey period (every visit gets the SKM)")
    survey.add_argument("action", choices=["start", "stop", "status"])
    survey.add_argument("--config", type=Path, required=True)
    survey.set_defaults(handler=_survey)


def _common(p):
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD (included)")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("--out", type=Path, metavar="FILE.pdf|FILE.csv", help="write the report as PDF or CSV")
    return p


def _journal(settings) -> Journal:
    return Journal.open(settings.resolve(settings.journal.path), salt=settings.journal.hash_salt)


def _out_kind(out: Path | None) -> str | None:
    if out is None:
        return None
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("pdf", "csv"):
        raise KnownError(f"--out {out}: a .pdf or .csv file", hint="name the file report.pdf or answers.csv")
    return kind


def _private_file(path: Path) -> None:
    """A new report file readable by its owner only: suggestions are free text a patron typed."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise KnownError(f"--out {path}: cannot be written ({exc.strerror})", hint="choose a writable folder") from exc
    os.close(fd)
    os.chmod(path, 0o600)


def _skm(args) -> int:
    settings = config.load(args.config)
    period = Period.of(args.start, args.end)
    kind = _out_kind(args.out)
    journal = _journal(settings)
    try:
        answers = journal.survey_answers()
    finally:
        journal.close()
    try:
        report = skm_report.build(
            answers,
            args.imports,
            period,
            unit=settings.survey.unit or settings.kiosk.library,
            population=settings.survey.population,
        )
    except RowError as exc:
        raise KnownError(str(exc), hint="import a CSV with a header row naming U1..U9 (see README, Survey)") from None
    for bad in report.bad_rows:
        print(f"kiosk: skipped {bad}", file=sys.stderr)
    if kind == "csv":
        _private_file(args.out)
        with args.out.open("w", encoding="utf-8", newline="") as out:
            write_csv(report.answers, out)
    elif kind == "pdf":
        from kiosk.reports.pdf import write_skm

        _private_file(args.out)
        write_skm(report, args.out)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif kind is None:
        print("\n".join(skm_report.text_lines(report)))
    else:
        print(
            f"{args.out}: {report.result.respondents} respondents"
            + (f", {len(report.bad_rows)} rows skipped" if report.bad_rows else "")
        )
    return 0


def _usage(args) -> int:
    settings = config.load(args.config)
    period = Period.of(args.start, args.end)
    kind = _out_kind(args.out)
    journal = _journal(settings)
    try:
        rows = journal.transactions_between(period.start, period.end)
        visits = journal.visits(period.start, period.end)
    finally:
        journal.close()
    report = usage_report.build(rows, visits, period)
    if kind == "csv":
        _private_file(args.out)
        with args.out.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(usage_report.CSV_COLUMNS)
            writer.writerows(usage_report.csv_rows(rows))
    elif kind == "pdf":
        from kiosk.reports.pdf import write_usage

        _private_file(args.out)
        write_usage(report, args.out, kiosk_name=f"{settings.kiosk.name}, {settings.kiosk.library}")
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif kind is None:
        print("\n".join(usage_report.text_lines(report)))
    else:
        print(f"{args.out}: {report.loans} loans, {report.returns} returns")
    return 0


def _survey(args) -> int:
    settings = config.load(args.config)
    journal = _journal(settings)
    try:
        if args.action == "start":
            changed = journal.start_survey_period()
        elif args.action == "stop":
            changed = journal.stop_survey_period()
        else:
            changed = True
        started = journal.survey_period_open()
    finally:
        journal.close()
    if not settings.survey.enabled:
        print("note: [survey] enabled = false in the config: the kiosk asks nobody until it is true", file=sys.stderr)
    if started:
        print(f"survey period running since {started}" + ("" if changed else " (it was already running)"))
    else:
        print("no survey period running" + ("" if changed else " (none was running)"))
    return 0
