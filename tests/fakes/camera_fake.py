"""A camera for the camera driver's tests: it shows whatever scene the test
puts in front of it (frames rendered with python-barcode by
tests/unit/barcode/frames.py), can be unplugged, and keeps its own clock —
30 frames make a second — so the driver's "gone for a moment" logic runs
on frames delivered rather than on the wall clock.
"""

from __future__ import annotations

import threading

import numpy as np

FPS = 30


class FakeCamera:
    def __init__(self, scene: np.ndarray, frame_interval_s: float = 0.002) -> None:
        self.scene = scene
        self.reads = 0
        self.plugged = True
        self.opened = False
        self._interval = frame_interval_s
        self._pace = threading.Event()  # never set: waiting on it paces frames like a sensor would

    def show(self, scene: np.ndarray) -> None:
        self.scene = scene

    def clock(self) -> float:
        return self.reads / FPS

    def open(self) -> None:
        if not self.plugged:
            raise OSError("no such camera (fake unplugged)")
        self.opened = True

    def read(self) -> np.ndarray | None:
        self._pace.wait(self._interval)
        if not (self.plugged and self.opened):
            return None
        self.reads += 1
        return self.scene

    def close(self) -> None:
        self.opened = False

    def unplug(self) -> None:
        self.plugged = False

    def plug(self) -> None:
        self.plugged = True
