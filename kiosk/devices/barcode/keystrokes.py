"""Telling a keyboard-wedge scanner's keystrokes from a person's, without Qt.

A wedge scanner "types" a code in a burst: keys a few milliseconds apart,
usually followed by Enter.  A person types tens of milliseconds apart at
best.  Every printable key is held back while it may still be part of a
scan; when the burst ends (Enter/Tab, a gap longer than ``max_gap_ms``, or
the idle timer) it is either a scan, or typing that is handed back for
delivery, in order, so a text field still gets what a person typed.

Keys are opaque ``item`` objects to this module (the Qt filter passes its
QKeyEvent copies), so the rules are tested here with plain timestamps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

K = TypeVar("K")

#: Text of the keys a scanner sends after a code.
TERMINATORS = frozenset({"\r", "\n", "\t"})


@dataclass(frozen=True)
class WedgeSettings:
    """The ``[barcodes] wedge_*`` settings."""

    max_gap_ms: int = 50
    min_length: int = 4
    max_duration_ms: int = 1500
    prefix: str = ""

    def __post_init__(self) -> None:
        if self.max_gap_ms < 1 or self.min_length < 1 or self.max_duration_ms < 1:
            raise ValueError("wedge timings and minimum length must be positive")
        if len(self.prefix) > 1:
            raise ValueError(f"wedge prefix must be one character or empty, got {self.prefix!r}")

    @classmethod
    def from_config(cls, barcodes: Any) -> WedgeSettings:
        """From the [barcodes] settings (read by attribute), or a mapping of some of its keys (tests)."""
        if isinstance(barcodes, Mapping):
            return cls(**{name: barcodes[key] for key, name in _KEYS.items() if key in barcodes})
        return cls(
            max_gap_ms=barcodes.wedge_max_gap_ms,
            min_length=barcodes.wedge_min_length,
            max_duration_ms=barcodes.wedge_max_duration_ms,
            prefix=barcodes.wedge_prefix,
        )


_KEYS = {
    "wedge_max_gap_ms": "max_gap_ms",
    "wedge_min_length": "min_length",
    "wedge_max_duration_ms": "max_duration_ms",
    "wedge_prefix": "prefix",
}


@dataclass
class Step(Generic[K]):
    """What to do with one key.

    ``replay`` (deliver these held keys now, before this one) comes first;
    then this key is hidden from the widgets if ``swallow``; ``scan`` is a
    completed code to report.
    """

    swallow: bool = False
    scan: str | None = None
    replay: list[K] = field(default_factory=list)


class KeystrokeBuffer(Generic[K]):
    """The burst state machine; one instance per application."""

    def __init__(self, settings: WedgeSettings) -> None:
        self.settings = settings
        self._chars: list[str] = []
        self._items: list[K] = []
        self._first_ms = self._last_ms = 0
        self._scan_ended_ms: int | None = None  # a scan just ended by a gap: its late Enter is swallowed

    @property
    def holding(self) -> bool:
        return bool(self._items)

    def press(self, text: str, timestamp_ms: int, item: K) -> Step[K]:
        """A key press with its text ("" for keys such as arrows; leave out bare modifiers:
        scanners press Shift for capitals)."""
        step: Step[K] = Step()
        if self._items and timestamp_ms - self._last_ms > self.settings.max_gap_ms:
            step = self._finish()
        if text in TERMINATORS:
            return self._terminator(step, timestamp_ms)
        self._scan_ended_ms = None
        if len(text) != 1 or not text.isprintable():
            if self._items:  # Backspace, an arrow...: a person at a keyboard
                step = _merge(step, self._finish(typing=True))
            return step
        if not self._items and self.settings.prefix and text != self.settings.prefix:
            return step  # with a prefix configured, only a burst that starts with it is held
        if not self._items:
            self._first_ms = timestamp_ms
        self._chars.append(text)
        self._items.append(item)
        self._last_ms = timestamp_ms
        step.swallow = True
        return step

    def idle(self) -> Step[K]:
        """No key for a while (the caller's timer): end the burst now."""
        return self._finish() if self._items else Step()

    def _terminator(self, step: Step[K], timestamp_ms: int) -> Step[K]:
        if self._items:
            ended = self._finish(terminated=True)
            ended.swallow = ended.scan is not None
            return _merge(step, ended)
        late = self._scan_ended_ms
        self._scan_ended_ms = None
        if step.scan is not None or (late is not None and timestamp_ms - late <= self.settings.max_duration_ms):
            step.swallow = True  # the Enter that belongs to a scan already ended by its gap
        return step

    def _finish(self, *, terminated: bool = False, typing: bool = False) -> Step[K]:
        code = None if typing else self._code()
        items, last = self._items, self._last_ms
        self._chars, self._items = [], []
        if code is None:
            return Step(replay=items)
        if not terminated:
            self._scan_ended_ms = last
        return Step(scan=code)

    def _code(self) -> str | None:
        """The code if the held burst looks like a scanner's, else None."""
        s = self.settings
        text = "".join(self._chars)
        if s.prefix:
            if not text.startswith(s.prefix):
                return None
            text = text[len(s.prefix) :]
        if len(text) < s.min_length or self._last_ms - self._first_ms > s.max_duration_ms:
            return None
        return text


def _merge(first: Step[K], then: Step[K]) -> Step[K]:
    """Two steps in order; at most one of them carries a scan."""
    return Step(swallow=then.swallow, scan=first.scan or then.scan, replay=first.replay + then.replay)
