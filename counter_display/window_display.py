"""The display above one counter (`hallq window-display`): window, ticket in hand, or why not.

Shows the window number and name, the current number big ("请 A012 号办理" while called,
"正在办理" while served), "暂停服务" and the reason when paused, "暂未开放" when closed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QColor, QLinearGradient, QPaintEvent

from counter_display import theme
from counter_display.board import Call, WindowTile
from counter_display.feed import HallFeed
from counter_display.i18n import Texts
from counter_display.qtkit import draw_text, panel
from counter_display.texts import NO_SUCH_WINDOW, QT_TRANSLATE_NOOP
from counter_display.tv_parts import CENTER, Part

FLASH_S = 8.0


class WindowDisplay(Part):
    """One window's screen; every size comes from the widget's size."""

    def __init__(
        self,
        feed: HallFeed,
        texts: Texts,
        *,
        window: int,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(texts)
        self.setWindowTitle(f"HallQ · {window}")
        self.feed = feed
        self.window_no = window
        self.monotonic = monotonic
        self._called_at = -1e9
        feed.changed.connect(self.update)
        feed.called.connect(self._on_called)
        feed.online_changed.connect(lambda _online: self.update())
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self.update)
        self._timer.start()
        self.resize(1280, 400)

    @property
    def tile(self) -> WindowTile:
        """This window as the feed knows it."""
        return self.feed.board.windows.get(self.window_no) or WindowTile(self.window_no)

    def lines(self) -> list[str]:
        """The main texts on screen: the big line, then the line under it (Chinese, English)."""
        tile = self.tile
        state = tile.state
        board = self.feed.board
        if board.synced and self.window_no not in board.windows:  # /state lists every window
            zh, en = self.texts.dual(NO_SUCH_WINDOW)
            return [zh.replace("%1", str(self.window_no)), en.replace("%1", str(self.window_no))]
        if state == "closed":
            return [*self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Not open yet"))]
        if state == "paused":
            zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Service paused"))
            return [zh, tile.pause_reason or en]
        if tile.current:
            source = (
                QT_TRANSLATE_NOOP("Counter", "Now serving")
                if state == "serving"
                else QT_TRANSLATE_NOOP("Counter", "Please come to this window")
            )
            return [tile.current, *self.texts.dual(source)]
        return [*self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Please wait for your number"))]

    def _on_called(self, call: Call) -> None:
        if call.window == self.window_no:
            self._called_at = self.monotonic()
            self.update()

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        w, h = self.width(), self.height()
        u = min(w / 1280, h / 400)
        p = self.painter()
        grad = QLinearGradient(0, 0, 0, h)
        grad.setColorAt(0, QColor(theme.NAVY_DEEP))
        grad.setColorAt(1, QColor(theme.NIGHT))
        p.fillRect(self.rect(), grad)
        tile = self.tile
        left = QRectF(20 * u, 20 * u, w * 0.3 - 20 * u, h - 40 * u)
        panel(p, left, 18 * u, theme.RED)
        number_zh = self.texts.zh(QT_TRANSLATE_NOOP("Counter", "No."))
        draw_text(
            p,
            left.adjusted(0, h * 0.08, 0, -h * 0.42),
            f"{self.window_no}{number_zh}",
            h * 0.34,
            "#FFF",
            bold=True,
            align=CENTER,
        )
        window_zh, window_en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Window"))
        draw_text(
            p,
            left.adjusted(0, h * 0.5, 0, -h * 0.28),
            f"{window_zh} {window_en}",
            h * 0.1,
            "#FFE3E8",
            bold=True,
            align=CENTER,
        )
        draw_text(
            p,
            left.adjusted(14 * u, h * 0.68, -14 * u, -h * 0.08),
            tile.name,
            h * 0.08,
            "#FFF",
            align=CENTER,
        )
        right = QRectF(w * 0.3 + 20 * u, 20 * u, w * 0.7 - 40 * u, h - 40 * u)
        self._main(p, right, tile, u)
        if self.feed.online is False:
            zh, en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Reconnecting"))
            bar = QRectF(right.left(), h - 62 * u, right.width(), 42 * u)
            panel(p, bar, 10 * u, theme.ALERT_RED)
            draw_text(p, bar, f"{zh}  {en}", 26 * u, "#FFF", bold=True, align=CENTER)
        p.end()

    def _main(self, p: Any, rect: QRectF, tile: WindowTile, u: float) -> None:
        lines = self.lines()
        h = rect.height()
        state = tile.state
        if tile.current:
            lit = self.monotonic() - self._called_at < FLASH_S and state == "calling"
            if lit:
                panel(p, rect, 18 * u, theme.GOLD)
            colour = theme.INK if lit else (theme.GOLD if state == "calling" else "#FFF")
            draw_text(
                p,
                rect.adjusted(20 * u, h * 0.02, -20 * u, -h * 0.36),
                lines[0],
                h * 0.6,
                colour,
                bold=True,
                align=CENTER,
            )
            draw_text(
                p,
                rect.adjusted(20 * u, h * 0.64, -20 * u, -h * 0.17),
                lines[1],
                h * 0.15,
                theme.INK if lit else "#FFF",
                bold=True,
                align=CENTER,
            )
            draw_text(
                p,
                rect.adjusted(20 * u, h * 0.83, -20 * u, -h * 0.03),
                lines[2],
                h * 0.1,
                "#4A3A10" if lit else theme.MUTED_ON_DARK,
                align=CENTER,
            )
            return
        colour = {"paused": theme.PAUSED_ORANGE, "closed": theme.CLOSED_GREY}.get(state, "#FFF")
        draw_text(
            p,
            rect.adjusted(20 * u, h * 0.12, -20 * u, -h * 0.42),
            lines[0],
            h * 0.36,
            colour,
            bold=True,
            align=CENTER,
        )
        draw_text(
            p,
            rect.adjusted(20 * u, h * 0.6, -20 * u, -h * 0.16),
            lines[1],
            h * 0.16,
            "#FFF" if state == "paused" else theme.MUTED_ON_DARK,
            align=CENTER,
        )
