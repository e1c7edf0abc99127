"""The unit of work: one database transaction per use case."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from queue_server.adapters.records import (
    AppointmentRepository,
    EvaluationRepository,
    LoginAttemptRepository,
    SessionRepository,
    SigninRepository,
)
from queue_server.adapters.repository import (
    CounterRepository,
    EventRepository,
    TicketRepository,
    WindowRepository,
)


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
        return self

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

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()
