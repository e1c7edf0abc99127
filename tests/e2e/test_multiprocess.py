"""Two `hallq serve` processes on one PostgreSQL database behind any load balancer."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess

KIOSK = "test-kiosk-key"


@pytest.fixture
def two_servers(tmp_path: Path, db_url: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    if not db_url.startswith("postgresql"):
        pytest.skip("several server processes share a PostgreSQL database, not SQLite")
    # A long poll interval: only LISTEN/NOTIFY can deliver the other process's events quickly.
    env = {"HALLQ_EVENT_POLL_S": "120"}
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
