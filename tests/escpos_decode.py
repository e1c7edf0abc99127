"""Decode ESC/POS byte streams for tests: commands in order, raster images back to pixels.

Knows the commands HallQ and python-escpos send (init, alignment, feeds, line spacing, cut,
margins, status queries, and the three image encodings `GS v 0`, `GS ( L` and `ESC *`).
Anything else raises DecodeError with its offset: an unexpected byte is a bug, not noise.
Text bytes are kept as TEXT commands so tests can assert there are none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

ESC, GS, DLE = 0x1B, 0x1D, 0x10

# (prefix) -> (name, count of fixed argument bytes)
_FIXED: dict[bytes, tuple[str, int]] = {
    b"\x1b@": ("ESC @", 0),  # initialise
    b"\x1ba": ("ESC a", 1),  # justification
    b"\x1bd": ("ESC d", 1),  # print and feed n lines
    b"\x1bJ": ("ESC J", 1),  # print and feed n dots
    b"\x1b2": ("ESC 2", 0),  # default line spacing
    b"\x1b3": ("ESC 3", 1),  # line spacing
    b"\x1bE": ("ESC E", 1),  # emphasis
    b"\x1bG": ("ESC G", 1),  # double strike
    b"\x1b-": ("ESC -", 1),  # underline
    b"\x1b!": ("ESC !", 1),  # print mode
    b"\x1bM": ("ESC M", 1),  # character font
    b"\x1bt": ("ESC t", 1),  # code page
    b"\x1b=": ("ESC =", 1),  # select peripheral
    b"\x1bp": ("ESC p", 3),  # drawer pulse
    b"\x1dL": ("GS L", 2),  # left margin
    b"\x1dW": ("GS W", 2),  # print area width
    b"\x1d!": ("GS !", 1),  # character size
    b"\x1dB": ("GS B", 1),  # reverse printing
    b"\x1dr": ("GS r", 1),  # transmit status
    b"\x10\x04": ("DLE EOT", 1),  # real-time status
}
_SINGLE = {0x0A: "LF", 0x0D: "CR", 0x09: "HT", 0x0C: "FF"}
_CUT_NO_ARG = {0, 1, 48, 49}
_CUT_ONE_ARG = {65, 66, 97, 98, 103, 104}


class DecodeError(ValueError):
    """The stream holds bytes this decoder does not know."""


class Incomplete(DecodeError):
    """The stream ends in the middle of a command."""


@dataclass(frozen=True)
class Command:
    """One command: `raw` is its bytes without image data; `image` is set for raster."""

    offset: int
    name: str
    raw: bytes
    image: Image.Image | None = field(default=None, compare=False)


@dataclass
class Decoded:
    commands: list[Command]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.commands]

    @property
    def images(self) -> list[Image.Image]:
        """The images the printer prints, in order (GS ( L counts when printed)."""
        out: list[Image.Image] = []
        stored: Image.Image | None = None
        for c in self.commands:
            if c.name == "GS ( L store":
                stored = c.image
            elif c.name == "GS ( L print" and stored is not None:
                out.append(stored)
            elif c.image is not None:
                out.append(c.image)
        return out

    @property
    def image(self) -> Image.Image:
        """All printed images stacked top to bottom, as mode "1" (black ink = 0)."""
        parts = self.images
        if not parts:
            raise DecodeError("the stream holds no image")
        out = Image.new("1", (max(p.width for p in parts), sum(p.height for p in parts)), 1)
        y = 0
        for part in parts:
            out.paste(part, (0, y))
            y += part.height
        return out

    @property
    def text(self) -> bytes:
        """Bytes that would print as characters (should be empty for HallQ slips)."""
        return b"".join(c.raw for c in self.commands if c.name == "TEXT")


def _need(data: bytes, end: int) -> None:
    if end > len(data):
        raise Incomplete(f"stream ends inside a command (needs {end} bytes, has {len(data)})")


def _raster(width_bytes: int, height: int, bits: bytes) -> Image.Image:
    # ESC/POS: bit 1 = dot printed. "1;I" is Pillow's inverted bilevel raw mode.
    return Image.frombytes("1", (width_bytes * 8, height), bits, "raw", "1;I")


def _columns(width: int, bits: bytes, rows: int) -> Image.Image:
    """ESC * data: per column `rows // 8` bytes, most significant bit at the top."""
    per_col = rows // 8
    img = Image.new("1", (width, rows), 1)
    px = img.load()
    for x in range(width):
        for b in range(per_col):
            byte = bits[x * per_col + b]
            for bit in range(8):
                if byte & (0x80 >> bit):
                    px[x, b * 8 + bit] = 0
    return img


def read_command(data: bytes, pos: int) -> tuple[Command, int]:
    """The command starting at `pos` and the offset after it."""
    b = data[pos]
    if b in _SINGLE:
        return Command(pos, _SINGLE[b], data[pos : pos + 1]), pos + 1
    if b >= 0x20 and b != 0x7F:
        end = pos
        while end < len(data) and data[end] >= 0x20 and data[end] != 0x7F:
            end += 1
        return Command(pos, "TEXT", data[pos:end]), end
    if b not in (ESC, GS, DLE):
        raise DecodeError(f"unknown control byte 0x{b:02x} at offset {pos}")
    _need(data, pos + 2)
    prefix = data[pos : pos + 2]
    if prefix in _FIXED:
        name, argc = _FIXED[prefix]
        _need(data, pos + 2 + argc)
        return Command(pos, name, data[pos : pos + 2 + argc]), pos + 2 + argc
    if prefix == b"\x1dV":  # cut
        _need(data, pos + 3)
        m = data[pos + 2]
        if m not in _CUT_NO_ARG | _CUT_ONE_ARG:
            raise DecodeError(f"unknown GS V mode {m} at offset {pos}")
        end = pos + 3 + (m in _CUT_ONE_ARG)
        _need(data, end)
        return Command(pos, "GS V", data[pos:end]), end
    if prefix == b"\x1dv":  # GS v 0 m xL xH yL yH d1...dk
        _need(data, pos + 8)
        if data[pos + 2] not in (0x00, 0x30):
            raise DecodeError(f"unknown GS v function at offset {pos}")
        m, x, y = data[pos + 3], _u16(data, pos + 4), _u16(data, pos + 6)
        end = pos + 8 + x * y
        _need(data, end)
        img = _raster(x, y, data[pos + 8 : end])
        if m & 1 or m & 2:  # double width / double height modes
            img = img.resize((img.width * (1 + (m & 1)), img.height * (1 + (m >> 1 & 1))))
        return Command(pos, "GS v 0", data[pos : pos + 8], img), end
    if prefix == b"\x1d(":  # GS ( L pL pH m fn ...
        return _graphics(data, pos)
    if prefix == b"\x1b*":  # ESC * m nL nH d1...dk
        _need(data, pos + 5)
        m, n = data[pos + 2], _u16(data, pos + 3)
        rows = 24 if m in (32, 33) else 8
        end = pos + 5 + n * rows // 8
        _need(data, end)
        img = _columns(n, data[pos + 5 : end], rows)
        return Command(pos, "ESC *", data[pos : pos + 5], img), end
    raise DecodeError(f"unknown command {prefix.hex(' ')} at offset {pos}")


def _u16(data: bytes, at: int) -> int:
    return data[at] | data[at + 1] << 8


def _graphics(data: bytes, pos: int) -> tuple[Command, int]:
    _need(data, pos + 7)
    if data[pos + 2] != ord("L"):
        raise DecodeError(f"unknown GS ( {chr(data[pos + 2])!r} at offset {pos}")
    size = _u16(data, pos + 3)
    end = pos + 5 + size
    _need(data, end)
    fn = data[pos + 6]
    if fn in (2, 50):  # function 50: print the stored graphics
        return Command(pos, "GS ( L print", data[pos:end]), end
    if fn == 112:  # function 112: store raster (a bx by c xL xH yL yH data)
        x, y = _u16(data, pos + 11), _u16(data, pos + 13)
        img = _raster((x + 7) // 8, y, data[pos + 15 : end]).crop((0, 0, x, y))
        return Command(pos, "GS ( L store", data[pos : pos + 15], img), end
    raise DecodeError(f"unknown GS ( L function {fn} at offset {pos}")


def decode(data: bytes) -> Decoded:
    """Decode a whole stream; raises DecodeError on unknown or truncated commands."""
    commands: list[Command] = []
    pos = 0
    while pos < len(data):
        command, pos = read_command(data, pos)
        commands.append(command)
    return Decoded(commands)
