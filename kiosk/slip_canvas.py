"""Drawing primitives for thermal slips: a growing 1-bit page, CJK-aware wrapping, QR codes.

Pillow and qrcode only (no Qt). Text is drawn anti-aliased in grey and thresholded once, which
keeps thin CJK strokes solid on a 203 dpi head. Fonts use Pillow's basic layout so the pixels
do not depend on whether libraqm is installed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import qrcode
from PIL import Image, ImageDraw, ImageFont

from kiosk.fonts import font_path

PAPER_PX = {80: 576, 58: 384}  # printable dots per line at 203 dpi
INK = 0
PAPER = 255
_THRESHOLD = [INK] * 150 + [PAPER] * 106  # grey >= 150 is paper: a touch bolder than 50 %
_TOKEN = re.compile(r"\s+|[!-~\u00a0-\u024f]+|.", re.S)  # spaces | Latin word | one CJK char
_NO_LINE_START = set("，。、；：？！）》」』】〕…—,.;:?!)]}%’”")
_NO_LINE_END = set("（《「『【〔([{‘“")


def paper_width_px(paper_mm: int) -> int:
    """Raster width in dots for 80 mm or 58 mm paper."""
    try:
        return PAPER_PX[paper_mm]
    except KeyError:
        raise ValueError(f"paper_mm must be 80 or 58, not {paper_mm!r}") from None


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The bundled HallQ Sans at `size` px (cached)."""
    path = font_path("bold" if bold else "regular")
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _width(face: ImageFont.FreeTypeFont, token: str) -> float:
    # Basic layout has no kerning here (CFF font, no 'kern' table): widths simply add up.
    return face.getlength(token)


