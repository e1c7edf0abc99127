"""The stack's floor (bench/floor.py) really does a cycle's work, so the benchmark that
compares HallQ with it compares like with like: each call commits its rows and its event."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select

from bench.floor import Floor, create_floor_app, events, tickets
from bench.hallgen import PIN, bench_hall, kiosk_key, served_matters, staff_id


def test_a_cycle_on_the_floor_commits_the_ticket_and_its_three_events(tmp_path: Path) -> None:
    hall = bench_hall(windows=4, kiosks=2)
    db = tmp_path / "floor.db"
    client = TestClient(create_floor_app(Floor(hall, db)))
    matter = served_matters(hall)[2][0]
    kiosk = {"Authorization": f"Bearer {kiosk_key(1)}"}

    assert client.post("/api/v1/tickets", json={"matter": matter}).status_code == 401
    issued = client.post("/api/v1/tickets", json={"matter": matter}, headers=kiosk)
    assert issued.status_code == 201
    assert issued.json()["status"] == "waiting" and issued.json()["matter"] == matter

    login = {"staff_id": staff_id(2), "pin": PIN, "window": 2}
    staff = {
        "Authorization": f"Bearer {client.post('/api/v1/auth/login', json=login).json()['token']}"
    }
    called = client.post("/api/v1/windows/2/call-next", headers=staff)
    assert called.status_code == 200
    assert called.json()["ticket"]["token"] == issued.json()["token"]
    assert called.json()["ticket"]["window"] == 2
    assert client.post("/api/v1/windows/2/call-next", headers=staff).status_code == 204
    done = client.post("/api/v1/windows/2/complete", json={"outcome": "done"}, headers=staff)
    assert done.status_code == 200 and done.json()["ticket"]["status"] == "done"

    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        kinds = conn.execute(select(events.c.type).order_by(events.c.seq)).scalars().all()
        finished = conn.execute(select(func.count()).where(tickets.c.status == "done")).scalar()
    engine.dispose()
    assert kinds == ["ticket.issued", "ticket.called", "ticket.completed"]
    assert finished == 1
