"""`kiosk report skm|usage` and `kiosk survey start|stop` as staff run them:
journal answers merged with paper and other kiosks' CSV, bad rows named and
skipped, duplicates counted once, the PDF rendered and read back."""

from __future__ import annotations

import json
import re
import stat
import unicodedata
from datetime import datetime

import pypdf
import pytest

from kiosk.cli import main
from kiosk.journal import Journal
from kiosk.models import Reason, TxKind, TxState
from kiosk.survey.answers import Answer
from tests.unit.survey.test_skm import WORKED

HEADER = "id,hour,source,U1,U2,U3,U4,U5,U6,U7,U8,U9,age,sex,education,occupation,suggestion\n"


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[kiosk]\nname = "Kiosk 1"\nlibrary = "Perpustakaan Kota Contoh"\n'
        '[catalog]\nkind = "demo"\npath = "catalog.sqlite3"\n'
        '[journal]\npath = "journal.sqlite3"\n'
        '[survey]\nenabled = true\npopulation = 1000\nunit = "Layanan Sirkulasi"\n',
        encoding="utf-8",
    )
    return path


def journal_of(cfg) -> Journal:
    return Journal.open(cfg.parent / "journal.sqlite3")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path) -> str:
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture
def kiosk_answers(cfg):
    """The worked example's first two respondents answered at this kiosk, plus one tap."""
    journal = journal_of(cfg)
    try:
        for row in WORKED[:2]:
            values = dict(zip([f"U{i}" for i in range(1, 10)], row))
            journal.add_survey_answer(Answer.new(datetime(2026, 11, 3, 10, 15), "Kiosk 1", values=values))
        journal.add_survey_answer(Answer.new(datetime(2026, 11, 3, 10, 20), "Kiosk 1", kind="quick", quick=4))
    finally:
        journal.close()


def paper_file(tmp_path):
    """The other two respondents on paper, and rows a clerk typed wrong."""
    path = tmp_path / "kertas.csv"
    rows = [",".join(map(str, r)) for r in WORKED[2:]]
    path.write_text(
        HEADER
        + f"k-1,2026-11-04,kertas,{rows[0]},25-34,L,SMA,swasta,Tambah rak buku anak\n"
        + f"k-2,2026-11-04,kertas,{rows[1]},,,,,\n"
        + "k-3,2026-11-04,kertas,4,4,4,0,4,4,4,4,4,,,,,\n"  # line 4: U4 = 0
        + "k-4,2026-11-04,kertas,4,4,4,4,4,4,4,4,4,,,,tani,\n",  # line 5: no such occupation code
        encoding="utf-8",
    )
    return path


def test_the_report_merges_kiosk_and_paper_answers_into_the_worked_examples_ikm(cfg, kiosk_answers, tmp_path, capsys):
    paper = paper_file(tmp_path)
    code, out, err = run(capsys, "report", "skm", "--config", cfg, "--import", paper, "--json")
    assert code == 0
    report = json.loads(out)
    assert report["respondents"] == 4
    assert report["ikm"] == 84.72 and report["grade"] == {"letter": "B", "name": "Baik"}
    assert [e["nrr"] for e in report["elements"]] == [3.5, 3.5, 2.75, 3.75, 3.25, 3.75, 4.0, 2.75, 3.25]
    assert report["sample"] == {"population": 1000, "minimum": 278, "met": False}
    assert report["quick"] == {"answers": 1, "average": 4.0}
    assert report["suggestions"] == ["Tambah rak buku anak"]
    assert [(b["line"], b["problem"].split()[0]) for b in report["bad_rows"]] == [(4, "U4"), (5, "occupation")]
    assert f"{paper}: line 4: U4 is '0'" in err and f"{paper}: line 5: occupation" in err


def test_an_export_imported_again_and_twice_counts_each_answer_once(cfg, kiosk_answers, tmp_path, capsys):
    exported = tmp_path / "answers.csv"
    code, out, _ = run(capsys, "report", "skm", "--config", cfg, "--import", paper_file(tmp_path), "--out", exported)
    assert code == 0 and "4 respondents" in out
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600  # suggestions are free text: owner only
    assert exported.read_text(encoding="utf-8").startswith(HEADER)
    # Another kiosk's report, taking this export twice and the paper file again: still four people.
    code, out, _ = run(capsys, "report", "skm", "--config", cfg, "--import", exported, "--import", exported, "--json")
    report = json.loads(out)
    assert report["respondents"] == 4 and report["ikm"] == 84.72
    assert report["sources"]["duplicates"] == 2 + 4  # the journal's two in the export, and the second copy


