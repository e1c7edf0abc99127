"""The limit per client address on real `hallq serve` processes: it holds after the server is
killed and started again (SQLite and PostgreSQL), and two processes on one PostgreSQL count
one address once between them, even when its bookings arrive at both at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_booking_proxy import APPTS, book_via, make_id
from tests.serverproc import MINI_HALL, ServerProcess

PHONE = "203.0.113.7"


def _config(tmp_path: Path, limit: int) -> Path:
    config = tmp_path / "hall.toml"
    rules = f'\n[appointments]\nmatters = ["yyzz"]\nmax_bookings_per_address = {limit}\n'
    config.write_text(MINI_HALL.read_text(encoding="utf-8") + rules, encoding="utf-8")
    return config


@pytest.fixture
def two_servers(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Two processes on one PostgreSQL database (5 bookings an address an hour), sharing
    the secret that keys the stored hashes, as a hall's processes do."""
    if not db_url.startswith("postgresql"):
        pytest.skip("several server processes share a PostgreSQL database, not SQLite")
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)  # trust the local proxy
    config = _config(tmp_path, 5)
    env = {"HALLQ_SECRET": "shared-secret"}
    servers = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        servers.append(ServerProcess(tmp_path / name, config=config, db=db_url, extra_env=env))
    a, b = (srv.start() for srv in servers)
    yield a, b
    a.stop()
    b.stop()


def test_the_limit_holds_after_the_server_is_killed_and_started_again(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    workdir = tmp_path / "srv"
    workdir.mkdir()
    server = ServerProcess(workdir, config=_config(tmp_path, 2), db=db_url).start()
    try:
        assert book_via(server, 1, PHONE)[0] == 201
        assert book_via(server, 2, PHONE)[0] == 201
        server.kill()  # a crash: nothing but the database survives
        server.restart()
        status, answer = book_via(server, 3, PHONE)
        assert status == 429 and answer["error"]["code"] == "booking_rate_limit", answer
        assert book_via(server, 4, "198.51.100.20")[0] == 201
    finally:
        server.stop()


def _bodies(server: ServerProcess, count: int) -> list[dict[str, Any]]:
    """`count` bookings of different people for different slots of the last bookable day."""
    status, days = server.get(f"{APPTS}/days?matter=yyzz")
    assert status == 200, days
    day = days["days"][-1]["day"]
    slots = server.get(f"{APPTS}/slots?matter=yyzz&day={day}")[1]["slots"]
    assert len(slots) >= count
    return [
        {"matter": "yyzz", "day": day, "slot": slots[n]["slot"], "id_number": make_id(n + 1)}
        for n in range(count)
    ]


def test_two_processes_share_one_count_for_bookings_arriving_at_once(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    a, b = two_servers
    bodies = _bodies(a, 12)
    statuses: list[int] = []
    gate = threading.Barrier(len(bodies))

    def attempt(n: int) -> None:
        server = (a, b)[n % 2]
        gate.wait()
        status, _ = server.request("POST", APPTS, bodies[n], headers={"X-Forwarded-For": PHONE})
        statuses.append(status)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(len(bodies))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(statuses) == [201] * 5 + [429] * 7  # not 5 on each process
    for server in (a, b):
        status, answer = server.request(
            "POST", APPTS, bodies[0], headers={"X-Forwarded-For": PHONE}
        )
        assert status == 429 and answer["error"]["code"] == "booking_rate_limit", answer
