"""Another process holds the SQLite write lock (`BEGIN EXCLUSIVE`): a backup tool done wrong,
an admin's `sqlite3` shell left open, a second server started on the same file.

Two scenes, each run once per module and read by several tests:
- in process, with the server's busy timeout set to 1 s (HALLQ_SQLITE_BUSY_TIMEOUT_S), a
  lock held longer than that timeout;
- a real `hallq serve` (its default 3 s timeout) and a lock of 7 s, against a kiosk whose own
  request timeout is 5 s and that retries with the same `Idempotency-Key`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from kiosk.settings import KioskSettings
from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from tests.conftest import FakeClock, hall_time
from tests.faults.support import exclusive_lock, integrity
from tests.integration.apiutil import KIOSK, assert_error, issue
from tests.serverproc import ServerProcess

BUSY_S = 1.0
KIOSK_TIMEOUT_S = KioskSettings().request_timeout_s
VALID_ID = "11010519491231002X"
pytestmark = pytest.mark.timeout(90)


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


@dataclass
class LockedScene:
    write: httpx.Response
    write_s: float
    reads: dict[str, tuple[int, float]] = field(default_factory=dict)
    burst_s: list[float] = field(default_factory=list)
    after: httpx.Response | None = None
    integrity: str = ""


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory, mini_config: HallConfig) -> LockedScene:
    tmp = tmp_path_factory.mktemp("locked")
    db = tmp / "hallq.sqlite3"
    settings = Settings(
        database_url=f"sqlite:///{db}",
        data_dir=tmp,
        secret="test-secret",
        sqlite_busy_timeout_s=BUSY_S,
    )
    hall = build_hall(settings, mini_config, clock=FakeClock(hall_time("2026-11-23 10:00")))
    assert hall.engine is not None
    with TestClient(create_app(settings, hall=hall), raise_server_exceptions=False) as api:
        first = issue(api, "yyzz")

        def take() -> httpx.Response:
            return api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=KIOSK)

        with exclusive_lock(db):
            write, write_s = timed(take)
            scene = LockedScene(write, write_s)
            for path in ("/api/v1/state", "/api/v1/catalog", f"/api/v1/tickets/{first['token']}"):
                r, took = timed(lambda p=path: api.get(p))  # type: ignore[misc]
                scene.reads[path] = (r.status_code, took)
            with ThreadPoolExecutor(3) as pool:  # three kiosks at once
                scene.burst_s = list(pool.map(lambda _: timed(take)[1], range(3)))
        scene.after = take()
    hall.engine.dispose()
    scene.integrity = integrity(db)
    return scene


def test_reads_are_served_at_once_while_another_process_holds_the_write_lock(
    locked: LockedScene,
) -> None:
    assert {path: status for path, (status, _) in locked.reads.items()} == dict.fromkeys(
        locked.reads, 200
    )
    assert max(took for _, took in locked.reads.values()) < 1.0  # WAL: readers never wait


def test_a_write_blocked_by_the_lock_is_refused_after_the_busy_timeout_without_hanging(
    locked: LockedScene,
) -> None:
    assert not locked.write.is_success
    assert BUSY_S - 0.1 < locked.write_s < BUSY_S + 3.0


def test_after_the_lock_is_released_issuing_resumes_and_no_number_was_used_up(
    locked: LockedScene,
) -> None:
    assert locked.after is not None and locked.after.status_code == 201
    assert locked.after.json()["number"] == "A002"  # the refused writes rolled back
    assert locked.integrity == "ok"


def test_a_write_blocked_by_the_lock_answers_a_bilingual_503_database_busy(
    locked: LockedScene,
) -> None:
    assert_error(locked.write, 503, "database_busy")


def test_every_writer_blocked_by_the_lock_is_answered_within_one_busy_timeout(
    locked: LockedScene,
) -> None:
    assert max(locked.burst_s) < BUSY_S + 1.0, locked.burst_s


# ---------------------------------------------------------------------------------------------
# A real server, a lock shorter than its busy timeout, a kiosk that gives up first

LOCK_S = 7.0


@dataclass
class AbandonedScene:
    kiosk: str  # what the kiosk saw
    read_status: int
    read_s: float
    retry: tuple[int, Any]
    waiting: dict[str, int]  # before the retry
    waiting_after: dict[str, int]  # after it
    other: int


@pytest.fixture(scope="module")
def abandoned(tmp_path_factory: pytest.TempPathFactory) -> AbandonedScene:
    srv = ServerProcess(tmp_path_factory.mktemp("abandoned")).start()
    try:
        body = {"matter": "ylbx", "id_number": VALID_ID}
        key = {"Idempotency-Key": "3f2b9c1e8d7a4f60b1c2d3e4f5a6b7c8"}  # one per tap, kept
        seen: list[str] = []

        def kiosk() -> None:
            try:
                status, _ = srv.request(
                    "POST", "/api/v1/tickets", body, "test-kiosk-key", 5.0, headers=key
                )
                seen.append(str(status))
            except OSError as exc:  # what the kiosk's own request timeout amounts to
                seen.append(f"gave up: {type(exc).__name__}")

        with exclusive_lock(Path(srv.db)) as holder:
            start = time.monotonic()
            asking = threading.Thread(target=kiosk)
            asking.start()
            (read_status, _), read_s = timed(lambda: srv.get("/api/v1/state"))
            asking.join(KIOSK_TIMEOUT_S + 5)
            time.sleep(max(0.0, LOCK_S - (time.monotonic() - start)))
            holder.release()
        time.sleep(1.0)  # a write still queued behind the lock would commit now
        waiting: dict[str, int] = srv.get("/api/v1/state")[1]["waiting"]
        retry = srv.request("POST", "/api/v1/tickets", body, "test-kiosk-key", headers=key)
        waiting_after = srv.get("/api/v1/state")[1]["waiting"]
        other = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")[0]
        return AbandonedScene(seen[0], read_status, read_s, retry, waiting, waiting_after, other)
    finally:
        srv.stop()


def test_a_real_server_keeps_reading_through_a_lock_and_writes_again_after_it(
    abandoned: AbandonedScene,
) -> None:
    assert abandoned.read_status == 200 and abandoned.read_s < 2.0
    assert abandoned.other == 201


def test_the_kiosk_is_told_the_server_is_busy_before_its_own_timeout(
    abandoned: AbandonedScene,
) -> None:
    # The 3 s busy timeout is below the kiosk's 5 s: it is answered, not left to give up.
    assert abandoned.kiosk == "503"


def test_a_kiosk_request_abandoned_during_a_lock_does_not_use_up_the_citizens_ticket(
    abandoned: AbandonedScene,
) -> None:
    """No ghost ticket is committed behind the kiosk's back; its retry with the same
    Idempotency-Key issues the one ticket. (Were the server slower than the kiosk, the
    retry would be handed the ticket already committed, 200, not refused 429 id_limit.)"""
    assert sum(abandoned.waiting.values()) == 0  # nothing committed while the kiosk waited
    status, body = abandoned.retry
    assert status == 201, (body, abandoned.waiting)
    assert body["matter"] == "ylbx" and body["status"] == "waiting"
    assert abandoned.waiting_after.get("B") == 1  # the citizen holds exactly one ticket
