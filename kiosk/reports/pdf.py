"""The reports as PDF, drawn with Qt's own PDF writer (QPdfWriter, offscreen).

Why Qt: the kiosk already ships Qt (PySide6-Essentials), whose PDF engine
embeds the fonts with their Unicode maps, so Indonesian text renders and
can be searched and extracted; a second PDF library (reportlab) would add
a dependency for what QPainter already does: text, tables and bar charts.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kiosk.reports.skm import SkmReport
from kiosk.reports.usage import UsageReport
from kiosk.survey.questionnaire import ELEMENT_QUESTIONS
from kiosk.survey.skm import GRADES, SCALE

ACCENT, INK, LIGHT = "#00557f", "#1b1b1b", "#d9e6ee"


_apps: list = []  # the application made here lives as long as the process


def _app():
    """A GUI application for the painter (fonts need one), offscreen when the command line has no display."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _apps.append(QGuiApplication([]))
    return QGuiApplication.instance()


class PdfDocument:
    """A4 pages filled top to bottom: headings, paragraphs, tables and bar charts."""

    def __init__(self, path: Path, title: str) -> None:
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

        _app()
        self.writer = QPdfWriter(str(path))
        self.writer.setPageSize(QPageSize(QPageSize.A4))
        self.writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Millimeter)
        self.writer.setResolution(150)
        self.writer.setTitle(title)
        self.writer.setCreator("kiosk")
        self.painter = QPainter(self.writer)
        self.width, self.height = self.writer.width(), self.writer.height()
        self.y = 0.0

    def _font(self, size: float, bold: bool = False):
        from PySide6.QtGui import QFont

        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        for ligature in ("liga", "clig"):  # "fi" stays two letters, so the text is found and copied as typed
            font.setFeature(QFont.Tag(ligature), 0)
        return font

    def _room(self, needed: float) -> None:
        if self.y + needed > self.height:
            self.writer.newPage()
            self.y = 0.0

    def text(self, value: str, size: float = 10, *, bold: bool = False, space: float = 0.4) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        self.painter.setFont(self._font(size, bold))
        self.painter.setPen(QColor(INK))
        flags = int(Qt.TextWordWrap | Qt.AlignLeft)
        box = self.painter.boundingRect(QRectF(0, 0, self.width, self.height), flags, value)
        self._room(box.height())
        self.painter.drawText(QRectF(0, self.y, self.width, box.height()), flags, value)
        self.y += box.height() + self._line(size) * space

    def _line(self, size: float) -> float:
        return size / 72 * self.writer.resolution() * 1.4

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], size=9) -> None:
        """Columns of ``widths`` (fractions of the page); numbers right-aligned."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        line = self._line(size) * 1.2
        xs = [sum(widths[:i]) * self.width for i in range(len(widths) + 1)]
        numeric = [i > 0 and all(_numeric(row[i]) for row in rows) for i in range(len(header))]
        for n, row in enumerate([header, *rows]):
            self._room(line)
            if n == 0:
                self.painter.fillRect(QRectF(0, self.y, self.width, line), QColor(LIGHT))
            self.painter.setFont(self._font(size, bold=n == 0))
            self.painter.setPen(QColor(INK))
            for i, cell in enumerate(row):
                align = (Qt.AlignRight if numeric[i] else Qt.AlignLeft) | Qt.AlignVCenter
                self.painter.drawText(QRectF(xs[i] + 6, self.y, xs[i + 1] - xs[i] - 12, line), int(align), cell)
            self.y += line
            self.painter.setPen(QColor("#9aa9b3"))
            self.painter.drawLine(0, int(self.y), int(self.width), int(self.y))
        self.y += line * 0.6

    def bars(self, labels: Sequence[str], values: Sequence[float], top: float, *, value_text=str, size=8) -> None:
        """Horizontal bars, one line each: label, bar on a 0..top scale, the value."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        line = self._line(size) * 1.5
        label_w, value_w = self.width * 0.44, self.width * 0.08
        bar_w = self.width - label_w - value_w
        self.painter.setFont(self._font(size))
        for label, value in zip(labels, values):
            self._room(line)
            self.painter.setPen(QColor(INK))
            self.painter.drawText(QRectF(0, self.y, label_w - 8, line), int(Qt.AlignLeft | Qt.AlignVCenter), label)
            length = bar_w * (value / top if top else 0)
            self.painter.fillRect(QRectF(label_w, self.y + line * 0.2, bar_w, line * 0.6), QColor("#eef3f6"))
            self.painter.fillRect(QRectF(label_w, self.y + line * 0.2, length, line * 0.6), QColor(ACCENT))
            self.painter.drawText(
                QRectF(label_w + bar_w + 6, self.y, value_w - 6, line),
                int(Qt.AlignRight | Qt.AlignVCenter),
                value_text(value),
            )
            self.y += line
        self.y += line * 0.5

    def columns(self, labels: Sequence[str], values: Sequence[float], height_px: float, size=7) -> None:
        """Vertical bars side by side (hours of the day), each labelled below and valued above."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        line = self._line(size)
        self._room(height_px + 2 * line)
        top = max(values, default=0) or 1
        step = self.width / max(len(values), 1)
        base = self.y + line + height_px
        self.painter.setFont(self._font(size))
        for i, (label, value) in enumerate(zip(labels, values)):
            h = height_px * value / top
            x = i * step
            self.painter.fillRect(QRectF(x + step * 0.15, base - h, step * 0.7, h), QColor(ACCENT))
            self.painter.setPen(QColor(INK))
            if value:
                self.painter.drawText(QRectF(x, base - h - line, step, line), int(Qt.AlignCenter), f"{value:g}")
            self.painter.drawText(QRectF(x, base, step, line), int(Qt.AlignCenter), label)
        self.y = base + line * 1.8

    def close(self) -> None:
        self.painter.end()


def _numeric(cell: str) -> bool:
    return not cell or cell.replace(",", "").replace(".", "").replace("-", "").isdigit()


def _num(value: float, places: int) -> str:
    """Indonesian decimals: a comma."""
    return f"{value:.{places}f}".replace(".", ",")


def write_skm(report: SkmReport, path: Path) -> None:
    """The SKM report in Bahasa Indonesia, as a library hands it in."""
    r = report.result
    doc = PdfDocument(path, f"Laporan Survei Kepuasan Masyarakat — {report.unit}")
    try:
        doc.text("Laporan Survei Kepuasan Masyarakat (SKM)", 16, bold=True)
        doc.text(report.unit, 12, bold=True)
        doc.text(
            f"Periode: {report.period.describe_id()}\nJumlah responden: {r.respondents}\n" + _sample_id(report),
            10,
        )
        doc.text(
            "Dasar: Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan "
            "Masyarakat Unit Penyelenggara Pelayanan Publik. NRR = jumlah nilai per unsur / jumlah jawaban; "
            "bobot tiap unsur = 1/9; IKM = jumlah NRR tertimbang x 25.",
            8,
        )
        doc.text("Nilai per unsur pelayanan", 12, bold=True, space=0.2)
        rows = [
            [e.element, q.title[0], str(e.answers), str(e.total), _num(e.nrr, 3), _num(e.weighted, 4)]
            for e, q in zip(r.elements, ELEMENT_QUESTIONS)
        ]
        rows.append(["", "Jumlah NRR tertimbang", "", "", "", _num(r.weighted_total, 4)])
        doc.table(
            ["Unsur", "Uraian", "Jawaban", "Jml nilai", "NRR", "NRR tertimbang"],
            rows,
            [0.07, 0.46, 0.1, 0.11, 0.08, 0.18],
        )
        if r.ikm is None:
            doc.text("IKM: belum ada jawaban pada periode ini.", 12, bold=True)
        else:
            doc.text(f"Nilai IKM: {_num(r.ikm, 2)}", 14, bold=True, space=0.1)
            doc.text(f"Mutu pelayanan: {r.grade.letter} ({r.grade.name_id})", 12, bold=True)
        doc.text("Interval konversi IKM (Lampiran PermenPANRB 14/2017)", 9, bold=True, space=0.1)
        uppers = [*(g.low - 0.01 for g in GRADES[1:]), 100.0]
        doc.table(
            ["Mutu", "Kinerja unit pelayanan", "Interval konversi IKM"],
            [
                [g.letter, g.name_id, f"{_num(g.low, 2)} - {_num(top, 2)}"]
                for g, top in reversed(list(zip(GRADES, uppers)))
            ],
            [0.12, 0.48, 0.4],
            size=8,
        )
        doc.text("Grafik NRR per unsur (skala 1-4)", 12, bold=True, space=0.2)
        doc.bars(
            [f"{e.element} {q.title[0]}" for e, q in zip(r.elements, ELEMENT_QUESTIONS)],
            [e.nrr for e in r.elements],
            max(SCALE),
            value_text=lambda v: _num(v, 2),
        )
        if report.quick:
            average = sum(report.quick) / len(report.quick)
            doc.text(
                f"Penilaian satu sentuhan setelah layanan: {len(report.quick)} jawaban, rata-rata {_num(average, 2)} "
                "dari 4 (tidak termasuk dalam IKM).",
                9,
            )
        doc.text("Saran dan masukan pemustaka", 12, bold=True, space=0.2)
        suggestions = report.suggestions
        if not suggestions:
            doc.text("Tidak ada saran pada periode ini.", 10)
        for n, suggestion in enumerate(suggestions, start=1):
            doc.text(f"{n}. {suggestion}", 10, space=0.1)
    finally:
        doc.close()


def _sample_id(report: SkmReport) -> str:
    if report.minimum is None:
        return "Sampel minimum: populasi belum ditetapkan ([survey] population)."
    verdict = "terpenuhi" if report.sample_met else "belum terpenuhi"
    return (
        f"Sampel minimum (tabel Krejcie dan Morgan) untuk populasi {report.population}: "
        f"{report.minimum} responden — {verdict}."
    )


def write_usage(report: UsageReport, path: Path, *, kiosk_name: str) -> None:
    doc = PdfDocument(path, f"Laporan penggunaan — {kiosk_name}")
    try:
        share = "-" if report.offline_share is None else f"{report.offline_share * 100:.1f} %".replace(".", ",")
        median = "-" if report.median_session_s is None else f"{report.median_session_s:.0f} detik"
        doc.text("Laporan penggunaan mesin layanan mandiri", 16, bold=True)
        doc.text(kiosk_name, 12, bold=True)
        doc.text(
            f"Periode: {report.period.describe_id()}\n"
            f"Peminjaman: {report.loans}   Pengembalian: {report.returns}   Perpanjangan: {report.renewals}\n"
            f"Dilayani saat luring (offline): {report.offline} ({share})\n"
            f"Sesi: {report.sessions}, median lama sesi {median}\n"
            "Jam tersibuk: " + (", ".join(f"{h:02d}.00" for h in report.busiest_hours()) or "-"),
            10,
        )
        doc.text("Peminjaman dan pengembalian per jam", 12, bold=True, space=0.2)
        doc.columns(
            [f"{h:02d}" for h in range(24)],
            [c["loans"] + c["returns"] for c in report.per_hour.values()],
            doc.height * 0.18,
        )
        doc.text("Per hari", 12, bold=True, space=0.2)
        if 1 < len(report.per_day) <= 31:
            doc.columns(
                [f"{day[8:10]}/{day[5:7]}" for day in report.per_day],
                [c["loans"] + c["returns"] for c in report.per_day.values()],
                doc.height * 0.12,
            )
        doc.table(
            ["Tanggal", "Peminjaman", "Pengembalian"],
            [[day, str(c["loans"]), str(c["returns"])] for day, c in report.per_day.items()] or [["-", "0", "0"]],
            [0.4, 0.3, 0.3],
        )
        doc.text("Penolakan menurut alasan", 12, bold=True, space=0.2)
        if report.refusals:
            doc.table(
                ["Alasan", "Kode", "Jumlah"],
                [[_reason_id(code), code, str(n)] for code, n in report.refusals.items()],
                [0.58, 0.3, 0.12],
            )
        else:
            doc.text("Tidak ada penolakan.", 10)
    finally:
        doc.close()


_translators: list = []  # the Indonesian translation, loaded once


def _reason_id(code: str) -> str:
    """A refusal reason in Indonesian: the first sentence of what the patron was shown
    (the kiosk's own translation), or the code if the kiosk does not know it."""
    from PySide6.QtCore import QTranslator

    from kiosk.models import REASON_TEXT, Reason
    from kiosk.ui.i18n import TRANSLATIONS

    try:
        source = REASON_TEXT[Reason(code)]
    except (ValueError, KeyError):
        return code
    if not _translators:
        translator = QTranslator()
        translator.load(str(TRANSLATIONS / "kiosk_id.qm"))
        _translators.append(translator)
    text = _translators[0].translate("Reason", source) or source
    return text.split(". ")[0].rstrip(".")
