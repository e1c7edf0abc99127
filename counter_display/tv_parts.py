"""The painted parts of the hall TV: header, the big call panel and the recent calls.

Every size comes from `u` (pixels per design pixel at 1920×1080, or at 1080×1920 in
portrait; set by the TV on resize) or from the part's own height, so the TV scales cleanly
from 1280×720 to 3840×2160, and from 1080×1920 to 2160×3840 on its side.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from counter_display import theme
from counter_display.board import Call
from counter_display.highlight import Showing
from counter_display.i18n import Texts
from counter_display.qtkit import Drawn, TracingPainter, clock_texts, draw_text, font, panel
from counter_display.texts import QT_TRANSLATE_NOOP

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
ROW_PORTRAIT = 104  # design pixels: the header's first row in portrait (its whole in landscape)


class Part(QWidget):
    """A painted part of a screen; `u` and `portrait` are set by its screen."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.u = 1.0
        self.portrait = False
        self.drawn: list[Drawn] = []  # the texts of the last paint, where their ink is

    def painter(self) -> QPainter:
        self.drawn = []
        p = TracingPainter(self, self.drawn)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return p


class Header(Part):
    """Hall name (and zone), the connection state and the clock."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.hall = ("", "")
        self.zone = ("", "")
        self.online: bool | None = None  # None: not connected yet
        self.problem = ""  # a refusal that reconnecting cannot mend (an unknown zone)
        self.now = datetime.now()

    def status_text(self) -> str:
        """The connection pill's text; empty while connected."""
        if self.problem:
            return self.problem
        if self.online:
            return ""
        source = (
            QT_TRANSLATE_NOOP("Counter", "Connecting")
            if self.online is None
            else QT_TRANSLATE_NOOP("Counter", "Connection lost, reconnecting")
        )
        zh, en = self.texts.dual(source)
        return f"{zh}  {en}"

    def second_row(self) -> bool:
        """Whether the zone or the connection state is shown (on a row of its own in portrait)."""
        return bool(self.status_text() or self.zone[0])

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        # Portrait: name and clock on the first row, the zone or the connection on the second.
        row = min(h, ROW_PORTRAIT * u) if self.portrait else h
        d = 64 * u
        circle = QRectF(0, (row - d) / 2, d, d)
        p.setPen(QPen(QColor(theme.GOLD), 3 * u))
        p.setBrush(QColor(theme.RED))
        p.drawEllipse(circle)
        draw_text(p, circle, "政", 34 * u, theme.WHITE, bold=True, align=CENTER)
        x = d + 20 * u
        clock_w = (300 if self.portrait else 380) * u
        name_w = w - clock_w - x - 24 * u if self.portrait else w * 0.46
        least = (30 * u, 15 * u) if self.portrait else (0.0, 0.0)  # elide, not shrink, there
        draw_text(
            p,
            QRectF(x, row * 0.08, name_w, row * 0.56),
            self.hall[0],
            42 * u,
            "#FFF",
            bold=True,
            min_px=least[0],
        )
        draw_text(
            p,
            QRectF(x, row * 0.62, name_w, row * 0.3),
            self.hall[1],
            19 * u,
            theme.MUTED_ON_DARK,
            min_px=least[1],
        )
        time_text, date_text = clock_texts(self.now)
        draw_text(
            p,
            QRectF(w - clock_w, 0, clock_w, row * 0.66),
            time_text,
            48 * u,
            "#FFF",
            bold=True,
            align=RIGHT,
        )
        draw_text(
            p,
            QRectF(w - clock_w, row * 0.62, clock_w, row * 0.3),
            date_text,
            19 * u,
            theme.MUTED_ON_DARK,
            align=RIGHT,
        )
        if self.portrait:
            middle, align = QRectF(0, row, w, h - row), CENTER
        else:
            middle = QRectF(x + name_w + 20 * u, 0, w - clock_w - x - name_w - 40 * u, h)
            align = RIGHT
        status = self.status_text()
        if status and middle.height() > 0:
            self._pill(p, middle, status)
        elif self.zone[0] and middle.height() > 0:
            mh = middle.height()
            draw_text(
                p,
                middle.adjusted(0, 0, 0, -mh * 0.3),
                self.zone[0],
                36 * u,
                theme.GOLD,
                bold=True,
                align=align,
            )
            draw_text(
                p,
                middle.adjusted(0, mh * 0.62, 0, 0),
                self.zone[1],
                19 * u,
                theme.MUTED_ON_DARK,
                align=align,
            )
        p.end()

    def _pill(self, p: QPainter, area: QRectF, text: str) -> None:
        u = self.u
        f = font(24 * u, bold=True)
        width = min(area.width(), QFontMetricsF(f).horizontalAdvance(text) + 70 * u)
        left = area.center().x() - width / 2 if self.portrait else area.right() - width
        rect = QRectF(left, area.center().y() - 26 * u, width, 52 * u)
        panel(p, rect, 26 * u, theme.ALERT_RED)
        p.setBrush(QColor("#FFF"))
        p.drawEllipse(QPointF(rect.left() + 26 * u, rect.center().y()), 8 * u, 8 * u)
        draw_text(p, rect.adjusted(44 * u, 0, -18 * u, 0), text, 24 * u, "#FFF", bold=True)


