"""The hall TV's tables: the window grid (paged when the hall has many windows) and the
recent calls."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from counter_display import theme
from counter_display.board import Call, WindowTile
from counter_display.highlight import (
    fit_page,
    grid_shape,
    largest_page,
    page_count,
    page_items,
    tile_height,
)
from counter_display.i18n import Texts
from counter_display.qtkit import draw_text, panel
from counter_display.texts import QT_TRANSLATE_NOOP, STATE_TEXTS
from counter_display.tv_parts import RIGHT, Part

PER_PAGE = 20  # more windows than this page every few seconds: tiles stay legible
# Portrait: no tile smaller than a 1920×1080 TV's (design pixels, about 225×118 there), so the
# TV on its side pages more rather than shrink its text; a page holds at most PER_PAGE still.
TILE_MIN_W = 220
TILE_MIN_H = 110


class WindowGrid(Part):
    """Every window of the zone (or hall): number, ticket in hand, state."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.tiles: list[WindowTile] = []
        self.page = 0

    @property
    def per_page(self) -> int:
        """Windows a page holds: PER_PAGE, fewer in portrait when tiles would get too small."""
        if not self.portrait:
            return PER_PAGE
        area, u = self._area(), self.u
        return fit_page(
            len(self.tiles),
            area.width(),
            area.height(),
            gap=14 * u,
            min_w=TILE_MIN_W * u,
            min_h=TILE_MIN_H * u,
            most=PER_PAGE,
        )

    @property
    def pages(self) -> int:
        """How many pages the windows take."""
        return page_count(len(self.tiles), self.per_page)

    def visible_tiles(self) -> list[WindowTile]:
        """The windows on the page shown now."""
        return page_items(self.tiles, self.page, self.per_page)

    def next_page(self) -> None:
        """Turn to the next page (back to the first after the last)."""
        self.page = (self.page + 1) % self.pages
        self.update()

    def shape(self) -> tuple[int, int]:
        """(columns, rows) of every page: those of the fullest page, so the tiles keep their
        size and place when the page turns (a page one window short leaves its last cell
        empty)."""
        area = self._area()
        cap = None
        if self.portrait:  # as narrow as a landscape tile at the most
            gap = 14 * self.u
            cap = max(1, int((area.width() + gap) // (TILE_MIN_W * self.u + gap)))
        fullest = largest_page(len(self.tiles), self.per_page)
        return grid_shape(fullest, area.width(), area.height(), max_cols=cap)

    def tile_rects(self) -> list[QRectF]:
        """Where the tiles of the page shown now go, in order, in the grid of `shape`."""
        area, gap = self._area(), 14 * self.u
        cols, rows = self.shape()
        tw = (area.width() - gap * (cols - 1)) / cols
        th = tile_height(cols, rows, area.width(), area.height(), gap)
        return [
            QRectF(area.left() + c * (tw + gap), area.top() + r * (th + gap), tw, th)
            for r, c in (divmod(i, cols) for i in range(len(self.visible_tiles())))
        ]

    def _area(self) -> QRectF:
        pad = 20 * self.u
        return QRectF(pad, 70 * self.u, self.width() - 2 * pad, self.height() - 70 * self.u - pad)

    def resizeEvent(self, _e: QResizeEvent) -> None:  # noqa: N802 - Qt API
        if self.page >= self.pages:  # fewer pages at this size
            self.page = 0

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        panel(p, QRectF(0, 0, w, h), 18 * u, theme.NAVY_PANEL, theme.NAVY_LINE)
        pad = 20 * u
        zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Windows"))
        title = QRectF(pad, 12 * u, w * 0.4, 48 * u)
        used = draw_text(p, title, zh, 30 * u, "#FFF", bold=True)
        draw_text(p, title.adjusted(used + 12 * u, 0, 0, 0), en, 20 * u, theme.MUTED_ON_DARK)
        self._legend(p, QRectF(w * 0.4, 12 * u, w * 0.6 - pad, 48 * u))
        for rect, tile in zip(self.tile_rects(), self.visible_tiles(), strict=True):
            self._tile(p, rect, tile)
        p.end()

    def _legend(self, p: QPainter, rect: QRectF) -> None:
        u = self.u
        x = rect.right()
        label = f"{self.page + 1}/{self.pages}" if self.pages > 1 else ""
        if label:
            x -= (
                draw_text(
                    p,
                    QRectF(x - 80 * u, rect.top(), 80 * u, rect.height()),
                    label,
                    22 * u,
                    theme.GOLD,
                    bold=True,
                    align=RIGHT,
                )
                + 22 * u
            )
        for state in ("closed", "paused", "idle", "serving", "calling"):
            text = self.texts.zh(STATE_TEXTS[state])
            width = draw_text(
                p,
                QRectF(x - 120 * u, rect.top(), 120 * u, rect.height()),
                text,
                19 * u,
                theme.MUTED_ON_DARK,
                align=RIGHT,
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.STATE_COLOURS[state]))
            p.drawEllipse(QPointF(x - width - 14 * u, rect.center().y()), 7 * u, 7 * u)
            x -= width + 40 * u

    def _tile(self, p: QPainter, rect: QRectF, tile: WindowTile) -> None:
        state = tile.state
        colour = theme.STATE_COLOURS[state]
        dim = state == "closed"
        fill = {"calling": "#164A98", "serving": "#0F3D63", "paused": "#3A3243"}.get(
            state, "#0E2E62"
        )
        panel(p, rect, 14 * self.u, fill)
        stripe = max(4.0, rect.width() * 0.035)
        p.fillRect(
            QRectF(rect.left(), rect.top() + 10 * self.u, stripe, rect.height() - 20 * self.u),
            QColor(colour),
        )
        th = rect.height()
        inner = rect.adjusted(stripe + th * 0.09, th * 0.06, -th * 0.07, -th * 0.06)
        head = QRectF(inner.left(), inner.top(), inner.width(), th * 0.2)
        window_text = f"{tile.number}{self.texts.zh(QT_TRANSLATE_NOOP('Counter', 'No.'))}"
        used = draw_text(p, head, window_text, th * 0.19, "#8A97B0" if dim else "#FFF", bold=True)
        draw_text(
            p,
            head.adjusted(used + th * 0.06, 0, 0, 0),
            tile.name,
            th * 0.13,
            theme.MUTED_ON_DARK,
            min_px=th * 0.1,
        )
        middle = QRectF(inner.left(), inner.top() + th * 0.22, inner.width(), th * 0.42)
        if tile.current:
            big = theme.GOLD if state == "calling" else "#FFF"
            draw_text(p, middle, tile.current, th * 0.36, big, bold=True)
        elif state == "paused":
            reason = tile.pause_reason or self.texts.zh(STATE_TEXTS["paused"])
            draw_text(p, middle, reason, th * 0.2, theme.PAUSED_ORANGE, bold=True)
        else:
            draw_text(p, middle, "—", th * 0.3, "#5D6E8F")
        zh, en = self.texts.dual(STATE_TEXTS[state])
        if state == "paused":
            zh = self.texts.zh(QT_TRANSLATE_NOOP("Counter", "Service paused"))
        foot = QRectF(inner.left(), inner.bottom() - th * 0.24, inner.width(), th * 0.24)
        used = draw_text(p, foot, zh, th * 0.16, colour, bold=True)
        draw_text(p, foot.adjusted(used + th * 0.05, 0, 0, 0), en, th * 0.11, theme.MUTED_ON_DARK)


class RecentCalls(Part):
    """The last calls, newest first."""

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.calls: list[Call] = []
        self.tz: tzinfo | None = None  # the hall's time zone, once known

    def rows(self) -> int:
        """How many calls fit."""
        return max(0, int((self.height() - 106 * self.u) // (56 * self.u)))

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        panel(p, QRectF(0, 0, w, h), 18 * u, theme.NAVY_PANEL, theme.NAVY_LINE)
        pad = 24 * u
        zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Recent calls"))
        title = QRectF(pad, 12 * u, w - 2 * pad, 48 * u)
        used = draw_text(p, title, zh, 30 * u, "#FFF", bold=True)
        draw_text(p, title.adjusted(used + 12 * u, 0, 0, 0), en, 20 * u, theme.MUTED_ON_DARK)
        y = 68 * u
        cols = (pad, w * 0.36, w * 0.72)
        heads = (
            QT_TRANSLATE_NOOP("Counter", "Number"),
            QT_TRANSLATE_NOOP("Counter", "Window"),
            QT_TRANSLATE_NOOP("Counter", "Time"),
        )
        for x, source in zip(cols, heads, strict=True):
            hz, he = self.texts.dual(source)
            draw_text(p, QRectF(x, y, w * 0.3, 32 * u), f"{hz} {he}", 19 * u, theme.MUTED_ON_DARK)
        y += 40 * u
        row_h = 56 * u
        for i, call in enumerate(self.calls[: self.rows()]):
            row = QRectF(pad * 0.5, y, w - pad, row_h - 8 * u)
            panel(p, row, 10 * u, "#14407F" if i == 0 else "#0E3470")
            if i == 0:
                p.fillRect(QRectF(row.left(), row.top(), 6 * u, row.height()), QColor(theme.GOLD))
            draw_text(
                p,
                QRectF(cols[0], y, w * 0.3, row.height()),
                call.number,
                40 * u,
                theme.GOLD,
                bold=True,
            )
            window_zh = self.texts.zh(QT_TRANSLATE_NOOP("Counter", "window (after its number)"))
            used = draw_text(
                p,
                QRectF(cols[1], y, w * 0.1, row.height()),
                str(call.window),
                40 * u,
                "#FFF",
                bold=True,
            )
            draw_text(
                p,
                QRectF(cols[1] + used + 6 * u, y, w * 0.2, row.height()),
                window_zh,
                26 * u,
                "#FFF",
            )
            stamp = call.at.astimezone(self.tz) if call.at else None
            tag = self.texts.zh(QT_TRANSLATE_NOOP("Counter", "Recall")) if call.recall else ""
            text = f"{tag}  {stamp:%H:%M}" if stamp else tag
            draw_text(
                p,
                QRectF(cols[2], y, w - cols[2] - pad, row.height()),
                text.strip(),
                28 * u,
                theme.MUTED_ON_DARK,
                align=RIGHT,
            )
            y += row_h
        p.end()