def test_the_period_limits_the_answers_and_bad_dates_are_refused(cfg, kiosk_answers, tmp_path, capsys):
    code, out, _ = run(capsys, "report", "skm", "--config", cfg, "--from", "2026-11-04", "--json")
    assert json.loads(out)["respondents"] == 0 and json.loads(out)["ikm"] is None
    code, out, _ = run(capsys, "report", "skm", "--config", cfg, "--from", "2026-11-01", "--to", "2026-11-03")
    assert code == 0 and "respondents 2" in out
    code, _, err = run(capsys, "report", "skm", "--config", cfg, "--from", "3 November")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "report", "skm", "--config", cfg, "--out", tmp_path / "r.docx")
    assert code == 2 and ".pdf or .csv" in err


def test_a_file_that_is_no_answers_file_is_refused_with_what_to_do(cfg, tmp_path, capsys):
    wrong = tmp_path / "daftar.csv"
    wrong.write_text("nama,nilai\nA,4\n", encoding="utf-8")
    code, _, err = run(capsys, "report", "skm", "--config", cfg, "--import", wrong)
    assert code == 2 and "line 1" in err and "U1" in err


def test_the_skm_pdf_reads_back_in_indonesian(cfg, kiosk_answers, tmp_path, capsys):
    out = tmp_path / "laporan.pdf"
    code, _, _ = run(capsys, "report", "skm", "--config", cfg, "--import", paper_file(tmp_path), "--out", out)
    assert code == 0
    text = pdf_text(out)
    assert "Laporan Survei Kepuasan Masyarakat" in text and "Layanan Sirkulasi" in text
    assert "Jumlah responden: 4" in text
    assert "Produk spesifikasi jenis pelayanan" in text  # the table, ligature-free
    assert "Nilai IKM: 84,72" in text and "Mutu pelayanan: B (Baik)" in text
    assert "Grafik NRR per unsur" in text and "belum terpenuhi" in text
    assert "Tambah rak buku anak" in text
    assert "88,31 - 100,00" in text  # the regulation's conversion table


def add_tx(journal, kind, state, *, hour, offline=False, reason=None):
    journal._clock = lambda: datetime(2026, 11, 3, hour, 5).astimezone()
    tx = journal.begin(kind, f"item-{hour}", "2900", {})
    journal.finish(tx.uuid, state, offline=offline, reason=reason)


def test_the_usage_report_counts_loans_returns_offline_refusals_and_sessions(cfg, tmp_path, capsys):
    journal = journal_of(cfg)
    try:
        for hour in (10, 10, 10, 14):
            add_tx(journal, TxKind.CHECKOUT, TxState.DONE, hour=hour)
        add_tx(journal, TxKind.CHECKOUT, TxState.QUEUED, hour=11, offline=True)
        add_tx(journal, TxKind.CHECKIN, TxState.DONE, hour=14)
        add_tx(journal, TxKind.CHECKOUT, TxState.REFUSED, hour=10, reason=Reason.CHECKED_OUT_TO_OTHER)
        add_tx(journal, TxKind.RENEW, TxState.DONE, hour=15)
        for seconds in (40, 95, 300):
            journal.add_visit(seconds, 2, "patron")
    finally:
        journal.close()
    code, out, _ = run(capsys, "report", "usage", "--config", cfg, "--json")
    report = json.loads(out)
    assert (report["loans"], report["returns"], report["renewals"]) == (5, 1, 1)
    assert report["offline"] == 1 and report["offline_share"] == round(1 / 6, 4)
    assert report["refusals"] == {"checked_out_to_other": 1}
    assert report["median_session_s"] == 95 and report["sessions"] == 3
    assert report["busiest_hours"] == [10, 14, 11]
    assert report["per_day"] == {"2026-11-03": {"loans": 5, "returns": 1}}
    pdf = tmp_path / "usage.pdf"
    assert run(capsys, "report", "usage", "--config", cfg, "--out", pdf)[0] == 0
    text = pdf_text(pdf)
    assert "Peminjaman: 5" in text and "Pengembalian: 1" in text and "median lama sesi 95 detik" in text
    assert "Jam tersibuk: 10.00, 14.00, 11.00" in text and "checked_out_to_other" in text
    assert "dipinjam" in text  # the reason in Indonesian, as the patron read it
    table = tmp_path / "usage.csv"
    assert run(capsys, "report", "usage", "--config", cfg, "--out", table)[0] == 0
    assert table.read_text().splitlines() == [
        "day,hour,loans,returns",
        "2026-11-03,10,3,0",
        "2026-11-03,11,1,0",
        "2026-11-03,14,1,1",
    ]


def test_staff_start_and_stop_a_survey_period(cfg, capsys):
    code, out, _ = run(capsys, "survey", "start", "--config", cfg)
    assert code == 0 and "running since" in out
    code, out, _ = run(capsys, "survey", "start", "--config", cfg)
    assert "already running" in out
    journal = journal_of(cfg)
    try:
        assert journal.survey_period_open()
    finally:
        journal.close()
    code, out, _ = run(capsys, "survey", "stop", "--config", cfg)
    assert code == 0 and "no survey period running" in out
    code, out, _ = run(capsys, "survey", "status", "--config", cfg)
    assert "no survey period running" in out
