"""Voice announcer: a chime, then the call spoken N times, one call after another.

`announce()` only enqueues. One worker thread per announcer takes calls in order, turns each
sentence into speech (cached by text), joins chime + speech into one clip and hands it to an
`AudioPlayer`, waiting for playback to end before the next call: calls never overlap. A call
is said `voice.repeats` times, but only once while other calls wait behind it (adaptive).
`make_announcer()` picks the real thing or a `SilentAnnouncer` and never raises.
"""

from __future__ import annotations

import itertools
import logging
import queue
import shutil
import subprocess
import tempfile
import threading
import wave
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from counter_display.announce_text import Language, call_texts
from counter_display.speech import (
    Pyttsx3Synthesizer,
    Synthesizer,
    build_clip,
    load_pcm,
    trim_silence,
    tts_problem,
    wav_seconds,
    write_wav,
)
from queue_server.config import Voice

log = logging.getLogger(__name__)


class Announcer(Protocol):
    def announce(self, number: str, window: int, *, recall: bool = False) -> None:
        """Queue a call to be announced; returns at once."""

    def close(self) -> None:
        """Stop announcing and release the worker."""


class AudioPlayer(Protocol):
    def play(self, wav_path: Path) -> None:
        """Play a WAV file; return when playback has finished."""


# --- players -----------------------------------------------------------------------------


class NullPlayer:
    """No audio output: plays nothing and says so once."""

    def __init__(self, reason: str = "no audio output device") -> None:
        self.reason = reason
        self._warned = False

    def play(self, wav_path: Path) -> None:
        if not self._warned:
            self._warned = True
            log.warning("Announcements are not audible: %s", self.reason)


