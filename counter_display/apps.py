"""Builders of the counter-side apps: the parts wired together, with what the caller injects.

The composition root (`counter_display.__main__`) passes the real client URL, printer and
announcer; tests and the screenshot script pass fakes (a RecordingAnnouncer, a fake printer,
a fixed clock) and drive the returned widgets.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_display.announcer import Announcer
from counter_display.board import HallBoard
from counter_display.console import ConsoleWindow
from counter_display.console_logic import key_map
from counter_display.counter_session import CounterSession
from counter_display.evaluation import EvaluatorController
from counter_display.evaluator import EvaluatorWindow
from counter_display.feed import CallAnnouncer, HallFeed
from counter_display.highlight import HighlightQueue
from counter_display.i18n import Texts
from counter_display.notice import NoticeDesk
from counter_display.qtkit import load_fonts
from counter_display.texts import NO_SUCH_WINDOW
from counter_display.tv import HallTV
from counter_display.window_display import WindowDisplay
from kiosk.printing import SlipPrinter
from queue_server.client import QueueClient
from queue_server.config import HallConfig

log = logging.getLogger(__name__)
ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass
class Counter:
    """A built counter console."""

    window: ConsoleWindow
    session: CounterSession
    client: QueueClient
    notices: NoticeDesk

    def close(self) -> None:
        """Close the window, the event stream, and wait for a print in hand."""
        self.window.close()
        self.client.close()
        self.notices.wait(10000)
        self.window.deleteLater()


def build_counter(
    *,
    server: str,
    window: int,
    hall: HallConfig | None = None,
    printer: SlipPrinter | None = None,
    paper_mm: int = 80,
    staff_hint: str = "",
    clock: Callable[[], datetime] = datetime.now,
    timeout_ms: int = 5000,
) -> Counter:
    """The staff console of one window."""
    load_fonts()
    texts = Texts()
    client = QueueClient(server, timeout_ms=timeout_ms)
    notices = NoticeDesk(printer, paper_mm=paper_mm)
    holidays: tuple[date, ...] = tuple(hall.hall.holidays) if hall else ()
    extra: tuple[date, ...] = tuple(hall.hall.extra_workdays) if hall else ()
    session = CounterSession(
        client, texts, notices, window=window, holidays=holidays, extra_workdays=extra, clock=clock
    )
    console = ConsoleWindow(
        session, keys=key_map(hall.keys if hall else None), staff_hint=staff_hint
    )
    texts.setParent(console)
    notices.setParent(console)
    client.setParent(console)
    session.setParent(console)
    session.start()
    return Counter(console, session, client, notices)


@dataclass
class Display:
    """A built hall TV (and its voice)."""

    tv: HallTV
    feed: HallFeed
    announcer: Announcer
    voice: CallAnnouncer

    def close(self) -> None:
        """Stop the feed and the voice, close the window."""
        self.feed.stop()
        self.announcer.close()
        self.tv.close()
        self.tv.deleteLater()


def build_display(
    *,
    server: str,
    announcer: Announcer,
    zone: str | None = None,
    key: str | None = None,
    recent: int = 10,
    highlight_s: tuple[float, float] = (3.5, 10.0),
    monotonic: Callable[[], float] = time.monotonic,
    layout: str = "auto",
) -> Display:
    """The hall TV of the hall or of one zone; starts following the hall at once.

    `layout`: "auto" (from the TV's size), "landscape" or "portrait"."""
    load_fonts()
    texts = Texts()
    client = QueueClient(server, token=key, zone=zone or None)
    feed = HallFeed(client, board=HallBoard(zone=zone or None, recent=recent))
    queue = HighlightQueue(min_s=highlight_s[0], hold_s=highlight_s[1])
    tv = HallTV(feed, texts, highlight=queue, monotonic=monotonic, layout=layout)
    voice = CallAnnouncer(feed, announcer)
    for child in (texts, client, feed, voice):
        child.setParent(tv)
    tv.load_catalog()
    feed.start()
    return Display(tv, feed, announcer, voice)


@dataclass
class WindowScreen:
    """A built window display."""

    screen: WindowDisplay
    feed: HallFeed

    def close(self) -> None:
        """Stop the feed and close the window."""
        self.feed.stop()
        self.screen.close()
        self.screen.deleteLater()


def build_window_display(*, server: str, window: int) -> WindowScreen:
    """The display above one counter."""
    load_fonts()
    texts = Texts()
    client = QueueClient(server)
    feed = HallFeed(client, board=HallBoard(window=window, recent=3))
    screen = WindowDisplay(feed, texts, window=window)
    for child in (texts, client, feed):
        child.setParent(screen)
    feed.start()
    return WindowScreen(screen, feed)


@dataclass
class Evaluator:
    """A built evaluator."""

    window: EvaluatorWindow
    controller: EvaluatorController
    client: QueueClient
    extra: list[object] = field(default_factory=list)

    def close(self) -> None:
        """Stop following the hall and close the window."""
        self.client.close()
        self.window.close()
        self.window.deleteLater()


def _window_name(state: Any, window: int, texts: Texts) -> str:
    """The window's name from a /state snapshot, or that the hall has no such window."""
    windows = (state or {}).get("windows", []) if isinstance(state, dict) else []
    name = next((w.get("name", "") for w in windows if w.get("number") == window), None)
    if name is None:
        zh, en = texts.dual(NO_SUCH_WINDOW)
        return f"{zh} / {en}".replace("%1", str(window))
    return str(name)


def build_evaluator(
    *, server: str, window: int, key: str, ask_s: float = 60.0, thanks_s: float = 6.0
) -> Evaluator:
    """The rating pad of one window (its evaluator device key)."""
    load_fonts()
    texts = Texts()
    client = QueueClient(server, token=key)
    controller = EvaluatorController(client, texts, window=window, ask_s=ask_s, thanks_s=thanks_s)
    screen = EvaluatorWindow(controller)
    for child in (texts, client, controller):
        child.setParent(screen)
    state = client.state()  # the window's name for the top bar
    state.finished.connect(lambda s: screen.set_window_name(_window_name(s, window, texts)))
    controller.start()
    return Evaluator(screen, controller, client)
