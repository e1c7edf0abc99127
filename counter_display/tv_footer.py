"""The hall TV's bottom: people waiting per zone, and the scrolling hall notice."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from counter_display import theme
from counter_display.i18n import Texts
from counter_display.qtkit import Ticker, draw_lines, draw_text, panel
from counter_display.texts import QT_TRANSLATE_NOOP
from counter_display.tv_parts import CENTER, RIGHT, Part

CHIP_H = 92  # design pixels: a row of chips
CHIP_GAP = 14
PORTRAIT_COLUMNS = 3  # as the browser TV in portrait


class WaitingBar(Part):
    """People waiting per zone: a chip each, with the zone's ticket prefix."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.zones: list[tuple[str, str, str, str]] = []  # code, zh, en, prefix
        self.waiting: dict[str, int] = {}

    def chips(self) -> list[tuple[str, int]]:
        """(zone name, people waiting) in zone order."""
        return [(zh, self.waiting.get(code, 0)) for code, zh, _en, _prefix in self.zones]

    def shape(self) -> tuple[int, int]:
        """(chips to a row, rows): one row in landscape; in portrait rows of at most
        PORTRAIT_COLUMNS, filled evenly (4 zones: 2 + 2)."""
        n = max(1, len(self.zones))
        rows = math.ceil(n / PORTRAIT_COLUMNS) if self.portrait else 1
        return math.ceil(n / rows), rows

    def height_for(self, u: float) -> int:
        """The height the chips need at `u` (the TV lays itself out with it)."""
        rows = self.shape()[1]
        return round((rows * CHIP_H + (rows - 1) * CHIP_GAP) * u)

    def chip_rects(self) -> list[QRectF]:
        """Where each zone's chip goes, in zone order."""
        gap = CHIP_GAP * self.u
        cols, rows = self.shape()
        cw = (self.width() - gap * (cols - 1)) / cols
        ch = (self.height() - gap * (rows - 1)) / rows
        return [
            QRectF(c * (cw + gap), r * (ch + gap), cw, ch)
            for r, c in (divmod(i, cols) for i in range(len(self.zones)))
        ]

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if not self.zones:
            self.drawn = []
            return
        u = self.u
        p = self.painter()
        waiting_zh, waiting_en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Waiting"))
        people = self.texts.zh(QT_TRANSLATE_NOOP("Counter", "people"))
        for rect, (code, zh, en, prefix) in zip(self.chip_rects(), self.zones, strict=True):
            cw, h = rect.width(), rect.height()
            panel(p, rect, 14 * u, theme.NAVY_PANEL, theme.NAVY_LINE)
            side = h * 0.64
            badge = QRectF(rect.left() + h * 0.18, rect.top() + (h - side) / 2, side, side)
            panel(p, badge, 10 * u, theme.GOLD)
            draw_text(p, badge, prefix, side * 0.7, theme.INK, bold=True, align=CENTER)
            count_w = min(cw * 0.34, h * 1.9)
            count = QRectF(
                rect.right() - count_w - h * 0.16, rect.top() + h * 0.3, count_w, h * 0.64
            )
            used = draw_text(p, count, people, h * 0.24, theme.MUTED_ON_DARK, align=RIGHT)
            draw_text(
                p,
                count.adjusted(0, 0, -used - 6 * u, 0),
                str(self.waiting.get(code, 0)),
                h * 0.56,
                theme.GOLD,
                bold=True,
                align=RIGHT,
            )
            label = f"{waiting_zh} {waiting_en}" if cw > 500 * u else waiting_zh
            draw_text(
                p,
                QRectF(count.left(), rect.top() + h * 0.06, count_w, h * 0.26),
                label,
                h * 0.2,
                theme.MUTED_ON_DARK,
                align=RIGHT,
            )
            left = badge.right() + h * 0.16
            middle = QRectF(left, rect.top() + h * 0.1, count.left() - left - 8 * u, h * 0.8)
            if cw > 500 * u:  # a wide chip (a zone display) has room for the English name
                draw_text(p, middle.adjusted(0, 0, 0, -h * 0.34), zh, h * 0.34, "#FFF", bold=True)
                draw_text(p, middle.adjusted(0, h * 0.48, 0, 0), en, h * 0.2, theme.MUTED_ON_DARK)
            else:
                draw_lines(p, middle, zh, h * 0.32, "#FFF", bold=True)
        p.end()


class NoticeBar(Part):
    """ "公告 Notice" and the hall notice scrolling by."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.ticker = Ticker(self)

    def set_notice(self, zh: str, en: str) -> None:
        """The catalogue's hall.notice (and its English)."""
        self.ticker.set_text("        ".join(t for t in (zh, en) if t))

    def resizeEvent(self, _e: QResizeEvent) -> None:  # noqa: N802 - Qt API
        label_w = self.height() * 2.6
        self.ticker.setGeometry(
            int(label_w + 12 * self.u), 0, int(self.width() - label_w - 24 * self.u), self.height()
        )

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        panel(p, QRectF(0, 0, w, h), 12 * u, "#082250", theme.NAVY_LINE)
        label = QRectF(0, 0, h * 2.6, h)
        panel(p, label, 12 * u, theme.GOLD)
        zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Notice"))
        draw_text(p, label, f"{zh} {en}", h * 0.42, theme.INK, bold=True, align=CENTER)
        p.end()
