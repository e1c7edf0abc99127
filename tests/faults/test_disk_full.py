"""The disk fills up under a running server (a tmpfs of a few MB, filled by a second file).

What must hold: issuing fails cleanly, reads keep working, and once space is freed issuing
works again with no ticket lost and no number given twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.faults.support import fill, integrity, mount, unmount
from tests.serverproc import ServerProcess

pytestmark = pytest.mark.timeout(90)
KIOSK = "test-kiosk-key"
ATTEMPTS = 30


@dataclass
class FullScene:
    issued: dict[str, str] = field(default_factory=dict)  # token -> number, every 201 seen
    refused: list[tuple[int, Any]] = field(default_factory=list)
    reads: dict[str, int] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    kept: dict[str, tuple[int, str]] = field(default_factory=dict)
    integrity: str = ""


@pytest.fixture(scope="module")
def disk_full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FullScene]:
    tmp = tmp_path_factory.mktemp("disk_full")
    disk = tmp / "disk"
    mount(["-t", "tmpfs", "-o", "size=8m", "tmpfs"], disk)
    scene = FullScene()
    try:
        # The log and the secret stay off the full disk; only the database is on it.
        srv = ServerProcess(tmp, db=str(disk / "hallq.sqlite3")).start()
        try:
            _issue(srv, scene, 3)
            filler = fill(disk)
            _issue(srv, scene, ATTEMPTS)
            some = next(iter(scene.issued))
            for path in ("/api/v1/state", "/api/v1/catalog", f"/api/v1/tickets/{some}"):
                scene.reads[path] = srv.get(path)[0]
            filler.unlink()
            status, scene.after = srv.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK)
            assert status == 201, scene.after
            for token in scene.issued:
                status, body = srv.get(f"/api/v1/tickets/{token}")
                scene.kept[token] = (status, body.get("number", ""))
        finally:
            srv.stop()
        scene.integrity = integrity(disk / "hallq.sqlite3")
    finally:
        unmount(disk)
    yield scene


def _issue(srv: ServerProcess, scene: FullScene, times: int) -> None:
    for _ in range(times):
        status, body = srv.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK)
        if status == 201:
            scene.issued[body["token"]] = body["number"]
        else:
            scene.refused.append((status, body))


def test_issuing_fails_once_the_disk_is_full(disk_full: FullScene) -> None:
    assert len(disk_full.refused) >= ATTEMPTS - 5, "the disk never filled up"
    assert all(status >= 400 for status, _ in disk_full.refused)


def test_reads_are_served_while_the_disk_is_full(disk_full: FullScene) -> None:
    assert disk_full.reads == dict.fromkeys(disk_full.reads, 200)


def test_after_space_is_freed_every_ticket_is_kept_and_no_number_is_reused(
    disk_full: FullScene,
) -> None:
    assert disk_full.kept == {t: (200, n) for t, n in disk_full.issued.items()}
    numbers = list(disk_full.issued.values())
    assert len(set(numbers)) == len(numbers)
    assert int(disk_full.after["number"][1:]) == max(int(n[1:]) for n in numbers) + 1
    assert disk_full.integrity == "ok"


def test_issuing_on_a_full_disk_answers_503_storage_full(disk_full: FullScene) -> None:
    status, body = disk_full.refused[0]
    assert (status, body["error"]["code"]) == (503, "storage_full")
    assert "存储" in body["error"]["message_zh"]
