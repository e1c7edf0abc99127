"""The evaluator's controller: asks after each service of its window, posts one rating.

Qt signals, no widgets: `EvaluatorWindow` shows what this controller decides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter_display.board import parse_time
from counter_display.feed import utc_now
from counter_display.highlight import Freshness
from counter_display.i18n import Texts
from counter_display.rating import EvaluationFlow, Step
from queue_server.client import ApiError, QueueClient

log = logging.getLogger(__name__)


class EvaluatorController(QObject):
    """Follows `ticket.completed` of one window and sends the citizen's rating."""

    changed = Signal()  # step, ticket or message changed
    online_changed = Signal(bool)

    def __init__(
        self,
        client: QueueClient,
        texts: Texts,
        *,
        window: int,
        ask_s: float = 60.0,
        thanks_s: float = 6.0,
        clock: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.texts = texts
        self.window = window
        self.flow = EvaluationFlow()
        self.message: tuple[str, str] | None = None  # (Chinese, English) of the last refusal
        self.clock = clock
        self._fresh = Freshness()
        self._ask = self._timer(ask_s, self._give_up)
        self._thanks = self._timer(thanks_s, self._back_to_idle)
        client.event.connect(self._on_event)
        client.online_changed.connect(self.online_changed)

    def _timer(self, seconds: float, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(int(seconds * 1000))
        timer.timeout.connect(slot)
        return timer

    @property
    def step(self) -> Step:
        """Where the citizen is."""
        return self.flow.step

    def start(self) -> None:
        """Follow the live events (reconnecting by itself)."""
        self.client.connect_events()

    def _on_event(self, event: Any) -> None:
        if not isinstance(event, dict) or event.get("type") != "ticket.completed":
            return
        if event.get("window") != self.window or not isinstance(event.get("ticket"), str):
            return
        if not self._fresh.is_fresh(parse_time(event.get("at")), self.clock()):
            return
        if self.flow.service_finished(event["ticket"]):
            self.message = None
            self._thanks.stop()
            self._ask.start()
            self.changed.emit()

    def choose(self, rating: int) -> None:
        """The citizen touched a face."""
        ready = self.flow.choose(rating)
        self._ask.start()  # they are here: give them time again
        if ready:
            self._send()
        self.changed.emit()

    def submit_reasons(self, reasons: list[str]) -> None:
        """The citizen confirmed why they are not satisfied."""
        if self.flow.submit_reasons(reasons):
            self._send()
        self.changed.emit()

    def back(self) -> None:
        """From the reasons back to the faces."""
        if self.flow.step is Step.REASONS:
            self.flow.step = Step.ASKING
            self.changed.emit()

    def _send(self) -> None:
        flow = self.flow
        body = {
            "rating": flow.rating,
            "reasons": [self.texts.zh(r) for r in flow.reasons],
            "comment": "",
        }
        reply = self.client.post(f"/windows/{self.window}/evaluation", body)
        reply.finished.connect(lambda _data: self._sent())
        reply.failed.connect(self._refused)

    def _sent(self) -> None:
        log.info("window %s: %s rated %s", self.window, self.flow.ticket, self.flow.rating)
        self.flow.sent()
        self._ask.stop()
        self._thanks.start()
        self.changed.emit()

    def _refused(self, error: ApiError) -> None:
        log.warning("rating not taken: %s (%s)", error, error.code)
        if error.code == "already_rated":
            self.message = (error.message_zh, error.message)
            self._sent()
            return
        self.message = (error.message_zh, error.message)
        self.flow.failed()
        self.changed.emit()

    def _give_up(self) -> None:
        if self.flow.step in (Step.ASKING, Step.REASONS):
            log.info("window %s: %s was not rated in time", self.window, self.flow.ticket)
            self._back_to_idle()

    def _back_to_idle(self) -> None:
        self.flow.reset()
        self.message = None
        self.changed.emit()