class CallPanel(Part):
    """The newest call, huge; gold while highlighted, calm blue afterwards."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.showing: Showing | None = None
        self.flash = False  # toggled by the TV while highlighted: the border pulses
        self.matter_names: dict[str, tuple[str, str]] = {}
        self.problem = ("", "")  # (zh, en) shown instead of the welcome: no such zone

    def lines(self) -> list[str]:
        """The texts this panel shows, top to bottom (for the tests and the log)."""
        if self.showing is None and self.problem[0]:
            return list(self.problem)
        if self.showing is None:
            return [*self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Welcome"))]
        call = self.showing.call
        zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Number %1, please go to window %2"))
        return [
            call.number,
            str(call.window),
            zh.replace("%1", call.number).replace("%2", str(call.window)),
            en.replace("%1", call.number).replace("%2", str(call.window)),
        ]

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        rect = QRectF(0, 0, w, h).adjusted(3 * u, 3 * u, -3 * u, -3 * u)
        lit = self.showing is not None and self.showing.highlighted
        if lit:
            grad = QLinearGradient(rect.topLeft(), rect.bottomRight())
            grad.setColorAt(0, QColor("#FFD966"))
            grad.setColorAt(1, QColor(theme.GOLD_DEEP))
            p.setPen(QPen(QColor("#FFFFFF" if self.flash else "#FFE9A8"), 6 * u))
            p.setBrush(grad)
            p.drawRoundedRect(rect, 22 * u, 22 * u)
        else:
            panel(p, rect, 22 * u, theme.NAVY_PANEL, theme.NAVY_LINE)
        ink = theme.INK if lit else theme.WHITE
        soft = "#4A3A10" if lit else theme.MUTED_ON_DARK
        pad = 32 * u
        inner = rect.adjusted(pad, pad * 0.7, -pad, -pad * 0.7)
        if self.showing is None:
            self._welcome(p, inner)
            p.end()
            return
        call = self.showing.call
        label = (
            QT_TRANSLATE_NOOP("Counter", "Calling again")
            if call.recall
            else QT_TRANSLATE_NOOP("Counter", "Now calling")
        )
        zh, en = self.texts.dual(label)
        top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.14)
        used = draw_text(p, top, zh, 34 * u, theme.RED if lit else theme.GOLD, bold=True)
        draw_text(p, top.adjusted(used + 14 * u, 0, 0, 0), en, 22 * u, soft)
        band = QRectF(
            inner.left(), inner.top() + inner.height() * 0.14, inner.width(), inner.height() * 0.58
        )
        self._number_line(p, band, call, ink, lit)
        sentence = self.lines()
        bottom = QRectF(inner.left(), band.bottom(), inner.width(), inner.height() * 0.16)
        name = self.matter_names.get(call.matter or "", ("", ""))
        draw_text(p, bottom, f"{sentence[2]}   {name[0]}".strip(), 34 * u, ink, align=CENTER)
        draw_text(
            p, bottom.translated(0, bottom.height() * 0.82), sentence[3], 24 * u, soft, align=CENTER
        )
        p.end()

    def _number_line(self, p: QPainter, band: QRectF, call: Call, ink: str, lit: bool) -> None:
        big = band.height() * 0.95
        suffix_zh = self.texts.zh(QT_TRANSLATE_NOOP("Counter", "window (after its number)"))
        parts = [
            (call.number, 1.0, True, ink if lit else theme.GOLD),
            ("→", 0.5, False, theme.RED if lit else theme.MUTED_ON_DARK),
            (str(call.window), 1.0, True, ink),
            (suffix_zh, 0.42, True, ink),
        ]
        gaps = big * 0.12
        widths = [QFontMetricsF(font(big * s, bold=b)).horizontalAdvance(t) for t, s, b, _ in parts]
        total = sum(widths) + gaps * (len(parts) - 1)
        scale = min(1.0, band.width() / total)
        x = band.left() + (band.width() - total * scale) / 2
        baseline = band.top() + band.height() * 0.5 + big * scale * 0.36
        for text, size, bold, colour in parts:
            f = font(big * size * scale, bold=bold)
            p.setFont(f)
            p.setPen(QColor(colour))
            p.drawText(QPointF(x, baseline), text)
            x += QFontMetricsF(f).horizontalAdvance(text) + gaps * scale

    def _welcome(self, p: QPainter, inner: QRectF) -> None:
        u = self.u
        if self.problem[0]:
            h = inner.height()
            zh, en = self.problem
            area = QRectF(inner.left(), inner.top() + h * 0.25, inner.width(), h * 0.25)
            draw_text(p, area, zh, 70 * u, theme.GOLD, bold=True, align=CENTER)
            area = QRectF(inner.left(), inner.top() + h * 0.55, inner.width(), h * 0.15)
            draw_text(p, area, en, 40 * u, theme.WHITE, align=CENTER)
            return
        zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Welcome"))
        hint_zh, hint_en = self.texts.dual(
            QT_TRANSLATE_NOOP("Counter", "Please wait for your number to be called")
        )
        h = inner.height()
        draw_text(
            p,
            QRectF(inner.left(), inner.top() + h * 0.12, inner.width(), h * 0.36),
            zh,
            150 * u,
            theme.GOLD,
            bold=True,
            align=CENTER,
        )
        draw_text(
            p,
            QRectF(inner.left(), inner.top() + h * 0.48, inner.width(), h * 0.14),
            en,
            44 * u,
            theme.WHITE,
            align=CENTER,
        )
        draw_text(
            p,
            QRectF(inner.left(), inner.top() + h * 0.68, inner.width(), h * 0.12),
            hint_zh,
            34 * u,
            theme.WHITE,
            align=CENTER,
        )
        draw_text(
            p,
            QRectF(inner.left(), inner.top() + h * 0.8, inner.width(), h * 0.1),
            hint_en,
            24 * u,
            theme.MUTED_ON_DARK,
            align=CENTER,
        )
