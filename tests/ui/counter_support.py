"""Fixtures and helpers for the counter-side UI tests: apps built by the same builders as
`hallq`, a hall driven over HTTP, and a clock the tests move by hand.

Import fixtures by name into a test module; `hall_server` and `twin_server` come from
tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter_display.announcer import RecordingAnnouncer
from counter_display.apps import (
    Counter,
    Display,
    Evaluator,
    WindowScreen,
    build_counter,
    build_display,
    build_evaluator,
    build_window_display,
)
from kiosk.printing import SlipPrinter
from queue_server.config import HallConfig, load_hall
from tests.serverproc import MINI_HALL, ServerProcess

KIOSK_KEY = "test-kiosk-key"
EVALUATOR_KEY = "test-evaluator-key-1"
WAIT_MS = 8000  # bound for anything the hall must show; never a pace
# What the console's clock says (notice stamps): 10:15 in the hall, whatever the machine's zone.
FIXED_NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Asia/Shanghai"))


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A real left click on a (visible, enabled) widget."""
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@dataclass
class ManualClock:
    """A monotonic clock the test advances (highlight turns on the TV)."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Hall:
    """The test hall's server, driven over HTTP like a kiosk and other counters would."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.tokens: dict[int, str] = {}

    def issue(self, matter: str, **extra: Any) -> dict[str, Any]:
        status, ticket = self.server.post(
            "/api/v1/tickets", {"matter": matter, **extra}, token=KIOSK_KEY
        )
        assert status == 201, ticket
        return dict(ticket)

    def sign_in(self, staff: str, pin: str, window: int) -> str:
        body = {"staff_id": staff, "pin": pin, "window": window}
        status, answer = self.server.post("/api/v1/auth/login", body)
        assert status == 200, answer
        self.tokens[window] = answer["token"]
        return str(answer["token"])

    def act(self, window: int, action: str, body: dict[str, Any] | None = None) -> Any:
        status, answer = self.server.post(
            f"/api/v1/windows/{window}/{action}", body, self.tokens[window]
        )
        assert status < 300, answer
        return answer


@pytest.fixture
def mini_hall() -> HallConfig:
    return load_hall(MINI_HALL)


@pytest.fixture
def hall(hall_server: ServerProcess) -> Hall:
    return Hall(hall_server)


@pytest.fixture
def make_counter(qtbot: QtBot, mini_hall: HallConfig) -> Iterator[Callable[..., Counter]]:
    """Factory: `make_counter(url, window=1, printer=None)` → a shown console, closed at the end."""
    made: list[Counter] = []

    def make(url: str, *, window: int = 1, printer: SlipPrinter | None = None) -> Counter:
        counter = build_counter(
            server=url,
            window=window,
            hall=mini_hall,
            printer=printer,
            clock=lambda: FIXED_NOW,
            timeout_ms=3000,
        )
        counter.window.resize(1366, 800)
        counter.window.show()
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.close()


def sign_in(qtbot: QtBot, counter: Counter, staff: str, pin: str) -> None:
    """Type the staff ID and PIN into the sign-in page and wait for the work page."""
    page = counter.window.login_page
    page.staff_id.clear()
    page.pin.clear()
    qtbot.keyClicks(page.staff_id, staff)
    qtbot.keyClicks(page.pin, pin)
    click(qtbot, page.sign_in)
    qtbot.waitUntil(lambda: counter.session.view is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: counter.client.online, timeout=WAIT_MS)


@pytest.fixture
def make_display(qtbot: QtBot) -> Iterator[Callable[..., tuple[Display, RecordingAnnouncer]]]:
    """Factory: `make_display(url, zone=None, clock=None)` → (TV, its recording announcer)."""
    made: list[Display] = []

    def make(
        url: str,
        *,
        zone: str | None = None,
        clock: ManualClock | None = None,
        size: tuple[int, int] = (1920, 1080),
    ) -> tuple[Display, RecordingAnnouncer]:
        announcer = RecordingAnnouncer()
        display = build_display(
            server=url, announcer=announcer, zone=zone, monotonic=clock or ManualClock()
        )
        display.tv.resize(*size)
        display.tv.show()
        made.append(display)
        qtbot.waitUntil(lambda: display.feed.board.synced, timeout=WAIT_MS)
        return display, announcer

    yield make
    for display in made:
        display.close()


@pytest.fixture
def make_window_display(qtbot: QtBot) -> Iterator[Callable[..., WindowScreen]]:
    made: list[WindowScreen] = []

    def make(url: str, *, window: int = 1) -> WindowScreen:
        screen = build_window_display(server=url, window=window)
        screen.screen.show()
        made.append(screen)
        qtbot.waitUntil(lambda: screen.feed.board.synced, timeout=WAIT_MS)
        return screen

    yield make
    for screen in made:
        screen.close()


@pytest.fixture
def make_evaluator(qtbot: QtBot) -> Iterator[Callable[..., Evaluator]]:
    made: list[Evaluator] = []

    def make(url: str, *, ask_s: float = 60.0, thanks_s: float = 6.0) -> Evaluator:
        evaluator = build_evaluator(
            server=url, window=1, key=EVALUATOR_KEY, ask_s=ask_s, thanks_s=thanks_s
        )
        evaluator.window.show()
        made.append(evaluator)
        # Online and past its first snapshot: what happens from now on arrives as events.
        qtbot.waitUntil(lambda: evaluator.client.last_seq is not None, timeout=WAIT_MS)
        return evaluator

    yield make
    for evaluator in made:
        evaluator.close()


def shown_call(display: Display) -> tuple[str, bool] | None:
    """(number, highlighted) of the big call panel, or None."""
    showing = display.tv.call_panel.showing
    return (showing.call.number, showing.highlighted) if showing else None
