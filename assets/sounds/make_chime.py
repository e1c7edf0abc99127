"""Generate `chime.wav`, the two-tone "ding-dong" played before every call announcement.

Stdlib only (wave + math) and deterministic: running it again gives the same samples.
Usage: python assets/sounds/make_chime.py [OUT.wav]   (default: chime.wav next to this file)
"""

from __future__ import annotations

import math
import sys
import wave
from pathlib import Path

RATE = 22_050  # the announcer's clip format: 22,050 Hz mono 16-bit, like espeak-ng's output
DURATION = 1.0
PEAK = 0.45  # of full scale (about -7 dBFS): about as loud (RMS) as espeak-ng speech at volume 1
# (start s, fundamental Hz): E5 then C5, a major third down, the classic door-bell "ding-dong"
NOTES = ((0.0, 659.25), (0.42, 523.25))
# A soft bell: fundamental plus two quieter partials, the higher ones dying away faster.
PARTIALS = ((1.0, 1.0, 2.6), (2.0, 0.28, 4.0), (3.0, 0.08, 6.0))  # (ratio, level, decay 1/s)
ATTACK = 0.008  # s: per-note rise that avoids a click
FADE_IN, FADE_OUT = 0.01, 0.12  # s: fades of the whole chime


def render() -> list[float]:
    """The chime as floats in [-PEAK, PEAK]."""
    n = round(RATE * DURATION)
    out = [0.0] * n
    for start, freq in NOTES:
        first = round(start * RATE)
        for i in range(first, n):
            t = (i - first) / RATE
            rise = min(1.0, t / ATTACK)
            out[i] += rise * sum(
                level * math.exp(-decay * t) * math.sin(2 * math.pi * freq * ratio * t)
                for ratio, level, decay in PARTIALS
            )
    for i in range(n):
        t = i / RATE
        out[i] *= min(1.0, t / FADE_IN, (DURATION - t) / FADE_OUT)
    top = max(abs(s) for s in out)
    return [s * PEAK / top for s in out]


def write(path: Path) -> None:
    """Write the chime as a 22,050 Hz mono 16-bit WAV file."""
    frames = b"".join(
        max(-32768, min(32767, round(s * 32767))).to_bytes(2, "little", signed=True)
        for s in render()
    )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("chime.wav"))
