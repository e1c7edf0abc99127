"""Qt helpers shared by the counter apps: the bundled font, text that fits its box, a ticker."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from counter_display.theme import FONT_FAMILY
from kiosk.fonts import font_path

log = logging.getLogger(__name__)
_loaded = False
_none_guarded = False


def keep_none_alive() -> None:
    """Work around a PySide6 6.12 refcount bug on Python < 3.12.

    There every call of a Qt method returning void takes one reference from `None` and never
    gives it back (PySide6 6.12.0 / Python 3.11.7: `QLabel.setText`, `QPainter.setPen`, …
    each lower `sys.getrefcount(None)` by one). A hall TV repaints thousands of times a
    minute, so within seconds None's count reaches zero and the process aborts with "Fatal
    Python error: none_dealloc". Python 3.12 made None immortal (PEP 683); do the same here
    by giving it a reference count no screen can use up (2**40: decades at any frame rate).
    """
    global _none_guarded
    if _none_guarded or sys.version_info >= (3, 12):
        return
    import ctypes

    # ob_refcnt is the first field of every object in CPython's (non-debug) layout.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _none_guarded = True
    log.debug("None made effectively immortal (PySide6 void-call refcount bug)")


def load_fonts() -> None:
    """Register the bundled CJK font (regular and bold) once and make it the default."""
    global _loaded
    keep_none_alive()
    if not _loaded:
        for weight in ("regular", "bold"):
            try:
                path = font_path(weight)
            except FileNotFoundError as exc:
                log.warning("%s", exc)
                continue
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("could not load %s", path)
        _loaded = True
    QApplication.setFont(QFont(FONT_FAMILY))


def font(px: float, *, bold: bool = False) -> QFont:
    """The hall font at `px` pixels."""
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(6, round(px)))
    f.setBold(bold)
    return f


def fitted(text: str, px: float, width: float, *, bold: bool = False) -> QFont:
    """The font at `px`, made smaller until `text` fits in `width` (never clipped)."""
    f = font(px, bold=bold)
    if width <= 0 or not text:
        return f
    advance = QFontMetricsF(f).horizontalAdvance(text)
    if advance > width:
        f.setPixelSize(max(6, int(f.pixelSize() * width / advance)))
    return f


def draw_text(
    p: QPainter,
    rect: QRectF,
    text: str,
    px: float,
    colour: str | QColor,
    *,
    bold: bool = False,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    min_px: float = 0.0,
) -> float:
    """Draw one line of `text` in `rect`, shrunk to fit (below `min_px`: cut with "…");
    returns the width drawn."""
    f = fitted(text, min(px, rect.height()), rect.width(), bold=bold)
    if min_px and f.pixelSize() < min_px:
        f.setPixelSize(round(min(min_px, px, rect.height())))
        text = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    p.setFont(f)
    p.setPen(QColor(colour))
    # The width is fitted above; a glyph's foot may pass the box's bottom by a pixel or two
    # (号 at 4K), which clipping would cut off.
    flags = int(align) | int(Qt.TextFlag.TextSingleLine) | int(Qt.TextFlag.TextDontClip)
    p.drawText(rect, flags, text)
    return min(rect.width(), QFontMetricsF(f).horizontalAdvance(text))


@dataclass(frozen=True)
class Drawn:
    """A text as painted: its ink's box, the box it was given (None: drawn at a point), its
    size, and whether the box clips it (Qt cuts what passes a clipping box)."""

    text: str
    ink: QRectF
    box: QRectF | None
    px: int
    clip: bool = False


class TracingPainter(QPainter):
    """A QPainter that notes where the ink of each text it draws lands, so a screen can say
    what it shows (the tests check that nothing is cut or drawn over something else)."""

    def __init__(self, device: QPaintDevice, drawn: list[Drawn]) -> None:
        super().__init__(device)
        self.drawn = drawn

    def drawText(self, *args: Any) -> None:  # type: ignore[override]  # noqa: N802 - Qt API
        """QPainter.drawText; (rect, flags, text) and (point, text) are noted."""
        super().drawText(*args)
        fm = QFontMetricsF(self.font())
        if len(args) == 3 and isinstance(args[0], QRectF) and isinstance(args[2], str):
            box, flags, text = args
            line = fm.boundingRect(box, int(flags), text)
            at, given = QPointF(line.left(), line.top() + fm.ascent()), QRectF(box)
            clip = not int(flags) & int(Qt.TextFlag.TextDontClip)
        elif len(args) == 2 and isinstance(args[0], QPointF) and isinstance(args[1], str):
            at, text, given, clip = args[0], args[1], None, False
        else:
            return
        ink = fm.tightBoundingRect(text).translated(at)
        if ink.isEmpty():  # nothing to see (an empty or blank text)
            return
        self.drawn.append(Drawn(text, ink, given, self.font().pixelSize(), clip))


def split_lines(text: str, lines: int) -> list[str]:
    """`text` cut into `lines` parts of about equal length (at spaces when it has them)."""
    words = text.split(" ") if " " in text.strip() else list(text)
    glue = " " if " " in text.strip() else ""
    out: list[str] = []
    for i in range(lines):
        share = round(len(words) * (i + 1) / lines) - round(len(words) * i / lines)
        start = round(len(words) * i / lines)
        out.append(glue.join(words[start : start + share]))
    return [line for line in out if line]


def draw_lines(
    p: QPainter,
    rect: QRectF,
    text: str,
    px: float,
    colour: str | QColor,
    *,
    bold: bool = False,
    max_lines: int = 2,
) -> None:
    """Draw `text` in `rect` on one line, or on up to `max_lines` when that makes it larger."""
    best: tuple[float, list[str]] = (0.0, [text])
    for n in range(1, max_lines + 1):
        parts = split_lines(text, n)
        height = rect.height() / len(parts)
        size = float(
            min(
                fitted(part, min(px, height * 0.92), rect.width(), bold=bold).pixelSize()
                for part in parts
            )
        )
        if size > best[0] * 1.35:  # another line only when it is clearly larger
            best = (size, parts)
    chosen, lines = best
    height = rect.height() / len(lines)
    for i, line in enumerate(lines):
        box = QRectF(rect.left(), rect.top() + i * height, rect.width(), height)
        draw_text(p, box, line, chosen, colour, bold=bold)


class Ticker(QWidget):
    """A line of text that scrolls from right to left, forever (the hall notice)."""

    def __init__(self, parent: QWidget | None = None, *, speed: float = 0.12) -> None:
        super().__init__(parent)
        self.text = ""
        self.colour = QColor("#FFFFFF")
        self.speed = speed  # screen heights per second
        self._offset: float | None = None  # None: start with the text at the left edge
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._step)

    def set_text(self, text: str) -> None:
        """Replace the scrolling text (an empty text stops the ticker)."""
        if text == self.text:
            return
        self.text, self._offset = text, None
        if text:
            self._timer.start()
        else:
            self._timer.stop()
        self.update()

    def _step(self) -> None:
        if self._offset is None:
            return
        self._offset += self.speed * self.height() * self._timer.interval() / 1000
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if not self.text:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        f = font(self.height() * 0.52)
        p.setFont(f)
        p.setPen(self.colour)
        gap = self.height() * 3
        if self._offset is None:
            self._offset = float(self.width())
        span = QFontMetricsF(f).horizontalAdvance(self.text) + gap
        x = self.width() - self._offset
        if x < -span:  # the text has scrolled out: continue with the copy that follows it
            x = -span + (x + span) % span
        while x < self.width():
            p.drawText(QRectF(x, 0, span, self.height()), Qt.AlignmentFlag.AlignVCenter, self.text)
            x += span
        p.end()


def panel(
    p: QPainter, rect: QRectF, radius: float, fill: str | QColor, border: str | QColor | None = None
) -> None:
    """A rounded panel, optionally outlined."""
    p.setPen(Qt.PenStyle.NoPen if border is None else QColor(border))
    p.setBrush(QColor(fill))
    p.drawRoundedRect(rect, radius, radius)


def clock_texts(now: datetime) -> tuple[str, str]:
    """("10:32:05", "2026年11月24日 星期二 Tue") for the screens' clocks."""
    weekday = "一二三四五六日"[now.weekday()]
    date_text = f"{now.year}年{now.month}月{now.day}日 星期{weekday} {now:%a}"
    return f"{now:%H:%M:%S}", date_text
