"""SIGKILL the server in the middle of a busy hall, restart it: nothing is lost or repeated."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess

KIOSK = "test-kiosk-key"
MATTERS = ["yyzz", "spjy", "sybx", "dbsq"]
WINDOWS = {1: "s1a", 2: "s2a", 3: "s3a", 4: "s4a"}


@pytest.fixture
def server(tmp_path: Path, db_url: str) -> Iterator[ServerProcess]:
    srv = ServerProcess(tmp_path, db=db_url).start()
    yield srv
    srv.stop()


def test_sigkill_mid_load_loses_no_ticket_and_reuses_no_number(server: ServerProcess) -> None:
    tokens = {
        n: server.post("/api/v1/auth/login", {"staff_id": s, "pin": PINS[s], "window": n})[1][
            "token"
        ]
        for n, s in WINDOWS.items()
    }
    issued: dict[str, str] = {}  # token -> number, for every 201 the kiosks saw
    lock = threading.Lock()
    stop = threading.Event()

    def kiosk(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            try:
                status, body = server.post(
                    "/api/v1/tickets", {"matter": rng.choice(MATTERS)}, KIOSK
                )
            except OSError:
                return  # the server is gone
            if status == 201:
                with lock:
                    issued[body["token"]] = body["number"]

    def window(number: int) -> None:
        while not stop.is_set():
            try:
                status, _ = server.post(f"/api/v1/windows/{number}/call-next", token=tokens[number])
                if status == 200:
                    server.post(
                        f"/api/v1/windows/{number}/complete", {"outcome": "done"}, tokens[number]
                    )
            except OSError:
                return

    threads = [threading.Thread(target=kiosk, args=(i,)) for i in range(4)]
    threads += [threading.Thread(target=window, args=(n,)) for n in WINDOWS]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(issued) < 60 and time.monotonic() < deadline:
        time.sleep(0.02)
    server.kill()
    stop.set()
    for t in threads:
        t.join(15)
    assert len(issued) >= 20, "the load never got going"

    server.start()
    numbers = {}
    for token, number in issued.items():
        status, body = server.get(f"/api/v1/tickets/{token}")
        assert status == 200 and body["number"] == number, (token, status, body)
        numbers[number] = body
    assert len(numbers) == len(issued)  # no number was given to two tickets

    for prefix in ("A", "B"):
        matter = "yyzz" if prefix == "A" else "sybx"
        status, body = server.post("/api/v1/tickets", {"matter": matter}, KIOSK)
        assert status == 201
        used = [int(n[1:]) for n in numbers if n.startswith(prefix)]
        assert int(body["number"][1:]) > max(used, default=0)

    state = server.get("/api/v1/state")[1]
    in_hand = {w["current"]: w["number"] for w in state["windows"] if w["current"]}
    for number, body in numbers.items():
        if body["status"] in ("called", "serving"):
            assert in_hand.get(number) == body["window"], f"{number} is stuck in {body['status']}"

    # The hall carries on: every waiting ticket is called exactly once after the restart.
    called: list[str] = []
    for n in WINDOWS:
        server.post(f"/api/v1/windows/{n}/complete", {"outcome": "done"}, tokens[n])
    for _ in range(len(issued) + 10):
        progressed = False
        for n in WINDOWS:
            status, body = server.post(f"/api/v1/windows/{n}/call-next", token=tokens[n])
            if status == 200:
                called.append(body["ticket"]["number"])
                server.post(f"/api/v1/windows/{n}/complete", {"outcome": "done"}, tokens[n])
                progressed = True
        if not progressed:
            break
    assert len(called) == len(set(called))
    assert server.get("/api/v1/state")[1]["waiting"] == {"A": 0, "B": 0}
