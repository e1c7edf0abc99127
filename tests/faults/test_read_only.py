"""The database cannot be written: the file read-only to the server (SQLite `mode=ro`, what a
root-owned file after a restore amounts to), or its whole directory on a read-only mount.

What must hold: reads keep working, writes are refused with a clear bilingual answer, and
nothing is damaged: once writing is possible again the hall carries on where it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from tests.conftest import FakeClock, hall_time
from tests.faults.support import integrity, mount, unmount
from tests.integration.apiutil import DISPLAY, KIOSK, assert_error, issue, login
from tests.serverproc import ServerProcess

pytestmark = pytest.mark.timeout(90)
WRITES = {
    "issue": ("POST", "/api/v1/tickets", {"matter": "yyzz"}, KIOSK),
    "sign in": ("POST", "/api/v1/auth/login", {"staff_id": "s2a", "pin": "3333", "window": 2}, {}),
    "call next": ("POST", "/api/v1/windows/1/call-next", None, "staff"),
    "printer fault": (
        "POST",
        "/api/v1/devices/printer-fault",
        {"printer": "p", "reason": "x"},
        KIOSK,
    ),
}


@dataclass
class ReadOnlyScene:
    writes: dict[str, httpx.Response] = field(default_factory=dict)
    reads: dict[str, int] = field(default_factory=dict)
    before: list[Any] = field(default_factory=list)
    after: list[Any] = field(default_factory=list)
    integrity: str = ""
    next_number: str = ""
    stray: list[str] = field(default_factory=list)


def _settings(url: str, tmp: Path) -> Settings:
    return Settings(database_url=url, data_dir=tmp, secret="test-secret")


@pytest.fixture(scope="module")
def read_only(
    tmp_path_factory: pytest.TempPathFactory, mini_config: HallConfig
) -> Iterator[ReadOnlyScene]:
    tmp = tmp_path_factory.mktemp("read_only")
    workdir = tmp / "cwd"
    workdir.mkdir()
    db = tmp / "hallq.sqlite3"
    clock = FakeClock(hall_time("2026-11-23 10:00"))
    scene = ReadOnlyScene()
    writable = _settings(f"sqlite:///{db}", tmp)
    hall = build_hall(writable, mini_config, clock=clock)
    with TestClient(create_app(writable, hall=hall)) as api:
        first = issue(api, "yyzz")
        issue(api, "yyzz")
        staff = login(api, "s1a", 1)
        scene.before = _tickets(api, first["token"])
    assert hall.engine is not None
    hall.engine.dispose()

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)  # see test_an_sqlite_uri_filename_creates_no_stray_directory
        ro = _settings(f"sqlite:///file:{db}?mode=ro&uri=true", tmp)
        ro_hall = build_hall(ro, mini_config, clock=clock)
        with TestClient(create_app(ro, hall=ro_hall), raise_server_exceptions=False) as api:
            for name, (method, path, body, who) in WRITES.items():
                headers = staff if who == "staff" else who
                scene.writes[name] = api.request(method, path, json=body, headers=headers)
            for path in ("/api/v1/state", "/api/v1/catalog", f"/api/v1/tickets/{first['token']}"):
                scene.reads[path] = api.get(path).status_code
            scene.reads["/api/v1/windows/1"] = api.get(
                "/api/v1/windows/1", headers=DISPLAY
            ).status_code
        assert ro_hall.engine is not None
        ro_hall.engine.dispose()
    scene.stray = sorted(p.name for p in workdir.iterdir())

    scene.integrity = integrity(db)
    hall = build_hall(writable, mini_config, clock=clock)
    with TestClient(create_app(writable, hall=hall)) as api:
        scene.after = _tickets(api, first["token"])
        scene.next_number = issue(api, "yyzz")["number"]
    assert hall.engine is not None
    hall.engine.dispose()
    yield scene


def _tickets(api: TestClient, token: str) -> list[Any]:
    state = api.get("/api/v1/state").json()
    return [state["waiting"], state["windows"], api.get(f"/api/v1/tickets/{token}").json()]


def test_reads_are_served_from_a_read_only_database(read_only: ReadOnlyScene) -> None:
    assert read_only.reads == dict.fromkeys(read_only.reads, 200)


def test_writes_to_a_read_only_database_are_refused_and_damage_nothing(
    read_only: ReadOnlyScene,
) -> None:
    assert not [name for name, r in read_only.writes.items() if r.is_success]
    assert read_only.integrity == "ok"
    assert read_only.after == read_only.before  # not one row changed
    assert read_only.next_number == "A003"  # numbering carries on, nothing reused


@pytest.mark.parametrize("write", list(WRITES))
def test_writes_to_a_read_only_database_answer_503_database_read_only(
    read_only: ReadOnlyScene, write: str
) -> None:
    assert_error(read_only.writes[write], 503, "database_read_only")


def test_an_sqlite_uri_filename_creates_no_stray_directory(read_only: ReadOnlyScene) -> None:
    assert read_only.stray == []


# ---------------------------------------------------------------------------------------------
# A real server whose data directory is on a read-only mount


@dataclass
class MountScene:
    issue: tuple[int, Any]
    state: int
    ticket: int
    integrity: str
    next_number: str


@pytest.fixture(scope="module")
def read_only_mount(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MountScene]:
    tmp = tmp_path_factory.mktemp("ro_mount")
    data, view = tmp / "data", tmp / "view"
    data.mkdir()
    srv = ServerProcess(tmp, db=str(data / "hallq.sqlite3")).start()
    _, first = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
    srv.stop()
    mount(["--bind", str(data)], view)
    try:
        mount(["-o", "remount,bind,ro"], view)
        ro = ServerProcess(tmp, db=str(view / "hallq.sqlite3")).start()
        try:
            issued = ro.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
            state = ro.get("/api/v1/state")[0]
            ticket = ro.get(f"/api/v1/tickets/{first['token']}")[0]
        finally:
            ro.stop()
    finally:
        unmount(view)
    srv = ServerProcess(tmp, db=str(data / "hallq.sqlite3")).start()
    try:
        number = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")[1]["number"]
    finally:
        srv.stop()
    yield MountScene(issued, state, ticket, integrity(data / "hallq.sqlite3"), number)


def test_a_server_on_a_read_only_mount_serves_reads_refuses_writes_and_damages_nothing(
    read_only_mount: MountScene,
) -> None:
    assert read_only_mount.state == 200 and read_only_mount.ticket == 200
    assert read_only_mount.issue[0] >= 400
    assert read_only_mount.integrity == "ok"
    assert read_only_mount.next_number == "A002"


def test_a_server_on_a_read_only_mount_answers_503_database_read_only(
    read_only_mount: MountScene,
) -> None:
    status, body = read_only_mount.issue
    assert (status, body["error"]["code"]) == (503, "database_read_only")
