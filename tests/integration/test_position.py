"""People ahead: the SQL count used when issuing agrees with the domain rule, and a ticket
sent to one window (back from suspension, transferred) counts what that window calls first."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from queue_server.domain.estimate import tickets_ahead
from queue_server.domain.identity import check_digit
from queue_server.domain.model import Priority, Status, Ticket
from queue_server.hall import Hall
from tests.integration.apiutil import KIOSK, call_next, issue, login


@pytest.mark.parametrize("seed", range(6))
def test_sql_count_of_people_ahead_matches_the_dispatch_order(hall: Hall, seed: int) -> None:
    rng = random.Random(seed)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    pool = hall.pools["sybx"]  # ylbx + sybx, two windows
    stored: list[Ticket] = []
    with hall.uow() as uow:
        for i in range(60):
            at = now - timedelta(minutes=rng.uniform(0, 90), microseconds=i)
            appt = at + timedelta(minutes=rng.uniform(-20, 40)) if rng.random() < 0.2 else None
            t = Ticket(
                day=day,
                number=f"B{i:03d}",
                token=f"tok{i}",
                matter=rng.choice(pool.matters),
                zone="B",
                issued_at=at,
                queued_at=max(at, appt) if appt else at,
                appointment_at=appt,
                priority=Priority.GREEN if rng.random() < 0.15 else Priority.NORMAL,
                returning=rng.random() < 0.1,
                target_window=rng.choice([None, None, None, 3]),
                status=rng.choice([Status.WAITING] * 4 + [Status.DONE]),
            )
            uow.tickets.add(t)
            stored.append(t)
        uow.commit()
    for priority in (Priority.NORMAL, Priority.GREEN):
        new = Ticket(
            day=day,
            number="B999",
            token="new",
            matter="sybx",
            zone="B",
            issued_at=now,
            priority=priority,
        )
        expected = tickets_ahead(new, stored, pool, now, hall.policy)
        with hall.uow(write=False) as uow:
            counted = uow.tickets.ahead_of_new(
                day,
                pool.matters,
                now=now,
                queued_at=now,
                rank=new.rank(now, max_wait_min=hall.policy.max_wait_min),
                max_wait_min=hall.policy.max_wait_min,
            )
        by_matter: dict[str, int] = {}
        for t in expected:
            by_matter[t.matter] = by_matter.get(t.matter, 0) + 1
        assert counted == by_matter, priority


# --- a ticket sent to one window: back from suspension, or transferred there ------------------
def _ahead(api: TestClient, token: str) -> int:
    body = api.get(f"/api/v1/tickets/{token}").json()
    assert body["status"] == "waiting", body
    return int(body["waiting_ahead"])


def _calls_before(api: TestClient, window: int, staff: dict[str, str], token: str) -> int:
    """Drive call-next at `window` until it calls `token`: how many it called first."""
    called = 0
    while True:
        got = call_next(api, window, staff)
        assert got is not None, "the window never called the ticket"
        if got["token"] == token:
            return called
        called += 1
        r = api.post(f"/api/v1/windows/{window}/complete", json={"outcome": "done"}, headers=staff)
        assert r.status_code == 200, r.text


def test_a_ticket_back_from_suspension_is_next_at_its_window(api: TestClient) -> None:
    mine = issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["token"] == mine["token"]  # type: ignore[index]
    assert api.post("/api/v1/windows/1/suspend", headers=staff).status_code == 200
    for _ in range(4):
        issue(api, "yyzz")
    r = api.post(f"/api/v1/tickets/{mine['token']}/return", headers=KIOSK)
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["waiting_ahead"]) == ("waiting", 0)
    assert r.json()["estimated_wait_min"] == 0 and r.json()["windows"] == [1]
    assert _ahead(api, mine["token"]) == 0
    green = issue(api, "spjy", priority="green")  # window 1 calls a green ticket first
    assert _ahead(api, mine["token"]) == 1
    assert api.get(f"/api/v1/tickets/{mine['token']}").json()["estimated_wait_min"] > 0
    assert call_next(api, 1, staff)["token"] == green["token"]  # type: ignore[index]
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert _ahead(api, mine["token"]) == 0
    assert _calls_before(api, 1, staff, mine["token"]) == 0


def test_a_ticket_transferred_to_a_window_is_next_there(api: TestClient) -> None:
    moved = issue(api, "sybx")
    for _ in range(4):
        issue(api, "sybx")
    s3, s4 = login(api, "s3a", 3), login(api, "s4a", 4)
    assert call_next(api, 3, s3)["token"] == moved["token"]  # type: ignore[index]
    r = api.post("/api/v1/windows/3/transfer", json={"window": 4}, headers=s3)
    assert r.status_code == 200, r.text
    assert (r.json()["ticket"]["status"], r.json()["ticket"]["waiting_ahead"]) == ("waiting", 0)
    assert r.json()["ticket"]["windows"] == [4]
    assert _ahead(api, moved["token"]) == 0
    assert _calls_before(api, 4, s4, moved["token"]) == 0


def test_a_transferred_tickets_people_ahead_are_those_its_window_calls_first(
    api: TestClient,
) -> None:
    """Window 3 orders by its profile (ylbx, sybx, dbsq): green and returning tickets first."""
    s3, s4 = login(api, "s3a", 3), login(api, "s4a", 4)
    moved = issue(api, "sybx")
    assert call_next(api, 4, s4)["token"] == moved["token"]  # type: ignore[index]
    issue(api, "ylbx", id_number=make_id(1))
    issue(api, "ylbx", id_number=make_id(2))
    issue(api, "dbsq")
    issue(api, "sybx", priority="green")
    issue(api, "dbsq", priority="green")
    r = api.post("/api/v1/windows/4/transfer", json={"matter": "dbsq", "window": 3}, headers=s4)
    assert r.status_code == 200, r.text
    ahead = r.json()["ticket"]["waiting_ahead"]
    assert ahead == _ahead(api, moved["token"]) == 2  # the two green tickets
    assert r.json()["ticket"]["estimated_wait_min"] > 0
    assert _calls_before(api, 3, s3, moved["token"]) == ahead


def make_id(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_digit(first17)
