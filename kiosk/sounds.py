"""Audio cues without Qt: a short tone for success, refusal and attention.

A bare Linux kiosk has ALSA and often PipeWire or PulseAudio, but not Qt
Multimedia (PySide6-Addons is some 200 MB). So the tones are made once as
small WAV files with :mod:`wave` and played by the system's own player
(``pw-play``, ``paplay`` or ``aplay``) in a subprocess, from one thread of
their own so the screen never waits for a sound card. No player, or a player
that fails (no sound card), is said once in the log and the kiosk goes on
silently.

Which cue an event gets is decided here too (:func:`cue_for_outcome`,
:class:`CueWatcher`), so tests check the choice without any sound.
"""

from __future__ import annotations

import enum
import io
import logging
import math
import queue
import shutil
import struct
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.circulation import Outcome
from kiosk.config import AudioSettings

log = logging.getLogger(__name__)

RATE = 22050
PLAYERS = ("pw-play", "paplay", "aplay")  # "auto" tries them in this order


class Cue(str, enum.Enum):
    SUCCESS = "success"  # an item borrowed or returned, signed in
    REFUSAL = "refusal"  # an item or card refused: look at the screen
    ATTENTION = "attention"  # the idle countdown, staff called


# (frequency Hz, milliseconds) per note; 0 Hz is a rest. Rising = good, falling = no.
MELODIES: dict[Cue, tuple[tuple[int, int], ...]] = {
    Cue.SUCCESS: ((784, 90), (1175, 140)),
    Cue.REFUSAL: ((494, 160), (0, 40), (370, 260)),
    Cue.ATTENTION: ((988, 110), (0, 80), (988, 110), (0, 80), (988, 110)),
}


def cue_for_outcome(outcome: Outcome) -> Cue:
    """Success only when the item is fully done, its security switched too."""
    return Cue.SUCCESS if outcome.ok and outcome.security_ok else Cue.REFUSAL


def tone_wav(cue: Cue, volume: int) -> bytes:
    """The cue as a 16-bit mono WAV whose peak is ``volume`` percent of full scale.

    The volume is in the samples, so every player sounds the same and none
    needs a volume option. Each note fades in and out over 5 ms (no clicks)."""
    peak = 32767 * max(0, min(100, volume)) / 100
    frames = bytearray()
    for freq, ms in MELODIES[cue]:
        n = RATE * ms // 1000
        fade = RATE * 5 // 1000
        for i in range(n):
            envelope = min(1.0, i / fade, (n - 1 - i) / fade) if freq else 0.0
            value = peak * envelope * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", round(value))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))
    return out.getvalue()


def player_command(player: str, wav: Path, device: str = "") -> list[str]:
    """The command line that plays one WAV file with ``player``, quietly."""
    if player == "aplay":
        return ["aplay", "-q", *(["-D", device] if device else []), str(wav)]
    if player == "paplay":
        return ["paplay", str(wav)]
    if player == "pw-play":
        return ["pw-play", str(wav)]
    raise ValueError(f"unknown player {player!r}")


