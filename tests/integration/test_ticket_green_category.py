"""Whom a green-channel ticket is for, kept on the ticket (migration 0004), on SQLite and
PostgreSQL: every JSON view of the ticket carries `green_category` (null when none), and a
database upgraded with green tickets waiting gives them theirs from the event log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient

from queue_server.adapters.db import make_engine
from queue_server.adapters.migrate import alembic_config, upgrade
from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from tests.conftest import FakeClock
from tests.integration.apiutil import KIOSK, call_next, issue, login, ticket_row_0001

VALID_ID = "11010519491231002X"


def _complete(api: TestClient, window: int, staff: dict[str, str]) -> None:
    r = api.post(f"/api/v1/windows/{window}/complete", json={"outcome": "done"}, headers=staff)
    assert r.status_code == 200, r.text


def _in_hand(api: TestClient, window: int, staff: dict[str, str]) -> dict[str, Any]:
    r = api.get(f"/api/v1/windows/{window}", headers=staff)
    assert r.status_code == 200, r.text
    return dict(r.json()["current"])


def test_a_green_ticket_called_at_the_window_says_whom_it_is_for(api: TestClient) -> None:
    normal = issue(api, "yyzz")
    green = issue(api, "yyzz", priority="green", green_category="elderly")
    uncategorised = issue(api, "yyzz", priority="green")  # older kiosks, the desk
    assert green["green_category"] == "elderly"
    assert normal["green_category"] is None and uncategorised["green_category"] is None
    staff = login(api, "s1a", 1)

    called = call_next(api, 1, staff)
    assert called and (called["number"], called["green_category"]) == (green["number"], "elderly")
    assert _in_hand(api, 1, staff)["green_category"] == "elderly"  # what the console reads
    followed = api.get(f"/api/v1/tickets/{green['token']}").json()
    assert followed["green_category"] == "elderly"
    _complete(api, 1, staff)
    done = api.get(f"/api/v1/tickets/{green['token']}").json()
    assert (done["status"], done["green_category"]) == ("done", "elderly")

    called = call_next(api, 1, staff)
    assert called and called["number"] == uncategorised["number"]
    assert called["priority"] == "green" and called["green_category"] is None
    assert _in_hand(api, 1, staff)["green_category"] is None
    _complete(api, 1, staff)
    called = call_next(api, 1, staff)
    assert called and (called["number"], called["green_category"]) == (normal["number"], None)


def test_the_guide_desk_sees_whom_a_persons_green_ticket_is_for(api: TestClient) -> None:
    issue(api, "sybx", priority="green", green_category="military", id_number=VALID_ID)
    r = api.post("/api/v1/desk/lookup", json={"id_number": VALID_ID}, headers=login(api, "desk1"))
    assert r.status_code == 200, r.text
    (ticket,) = r.json()["tickets"]
    assert (ticket["priority"], ticket["green_category"]) == ("green", "military")


# --- the migration --------------------------------------------------------------------------
def _seed_0003(engine: sa.Engine, day: date, at: datetime) -> None:
    """Three tickets waiting as a 0003 server left them, each with its `ticket.issued` event:
    a normal one, a green one for the elderly and a green one taken without a category."""
    seeded = [("A001", "tok-1", "normal", None), ("A002", "tok-2", "green", "elderly")]
    seeded.append(("A003", "tok-3", "green", None))
    ticket = ticket_row_0001(day)
    tickets = sa.table("tickets", *(sa.column(k) for k in ticket))
    events = sa.table(
        "events",
        *(sa.column(k) for k in ("type", "at", "actor", "ticket", "token", "matter", "zone")),
        sa.column("data", sa.JSON),
    )
    with engine.begin() as conn:
        for number, token, priority, category in seeded:
            row = {**ticket, "number": number, "token": token, "priority": priority}
            conn.execute(sa.insert(tickets).values({**row, "issued_at": at, "queued_at": at}))
            data: dict[str, Any] = {"channel": "kiosk", "priority": priority}
            data |= {"green_category": category} if category else {}
            ev = {"type": "ticket.issued", "at": at, "actor": "device:kiosk1", "data": data}
            where = {"ticket": number, "token": token, "matter": "yyzz", "zone": "A"}
            conn.execute(sa.insert(events).values({**ev, **where}))


def _categories(engine: sa.Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as conn:
        query = sa.text("SELECT number, green_category FROM tickets ORDER BY number")
        return [(str(n), c) for n, c in conn.execute(query)]


def test_upgrade_from_0003_gives_green_tickets_waiting_their_category_from_the_log(
    db_url: str, settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    issued_at = clock.now.replace(tzinfo=None) - timedelta(minutes=10)  # naive UTC, as stored
    _seed_0003(engine, date(2026, 11, 23), issued_at)

    upgrade(engine)  # what `hallq serve` does on start
    expected = [("A001", None), ("A002", "elderly"), ("A003", None)]
    assert _categories(engine) == expected
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    assert "green_category" not in {c["name"] for c in sa.inspect(engine).get_columns("tickets")}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM tickets")).scalar() == 3
    engine.dispose()

    hall = build_hall(settings, mini_config, clock=clock)  # upgrades again
    assert hall.engine is not None
    assert _categories(hall.engine) == expected
    with TestClient(create_app(settings, hall=hall)) as api:
        assert api.get("/api/v1/tickets/tok-2", headers=KIOSK).json()["green_category"] == "elderly"
        staff = login(api, "s1a", 1)
        called = call_next(api, 1, staff)
        assert called and (called["number"], called["green_category"]) == ("A002", "elderly")
        assert _in_hand(api, 1, staff)["green_category"] == "elderly"
