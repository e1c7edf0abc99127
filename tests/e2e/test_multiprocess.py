"""Two `hallq serve` processes on one PostgreSQL database behind any load balancer."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess

KIOSK = "test-kiosk-key"


def _two(
    tmp_path: Path, db_url: str, **extra: str
) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    if not db_url.startswith("postgresql"):
        pytest.skip("several server processes share a PostgreSQL database, not SQLite")
    # A long poll interval: only LISTEN/NOTIFY can deliver the other process's events quickly.
    env = {"HALLQ_EVENT_POLL_S": "120", **extra}
    a = ServerProcess(tmp_path / "a", db=db_url, extra_env=env)
    b = ServerProcess(tmp_path / "b", db=db_url, extra_env=env)
    for srv in (a, b):
        srv.workdir.mkdir()
        srv.env["HALLQ_SECRET"] = "shared-secret"
    a.start()
    b.start()
    yield a, b
    a.stop()
    b.stop()


@pytest.fixture
def two_servers(tmp_path: Path, db_url: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    yield from _two(tmp_path, db_url)


@pytest.fixture
def two_caching_servers(
    tmp_path: Path, db_url: str
) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Each trusts a session it has read for a minute, unless told it was revoked."""
    yield from _two(tmp_path, db_url, HALLQ_SESSION_CACHE_S="60")


def _until_refused(srv: ServerProcess, method: str, path: str, token: str) -> float:
    """Seconds until `srv` answers 401 to `token` (polling; gives up after 5 s)."""
    start = time.monotonic()
    while True:
        status, body = srv.request(method, path, {} if method == "POST" else None, token)
        if status == 401:
            assert body["error"]["code"] == "unauthorized"
            return time.monotonic() - start
        assert status in (200, 204), body
        if time.monotonic() - start > 5:
            return math.inf
        time.sleep(0.02)


def login(srv: ServerProcess, staff: str, window: int) -> str:
    status, body = srv.post(
        "/api/v1/auth/login", {"staff_id": staff, "pin": PINS[staff], "window": window}
    )
    assert status == 200, body
    return str(body["token"])


def test_call_made_on_one_process_reaches_subscribers_of_the_other(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    a, b = two_servers
    ws_url = b.url.replace("http", "ws") + "/api/v1/events"
    with connect(ws_url, open_timeout=5) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"
        a.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK)
        token = login(a, "s1a", 1)
        a.post("/api/v1/windows/1/call-next", token=token)
        seen = []
        while "ticket.called" not in seen:
            seen.append(json.loads(ws.recv(timeout=10))["type"])
    assert seen[0] == "ticket.issued"


def test_a_process_sends_its_own_commits_to_its_subscribers_without_reading_them_back(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    """A process ignores the NOTIFY of its own commits (their events come from the unit of
    work) — and still its subscribers get every event at once, with the poll at 120 s."""
    a, _ = two_servers
    ws_url = a.url.replace("http", "ws") + "/api/v1/events"
    with connect(ws_url, open_timeout=5) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"
        token = login(a, "s1a", 1)
        for _ in range(3):
            assert a.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK)[0] == 201
            assert a.post("/api/v1/windows/1/call-next", token=token)[0] == 200
            assert a.post("/api/v1/windows/1/complete", {"outcome": "done"}, token)[0] == 200
        seen = []
        while len(seen) < 6:
            event = json.loads(ws.recv(timeout=3))
            if event["type"] in ("ticket.issued", "ticket.called"):
                seen.append((event["type"], event["seq"]))
    assert [kind for kind, _ in seen] == ["ticket.issued", "ticket.called"] * 3
    assert [seq for _, seq in seen] == sorted(seq for _, seq in seen)


def test_call_next_is_exactly_once_across_processes(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    a, b = two_servers
    for k in range(60):
        (a, b)[k % 2].post("/api/v1/tickets", {"matter": "sybx"}, KIOSK)
    # Windows 3 and 4 both serve sybx; each signs in through a different process.
    desks = [(a, 3, login(a, "s3a", 3)), (b, 4, login(b, "s4a", 4))]
    called: list[str] = []
    lock = threading.Lock()

    def serve(srv: ServerProcess, window: int, token: str) -> None:
        while True:
            status, body = srv.post(f"/api/v1/windows/{window}/call-next", token=token)
            if status == 204:
                return
            assert status == 200, body
            with lock:
                called.append(body["ticket"]["number"])
            srv.post(f"/api/v1/windows/{window}/complete", {"outcome": "done"}, token)

    threads = [threading.Thread(target=serve, args=d) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(called) == 60 and len(set(called)) == 60


def test_a_logout_through_one_process_ends_the_session_on_the_other_at_once(
    two_caching_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    """Process B has the token cached for a minute; A's logout is announced at its commit and
    B refuses the token within moments, not when its cache entry runs out."""
    a, b = two_caching_servers
    token = login(a, "s1a", 1)
    assert b.get("/api/v1/auth/me", token)[0] == 200  # read once, then cached by b
    assert b.post("/api/v1/windows/1/call-next", token=token)[0] == 204
    assert a.post("/api/v1/auth/logout", token=token)[0] == 204
    assert _until_refused(b, "GET", "/api/v1/auth/me", token) < 2
    assert b.post("/api/v1/windows/1/call-next", token=token)[0] == 401


def test_signing_in_at_a_window_through_one_process_ends_its_old_session_on_the_other(
    two_caching_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    a, b = two_caching_servers
    first = login(a, "s2a", 2)
    assert b.post("/api/v1/windows/2/call-next", token=first)[0] == 204  # cached by b
    second = login(a, "s2a", 2)  # e.g. the same clerk at a restarted counter PC
    assert _until_refused(b, "POST", "/api/v1/windows/2/call-next", first) < 2
    assert b.post("/api/v1/windows/2/call-next", token=second)[0] == 204