def wrap_text(text: str, face: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Break text into lines no wider than max_width: CJK per character, Latin per word.

    Keeps closing punctuation off the start of a line and opening punctuation off its end.
    """
    lines: list[str] = []
    for para in text.split("\n"):
        pending = _TOKEN.findall(para)[::-1]
        line: list[str] = []
        while pending:
            tok = pending.pop()
            if tok.isspace():
                if line:
                    line.append(" ")
                continue
            if _width(face, tok) > max_width and len(tok) > 1:
                pending.extend(reversed(tok))  # a word wider than a whole line: split it
                continue
            if sum(_width(face, t) for t in line) + _width(face, tok) <= max_width or not line:
                line.append(tok)
                continue
            carry: list[str] = []
            if tok[0] in _NO_LINE_START:
                while line and line[-1].isspace():
                    line.pop()
                if len(line) > 1:
                    carry.append(line.pop())
            while len(line) > 1 and (line[-1].isspace() or line[-1][-1] in _NO_LINE_END):
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = [t for t in carry if not t.isspace()] + [tok]
        lines.append("".join(line).rstrip())
    return lines


QR_MASK = 2  # mask 2: every third column inverted


def qr_image(data: str, *, box: int) -> Image.Image:
    """QR code (level M, no border) with `box` dots per module, ink 0 on paper 255.

    One mask pattern, not the "best" of eight: scoring all eight took 7.6 of a ticket
    slip's 28 ms (bench/slip.py); any mask is valid QR, and at `box` dots per module on a
    203 dpi print the symbol has margin to spare (the tests decode every slip's code).
    """
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=QR_MASK
    )
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    img = Image.new("L", (size, size), PAPER)
    img.putdata([INK if dark else PAPER for row in matrix for dark in row])
    return img.resize((size * box, size * box), Image.Resampling.NEAREST)


class Canvas:
    """A white page that grows downwards with a y cursor; `finish()` gives the 1-bit slip."""

    def __init__(self, paper_mm: int) -> None:
        self.width = paper_width_px(paper_mm)
        self.k = 1.0 if paper_mm == 80 else 0.8  # 58 mm: slightly smaller type
        self.margin = 16 if paper_mm == 80 else 8
        self.img = Image.new("L", (self.width, 2048), PAPER)
        self.draw = ImageDraw.Draw(self.img)
        self.y = self.margin

    def px(self, value: float) -> int:
        """Scale a length designed for 80 mm paper."""
        return round(value * self.k)

    def _grow(self, need: int) -> None:
        if self.y + need <= self.img.height:
            return
        bigger = Image.new("L", (self.width, max(self.img.height * 2, self.y + need)), PAPER)
        bigger.paste(self.img, (0, 0))
        self.img, self.draw = bigger, ImageDraw.Draw(bigger)

    def space(self, height: float) -> None:
        self.y += self.px(height)

    def text(
        self,
        text: str,
        *,
        size: int,
        bold: bool = False,
        align: str = "left",
        indent: int = 0,
        prefix: str = "",
    ) -> None:
        """Wrapped text; `prefix` (e.g. "1. ") hangs in front of the first line."""
        if not text:
            return
        face = font(self.px(size), bold)
        left = self.margin + indent + round(_width(face, prefix))
        line_height = round(face.size * 1.4)
        for i, line in enumerate(wrap_text(text, face, self.width - self.margin - left)):
            self._grow(line_height)
            baseline = self.y + round(face.size * 1.08)  # centres the ideographic em box
            x = left
            if align == "center":
                x = round((self.width - _width(face, line)) / 2)
            if i == 0 and prefix:
                at = (self.margin + indent, baseline)
                self.draw.text(at, prefix, font=face, fill=INK, anchor="ls")
            self.draw.text((x, baseline), line, font=face, fill=INK, anchor="ls")
            self.y += line_height

    def pair(
        self, zh: str, en: str, *, size: int = 24, bold: bool = False, align: str = "left"
    ) -> None:
        """A Chinese line with its smaller English line under it."""
        self.text(zh, size=size, bold=bold, align=align)
        self.text(en, size=round(size * 0.72), align=align)

    def rule(self, *, thickness: int = 2, dashed: bool = False, gap: int = 12) -> None:
        self.space(gap)
        self._grow(thickness)
        right = self.width - self.margin
        step = 12 if dashed else right - self.margin
        for x in range(self.margin, right, step):
            end = min(x + step - 5, right) if dashed else right
            self.draw.rectangle((x, self.y, end, self.y + thickness - 1), fill=INK)
        self.y += thickness
        self.space(gap)

    def bar(self, zh: str, en: str, *, size: int = 24, center: bool = False) -> None:
        """Heading printed white on black, which reads well on thermal paper."""
        face = font(self.px(size), True)
        height = round(face.size * 1.6)
        label = f"{zh}  {en}"
        self.space(10)
        self._grow(height)
        box = (self.margin, self.y, self.width - self.margin - 1, self.y + height - 1)
        self.draw.rectangle(box, fill=INK)
        x = (self.width - round(_width(face, label))) // 2 if center else self.margin + 10
        self.draw.text((x, self.y + height // 2), label, font=face, fill=PAPER, anchor="lm")
        self.y += height + self.px(8)

    def row(self, label: str, label_en: str, value: str) -> None:
        """A table row: bilingual label on the left, the value in bold beside it."""
        top = self.y
        self.pair(label, label_en, size=21)
        bottom, self.y = self.y, top
        self.text(value, size=26, bold=True, indent=self.px(170))
        self.y = max(bottom, self.y) + self.px(4)

    def big(self, text: str, *, size: int) -> None:
        """One line of display type, centred, shrunk to fit, placed by its ink box."""
        usable = self.width - 2 * self.margin
        face = font(self.px(size), True)
        if _width(face, text) > usable:
            face = font(int(face.size * usable / _width(face, text)), True)
        left, top, right, bottom = (round(v) for v in face.getbbox(text, anchor="ls"))
        self._grow(bottom - top)
        x = (self.width - (right - left)) // 2 - left
        self.draw.text((x, self.y - top), text, font=face, fill=INK, anchor="ls")
        self.y += bottom - top

    def paste(self, image: Image.Image) -> None:
        """Paste an image centred at the cursor."""
        self._grow(image.height)
        self.img.paste(image.convert("L"), ((self.width - image.width) // 2, self.y))
        self.y += image.height

    def checkbox(self, title: str, *, prefix: str, size: int = 24) -> int:
        """☐ drawn as a crisp square (the font has no U+2610) and a bold title.

        Returns the indent at which the item's further lines should go.
        """
        face = font(self.px(size), True)
        side = round(face.size * 0.8)
        indent = side + self.px(12)
        self._grow(round(face.size * 1.4))
        top = self.y + round(face.size * 1.08) - round(face.size * 0.86)
        box = (self.margin, top, self.margin + side, top + side)
        self.draw.rectangle(box, outline=INK, width=max(2, self.px(3)))
        self.text(title, size=size, bold=True, indent=indent, prefix=prefix)
        return indent

    def finish(self) -> Image.Image:
        """Crop to the content and threshold to mode "1"."""
        page = self.img.crop((0, 0, self.width, self.y + self.margin))
        return page.point(_THRESHOLD, "1")
