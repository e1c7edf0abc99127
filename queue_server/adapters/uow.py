"""The unit of work: one database transaction per use case."""

from __future__ import annotations

import threading
import time
import weakref
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from queue_server.adapters.db import busy_timeout_s
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
from queue_server.domain import errors

# One writer at a time per SQLite engine inside a process: SQLite's own busy handler sleeps
# and retries, which under many threads starves some writers for seconds. A fair lock here
# queues them instead; busy_timeout still covers writers in other processes. Queueing here
# and SQLite's busy wait share one deadline, so every writer is answered within one busy
# timeout (503 database_busy after it), however many queue behind a lock held elsewhere.
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
        deadline = None
        if self._lock is not None:
            budget = busy_timeout_s(self.engine)
            deadline = time.monotonic() + budget
            if not self._lock.acquire(timeout=budget):
                self._lock = None
                raise errors.DatabaseBusy()
        try:
            self._open(deadline)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        return self

    def _open(self, deadline: float | None) -> None:
        self.conn = self.engine.connect()
        self.conn.info["hallq_write"] = self.write
        if deadline is not None:
            self.conn.info["hallq_deadline"] = deadline
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
