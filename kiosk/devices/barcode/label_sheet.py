"""Draws a sheet of labels (labels.py) on A4 pages: a PDF, or one PNG per page.

Qt's painter is used only as a drawing library here (no window, no event
loop): it writes vector PDF and PNG from the same code and sets the text
in a real font.  Bars are whole device pixels wide — 1/1200 inch in the
PDF, 1/300 inch in a PNG — so every bar has exactly the width its module
count says, which a scanner needs more than anything.
"""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path

from kiosk.devices.barcode.labels import LabelSpec, bar_pattern
from kiosk.errors import KnownError

PAGE_MM = (210.0, 297.0)  # A4
MARGIN_MM = 12.0
HEADER_MM = 14.0
COLUMNS = 2
CELL_MM = 29.0  # height of one label
NARROW_MM = 0.33  # narrow bar: what library scanners and the 720p camera read comfortably
BAR_MM = 11.0
QUIET_NARROW = 10  # quiet zone each side, in narrow bars
PDF_DPI, PNG_DPI = 1200, 300

_app = None  # the QGuiApplication this module had to create, kept alive


def write_sheet(labels: list[LabelSpec], out: Path, heading: str) -> list[Path]:
    """Write `labels` to `out` (.pdf, or .png: page 2 onwards to name-2.png...); the files written."""
    pages = _paginate(labels)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise KnownError(f"{out}: cannot write a {suffix or 'suffix-less'} file", hint="name it .pdf or .png")
    _ensure_gui()
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        writer = QPdfWriter(str(out))
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)
        writer.setResolution(PDF_DPI)
        writer.setTitle(heading)
        painter = QPainter(writer)
        for number, page in enumerate(pages, 1):
            if number > 1:
                writer.newPage()
            _paint_page(painter, PDF_DPI, page, f"{heading} ({number}/{len(pages)})")
        painter.end()
        return [out]
    written = []
    for number, page in enumerate(pages, 1):
        px = PNG_DPI / 25.4
        image = QImage(round(PAGE_MM[0] * px), round(PAGE_MM[1] * px), QImage.Format_RGB32)
        image.setDotsPerMeterX(round(PNG_DPI / 0.0254))
        image.setDotsPerMeterY(round(PNG_DPI / 0.0254))
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        _paint_page(painter, PNG_DPI, page, f"{heading} ({number}/{len(pages)})")
        painter.end()
        path = out if number == 1 else out.with_name(f"{out.stem}-{number}{out.suffix}")
        if not image.convertToFormat(QImage.Format_Grayscale8).save(str(path)):
            raise KnownError(f"{path}: could not be written", hint="check the folder exists and is writable")
        written.append(path)
    return written


def _paginate(labels: list[LabelSpec]) -> list[list[LabelSpec]]:
    rows = int((PAGE_MM[1] - 2 * MARGIN_MM - HEADER_MM) // CELL_MM)
    per_page = rows * COLUMNS
    return [labels[i : i + per_page] for i in range(0, len(labels), per_page)] or [[]]


def _ensure_gui() -> None:
    """Fonts need a Qt application; a command-line run gets an offscreen one.

    A QApplication rather than a QGuiApplication, so that a process which
    later shows widgets (a test run, the kiosk itself) can still do so.
    """
    global _app
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication(["kiosk-labels"])


def _paint_page(painter, dpi: int, labels: list[LabelSpec], heading: str) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPen

    mm = dpi / 25.4
    left, top = round(MARGIN_MM * mm), round(MARGIN_MM * mm)
    width = round((PAGE_MM[0] - 2 * MARGIN_MM) * mm)
    painter.setPen(QColor(0, 0, 0))
    painter.setFont(_font(QFont, 11, bold=True))
    painter.drawText(QRect(left, top, width, round(7 * mm)), Qt.AlignLeft | Qt.AlignVCenter, heading)
    painter.setFont(_font(QFont, 7))
    painter.drawText(
        QRect(left, top + round(6.5 * mm), width, round(5 * mm)),
        Qt.AlignLeft | Qt.AlignVCenter,
        "Print at 100 % (not 'fit to page'); cut along the dashed lines.",
    )
    cell_w, cell_h = width // COLUMNS, round(CELL_MM * mm)
    cut = QPen(QColor(170, 170, 170), max(1, round(0.15 * mm)), Qt.DashLine)
    for index, spec in enumerate(labels):
        row, column = divmod(index, COLUMNS)
        cell = QRect(left + column * cell_w, top + round(HEADER_MM * mm) + row * cell_h, cell_w, cell_h)
        painter.setPen(cut)
        painter.drawRect(cell)
        _paint_label(painter, mm, cell.adjusted(round(2 * mm), round(1.5 * mm), -round(2 * mm), 0), spec)


def _paint_label(painter, mm: float, box, spec: LabelSpec) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetrics

    painter.setPen(QColor(0, 0, 0))
    line = round(4.2 * mm)
    font = _font(QFont, 9, bold=True)
    painter.setFont(font)
    title = QFontMetrics(font, painter.device()).elidedText(spec.title, Qt.ElideRight, box.width())
    painter.drawText(QRect(box.left(), box.top(), box.width(), line), Qt.AlignLeft | Qt.AlignVCenter, title)
    painter.setFont(_font(QFont, 7))
    kind = "Patron card" if spec.kind == "patron" else "Item"
    caption = " · ".join(filter(None, [kind, spec.note, spec.symbology]))
    painter.drawText(QRect(box.left(), box.top() + line, box.width(), line), Qt.AlignLeft | Qt.AlignVCenter, caption)
    bars_top = box.top() + 2 * line + round(0.5 * mm)
    _paint_bars(painter, mm, box.left(), bars_top, box.width(), round(BAR_MM * mm), spec)
    painter.setPen(QColor(0, 0, 0))
    painter.setFont(_font(QFont, 8))
    painter.drawText(QRect(box.left(), bars_top + round(BAR_MM * mm), box.width(), line), Qt.AlignCenter, spec.code)


def _paint_bars(painter, mm: float, left: int, top: int, width: int, height: int, spec: LabelSpec) -> None:
    from PySide6.QtGui import QColor

    modules, narrow = bar_pattern(spec.symbology, spec.data)
    needed = len(modules) + 2 * QUIET_NARROW * narrow
    module_px = min(max(1, round(NARROW_MM * mm / narrow)), width // needed)
    if module_px < 1:
        raise KnownError(
            f"the {spec.symbology} code {spec.code} is too long for a label",
            hint="use a denser symbology such as code128",
        )
    x = left + (width - len(modules) * module_px) // 2
    black = QColor(0, 0, 0)
    position = 0
    for dark, run in _runs(modules):
        if dark:
            painter.fillRect(x + position * module_px, top, run * module_px, height, black)
        position += run


def _runs(modules: str) -> list[tuple[bool, int]]:
    return [(char == "1", len(list(run))) for char, run in groupby(modules)]


def _font(font_class, points: float, *, bold: bool = False):
    font = font_class("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
