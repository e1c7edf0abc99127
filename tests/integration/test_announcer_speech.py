"""The voice announcer end to end: real espeak-ng speech through pyttsx3, one clip per call,
played in order and never overlapping; and its behaviour without a speech engine or device.

Tests that need real speech skip, with the reason, only when pyttsx3 or libespeak-ng is missing.
"""

from __future__ import annotations

import ctypes.util
import logging
import math
import re
import shutil
import subprocess
import sys
import threading
import time
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

import pytest

from counter_display.announce_text import Language, call_texts
from counter_display.announcer import (
    AnnouncedCall,
    NullPlayer,
    RecordingAnnouncer,
    SilentAnnouncer,
    SpeechAnnouncer,
    detect_player,
    make_announcer,
)
from counter_display.speech import CHIME_GAP_S, Pyttsx3Synthesizer
from queue_server.config import Voice

ASSETS = Path(__file__).resolve().parents[2] / "assets"
CHIME = ASSETS / "sounds" / "chime.wav"
WAIT_S = 30.0  # upper bound for anything to happen; never a pace


def _speech_missing() -> str | None:
    try:
        import pyttsx3  # noqa: F401
    except ImportError:
        return "pyttsx3 is not installed"
    if not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
        return "libespeak-ng is not installed (apt install espeak-ng)"
    return None


SPEECH_MISSING = _speech_missing()
needs_speech = pytest.mark.skipif(SPEECH_MISSING is not None, reason=SPEECH_MISSING or "")
needs_espeak_cli = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="the espeak-ng command is not installed"
)


# --- fakes and probes --------------------------------------------------------------------


@dataclass
class Clip:
    name: str
    start: float
    end: float
    rate: int
    channels: int
    width: int
    samples: array[int]
    texts: list[str]  # the sentences synthesized for this clip

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


class RecordingPlayer:
    """An audio device that keeps each clip, when it started and ended, and what it said."""

    def __init__(self, *, playing_s: float = 0.0) -> None:
        self.playing_s = playing_s  # how long this "device" takes to play a clip
        self.clips: list[Clip] = []
        self.max_playing = 0
        self._playing = 0
        self._texts: list[str] = []
        self._changed = threading.Condition()

    def note_text(self, text: str) -> None:
        with self._changed:
            self._texts.append(text)

    def play(self, wav_path: Path) -> None:
        start = time.monotonic()
        with self._changed:
            self._playing += 1
            self.max_playing = max(self.max_playing, self._playing)
            texts, self._texts = self._texts, []
        with wave.open(str(wav_path), "rb") as w:
            rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            samples = array("h", w.readframes(w.getnframes()))
        if self.playing_s:
            time.sleep(self.playing_s)  # the device is busy playing, not a synchronisation
        end = time.monotonic()
        with self._changed:
            self._playing -= 1
            self.clips.append(
                Clip(wav_path.name, start, end, rate, channels, width, samples, texts)
            )
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = WAIT_S) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.clips) >= count, timeout)


class TracingSynthesizer:
    """Wraps a synthesizer: tells the player what is said, remembers which thread said it."""

    def __init__(self, inner: Pyttsx3Synthesizer | ToneSynthesizer, player: RecordingPlayer):
        self.inner = inner
        self.player = player
        self.threads: set[str] = set()

    def synthesize(self, text: str, *, language: Language, path: Path) -> None:
        self.threads.add(threading.current_thread().name)
        self.player.note_text(text)
        self.inner.synthesize(text, language=language, path=path)

    def close(self) -> None:
        self.inner.close()