class _CommandPlayer:
    argv: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopped = False

    def play(self, wav_path: Path) -> None:
        with self._lock:
            if self._stopped:
                return
            proc = self._proc = subprocess.Popen(
                [*self.argv, str(wav_path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        try:
            _, err = proc.communicate(timeout=wav_seconds(wav_path) + 10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        with self._lock:
            self._proc = None
        if proc.returncode and not self._stopped:
            log.warning(
                "%s failed (%s): %s",
                self.argv[0],
                proc.returncode,
                err.decode(errors="replace").strip(),
            )

    def stop(self) -> None:
        """Cut the clip being played; later play() calls do nothing."""
        with self._lock:
            self._stopped = True
            if self._proc is not None:
                self._proc.terminate()


class AplayPlayer(_CommandPlayer):
    """ALSA's aplay."""

    argv = ("aplay", "-q")


class PaplayPlayer(_CommandPlayer):
    """PulseAudio / PipeWire's paplay."""

    argv = ("paplay",)


def detect_player() -> AudioPlayer:
    """A player with somewhere to play to: PulseAudio/PipeWire, then ALSA, else NullPlayer."""
    if shutil.which("paplay") and shutil.which("pactl"):
        try:
            sinks = subprocess.run(
                ["pactl", "list", "short", "sinks"], capture_output=True, timeout=5, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            sinks = None
        if sinks is not None and sinks.returncode == 0 and sinks.stdout.strip():
            return PaplayPlayer()
    if shutil.which("aplay") and any(Path("/dev/snd").glob("pcmC*D*p")):
        return AplayPlayer()
    return NullPlayer("no audio output device (no PulseAudio/PipeWire sink, no ALSA playback)")


# --- announcers --------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnouncedCall:
    """One call to announce."""

    number: str
    window: int
    recall: bool = False


class SpeechAnnouncer:
    """Speaks calls in order on its own worker thread; `announce()` never blocks."""

    def __init__(
        self,
        voice: Voice,
        *,
        player: AudioPlayer,
        synthesizer: Synthesizer | None = None,
        chime_path: Path,
        cache_size: int = 64,
        max_pending: int = 200,
    ) -> None:
        self._voice = voice
        self._player = player
        self._synthesizer = synthesizer  # None: a Pyttsx3Synthesizer made in the worker
        self._chime_path = chime_path
        self._cache: OrderedDict[tuple[str, str], array[int]] = OrderedDict()
        self._cache_size = cache_size
        self._calls: queue.Queue[AnnouncedCall | None] = queue.Queue(maxsize=max_pending)
        self._lock = threading.Lock()
        self._closed = False
        self._seq = itertools.count(1)
        self._warned: set[str] = set()
        self._tmp = Path(tempfile.mkdtemp(prefix="hallq-voice-"))
        self._thread = threading.Thread(target=self._run, name="hallq-announcer", daemon=True)
        self._thread.start()

    @property
    def is_running(self) -> bool:
        """True while the worker thread is alive."""
        return self._thread.is_alive()

    def announce(self, number: str, window: int, *, recall: bool = False) -> None:
        with self._lock:
            if self._closed:
                log.warning("announcer is closed; %s to window %s is not announced", number, window)
                return
            try:
                self._calls.put_nowait(AnnouncedCall(number, window, recall))
            except queue.Full:
                log.warning(
                    "announcer is %d calls behind; dropping %s", self._calls.qsize(), number
                )

    def close(self, timeout: float = 10.0) -> None:
        """Drop calls not yet spoken, cut the clip playing, and join the worker."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            dropped = 0
            while True:
                try:
                    dropped += self._calls.get_nowait() is not None
                except queue.Empty:
                    break
            self._calls.put_nowait(None)  # the worker stops when it reaches this
        if dropped:
            log.info("announcer closed with %d calls not spoken", dropped)
        stop = getattr(self._player, "stop", None)
        if callable(stop):
            stop()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("announcer worker still busy after %.0f s", timeout)

    def __enter__(self) -> SpeechAnnouncer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self) -> None:
        synthesizer = self._synthesizer or Pyttsx3Synthesizer(self._voice)
        chime = self._load_chime()
        try:
            while (call := self._calls.get()) is not None:
                try:
                    self._speak(call, synthesizer, chime)
                except Exception:  # one bad call must not stop the announcer
                    log.exception("announcing %s to window %s failed", call.number, call.window)
        finally:
            try:
                synthesizer.close()
            finally:
                shutil.rmtree(self._tmp, ignore_errors=True)

    def _speak(self, call: AnnouncedCall, synthesizer: Synthesizer, chime: array[int]) -> None:
        texts = call_texts(call.number, call.window, self._voice, recall=call.recall)
        speech = [pcm for lang, text in texts if (pcm := self._sentence(lang, text, synthesizer))]
        # Each repeat is seconds long: while other calls wait their turn, say this one once.
        repeats = self._voice.repeats if self._calls.empty() else 1
        clip = build_clip(chime, speech, repeats=repeats)
        if not clip:
            return
        tag = "".join(ch for ch in call.number if ch.isalnum())
        path = self._tmp / f"call-{next(self._seq):05d}-{tag}-w{call.window}.wav"
        write_wav(path, clip)
        try:
            self._player.play(path)
        finally:
            path.unlink(missing_ok=True)

    def _sentence(self, lang: Language, text: str, synthesizer: Synthesizer) -> array[int]:
        key = (lang, text)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        path = self._tmp / f"tts-{next(self._seq):05d}.wav"
        try:
            synthesizer.synthesize(text, language=lang, path=path)
            pcm = trim_silence(load_pcm(path))
        except Exception as exc:  # the chime and the other language still go out
            self._warn_once(f"{lang}:{type(exc).__name__}", "cannot speak %r: %s", text, exc)
            return array("h")
        finally:
            path.unlink(missing_ok=True)
        self._cache[key] = pcm
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return pcm

    def _load_chime(self) -> array[int]:
        try:
            chime = load_pcm(self._chime_path)
        except (OSError, EOFError, wave.Error) as exc:
            self._warn_once("chime", "no chime (%s): %s", self._chime_path, exc)
            return array("h")
        volume = self._voice.volume
        return chime if volume >= 1 else array("h", (round(s * volume) for s in chime))

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)


class SilentAnnouncer:
    """Null object for when speech is off or impossible: says why once, then stays quiet."""

    def __init__(self, reason: str, *, level: int = logging.WARNING) -> None:
        self.reason = reason
        log.log(level, "Voice announcements are off: %s", reason)

    def announce(self, number: str, window: int, *, recall: bool = False) -> None:
        log.debug("silent: %s to window %s", number, window)

    def close(self) -> None:
        return None


class RecordingAnnouncer:
    """Test fake: records every call and speaks none."""

    def __init__(self) -> None:
        self._calls: list[AnnouncedCall] = []
        self._changed = threading.Condition()
        self.closed = False

    @property
    def calls(self) -> list[AnnouncedCall]:
        """The calls announced so far, oldest first."""
        with self._changed:
            return list(self._calls)

    def announce(self, number: str, window: int, *, recall: bool = False) -> None:
        with self._changed:
            self._calls.append(AnnouncedCall(number, window, recall))
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until at least `count` calls were announced (from any thread)."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._calls) >= count, timeout)

    def close(self) -> None:
        self.closed = True


def resolve_chime(chime: str, assets_dir: Path) -> Path:
    """The chime file from config: absolute, or relative to the project root or `assets_dir`."""
    path = Path(chime)
    candidates = [path] if path.is_absolute() else [assets_dir.parent / path, assets_dir / path]
    candidates.append(assets_dir / "sounds" / "chime.wav")
    return next((c for c in candidates if c.is_file()), candidates[0])


def make_announcer(
    voice: Voice, *, assets_dir: Path, player: AudioPlayer | None = None
) -> Announcer:
    """The speaking announcer when speech can work here, else a SilentAnnouncer; never raises."""
    if not voice.enabled:
        return SilentAnnouncer("disabled in config ([voice] enabled = false)", level=logging.INFO)
    problem = tts_problem()
    if problem:
        return SilentAnnouncer(problem)
    try:
        return SpeechAnnouncer(
            voice,
            player=player or detect_player(),
            chime_path=resolve_chime(voice.chime, Path(assets_dir)),
        )
    except Exception as exc:  # start-up goes on without voice
        return SilentAnnouncer(f"cannot start the announcer: {exc}")
