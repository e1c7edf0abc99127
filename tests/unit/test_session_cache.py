"""The per-process staff session cache (`services.staff.SessionCache`)."""

from __future__ import annotations

from datetime import UTC, datetime

from queue_server.services.staff import Principal, SessionCache

EXPIRES = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)
S1A = Principal("staff", "s1a", "staff", 1)
S3A = Principal("staff", "s3a", "staff", 3)


def test_an_entry_lives_for_the_ttl_only() -> None:
    now = [0.0]
    cache = SessionCache(clock=lambda: now[0])
    cache.put("h1", S1A, EXPIRES, 5.0, cache.generation)
    now[0] = 4.99
    assert cache.get("h1") == (S1A, EXPIRES)
    now[0] = 5.0
    assert cache.get("h1") is None


def test_a_read_that_raced_a_revocation_is_not_cached() -> None:
    """authenticate notes the generation before its read; a forget in between (a logout
    committed while the read saw the session still live) makes the put a no-op."""
    cache = SessionCache(clock=lambda: 0.0)
    before = cache.generation
    cache.forget("h1")
    cache.put("h1", S1A, EXPIRES, 5.0, before)
    assert cache.get("h1") is None
    cache.put("h1", S1A, EXPIRES, 5.0, cache.generation)
    assert cache.get("h1") is not None


def test_forget_window_drops_every_session_at_that_window_only() -> None:
    cache = SessionCache(clock=lambda: 0.0)
    cache.put("a", S1A, EXPIRES, 5.0, cache.generation)
    cache.put("b", Principal("staff", "s1b", "staff", 1), EXPIRES, 5.0, cache.generation)
    cache.put("c", S3A, EXPIRES, 5.0, cache.generation)
    cache.forget_window(1)
    assert cache.get("a") is None and cache.get("b") is None
    assert cache.get("c") == (S3A, EXPIRES)
