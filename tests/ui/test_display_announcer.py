"""The announcer's adaptive repeats: calls waiting in its queue are said once, the last one in
full, and all in the order made. Fake speech (a short tone), no speech engine needed."""

from __future__ import annotations

import threading
import wave
from array import array
from pathlib import Path

from counter_display.announce_text import Language
from counter_display.announcer import SpeechAnnouncer
from counter_display.speech import RATE
from queue_server.config import Voice

ASSETS = Path(__file__).resolve().parents[2] / "assets"
WAIT_S = 20.0


class GatedTone:
    """0.3 s of tone per sentence; holds the first sentence until the gate opens."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()

    def synthesize(self, text: str, *, language: Language, path: Path) -> None:
        self.entered.set()
        self.gate.wait(WAIT_S)
        tone = array("h", (8000 if (i // 20) % 2 else -8000 for i in range(round(0.3 * RATE))))
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(tone.tobytes())

    def close(self) -> None:
        self.gate.set()


class Clips:
    """A player that keeps each clip's length in seconds and the call it was made for."""

    def __init__(self) -> None:
        self.clips: list[tuple[str, float]] = []
        self._done = threading.Condition()

    def play(self, wav_path: Path) -> None:
        with wave.open(str(wav_path), "rb") as w:
            seconds = w.getnframes() / w.getframerate()
        with self._done:
            self.clips.append((wav_path.name.split("-")[2], seconds))
            self._done.notify_all()

    def wait_for(self, count: int) -> bool:
        with self._done:
            return self._done.wait_for(lambda: len(self.clips) >= count, WAIT_S)


def test_calls_waiting_in_the_queue_are_said_once_and_the_last_with_all_repeats() -> None:
    voice = Voice(repeats=3, english=False)
    synth, player = GatedTone(), Clips()
    chime = ASSETS / "sounds" / "chime.wav"
    with SpeechAnnouncer(voice, player=player, synthesizer=synth, chime_path=chime) as a:
        a.announce("A001", 1)
        assert synth.entered.wait(WAIT_S)  # the worker holds A001 before the others arrive
        a.announce("A002", 2)
        a.announce("B001", 3)
        synth.gate.set()
        assert player.wait_for(3)
    (n1, s1), (n2, s2), (n3, s3) = player.clips
    assert [n1, n2, n3] == ["A001", "A002", "B001"]
    assert abs(s1 - s2) < 0.05  # both said once: same length
    assert s3 > s1 + 1.5  # the last, with nobody behind it: three times (two more + gaps)
