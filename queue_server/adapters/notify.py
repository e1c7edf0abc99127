"""PostgreSQL LISTEN/NOTIFY between the server processes sharing one database.

- `hallq_events`: every transaction that appends events sends it (delivered at commit); the
  listener pokes this process's event hub, which then reads the log.
- `hallq_sessions`: a logout or a sign-in that ends a window's earlier sessions sends it with
  what was revoked; the listener makes this process's session cache forget it at once, instead
  of trusting its cached copy for up to `HALLQ_SESSION_CACHE_S`.

A daemon thread per server process listens, and reconnects when the connection drops. On each
(re)connect it calls every handler with `None`: notifications sent while it was away are lost,
so the hub reads the log and the session cache forgets everything.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping

import psycopg
from sqlalchemy import Engine

log = logging.getLogger(__name__)

# Called with a notification's payload, or None after a (re)connect.
Handler = Callable[[str | None], None]


class PgListener:
    """Listens on `handlers`' channels and calls each channel's handler; reconnects."""

    def __init__(self, engine: Engine, handlers: Mapping[str, Handler]) -> None:
        url = engine.url.set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._handlers = dict(handlers)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)
        # Set once listening and caught up for the first time (the tests wait for it).
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait (briefly) until the connection is closed."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=3)

    def _dispatch(self, channel: str, payload: str | None) -> None:
        handler = self._handlers.get(channel)
        if handler is None:
            return
        try:
            handler(payload)
        except Exception:  # one bad notification must not end the listening
            log.exception("handling a notification on %s failed", channel)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as conn:
                    for channel in self._handlers:
                        conn.execute(f"LISTEN {channel}")
                    for channel in self._handlers:  # catch up on what we missed while away
                        self._dispatch(channel, None)
                    self.listening.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=1.0):
                            self._dispatch(note.channel, note.payload)
            except psycopg.Error as exc:
                log.warning("LISTEN connection lost (%s); retrying", exc)
                self._stop.wait(1.0)