def find_player(setting: str, which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The player to use: the configured one if installed, or the first found for "auto"."""
    if setting == "none":
        return None
    candidates = PLAYERS if setting == "auto" else (setting,)
    return next((p for p in candidates if which(p)), None)


Run = Callable[[Sequence[str]], int]  # runs a command to its end, returns its exit status


def _run(command: Sequence[str]) -> int:
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10).returncode


class SoundPlayer:
    """Plays cues through the system's player, from a thread of its own.

    ``threaded=False`` plays inline (tests, with a ``run`` that records the
    command instead of sounding it). The WAV files are written once, into
    ``folder`` (a private temporary folder by default)."""

    def __init__(
        self,
        settings: AudioSettings,
        *,
        folder: Path | None = None,
        run: Run = _run,
        which: Callable[[str], str | None] = shutil.which,
        threaded: bool = True,
    ) -> None:
        self.settings = settings
        self._run = run
        self.player = find_player(settings.player, which) if settings.enabled else None
        self._folder = folder
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._files: dict[Cue, Path] = {}
        self._queue: queue.SimpleQueue[Cue | None] | None = None
        self._thread: threading.Thread | None = None
        if settings.enabled and self.player is None:
            log.info("audio cues off: no sound player found (%s)", settings.player)
        elif self.player is not None and threaded:
            self._queue = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._loop, name="sound", daemon=True)
            self._thread.start()

    @property
    def active(self) -> bool:
        return self.player is not None

    def play(self, cue: Cue) -> None:
        """Never blocks and never raises: a cue is a courtesy, not a transaction."""
        if self.player is None:
            return
        if self._queue is not None:
            self._queue.put(cue)
        else:
            self._play(cue)

    def command(self, cue: Cue) -> list[str]:
        return player_command(self.player or "aplay", self._file(cue), self.settings.device)

    def _file(self, cue: Cue) -> Path:
        if cue not in self._files:
            if self._folder is None:
                self._tmp = self._tmp or tempfile.TemporaryDirectory(prefix="kiosk-sounds-")
                self._folder = Path(self._tmp.name)
            path = self._folder / f"{cue.value}-{self.settings.volume}.wav"
            path.write_bytes(tone_wav(cue, self.settings.volume))
            self._files[cue] = path
        return self._files[cue]

    def _play(self, cue: Cue) -> None:
        try:
            status = self._run(self.command(cue))
        except (OSError, subprocess.SubprocessError) as exc:
            status, detail = -1, str(exc)
        else:
            detail = f"exit status {status}"
        if status != 0:
            log.warning("audio cues off: %s could not play (%s); no sound card?", self.player, detail)
            self.player = None  # one log line, then silence

    def _loop(self) -> None:
        stop = False
        while not stop:
            cue = self._queue.get()
            stop = cue is None
            while not stop and not self._queue.empty():  # a burst of cues: only the latest is worth hearing
                following = self._queue.get()
                stop = following is None
                cue = cue if stop else following
            if cue is not None and self.player is not None:
                self._play(cue)

    def close(self) -> None:
        if self._queue is not None:
            self._queue.put(None)
            self._thread.join(timeout=2)
            self._queue = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


class CueWatcher:
    """Listens to the flow's hooks and sounds the cue each change deserves:
    an item's outcome arriving (refusal wins when several arrive at once), a
    refusal message, the idle countdown starting, staff being called."""

    def __init__(self, flow, play: Callable[[Cue], None]) -> None:
        self.flow = flow
        self._play = play
        self._sounded: dict[int, object] = {}  # id(row) -> row whose outcome was sounded
        self._counting = False
        flow.rows_changed.connect(self._rows_changed)
        flow.message_changed.connect(self._message_changed)
        flow.countdown_changed.connect(self._countdown_changed)
        flow.session_changed.connect(self._session_changed)
        if flow.settings.call_staff.sound:
            flow.staff_call.connect(lambda called: called and self._play(Cue.ATTENTION))

    def _rows_changed(self) -> None:
        fresh = [r for r in self.flow.rows if r.outcome is not None and id(r) not in self._sounded]
        self._sounded = {id(r): r for r in self.flow.rows if r.outcome is not None}
        if fresh:
            cues = {cue_for_outcome(r.outcome) for r in fresh}
            self._play(Cue.REFUSAL if Cue.REFUSAL in cues else Cue.SUCCESS)

    def _message_changed(self, reason) -> None:
        if reason is not None:
            self._play(Cue.REFUSAL)

    def _session_changed(self) -> None:
        if self.flow.session is not None:
            self._play(Cue.SUCCESS)

    def _countdown_changed(self, left: int) -> None:
        if left >= 0 and not self._counting:
            self._play(Cue.ATTENTION)
        self._counting = left >= 0
