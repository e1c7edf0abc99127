"""Speech and clip audio for the announcer: pyttsx3 sentences to WAV, and PCM helpers.

`Pyttsx3Synthesizer` is made and used in the announcer's worker thread only. The helpers work
on 16-bit mono samples at RATE (22,050 Hz, what espeak-ng produces) held in `array("h")`.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
import wave
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from counter_display.announce_text import Language
from queue_server.config import Voice

log = logging.getLogger(__name__)

RATE = 22_050  # clip format: 22,050 Hz mono 16-bit
CHIME_GAP_S, SENTENCE_GAP_S, REPEAT_GAP_S = 0.3, 0.5, 0.9
# espeak-ng 1.51 (Debian 12): the `cmn` voice says each hanzi's tone digit in English
# ("请" -> "qing three"); `cmn-latn-pinyin` reads the same hanzi right (espeak-ng #1028, #1236).
ESPEAK_VOICE_FIXES = {"cmn": "cmn-latn-pinyin"}
# pyttsx3's espeak driver is one per process: one utterance at a time, whoever asks.
_ENGINE_LOCK = threading.Lock()


class SynthesisError(RuntimeError):
    """The speech engine could not produce a sentence."""


class Synthesizer(Protocol):
    def synthesize(self, text: str, *, language: Language, path: Path) -> None:
        """Write `text` spoken in `language` to `path` as a complete WAV file."""

    def close(self) -> None:
        """Release the engine."""


class Pyttsx3Synthesizer:
    """Sentences to WAV files with pyttsx3; create and use it in one (worker) thread.

    The espeak driver hands synthesis to espeak-ng's own thread, so `runAndWait()` may return
    before the file exists (always on a fresh engine once synthesis takes over 10 ms). Each
    sentence therefore waits for 'finished-utterance' and then checks that the file is a
    complete WAV. runAndWait() is only called once espeak-ng is idle (see `_wait_until_idle`);
    should an utterance still end cancelled, it is tried once more.
    """

    def __init__(self, voice: Voice, *, timeout: float = 15.0) -> None:
        self._voice = voice
        self._timeout = timeout
        self._engine: Any = None
        self._busy: Callable[[], int] | None = None  # espeak-ng: still inside an utterance?
        self._tokens: list[dict[str, Any]] = []
        self._voice_ids: dict[Language, str] = {}
        self._finished = threading.Event()
        self._completed = True
        self._errors: list[BaseException] = []

    def synthesize(self, text: str, *, language: Language, path: Path) -> None:
        with _ENGINE_LOCK:
            engine = self._engine if self._engine is not None else self._start()
            voice_id = self._voice_id(engine, language)
            try:
                for _ in range(2):
                    if self._utter(engine, text, voice_id, path):
                        return
            except Exception:
                self._drop_engine()  # its loop state is unknown: the next sentence starts afresh
                raise
        raise SynthesisError(f"utterance {text!r} was cancelled twice")

    def voice_id(self, language: Language) -> str | None:
        """The engine voice chosen for `language`, once it has been used."""
        return self._voice_ids.get(language)

    def close(self) -> None:
        with _ENGINE_LOCK:
            self._drop_engine()

    def _drop_engine(self) -> None:
        for token in self._tokens:
            self._engine.disconnect(token)
        self._engine, self._tokens = None, []

    def _start(self) -> Any:
        try:
            import pyttsx3

            engine = pyttsx3.init()
        except Exception as exc:  # ImportError, or RuntimeError without libespeak-ng
            raise SynthesisError(f"cannot start the speech engine: {exc}") from exc
        self._tokens = [
            engine.connect("finished-utterance", self._on_finished),
            engine.connect("error", self._on_error),
        ]
        self._busy = _espeak_busy_probe() if str(engine) == "espeak" else None
        self._engine = engine
        # A new engine holds every command until its first loop, so the settings of the first
        # sentence would reach espeak-ng together with runAndWait()'s cancel and be lost (it
        # came out at the driver's default rate). Run that first loop empty, when idle.
        self._wait_until_idle()
        if engine.isBusy():
            engine.runAndWait()
        return engine

    def _on_finished(self, name: str | None, completed: bool) -> None:  # espeak-ng's thread
        self._completed = completed
        self._finished.set()

    def _on_error(self, name: str | None, exception: BaseException) -> None:
        self._errors.append(exception)

    def _voice_id(self, engine: Any, language: Language) -> str:
        if language not in self._voice_ids:
            wanted = self._voice.voice_zh if language == "zh" else self._voice.voice_en
            chosen = pick_voice(wanted, language, engine.getProperty("voices"))
            if chosen.rsplit("/", 1)[-1] != wanted.lower():
                log.info("%s voice %r: using engine voice %r", language, wanted, chosen)
            self._voice_ids[language] = chosen
        return self._voice_ids[language]

    def _utter(self, engine: Any, text: str, voice_id: str, path: Path) -> bool:
        self._wait_until_idle()
        path.unlink(missing_ok=True)
        self._finished.clear()
        self._errors.clear()
        self._completed = True
        engine.setProperty("voice", voice_id)
        engine.setProperty("rate", self._voice.rate)
        engine.setProperty("volume", self._voice.volume)
        engine.save_to_file(text, str(path))
        self._wait_until_idle()  # rate and volume are queued commands inside espeak-ng
        engine.runAndWait()  # may return before espeak-ng has written the file: wait below
        deadline = time.monotonic() + self._timeout
        while self._finished.wait(max(0.0, deadline - time.monotonic())):
            self._finished.clear()
            if self._errors:
                raise SynthesisError(f"speech engine error: {self._errors[0]}")
            if is_complete_wav(path):
                return True
            if not self._completed:
                log.debug("utterance %r ended cancelled; trying again", text)
                return False
            # else: a late event from an earlier utterance; ours is still coming
        raise SynthesisError(f"no finished-utterance for {text!r} within {self._timeout:.0f} s")

    def _wait_until_idle(self, timeout: float = 2.0) -> None:
        # runAndWait() first cancels whatever espeak-ng's thread is still busy with, and then
        # pyttsx3 cancels the new utterance too (it ends with completed=False). That thread is
        # busy with setProperty('rate'/'volume'), which espeak-ng queues, and for a moment
        # after 'finished-utterance'. espeak-ng has no event for "idle": a short bounded poll.
        deadline = time.monotonic() + timeout
        while self._busy is not None and self._busy() and time.monotonic() < deadline:
            time.sleep(0.001)


def _espeak_busy_probe() -> Callable[[], int] | None:
    try:
        from pyttsx3.drivers import _espeak  # the ctypes binding pyttsx3 itself uses
    except Exception:
        return None
    probe = getattr(_espeak, "IsPlaying", None)
    return probe if callable(probe) else None


def pick_voice(wanted: str, language: Language, voices: Iterable[Any]) -> str:
    """The engine voice id for the configured `wanted` voice, or another voice of `language`."""
    entries = [
        (v.id, (v.name or "").lower(), [str(x).lower() for x in v.languages or []]) for v in voices
    ]

    def find(key: str) -> str | None:
        key = key.lower()
        for vid, name, langs in entries:
            if key in (vid.lower(), vid.lower().rsplit("/", 1)[-1], name) or key in langs:
                return vid
        return None

    fix = ESPEAK_VOICE_FIXES.get(wanted.lower())
    found = (find(fix) if fix else None) or find(wanted)
    if found is None:  # e.g. SAPI5, whose ids are registry keys: match by language
        codes, word = (("zh", "cmn"), "chinese") if language == "zh" else (("en",), "english")
        found = next(
            (
                vid
                for vid, name, langs in entries
                if word in name or any(x.startswith(codes) for x in langs)
            ),
            None,
        )
    if found is None:
        raise SynthesisError(f"the speech engine has no {language} voice (wanted {wanted!r})")
    return found


def is_complete_wav(path: Path) -> bool:
    """True when `path` is a WAV file holding all the frames its header announces."""
    try:
        with wave.open(str(path), "rb") as w:
            n = w.getnframes()
            return n > 0 and len(w.readframes(n)) == n * w.getsampwidth() * w.getnchannels()
    except (OSError, EOFError, wave.Error):
        return False


def wav_seconds(path: Path) -> float:
    """Duration of a WAV file in seconds."""
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def load_pcm(path: Path) -> array[int]:
    """The samples of a 16-bit PCM WAV file, mixed to mono and resampled to RATE."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise wave.Error(f"{path.name}: {8 * w.getsampwidth()}-bit audio, 16-bit needed")
        channels, rate = w.getnchannels(), w.getframerate()
        pcm = array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    if channels > 1:
        pcm = array(
            "h",
            (
                sum(pcm[i : i + channels]) // channels
                for i in range(0, len(pcm) - channels + 1, channels)
            ),
        )
    if rate != RATE and len(pcm) > 1:  # linear interpolation is enough for speech
        step, last = rate / RATE, len(pcm) - 1
        pcm = array(
            "h",
            (
                int(pcm[int(x)] + (pcm[min(int(x) + 1, last)] - pcm[int(x)]) * (x - int(x)))
                for x in (i * step for i in range(int(len(pcm) / step)))
            ),
        )
    return pcm