class ToneSynthesizer:
    """Fake speech: a 0.3 s tone per sentence; the gate, when shut, holds synthesis at its start."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.texts: list[str] = []

    def synthesize(self, text: str, *, language: Language, path: Path) -> None:
        self.entered.set()
        if not self.gate.wait(WAIT_S):
            raise TimeoutError("the test never opened the gate")
        self.texts.append(text)
        tone = array("h", (int(8000 * math.sin(i / 7)) for i in range(6615)))
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22_050)
            w.writeframes(tone.tobytes())

    def close(self) -> None:
        self.gate.set()


def rms(samples: array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def chime_samples() -> array[int]:
    with wave.open(str(CHIME), "rb") as w:
        return array("h", w.readframes(w.getnframes()))


def sentences(number: str, window: int, voice: Voice) -> list[str]:
    return [text for _, text in call_texts(number, window, voice)]


# --- real speech -------------------------------------------------------------------------


@needs_speech
def test_call_clip_is_the_chime_then_audible_speech_as_22050_hz_mono_wav() -> None:
    voice = Voice(english=False, repeats=2)
    player = RecordingPlayer()
    with SpeechAnnouncer(voice, player=player, chime_path=CHIME) as announcer:
        announcer.announce("A012", 5)
        assert player.wait_for(1)
    clip = player.clips[0]
    chime = chime_samples()
    assert (clip.rate, clip.channels, clip.width) == (22_050, 1, 2)
    assert 1.5 < clip.seconds < 15.0
    assert clip.samples[: len(chime)] == chime  # it opens with the chime, untouched
    after_chime = clip.samples[len(chime) + round(CHIME_GAP_S * clip.rate) :]
    assert len(after_chime) / clip.rate > 2.0  # two repeats of a sentence, not a blip
    assert rms(after_chime) > 1000  # about -30 dBFS: speech, not silence


@needs_speech
def test_english_sentence_makes_the_clip_longer() -> None:
    player = RecordingPlayer()
    for english in (False, True):
        with SpeechAnnouncer(Voice(english=english), player=player, chime_path=CHIME) as a:
            a.announce("A012", 5)
            assert player.wait_for(len(player.clips) + 1)
    zh_only, bilingual = player.clips
    assert bilingual.seconds > zh_only.seconds + 1.0


@needs_speech
def test_two_calls_10_ms_apart_are_played_in_order_and_never_overlap() -> None:
    voice = Voice()
    player = RecordingPlayer(playing_s=0.2)
    synthesizer = TracingSynthesizer(Pyttsx3Synthesizer(voice), player)
    with SpeechAnnouncer(voice, player=player, synthesizer=synthesizer, chime_path=CHIME) as a:
        a.announce("A012", 5)
        time.sleep(0.01)  # the scenario: a second window calls 10 ms later
        a.announce("B034", 12)
        assert player.wait_for(2)
    first, second = player.clips
    assert first.end <= second.start
    assert player.max_playing == 1
    assert first.texts == sentences("A012", 5, voice)
    assert second.texts == sentences("B034", 12, voice)
    assert synthesizer.threads == {"hallq-announcer"}  # the engine is used by the worker only


@needs_speech
def test_burst_of_five_calls_all_come_out_in_the_order_made() -> None:
    voice = Voice()
    player = RecordingPlayer()
    synthesizer = TracingSynthesizer(Pyttsx3Synthesizer(voice), player)
    calls = [("A001", 1), ("A002", 2), ("B001", 12), ("C007", 105), ("A003", 1)]
    with SpeechAnnouncer(voice, player=player, synthesizer=synthesizer, chime_path=CHIME) as a:
        for number, window in calls:
            a.announce(number, window)
        assert player.wait_for(5)
    assert [clip.texts for clip in player.clips] == [sentences(n, w, voice) for n, w in calls]
    assert all(clip.seconds > 3.0 for clip in player.clips)


@needs_speech
def test_each_sentence_is_a_complete_wav_file_when_synthesize_returns(tmp_path: Path) -> None:
    # pyttsx3's runAndWait() alone may return before espeak-ng has written the file.
    texts = call_texts("A012", 5, Voice()) + call_texts("B105", 105, Voice(), recall=True)
    lengths: dict[str, list[int]] = {text: [] for _, text in texts}
    synthesizer = Pyttsx3Synthesizer(Voice())
    try:
        for i in range(24):
            language, text = texts[i % len(texts)]
            path = tmp_path / f"sentence-{i}.wav"
            synthesizer.synthesize(text, language=language, path=path)
            with wave.open(str(path), "rb") as w:
                frames = w.getnframes()
                assert len(w.readframes(frames)) == 2 * frames
                assert frames / w.getframerate() > 1.0
            lengths[text].append(frames)
    finally:
        synthesizer.close()
    # the same sentence at the same rate every time: no setting was lost to a cancellation
    assert all(max(n) < 1.02 * min(n) for n in lengths.values()), lengths


@needs_speech
def test_first_long_sentence_of_a_fresh_engine_is_complete_when_synthesize_returns(
    tmp_path: Path,
) -> None:
    # A new engine's first runAndWait() returns after one 10 ms loop turn while espeak-ng is
    # still synthesizing on its own thread; a long sentence makes that certain.
    text = "，".join(["请A零一二号到五号窗口办理"] * 30)
    synthesizer = Pyttsx3Synthesizer(Voice())
    try:
        synthesizer.synthesize(text, language="zh", path=tmp_path / "long.wav")
    finally:
        synthesizer.close()
    with wave.open(str(tmp_path / "long.wav"), "rb") as w:
        frames = w.getnframes()
        assert len(w.readframes(frames)) == 2 * frames
        assert frames / w.getframerate() > 30 * 3.0


@needs_speech
@needs_espeak_cli
def test_mandarin_sentence_is_read_as_mandarin_with_digits_one_by_one(tmp_path: Path) -> None:
    # Ear proxy: espeak-ng's phoneme transcription of the sentence, in the voice we speak it with.
    zh = dict(call_texts("A012", 12, Voice()))["zh"]
    synthesizer = Pyttsx3Synthesizer(Voice())
    try:
        synthesizer.synthesize(zh, language="zh", path=tmp_path / "zh.wav")
    finally:
        synthesizer.close()
    voice_id = synthesizer.voice_id("zh")
    assert voice_id is not None
    phonemes = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice_id.rsplit("/", 1)[-1], zh],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(en)" not in phonemes  # no hanzi falls back to English ("qing three")
    assert "'ei51" in phonemes  # "A" is said as the letter
    assert len(re.findall(r"j'?i55", phonemes)) == 1  # 一 once, in 零一二
    assert len(re.findall(r"s\.'?i\.", phonemes)) == 1  # 十 once, in 十二号窗口, not 零十二


# --- without real speech ------------------------------------------------------------------


def test_announce_returns_before_the_worker_starts_synthesizing() -> None:
    synthesizer = ToneSynthesizer()
    synthesizer.gate.clear()
    player = RecordingPlayer()
    with SpeechAnnouncer(Voice(), player=player, synthesizer=synthesizer, chime_path=CHIME) as a:
        a.announce("A012", 5)  # returns although synthesis cannot even start yet
        assert synthesizer.texts == []
        assert synthesizer.entered.wait(WAIT_S)  # the worker took the call ...
        assert synthesizer.texts == [] and player.clips == []  # ... and waits at the gate
        synthesizer.gate.set()
        assert player.wait_for(1)
    assert synthesizer.texts == sentences("A012", 5, Voice())


def test_recall_is_announced_with_the_recall_sentences() -> None:
    synthesizer = ToneSynthesizer()
    player = RecordingPlayer()
    with SpeechAnnouncer(Voice(), player=player, synthesizer=synthesizer, chime_path=CHIME) as a:
        a.announce("A012", 5, recall=True)
        assert player.wait_for(1)
    assert synthesizer.texts[0].startswith("再次呼叫")
    assert synthesizer.texts[1].startswith("Calling again")


def test_repeated_sentences_come_from_the_cache_which_stays_bounded() -> None:
    synthesizer = ToneSynthesizer()
    player = RecordingPlayer()
    voice = Voice(english=False)
    with SpeechAnnouncer(
        voice, player=player, synthesizer=synthesizer, chime_path=CHIME, cache_size=2
    ) as a:
        for number in ("A012", "A012", "A013", "A014", "A012"):
            a.announce(number, 5)
        assert player.wait_for(5)
    # the 2nd A012 comes from the cache; by the 3rd, A013 and A014 have pushed it out
    assert synthesizer.texts == [
        *sentences("A012", 5, voice),
        *sentences("A013", 5, voice),
        *sentences("A014", 5, voice),
        *sentences("A012", 5, voice),
    ]


def test_close_stops_the_worker_thread_and_later_calls_are_ignored() -> None:
    announcer = SpeechAnnouncer(
        Voice(), player=RecordingPlayer(), synthesizer=ToneSynthesizer(), chime_path=CHIME
    )
    assert announcer.is_running
    announcer.close()
    assert not announcer.is_running
    assert "hallq-announcer" not in {t.name for t in threading.enumerate()}
    announcer.announce("A012", 5)  # no error, nothing happens
    announcer.close()  # closing twice is harmless


def test_missing_chime_file_still_announces_the_speech(caplog: pytest.LogCaptureFixture) -> None:
    player = RecordingPlayer()
    with caplog.at_level(logging.WARNING, logger="counter_display"):
        with SpeechAnnouncer(
            Voice(english=False, repeats=1),
            player=player,
            synthesizer=ToneSynthesizer(),
            chime_path=ASSETS / "sounds" / "no-such-chime.wav",
        ) as a:
            a.announce("A012", 5)
            a.announce("A013", 5)
            assert player.wait_for(2)
    assert 0.2 < player.clips[0].seconds < 1.0  # just the (fake) speech
    assert len([r for r in caplog.records if "chime" in r.getMessage()]) == 1


def test_hall_chime_in_stereo_44100_hz_is_mixed_down_and_resampled(tmp_path: Path) -> None:
    chime = tmp_path / "hall-chime.wav"
    second = [int(9000 * math.sin(2 * math.pi * 440 * i / 44_100)) for i in range(44_100)]
    with wave.open(str(chime), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44_100)
        w.writeframes(array("h", (s for v in second for s in (v, v))).tobytes())
    player = RecordingPlayer()
    with SpeechAnnouncer(
        Voice(english=False, repeats=1),
        player=player,
        synthesizer=ToneSynthesizer(),
        chime_path=chime,
    ) as a:
        a.announce("A012", 5)
        assert player.wait_for(1)
    clip = player.clips[0]
    assert (clip.rate, clip.channels) == (22_050, 1)
    opening = clip.samples[:22_050]  # the one-second chime, now at 22,050 Hz
    assert abs(rms(opening) - 9000 / math.sqrt(2)) < 200


def test_missing_tts_engine_gives_a_silent_announcer_that_logs_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "pyttsx3", None)  # as if pyttsx3 were not installed
    with caplog.at_level(logging.WARNING, logger="counter_display"):
        announcer = make_announcer(Voice(), assets_dir=ASSETS)
        announcer.announce("A012", 5)
        announcer.announce("A012", 5, recall=True)
        announcer.close()
    assert isinstance(announcer, SilentAnnouncer)
    assert len(caplog.records) == 1
    assert "pyttsx3" in caplog.records[0].getMessage()


def test_voice_disabled_in_config_gives_a_silent_announcer_without_warnings(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="counter_display"):
        announcer = make_announcer(Voice(enabled=False), assets_dir=ASSETS)
        announcer.announce("A012", 5)
    assert isinstance(announcer, SilentAnnouncer)
    assert caplog.records == []


def test_null_player_warns_once_and_keeps_going(caplog: pytest.LogCaptureFixture) -> None:
    player = NullPlayer()
    with caplog.at_level(logging.WARNING, logger="counter_display"):
        for _ in range(3):
            player.play(CHIME)
    assert len(caplog.records) == 1


@pytest.mark.skipif(
    any(shutil.which(b) for b in ("aplay", "paplay")) or Path("/dev/snd").exists(),
    reason="this machine may have an audio output",
)
def test_without_audio_output_the_announcer_uses_the_null_player() -> None:
    assert isinstance(detect_player(), NullPlayer)


@needs_speech
def test_factory_gives_the_speaking_announcer_where_speech_works() -> None:
    player = RecordingPlayer()
    announcer = make_announcer(Voice(), assets_dir=ASSETS, player=player)
    try:
        assert isinstance(announcer, SpeechAnnouncer)
        announcer.announce("A012", 5)
        assert player.wait_for(1)
    finally:
        announcer.close()
    assert player.clips[0].samples[: len(chime_samples())] == chime_samples()


def test_recording_announcer_keeps_every_call_for_other_tests() -> None:
    announcer = RecordingAnnouncer()
    caller = threading.Thread(target=lambda: announcer.announce("A012", 5, recall=True))
    caller.start()
    assert announcer.wait_for(1)
    caller.join()
    announcer.announce("B001", 7)
    announcer.close()
    assert announcer.calls == [AnnouncedCall("A012", 5, True), AnnouncedCall("B001", 7)]
    assert announcer.closed
