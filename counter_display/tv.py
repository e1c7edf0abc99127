"""The hall TV (`hallq display`): the newest call huge, recent calls, windows, waiting, notice.

Landscape: the call and the recent calls beside the window grid. Portrait (a TV on its side,
at most 2:3 wide, as the browser TV decides): one column — the call across the width, the
recent calls, the window grid with the height left, the waiting chips three to a row. The
layout follows the TV's size whenever it changes, unless forced (`layout`).

A thin widget: the live state comes from an injected `HallFeed`, the hall's names from the
catalogue the feed's client fetches; voice is wired separately (`CallAnnouncer`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from counter_display import theme
from counter_display.board import Call
from counter_display.feed import HallFeed, refusal_text
from counter_display.highlight import HighlightQueue
from counter_display.i18n import Texts
from counter_display.tv_footer import NoticeBar, WaitingBar
from counter_display.tv_grid import RecentCalls, WindowGrid
from counter_display.tv_parts import ROW_PORTRAIT, CallPanel, Header
from queue_server.client import ApiError

log = logging.getLogger(__name__)
CATALOG_RETRY_MS = 5000


class HallTV(QWidget):
    """The full-screen hall (or zone) display."""

    def __init__(
        self,
        feed: HallFeed,
        texts: Texts,
        *,
        highlight: HighlightQueue | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Callable[[], datetime] = datetime.now,
        page_s: float = 10.0,
        layout: str = "auto",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if layout not in theme.LAYOUTS:
            raise ValueError(f"layout must be one of {theme.LAYOUTS}, not {layout!r}")
        self.layout_mode = layout
        self.portrait = False
        self.setObjectName("HallTV")
        self.setWindowTitle("HallQ")
        self.feed = feed
        self.texts = texts
        self.highlight = highlight or HighlightQueue()
        self.monotonic = monotonic
        self.clock = clock
        self.header = Header(texts, self)
        self.call_panel = CallPanel(texts, self)
        self.recent = RecentCalls(texts, self)
        self.grid = WindowGrid(texts, self)
        self.waiting = WaitingBar(texts, self)
        self.notice = NoticeBar(texts, self)
        self._parts = (
            self.header,
            self.call_panel,
            self.recent,
            self.grid,
            self.waiting,
            self.notice,
        )
        feed.changed.connect(self._on_changed)
        feed.called.connect(self._on_called)
        feed.online_changed.connect(self._on_online)
        feed.zone_changed.connect(lambda _code: self.load_catalog())
        feed.refused.connect(self._on_refused)
        self._tick = self._timer(250, self._on_tick)
        self._pager = self._timer(int(page_s * 1000), self.grid.next_page)
        self._catalog_retry = QTimer(self)
        self._catalog_retry.setSingleShot(True)
        self._catalog_retry.timeout.connect(self.load_catalog)
        self._tick.start()
        self._pager.start()
        self.resize(1920, 1080)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- data ------------------------------------------------------------------------------
    def load_catalog(self) -> None:
        """Fetch the hall's names and notice (retried until the server answers)."""
        reply = self.feed.client.catalog()
        reply.finished.connect(self._on_catalog)
        reply.failed.connect(lambda _err: self._catalog_retry.start(CATALOG_RETRY_MS))

    def _on_catalog(self, catalog: Any) -> None:
        if not isinstance(catalog, dict):
            return
        hall = catalog.get("hall") or {}
        self.header.hall = (str(hall.get("name", "")), str(hall.get("name_en", "")))
        try:
            self.recent.tz = ZoneInfo(str(hall.get("timezone") or "Asia/Shanghai"))
        except (ValueError, KeyError):
            log.warning("unknown hall time zone %r", hall.get("timezone"))
        zone = self.feed.board.zone
        zones = [z for z in catalog.get("zones") or [] if not zone or z.get("code") == zone]
        self.waiting.zones = [
            (z["code"], z["name"], z.get("name_en", ""), z.get("prefix", "")) for z in zones
        ]
        if zone and zones:
            z = zones[0]
            self.header.zone = (f"{z['name']} · {z.get('prefix', '')}", z.get("name_en", ""))
        self.relayout()  # in portrait the zones and the zone label take room of their own
        self.call_panel.matter_names = {
            m["code"]: (m.get("name", ""), m.get("name_en", ""))
            for m in catalog.get("matters") or []
        }
        self.notice.set_notice(str(hall.get("notice", "")), str(hall.get("notice_en", "")))
        self.update()
        for part in self._parts:
            part.update()

    def _on_changed(self) -> None:
        board = self.feed.board
        self.recent.calls = list(board.calls)
        self.grid.tiles = board.tiles()
        if self.grid.page >= self.grid.pages:
            self.grid.page = 0
        self.waiting.waiting = dict(board.waiting)
        if self.highlight.tick(self.monotonic()) is None and board.calls:
            self.highlight.show_latest(board.calls[0], self.monotonic())
        self._on_tick()
        for part in (self.recent, self.grid, self.waiting):
            part.update()

    def _on_called(self, call: Call) -> None:
        self.highlight.push(call, self.monotonic())
        self._on_tick()

    def _on_online(self, online: bool) -> None:
        self.header.online = online
        if self.portrait:
            self.relayout()  # the connection state takes a header row of its own
        self.header.update()

    def _on_refused(self, err: ApiError) -> None:
        """No such zone: say so where the connection state is, for good."""
        zh, en = refusal_text(self.feed.client.zone, err)
        self.header.problem = f"{zh}  {en}"
        self.call_panel.problem = (zh, en)
        self.relayout()
        for part in (self.header, self.call_panel):
            part.update()

    # -- time --------------------------------------------------------------------------------
    def _on_tick(self) -> None:
        showing = self.highlight.tick(self.monotonic())
        flash = showing is not None and showing.highlighted and int(self.monotonic() * 2) % 2 == 0
        if showing != self.call_panel.showing or flash != self.call_panel.flash:
            self.call_panel.showing, self.call_panel.flash = showing, flash
            self.call_panel.update()
        now = self.clock().astimezone(self.recent.tz)  # the hall's time, whatever the TV's zone
        if now.second != self.header.now.second or now.minute != self.header.now.minute:
            self.header.now = now
            self.header.update()

    # -- layout --------------------------------------------------------------------------------
    def resizeEvent(self, _e: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self.relayout()

    def relayout(self) -> None:
        """Choose the layout for the TV's size (or the forced one) and place the parts."""
        w, h = self.width(), self.height()
        self.portrait = theme.is_portrait(w, h, self.layout_mode)
        u = theme.portrait_unit(w, h) if self.portrait else theme.unit(w, h)
        for part in self._parts:
            part.u, part.portrait = u, self.portrait
        if self.portrait:
            self._place_portrait(w, h, u)
        else:
            self._place_landscape(w, h, u)
        for part in self._parts:
            part.update()
        self.update()

    def _place_portrait(self, w: int, h: int, u: float) -> None:
        m = round(24 * u)
        gap = round(18 * u)
        width = w - 2 * m
        rows = 2 if self.header.second_row() else 1
        header_h = round((ROW_PORTRAIT + (rows - 1) * 72) * u)
        self.header.setGeometry(m, round(10 * u), width, header_h)
        top = round(10 * u) + header_h + gap
        call_h = round(350 * u)  # the number about 15 % of the width (browser TV: 16 %)
        recent_h = round(386 * u)  # five calls
        self.call_panel.setGeometry(m, top, width, call_h)
        self.recent.setGeometry(m, top + call_h + gap, width, recent_h)
        notice_h = round(62 * u)
        notice_top = h - m - notice_h
        waiting_h = self.waiting.height_for(u)
        waiting_top = notice_top - gap - waiting_h
        grid_top = top + call_h + gap + recent_h + gap
        self.grid.setGeometry(m, grid_top, width, max(0, waiting_top - gap - grid_top))
        self.waiting.setGeometry(m, waiting_top, width, waiting_h)
        self.notice.setGeometry(m, notice_top, width, notice_h)

    def _place_landscape(self, w: int, h: int, u: float) -> None:
        m = round(24 * u)
        gap = round(18 * u)
        header_h = round(104 * u)
        notice_h = round(62 * u)
        waiting_h = round(92 * u)
        self.header.setGeometry(m, round(10 * u), w - 2 * m, header_h)
        top = round(10 * u) + header_h + gap
        bottom = h - m - notice_h - gap - waiting_h - gap
        left_w = round((w - 2 * m - gap) * 0.47)
        body_h = bottom - top
        call_h = round(body_h * 0.52)
        self.call_panel.setGeometry(m, top, left_w, call_h)
        self.recent.setGeometry(m, top + call_h + gap, left_w, body_h - call_h - gap)
        self.grid.setGeometry(m + left_w + gap, top, w - 2 * m - left_w - gap, body_h)
        self.waiting.setGeometry(m, bottom + gap, w - 2 * m, waiting_h)
        self.notice.setGeometry(m, h - m - notice_h, w - 2 * m, notice_h)

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        grad = QLinearGradient(0, 0, 0, self.height())
        grad.setColorAt(0, QColor(theme.NAVY_DEEP))
        grad.setColorAt(1, QColor(theme.NIGHT))
        p.fillRect(self.rect(), grad)
        line = QRect(
            0,
            self.header.geometry().bottom() + round(6 * self.header.u),
            self.width(),
            max(2, round(3 * self.header.u)),
        )
        p.fillRect(line, QColor(theme.GOLD_DEEP))
        p.end()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """F11 toggles full screen; Esc leaves it (a maintenance keyboard may be plugged in)."""
        if event.key() == Qt.Key.Key_F11 and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_F11:
            self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)
