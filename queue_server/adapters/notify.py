"""PostgreSQL LISTEN/NOTIFY: wake this process's event hub when another process commits events.

Every transaction that appends events sends `NOTIFY hallq_events` (delivered at commit).
A daemon thread per server process listens and pokes the hub, which then reads the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Engine

from queue_server.adapters.repository import EVENTS_CHANNEL

log = logging.getLogger(__name__)


class PgListener:
    """Listens on the events channel and calls `poke` for each notification; reconnects."""

    def __init__(self, engine: Engine, poke: Callable[[], None]) -> None:
        url = engine.url.set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._poke = poke
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait (briefly) until the connection is closed."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=3)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {EVENTS_CHANNEL}")
                    self._poke()  # catch up on anything committed while we were away
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0):
                            self._poke()
            except psycopg.Error as exc:
                log.warning("LISTEN connection lost (%s); retrying", exc)
                self._stop.wait(1.0)
