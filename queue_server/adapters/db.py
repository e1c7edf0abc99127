"""Engines: SQLite in WAL mode with immediate write transactions, or PostgreSQL by URL."""

from __future__ import annotations

import logging
import time
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)


# Seconds a write may wait for SQLite's write lock, per engine: the kiosk gives up after 5 s,
# so the server must answer (503 database_busy) before that, never commit behind its back.
DEFAULT_BUSY_TIMEOUT_S = 3.0
_BUSY_TIMEOUT_S: weakref.WeakKeyDictionary[Engine, float] = weakref.WeakKeyDictionary()


def make_engine(
    url: str, *, synchronous: str = "FULL", busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S
) -> Engine:
    """Create the engine for `url`; SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, synchronous, busy_timeout_s)
    if parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL writes to, or None (in memory, or opened read-only).

    Handles URI filenames: `sqlite:///file:/x/h.db?mode=ro&uri=true` is /x/h.db.
    """
    parsed = make_url(url)
    database = parsed.database
    if not database or database == ":memory:":
        return None
    if database.startswith("file:") and str(parsed.query.get("uri", "")).lower() == "true":
        if parsed.query.get("mode") in ("ro", "memory"):
            return None
        database = urlsplit(database).path
    return Path(database) if database else None


def busy_timeout_s(engine: Engine) -> float:
    return _BUSY_TIMEOUT_S.get(engine, DEFAULT_BUSY_TIMEOUT_S)


def _sqlite_engine(url: str, synchronous: str, busy_s: float) -> Engine:
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        pool_size=20,
        max_overflow=40,
        connect_args={"check_same_thread": False, "timeout": busy_s},
    )
    _BUSY_TIMEOUT_S[engine] = busy_s

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below issue BEGIN itself.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute(f"PRAGMA busy_timeout={int(busy_s * 1000)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front, so two call-nexts never interleave.
        write = conn.info.pop("hallq_write", True)
        # One deadline per transaction: the time a writer already spent queueing for the
        # in-process write lock (adapters/uow.py) is not given to SQLite a second time.
        deadline = conn.info.pop("hallq_deadline", None)
        left = busy_s if deadline is None else max(0.001, deadline - time.monotonic())
        conn.exec_driver_sql(f"PRAGMA busy_timeout={max(1, int(left * 1000))}")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
