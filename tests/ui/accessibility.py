"""A walker over every screen of the kiosk window: what a person can read
and touch there, with the colours Qt actually painted and the sizes the
layout actually gave. Generic: it visits every screen the window holds, so
a screen added later is checked without a line here.

Colours are taken two ways and both must pass: from the widget's palette
(what the style sheet set for its normal state) and from the widget
rendered to an image (which also shows :checked, :disabled and inherited
backgrounds): the most common colour is the background, the most common
colour clearly different from it is the ink.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from kiosk.flow import Screen
from kiosk.models import Reason
from kiosk.ui.style import MIN_TARGET, contrast

MIN_CONTRAST = 7.0


@dataclass
class Finding:
    screen: str
    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.widget}: {self.problem}"


def describe(w: QWidget) -> str:
    text = w.text() if isinstance(w, QLabel | QAbstractButton | QLineEdit) else ""
    return f"{type(w).__name__}#{w.objectName() or '?'} {text[:40]!r}"


def _hex(c: QColor) -> str:
    return c.name(QColor.HexRgb)


def palette_colours(w: QWidget) -> tuple[str, str]:
    """(ink, background) from the palette, a transparent background taken from the parent that paints one."""
    ink = w.palette().color(w.foregroundRole())
    node = w
    while node is not None:
        bg = node.palette().color(node.backgroundRole())
        if bg.alpha() > 0:
            return _hex(ink), _hex(bg)
        node = node.parentWidget()
    return _hex(ink), "#ffffff"


def rendered_colours(w: QWidget) -> tuple[str, str] | None:
    """(ink, background) of a widget as painted; None when nothing but the background shows."""
    return painted_colours(w.grab().toImage())


def painted_colours(image: QImage) -> tuple[str, str] | None:
    """(ink, background) in an image: the most common colour, and the most common one clearly apart from it."""
    image = image.convertToFormat(QImage.Format_RGB32)
    if image.isNull():
        return None
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    values, counts = np.unique(pixels & 0xFFFFFF, return_counts=True)
    order = np.argsort(counts)[::-1]
    bg = f"#{int(values[order[0]]):06x}"
    for i in order[1:]:
        colour = f"#{int(values[i]):06x}"
        if contrast(colour, bg) >= 1.5:  # anti-aliased edges and rounded corners are closer than this
            return colour, bg
    return None


def on_window(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def reach(w: QWidget) -> QWidget:
    """What must fit on the screen for ``w`` to be reachable: a widget inside a scroll area is
    reached by scrolling, so the outermost scroll area holding it must fit, not the widget."""
    holder, parent = w, w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            holder = parent
        parent = parent.parentWidget()
    return holder


def check_widgets(window: QWidget, screen: str, size: tuple[int, int]) -> list[Finding]:
    """Every visible control and text on the window as it is now, on a screen of ``size``."""
    findings = []
    area = QRect(0, 0, *size)
    if window.width() > size[0] or window.height() > size[1]:
        findings.append(Finding(screen, "window", f"grew to {window.width()}x{window.height()}: content too tall"))
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        name = describe(w)
        has_text = isinstance(w, QLabel | QAbstractButton | QLineEdit) and bool(w.text().strip())
        if isinstance(w, QAbstractButton) and (w.width() < MIN_TARGET or w.height() < MIN_TARGET):
            findings.append(Finding(screen, name, f"touch target {w.width()}x{w.height()} < {MIN_TARGET}"))
        if (isinstance(w, QAbstractButton) or has_text) and not area.contains(on_window(reach(w), window)):
            findings.append(Finding(screen, name, f"clipped: {on_window(reach(w), window)} outside {area}"))
        if isinstance(w, QLabel) and has_text and w.wordWrap() and w.heightForWidth(w.width()) > w.height() + 2:
            findings.append(Finding(screen, name, f"text needs {w.heightForWidth(w.width())} px, has {w.height()}"))
        if has_text:
            findings += _contrast(screen, name, "palette", *palette_colours(w))
            if (painted := rendered_colours(w)) is None:
                findings.append(Finding(screen, name, "text not visible on its background"))
            else:
                findings += _contrast(screen, name, "painted", *painted)
        if isinstance(w, QListWidget):
            bg = _hex(w.palette().color(w.viewport().backgroundRole()))
            for i in range(w.count()):
                item = w.item(i)
                ink = _hex(item.foreground().color()) if item.foreground().style() else _hex(w.palette().text().color())
                findings += _contrast(screen, f"{name} row {i}", "item", ink, bg)
    return findings


def _contrast(screen: str, name: str, how: str, ink: str, bg: str) -> list[Finding]:
    ratio = contrast(ink, bg)
    if ratio < MIN_CONTRAST:
        return [Finding(screen, name, f"{how} contrast {ink} on {bg} is {ratio:.2f}:1 < {MIN_CONTRAST}:1")]
    return []


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(widget path, text) of everything readable on the window now, list rows included."""
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        key = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton | QLineEdit) and w.text().strip():
            out.append((key, w.text()))
        if isinstance(w, QListWidget):
            out += [(f"{key}[{i}]", w.item(i).text()) for i in range(w.count())]
    return out


def screens(gui) -> list[str]:
    """Every screen the window holds (checked against the flow's Screen values)."""
    names = list(gui.window.screens)
    unknown = [n for n in names if n not in {s.value for s in Screen}]
    assert not unknown, f"screens with no Screen value: {unknown}"
    return names


def show(gui, name: str, message: Reason | None = None) -> None:
    """Put the window on one screen without changing the visit's state (its rows, patron, badges)."""
    flow = gui.flow
    flow._go(Screen(name))
    if message is not None:
        flow._set_message(message)
    QApplication.processEvents()
