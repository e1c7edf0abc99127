"""Revoked staff sessions reach every server process's session cache (services/staff.py).

On PostgreSQL a logout or a sign-in that ends a window's sessions is announced on the
`hallq_sessions` channel at commit (adapters/records.py) and each process's listener makes
its cache forget it (adapters/notify.py). Two real server processes: tests/e2e/test_multiprocess.py.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from queue_server.adapters.event_log import SESSIONS_CHANNEL
from queue_server.adapters.notify import PgListener
from queue_server.adapters.records import SessionRepository
from queue_server.bootstrap import build_hall
from queue_server.config import HallConfig, Settings
from queue_server.services.staff import Principal, SessionCache, forget_revoked, session_cache

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _cache_with(cache: SessionCache, *entries: tuple[str, int | None]) -> None:
    for key, window in entries:
        who = Principal("staff", f"staff-{key}", "staff", window)
        cache.put(key, who, NOW + timedelta(hours=1), 60.0, cache.generation)


def test_an_announced_revocation_forgets_just_what_was_revoked(
    settings: Settings, mini_config: HallConfig
) -> None:
    hall = build_hall(settings, mini_config)
    cache = session_cache(hall)
    _cache_with(cache, ("a", 1), ("b", 1), ("c", 2), ("d", None))

    forget_revoked(hall, "token:c")  # a logout
    assert cache.get("c") is None
    assert all(cache.get(k) is not None for k in "abd")

    forget_revoked(hall, "window:1")  # a sign-in at window 1 ended its sessions
    assert cache.get("a") is None and cache.get("b") is None
    assert cache.get("d") is not None

    _cache_with(cache, ("e", 3))
    forget_revoked(hall, None)  # reconnected: anything may have been missed
    assert cache.get("d") is None and cache.get("e") is None

    _cache_with(cache, ("f", 3))
    forget_revoked(hall, "window:three")  # unreadable: forget everything rather than guess
    assert cache.get("f") is None


def test_a_read_from_before_an_announcement_is_not_cached(
    settings: Settings, mini_config: HallConfig
) -> None:
    """A request that read the session just before the revocation arrived must not put it
    back in the cache afterwards."""
    hall = build_hall(settings, mini_config)
    cache = session_cache(hall)
    read_at = cache.generation
    forget_revoked(hall, "token:x")
    cache.put("x", Principal("staff", "s", "staff", 1), NOW + timedelta(hours=1), 60.0, read_at)
    assert cache.get("x") is None


@pytest.fixture
def pg_engine(db_url: str, settings: Settings, mini_config: HallConfig) -> Iterator[sa.Engine]:
    if not db_url.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; one SQLite server process needs no announcing")
    engine = build_hall(settings, mini_config).engine  # migrated
    assert engine is not None
    yield engine
    engine.dispose()


def test_revocations_are_announced_at_commit_and_a_rollback_announces_nothing(
    pg_engine: sa.Engine,
) -> None:
    heard: queue.Queue[str | None] = queue.Queue()
    listener = PgListener(pg_engine, {SESSIONS_CHANNEL: heard.put})
    listener.start()
    try:
        assert listener.listening.wait(10)
        assert heard.get(timeout=1) is None  # the catch-up on connecting

        with pg_engine.connect() as conn:
            tx = conn.begin()
            SessionRepository(conn).revoke("rolled-back")
            tx.rollback()
            with conn.begin():
                sessions = SessionRepository(conn)
                sessions.revoke("0f" * 32)
                assert heard.empty()  # not before the commit
            with conn.begin():
                SessionRepository(conn).revoke_window(7)

        assert heard.get(timeout=5) == f"token:{'0f' * 32}"  # the rolled-back one never came
        assert heard.get(timeout=5) == "window:7"
    finally:
        listener.stop()


def test_a_broken_handler_does_not_stop_the_listening(pg_engine: sa.Engine) -> None:
    heard: queue.Queue[str | None] = queue.Queue()

    def handler(payload: str | None) -> None:
        if payload == "token:bad":
            raise ValueError("a handler bug")
        heard.put(payload)

    listener = PgListener(pg_engine, {SESSIONS_CHANNEL: handler})
    listener.start()
    try:
        assert listener.listening.wait(10)
        assert heard.get(timeout=1) is None
        with pg_engine.begin() as conn:
            SessionRepository(conn).revoke("bad")
        with pg_engine.begin() as conn:
            SessionRepository(conn).revoke("good")
        assert heard.get(timeout=5) == "token:good"
    finally:
        listener.stop()
