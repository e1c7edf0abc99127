"""The per-address booking limit behind the hall's reverse proxy, on a real `hallq serve`.

uvicorn (under `hallq serve`) believes `X-Forwarded-For` only from the proxies named in
`FORWARDED_ALLOW_IPS` (by default the loopback addresses, where a proxy on the same machine
connects from), so each citizen behind the proxy counts on their own, and a client that is
not a trusted proxy cannot choose the address it counts against by sending the header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from queue_server.domain.identity import check_digit
from tests.serverproc import MINI_HALL, ServerProcess

APPTS = "/api/v1/appointments"
RULES = """
[appointments]
matters = ["yyzz"]
max_bookings_per_address = 1
"""


Starter = Callable[..., ServerProcess]


def make_id(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Starter]:
    """Start a server on the test hall (one booking per address) with extra environment."""
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)  # uvicorn's default trust
    config = tmp_path / "hall.toml"
    config.write_text(MINI_HALL.read_text(encoding="utf-8") + RULES, encoding="utf-8")
    servers: list[ServerProcess] = []

    def starter(**env: str) -> ServerProcess:
        workdir = tmp_path / f"srv{len(servers)}"
        workdir.mkdir()
        servers.append(ServerProcess(workdir, config=config, extra_env=env).start())
        return servers[-1]

    yield starter
    for srv in servers:
        srv.stop()


def book_via(server: ServerProcess, n: int, forwarded_for: str) -> tuple[int, Any]:
    """Person `n` books through a proxy that says the citizen is at `forwarded_for`."""
    status, days = server.get(f"{APPTS}/days?matter=yyzz")
    assert status == 200, days
    day = days["days"][-1]["day"]
    slots = server.get(f"{APPTS}/slots?matter=yyzz&day={day}")[1]["slots"]
    body = {"matter": "yyzz", "day": day, "slot": slots[n]["slot"], "id_number": make_id(n)}
    return server.request("POST", APPTS, body, headers={"X-Forwarded-For": forwarded_for})


def test_citizens_behind_a_trusted_proxy_count_each_on_their_own(start: Starter) -> None:
    server = start()
    assert book_via(server, 1, "203.0.113.7")[0] == 201
    status, answer = book_via(server, 2, "203.0.113.7")
    assert status == 429 and answer["error"]["code"] == "booking_rate_limit", answer
    assert book_via(server, 3, "198.51.100.20")[0] == 201  # the next citizen books on


def test_a_forwarded_header_from_an_untrusted_peer_changes_nothing(start: Starter) -> None:
    server = start(FORWARDED_ALLOW_IPS="192.0.2.1")
    assert book_via(server, 1, "203.0.113.7")[0] == 201
    status, answer = book_via(server, 2, "198.51.100.20")  # the same peer, another claim
    assert status == 429 and answer["error"]["code"] == "booking_rate_limit", answer
