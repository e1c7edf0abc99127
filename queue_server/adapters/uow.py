"""The unit of work: one database transaction per use case."""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

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
from queue_server.domain.events import Event

log = logging.getLogger(__name__)

# One writer at a time per SQLite engine inside a process: SQLite's own busy handler sleeps
# and retries, which under many threads starves some writers for seconds. A fair lock here
# queues them instead; busy_timeout still covers writers in other processes. Queueing here
# and SQLite's busy wait share one deadline, so every writer is answered within one busy
# timeout (503 database_busy after it), however many queue behind a lock held elsewhere.
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def write_lock(engine: Engine) -> threading.Lock | None:
    """The process's fair write lock of an SQLite engine (None for PostgreSQL)."""
    if engine.dialect.name != "sqlite":
        return None
    with _LOCKS_GUARD:
        lock = _WRITE_LOCKS.get(engine)
        if lock is None:
            lock = _WRITE_LOCKS[engine] = threading.Lock()
        return lock


class Batch:
    """A group of write use cases sharing one transaction on the writer thread
    (adapters/writer.py): each unit of work inside is a SAVEPOINT of `conn`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection | None = None
        self.driver: Any = None  # the sqlite3 connection under `conn`, for the savepoints
        self.hooks: list[Callable[[], None]] = []
        # The events its units of work committed (released savepoints), in seq order: the
        # writer hands them to the event hub after the group's COMMIT.
        self.events: list[Event] = []


_BATCH = threading.local()


@contextmanager
def bind_batch(batch: Batch) -> Iterator[Batch]:
    """Units of work of `batch.engine` opened on this thread join `batch` meanwhile."""
    _BATCH.current = batch
    try:
        yield batch
    finally:
        _BATCH.current = None


def _joined(engine: Engine) -> Batch | None:
    batch: Batch | None = getattr(_BATCH, "current", None)
    if batch is not None and batch.engine is engine and batch.conn is not None:
        return batch
    return None


_SAVEPOINTS = itertools.count(1)


def _savepoint_sql(batch: Batch, statement: str) -> None:
    """SAVEPOINT / RELEASE / ROLLBACK TO on the driver's connection: through SQLAlchemy's
    nested transactions a savepoint and its release cost ~0.2 ms, directly ~5 µs. Errors
    come out as SQLAlchemy's, like every other statement's."""
    try:
        batch.driver.execute(statement)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(statement, None, exc, sqlite3.Error) from exc


# Engine → what to hand the events of each commit outside a writer group (the event hub's
# `offer`): the hub then sends them without reading them back from the log.
_PUBLISHERS: weakref.WeakKeyDictionary[Engine, Callable[[list[Event]], None]] = (
    weakref.WeakKeyDictionary()
)


def publish_commits(engine: Engine, publish: Callable[[list[Event]], None]) -> None:
    """Give `publish` the events of every commit on `engine` made outside a writer group,
    right after the commit, in the order they were appended (their `seq` set)."""
    _PUBLISHERS[engine] = publish


def in_batch() -> bool:
    """Whether this thread is running a writer group now."""
    return getattr(_BATCH, "current", None) is not None


def after_commit(hook: Callable[[], None]) -> None:
    """Run `hook` once what was just committed is durable: at once, or inside a writer
    group after the group's COMMIT (a hook given twice in a group runs once)."""
    batch: Batch | None = getattr(_BATCH, "current", None)
    if batch is not None:
        batch.hooks.append(hook)
    else:
        hook()


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()` — anything not committed is rolled back on exit.

    `write=True` takes SQLite's write lock at BEGIN (BEGIN IMMEDIATE), so use cases that
    change state never interleave; reads use a plain snapshot transaction.
    """

    conn: Connection
    _batch: Batch | None = None  # the writer group this unit of work is a savepoint of
    _savepoint: str | None = None  # its savepoint while open
    _published = 0  # its events already handed to the group

    def __init__(self, engine: Engine, *, write: bool = True) -> None:
        self.engine = engine
        self.write = write

    def __enter__(self) -> Self:
        batch = _joined(self.engine)
        if batch is not None:
            # On the writer thread: a SAVEPOINT of the group's transaction, which holds
            # the write lock already; reads see what the group wrote before.
            assert batch.conn is not None
            self._lock = None
            self._batch = batch
            self._mark = len(batch.events)  # a rollback forgets what was added after it
            self.conn = batch.conn
            name = f"hq{next(_SAVEPOINTS)}"
            _savepoint_sql(batch, f"SAVEPOINT {name}")
            self._savepoint = name
            self._repositories()
            return self
        self._lock = write_lock(self.engine) if self.write else None
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
        self._repositories()

    def _repositories(self) -> None:
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
        if self._batch is not None:
            if self._savepoint is not None:
                self.rollback()
            return
        try:
            if self.conn.in_transaction():
                self.conn.rollback()
        finally:
            self.conn.close()
            if self._lock is not None:
                self._lock.release()

    def commit(self) -> None:
        if self._batch is not None:
            if self._savepoint is not None:  # durable with the group's COMMIT
                _savepoint_sql(self._batch, f"RELEASE {self._savepoint}")
                self._savepoint = None
                self._batch.events.extend(self.events.appended[self._published :])
                self._published = len(self.events.appended)
        else:
            self.conn.commit()
            fresh = self.events.appended[self._published :]
            self._published = len(self.events.appended)
            publish = _PUBLISHERS.get(self.engine)
            if fresh and publish is not None:
                try:
                    publish(fresh)
                except Exception:  # the hub reads the log on its next poke or poll
                    log.exception("could not hand the committed events to the hub")

    def rollback(self) -> None:
        if self._batch is not None:
            if self._savepoint is not None:
                name, self._savepoint = self._savepoint, None
                _savepoint_sql(self._batch, f"ROLLBACK TO {name}")
                _savepoint_sql(self._batch, f"RELEASE {name}")
                del self._batch.events[self._mark :]  # inner units' events went with it
        else:
            self.conn.rollback()
