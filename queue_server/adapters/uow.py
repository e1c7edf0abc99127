"""The unit of work: one database transaction per use case."""

from __future__ import annotations

import threading
import weakref
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from queue_server.adapters.event_log import EventRepository
from queue_server.adapters.records import (
    AppointmentRepository,
    EvaluationRepository,
    LoginAttemptRepository,
    SessionRepository,
    SigninRepository,
)
from queue_server.adapters.repository import (
    CounterRepository,
    TicketRepository,
    WindowRepository,
)

# One writer at a time per SQLite engine inside a process: SQLite's own busy handler sleeps
# and retries, which under many threads starves some writers for seconds. A fair lock here
# queues them instead; busy_timeout still covers writers in other processes.
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def _write_lock(engine: Engine) -> threading.Lock | None:
    if engine.dialect.name != "sqlite":
        return None
    with _LOCKS_GUARD:
        lock = _WRITE_LOCKS.get(engine)
        if lock is None:
            lock = _WRITE_LOCKS[engine] = threading.Lock()
        return lock


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()` — anything not committed is rolled back on exit.

    `write=True` takes SQLite's write lock at BEGIN (BEGIN IMMEDIATE), so use cases that
    change state never interleave; reads use a plain snapshot transaction.
    """

    conn: Connection

    def __init__(self, engine: Engine, *, write: bool = True) -> None:
        self.engine = engine
        self.write = write

    def __enter__(self) -> Self:
        self._lock = _write_lock(self.engine) if self.write else None
        if self._lock is not None:
            self._lock.acquire()
        try:
            self._open()
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        return self

    def _open(self) -> None:
        self.conn = self.engine.connect()
        self.conn.info["hallq_write"] = self.write
        self.conn.begin()
        c = self.conn
        self.tickets = TicketRepository(c)
        self.counters = CounterRepository(c)
        self.windows = WindowRepository(c)
        self.events = EventRepository(c)
        self.sessions = SessionRepository(c)
        self.signins = SigninRepository(c)
        self.logins = LoginAttemptRepository(c)
        self.evaluations = EvaluationRepository(c)
        self.appointments = AppointmentRepository(c)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.conn.in_transaction():
                self.conn.rollback()
        finally:
            self.conn.close()
            if self._lock is not None:
                self._lock.release()

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()
