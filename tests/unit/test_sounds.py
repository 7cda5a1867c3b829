"""Audio cues: which cue each outcome gets, the command that plays it,
the volume in the samples, and silence (one log line) without a player."""

import io
import logging
import struct
import wave

import pytest

from kiosk.circulation import Outcome
from kiosk.config import AudioSettings
from kiosk.models import Reason, TxKind
from kiosk.sounds import Cue, SoundPlayer, cue_for_outcome, find_player, tone_wav


def peak(wav: bytes) -> int:
    with wave.open(io.BytesIO(wav)) as w:
        frames = w.readframes(w.getnframes())
    return max(abs(v) for (v,) in struct.iter_unpack("<h", frames))


def test_each_outcome_gets_its_cue():
    assert cue_for_outcome(Outcome(TxKind.CHECKOUT, "1", True)) is Cue.SUCCESS
    assert cue_for_outcome(Outcome(TxKind.CHECKIN, "1", True)) is Cue.SUCCESS
    assert cue_for_outcome(Outcome(TxKind.CHECKOUT, "1", False, reason=Reason.ON_HOLD_FOR_OTHER)) is Cue.REFUSAL
    # lent, but the security bit did not switch: the patron must go to the desk
    assert cue_for_outcome(Outcome(TxKind.CHECKOUT, "1", True, security_ok=False)) is Cue.REFUSAL


def test_the_cues_sound_different_and_the_volume_is_in_the_samples():
    assert len({tone_wav(cue, 70) for cue in Cue}) == 3
    assert peak(tone_wav(Cue.SUCCESS, 100)) == pytest.approx(32767, rel=0.01)
    assert peak(tone_wav(Cue.SUCCESS, 25)) == pytest.approx(32767 / 4, rel=0.01)
    assert peak(tone_wav(Cue.REFUSAL, 0)) == 0
    with wave.open(io.BytesIO(tone_wav(Cue.ATTENTION, 50))) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        assert 0.3 < w.getnframes() / w.getframerate() < 1.0  # short: a cue, not a tune


def test_auto_takes_the_first_player_installed():
    installed = {"aplay"}
    assert find_player("auto", lambda p: p if p in installed else None) == "aplay"
    installed.add("pw-play")
    assert find_player("auto", lambda p: p if p in installed else None) == "pw-play"
    assert find_player("paplay", lambda p: p if p in installed else None) is None
    assert find_player("none", lambda p: p) is None


def test_a_cue_runs_the_player_with_the_wav_at_the_configured_volume(tmp_path):
    commands = []
    player = SoundPlayer(
        AudioSettings(player="aplay", volume=40, device="plughw:1,0"),
        folder=tmp_path,
        run=lambda cmd: commands.append(cmd) or 0,
        which=lambda p: f"/usr/bin/{p}",
        threaded=False,
    )
    player.play(Cue.REFUSAL)
    player.play(Cue.REFUSAL)
    assert commands[0][:4] == ["aplay", "-q", "-D", "plughw:1,0"]
    wav = tmp_path / "refusal-40.wav"
    assert commands[0][4] == str(wav) and len(commands) == 2
    assert peak(wav.read_bytes()) == pytest.approx(32767 * 0.4, rel=0.01)


def test_no_player_or_no_sound_card_is_one_log_line_then_silence(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.sounds")
    silent = SoundPlayer(AudioSettings(), folder=tmp_path, which=lambda p: None, threaded=False)
    silent.play(Cue.SUCCESS)
    assert not silent.active and "no sound player" in caplog.text
    runs = []
    broken = SoundPlayer(
        AudioSettings(player="aplay"),
        folder=tmp_path,
        run=lambda cmd: runs.append(cmd) or 1,
        which=lambda p: p,
        threaded=False,
    )
    broken.play(Cue.SUCCESS)
    broken.play(Cue.SUCCESS)
    assert len(runs) == 1 and not broken.active
    assert caplog.text.count("could not play") == 1


def test_disabled_audio_never_runs_anything(tmp_path):
    runs = []
    player = SoundPlayer(
        AudioSettings(enabled=False), folder=tmp_path, run=runs.append, which=lambda p: p, threaded=False
    )
    for cue in Cue:
        player.play(cue)
    assert runs == [] and list(tmp_path.iterdir()) == []


def test_cues_play_on_their_own_thread_and_a_burst_ends_on_the_latest(tmp_path):
    commands = []
    player = SoundPlayer(
        AudioSettings(player="pw-play"), folder=tmp_path, run=lambda cmd: commands.append(cmd) or 0, which=lambda p: p
    )
    player.play(Cue.SUCCESS)
    player.play(Cue.REFUSAL)
    player.close()  # joins the sound thread: everything queued has been handled
    assert commands and commands[-1] == ["pw-play", str(tmp_path / "refusal-70.wav")]
