"""Live hall state for the screens: the queue client's snapshots and events into a HallBoard.

`HallFeed` re-syncs from /state whenever the client does (first contact, a gap, a server
that went back), follows events in seq order, and takes a fresh snapshot every
`refresh_s` to correct what events cannot tell (a ticket moved to another zone). New calls
come out of `called` — live ones only, so a reconnection does not replay old calls aloud.
A zone the server does not know is looked up among the zones' ticket prefixes (`A` = the
zone whose tickets start with A); when it is neither, `refused` says so, once, and the feed
stops: reconnecting would never help.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter_display.announcer import Announcer
from counter_display.board import Call, HallBoard
from counter_display.highlight import Freshness
from queue_server.client import ApiError, QueueClient

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def refusal_text(zone: str | None, err: ApiError) -> tuple[str, str]:
    """The server's refusal of a zone, for a screen or a log: (Chinese, English)."""
    if zone and zone in err.message_zh and zone in err.message:
        return err.message_zh, err.message  # the server names the zone itself
    return f"功能区“{zone}”：{err.message_zh}", f"Zone {zone}: {err.message}"


class HallFeed(QObject):
    """A HallBoard kept up to date from a QueueClient."""

    changed = Signal()
    called = Signal(object)  # a fresh Call, in the order the server made them
    online_changed = Signal(bool)
    zone_changed = Signal(str)  # the zone asked for was a ticket prefix: now its code
    refused = Signal(object)  # ApiError: no such zone on the server; the feed has stopped

    def __init__(
        self,
        client: QueueClient,
        *,
        board: HallBoard | None = None,
        clock: Callable[[], datetime] = utc_now,
        refresh_s: float = 30.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.board = board or HallBoard(zone=client.zone)
        self.clock = clock
        self.freshness = Freshness()
        client.resynced.connect(self._on_snapshot)
        client.event.connect(self._on_event)
        client.online_changed.connect(self.online_changed)
        client.refused.connect(self._on_refused)
        self._refresh = QTimer(self)
        self._refresh.setInterval(int(refresh_s * 1000))
        self._refresh.timeout.connect(self._poll)

    @property
    def online(self) -> bool:
        """True while the live event stream is connected."""
        return self.client.online

    def start(self) -> None:
        """Connect (and keep reconnecting) to the live events."""
        self.client.connect_events()
        self._refresh.start()

    def stop(self) -> None:
        """Close the event stream."""
        self._refresh.stop()
        self.client.close()

    def _on_snapshot(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        new = self.board.reset(state)
        for call in new:
            self._maybe_call(call)
        self.changed.emit()

    def _on_event(self, event: Any) -> None:
        if not isinstance(event, dict):
            return
        call = self.board.apply(event)
        if call is not None:
            self._maybe_call(call)
        self.changed.emit()

    def _maybe_call(self, call: Call) -> None:
        if self.freshness.is_fresh(call.at, self.clock()):
            self.called.emit(call)
        else:
            log.info(
                "not announcing %s to window %s: called at %s", call.number, call.window, call.at
            )

    def _on_refused(self, err: ApiError) -> None:
        asked = self.client.zone or ""
        reply = self.client.catalog()
        reply.finished.connect(lambda catalog: self._by_prefix(asked, catalog, err))
        reply.failed.connect(lambda _e: self._stop_refused(err))

    def _by_prefix(self, asked: str, catalog: Any, err: ApiError) -> None:
        zones = catalog.get("zones") or [] if isinstance(catalog, dict) else []
        codes = [
            str(z.get("code"))
            for z in zones
            if isinstance(z, dict) and str(z.get("prefix") or "").upper() == asked.upper()
        ]
        if len(codes) != 1 or codes[0] == asked:
            self._stop_refused(err)
            return
        log.info("zone %s is the ticket prefix of zone %s", asked, codes[0])
        self.client.zone = self.board.zone = codes[0]
        self.zone_changed.emit(codes[0])
        self.client.connect_events()

    def _stop_refused(self, err: ApiError) -> None:
        self._refresh.stop()
        self.refused.emit(err)

    def _poll(self) -> None:
        if not self.client.online:
            return
        reply = self.client.state()
        reply.finished.connect(self._on_poll)

    def _on_poll(self, state: Any) -> None:
        if isinstance(state, dict) and self.board.refresh(state):
            self.changed.emit()


class CallAnnouncer(QObject):
    """Speaks each fresh call of a feed: the announcer queues them in order."""

    def __init__(self, feed: HallFeed, announcer: Announcer, parent: QObject | None = None):
        super().__init__(parent)
        self.announcer = announcer
        feed.called.connect(self._announce)

    def _announce(self, call: Call) -> None:
        log.info("%s %s → window %s", "recall" if call.recall else "call", call.number, call.window)
        self.announcer.announce(call.number, call.window, recall=call.recall)
