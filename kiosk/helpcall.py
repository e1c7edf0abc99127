"""呼叫工作人员 / Call staff: one call to the guide desk, then a rest before the next.

A tap sends `POST /devices/help` with the screen the citizen is on and the language; the
server answers with the new call (201) or with this kiosk's call still open (200). Either way
the staff have it: `called` fires and the button rests for `cooldown_s`, so repeated taps
never spam the desk. No answer (or a refusal): `failed`, and the button is back at once.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.entry import Refusal
from queue_server.client import ApiError, QueueClient

log = logging.getLogger(__name__)

READY, CALLING, RESTING = "ready", "calling", "resting"


class HelpDesk(QObject):
    """The kiosk's calls for help: `state_changed(ready|calling|resting)`, `called(call)`,
    `failed(Refusal)`."""

    state_changed = Signal(str)
    called = Signal(object)  # the call as the server holds it (dict)
    failed = Signal(object)  # Refusal

    def __init__(self, client: QueueClient, *, cooldown_s: float) -> None:
        super().__init__()
        self.client = client
        self.state = READY
        self._stopped = False
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(int(cooldown_s * 1000))
        self._rest.timeout.connect(lambda: self._set(READY))

    def call(self, *, screen: str, lang: str) -> None:
        """Call the staff, unless a call is on its way or the button is resting."""
        if self.state != READY or self._stopped:
            return
        self._set(CALLING)
        reply = self.client.call_for_help(screen=screen, lang=lang)
        reply.finished.connect(self._on_called)
        reply.failed.connect(self._on_failed)

    def stop(self) -> None:
        """No more calls; late answers are ignored (shutdown, tests)."""
        self._stopped = True
        self._rest.stop()

    def _on_called(self, call: Any) -> None:
        if self._stopped:
            return
        seq = call.get("id") if isinstance(call, dict) else None
        log.info("staff called for help (call %s)", seq)
        self._set(RESTING)
        self._rest.start()
        self.called.emit(call)

    def _on_failed(self, error: ApiError) -> None:
        if self._stopped:
            return
        log.warning("call for help not made: %s %s (%s)", error.status, error.code, error.detail)
        self._set(READY)
        self.failed.emit(Refusal(error.code, error.message, error.message_zh))

    def _set(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
