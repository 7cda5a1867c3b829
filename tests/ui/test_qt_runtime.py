"""Guards against a Qt binding that would crash a kiosk left running all day."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    flag = Signal(bool)
    anything = Signal(object)


def test_signals_carrying_bools_keep_their_references(qapp):
    # PySide6 6.12.0 dropped a reference to True/False on every such emission
    # and aborted the process after about a thousand (pyproject pins it out).
    emitter = Emitter()
    got = []
    emitter.flag.connect(got.append)
    emitter.anything.connect(got.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.anything.emit(True)
    got.clear()
    assert abs(sys.getrefcount(True) - before) < 10