def trim_silence(pcm: array[int], *, threshold: int = 200, margin_s: float = 0.05) -> array[int]:
    """`pcm` without the silence before and after the sound, keeping a short margin."""
    first = next((i for i, s in enumerate(pcm) if abs(s) > threshold), None)
    if first is None:
        return array("h")
    last = next(i for i in range(len(pcm) - 1, -1, -1) if abs(pcm[i]) > threshold)
    margin = round(margin_s * RATE)
    return pcm[max(0, first - margin) : last + margin + 1]


def build_clip(chime: array[int], sentences: list[array[int]], *, repeats: int) -> array[int]:
    """Chime, then the sentences `repeats` times, with short silences in between."""

    def silence(seconds: float) -> array[int]:
        return array("h", bytes(2 * round(seconds * RATE)))

    clip = array("h", chime)
    if chime and sentences:
        clip += silence(CHIME_GAP_S)
    for r in range(repeats if sentences else 0):
        clip += silence(REPEAT_GAP_S) if r else array("h")
        for k, sentence in enumerate(sentences):
            clip += silence(SENTENCE_GAP_S) if k else array("h")
            clip += sentence
    return clip


def write_wav(path: Path, pcm: array[int]) -> None:
    """Write mono 16-bit samples at RATE as a WAV file."""
    data = array("h", pcm)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())


def tts_problem() -> str | None:
    """Why pyttsx3 cannot speak on this machine, or None; starts no engine."""
    driver = {"win32": "sapi5", "darwin": "nsss"}.get(sys.platform, "espeak")
    try:
        importlib.import_module("pyttsx3")
        importlib.import_module(f"pyttsx3.drivers.{driver}")
    except Exception as exc:  # ImportError, or RuntimeError when libespeak-ng is missing
        return f"no text-to-speech engine (pyttsx3 {driver} driver: {exc})"
    return None
