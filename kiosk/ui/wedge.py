"""Keyboard-wedge barcode scanners: one application-wide event filter.

The filter acts on key events addressed to a QWindow only: a filter on the
application sees each key once for the window and again for every widget
Qt forwards it to, and only the first sighting can still be withheld from
the focused widget.  Keys that may be a scan are held back; the rules of
kiosk/devices/barcode/keystrokes.py decide, from the events' own
timestamps, whether the burst was a scan (reported, its keys never reach a
widget such as the PIN field) or typing (delivered after all, in order).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.devices.barcode.keystrokes import KeystrokeBuffer, Step, WedgeSettings
from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState
from kiosk.errors import DeviceError

#: Keys a scanner presses around characters (Shift for capitals): neither typing nor data.
_MODIFIER_KEYS = {Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_AltGr, Qt.Key_Meta, Qt.Key_CapsLock, Qt.Key_NumLock}
_COMMAND_MODIFIERS = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier


class WedgeFilter(QObject):
    """Install on the QApplication; ``scanned`` carries each code (prefix removed)."""

    scanned = Signal(str)

    def __init__(
        self,
        settings: WedgeSettings,
        *,
        window: QWidget | None = None,
        idle_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``window``: only keys for this top-level widget's window (default: every window).
        ``idle_ms``: quiet time that ends a burst without Enter; a little longer than the
        largest gap, since key events queued while the GUI thread was busy arrive late."""
        super().__init__(parent)
        self._buffer: KeystrokeBuffer[tuple[QObject, QKeyEvent]] = KeystrokeBuffer(settings)
        self._window = window
        self._held_keys: list[int] = []  # presses withheld: their releases are withheld too
        self._replaying = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_ms if idle_ms is not None else max(2 * settings.max_gap_ms, 100))
        self.idle_timer.timeout.connect(lambda: self._apply(self._buffer.idle()))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.KeyPress, QEvent.KeyRelease) or self._replaying or not self._watched(obj):
            return False
        if kind == QEvent.KeyRelease:
            if event.key() in self._held_keys and not event.isAutoRepeat():
                self._held_keys.remove(event.key())
                return True
            return False
        if event.key() in _MODIFIER_KEYS:
            return False
        typed = event.text()
        if event.isAutoRepeat() or event.modifiers() & _COMMAND_MODIFIERS:
            typed = ""  # a key held down or a shortcut: a person, never a scanner
        step = self._buffer.press(typed, event.timestamp(), (obj, event.clone()))
        if step.swallow:
            self._held_keys.append(event.key())
        self._apply(step)
        return step.swallow

    def _watched(self, obj: QObject) -> bool:
        if not obj.isWindowType():
            return False
        return self._window is None or obj is self._window.windowHandle()

    def _apply(self, step: Step) -> None:
        for window, press in step.replay:
            self._deliver(window, press)
        if self._buffer.holding:
            self.idle_timer.start()
        else:
            self.idle_timer.stop()
        if step.scan is not None:
            self.scanned.emit(step.scan)

    def _deliver(self, window: QObject, press: QKeyEvent) -> None:
        """Hand a held key to its window after all (typing, not a scan)."""
        release = QKeyEvent(QEvent.KeyRelease, press.key(), press.modifiers(), press.text())
        release.setTimestamp(press.timestamp())
        self._replaying = True
        try:
            QCoreApplication.sendEvent(window, press)
            QCoreApplication.sendEvent(window, release)
        except RuntimeError:  # the window was closed while its keys were held: nobody to type into
            pass
        finally:
            self._replaying = False


class WedgeScanner(BarcodeSource):
    """A keyboard-wedge scanner as a device: the UI treats it like any barcode source.

    Not in the driver registry: it needs the Qt application, and its
    settings are the ``[barcodes] wedge_*`` keys rather than a device table.
    """

    driver = "wedge"

    def __init__(
        self, barcodes, *, name: str = "wedge", window: QWidget | None = None, idle_ms: int | None = None
    ) -> None:
        super().__init__(name)
        self.filter = WedgeFilter(WedgeSettings.from_config(barcodes), window=window, idle_ms=idle_ms)
        self.filter.scanned.connect(lambda code: self._emit(BarcodeRead(self.name, code)))
        self._app: QCoreApplication | None = None

    def open(self) -> None:
        self._app = QCoreApplication.instance()
        if self._app is None:
            raise DeviceError("the keyboard-wedge scanner needs the kiosk's window", hint="start the kiosk GUI")
        self._app.installEventFilter(self.filter)
        self._set_state(DeviceState.OK)

    def close(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self.filter)
            self._app = None
        self.filter.idle_timer.stop()
        self._set_state(DeviceState.CLOSED)
