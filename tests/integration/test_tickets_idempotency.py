"""POST /tickets with an `Idempotency-Key`, on SQLite and PostgreSQL.

A kiosk whose request timed out cannot know whether the server committed the ticket. It
retries with the same key: the server answers 200 with the ticket already issued (same
number and token, position as of now) instead of a second ticket or a refusal of the
citizen's daily limit. Keys are per caller (device or staff member) and hall day.
"""

from __future__ import annotations

import threading
import tomllib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient

from queue_server.adapters import tables
from queue_server.adapters.db import make_engine
from queue_server.adapters.migrate import alembic_config, upgrade
from queue_server.config import HallConfig, parse_hall
from queue_server.hall import Hall
from tests.conftest import FIXTURES, FakeClock
from tests.integration.apiutil import KIOSK, assert_error, call_next, issue, login, ticket_row_0001

T = "/api/v1/tickets"
KIOSK2 = {"Authorization": "Bearer test-kiosk-key-2"}
VALID_ID = "11010519491231002X"
KEY = "3f2b9c1e8d7a4f60b1c2d3e4f5a6b7c8"  # uuid4().hex


@pytest.fixture(scope="module")
def mini_config() -> HallConfig:
    """The mini hall with a second kiosk and appointments for yyzz."""
    data = tomllib.loads((FIXTURES / "mini_hall.toml").read_text(encoding="utf-8"))
    data["devices"].append({"id": "kiosk2", "role": "kiosk", "key": "test-kiosk-key-2"})
    data["appointments"] = {"capacity": 2, "matters": ["yyzz"], "horizon_days": 7}
    return parse_hall(data)


def take(
    api: TestClient,
    body: dict[str, Any],
    key: str | None = KEY,
    who: dict[str, str] = KIOSK,
) -> httpx.Response:
    headers = {**who, **({"Idempotency-Key": key} if key is not None else {})}
    return api.post(T, json=body, headers=headers)


def rows(hall: Hall) -> list[dict[str, Any]]:
    assert hall.engine is not None
    with hall.engine.connect() as conn:
        found = conn.execute(sa.select(tables.tickets).order_by(tables.tickets.c.id))
        return [dict(r._mapping) for r in found]


def issued_events(hall: Hall) -> int:
    assert hall.engine is not None
    query = sa.select(sa.func.count()).where(tables.events.c.type == "ticket.issued")
    with hall.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


# --- a retry --------------------------------------------------------------------------------
def test_a_retry_with_the_same_key_returns_the_same_ticket_with_200_positioned_now(
    api: TestClient, hall: Hall
) -> None:
    before = issue(api, "yyzz")  # A001, no key
    first = take(api, {"matter": "yyzz"})
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    assert first.json()["number"] == "A002" and first.json()["waiting_ahead"] == 1
    staff = login(api, "s1a", 1)
    called = call_next(api, 1, staff)
    assert called is not None and called["number"] == before["number"]

    again = take(api, {"matter": "yyzz"})

    assert again.status_code == 200, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    same = ("number", "token", "matter", "zone", "issued_at", "status_url", "status")
    assert {k: again.json()[k] for k in same} == {k: first.json()[k] for k in same}
    assert again.json()["waiting_ahead"] == 0  # recomputed: A001 has been called since
    assert [r["number"] for r in rows(hall)] == ["A001", "A002"]
    assert issued_events(hall) == 2  # no second ticket.issued
    assert take(api, {"matter": "yyzz"}, key="another-key-1").json()["number"] == "A003"


def test_a_late_retry_returns_the_ticket_as_it_is_now_even_after_closing(
    api: TestClient, clock: FakeClock
) -> None:
    first = take(api, {"matter": "yyzz"}).json()
    assert call_next(api, 1, login(api, "s1a", 1)) is not None
    clock.advance(hours=7, minutes=20)  # 17:20: issuing stopped at 17:00
    assert_error(take(api, {"matter": "yyzz"}, key="after-closing"), 409, "hall_closed")

    again = take(api, {"matter": "yyzz"})

    assert again.status_code == 200, again.text
    got = again.json()
    assert (got["number"], got["token"]) == (first["number"], first["token"])
    assert got["status"] == "called" and got["window"] == 1 and got["waiting_ahead"] is None


def test_without_a_key_every_request_is_a_new_ticket(api: TestClient) -> None:
    numbers = [take(api, {"matter": "yyzz"}, key=None).json()["number"] for _ in range(2)]
    assert numbers == ["A001", "A002"]


# --- what a key may not do ------------------------------------------------------------------
@pytest.mark.parametrize(
    "other",
    [
        {"matter": "dbsq"},
        {"matter": "yyzz", "priority": "green"},
        {"matter": "yyzz", "phone": "13800138000"},
        {"matter": "yyzz", "id_number": VALID_ID},
    ],
    ids=["matter", "priority", "phone", "id_number"],
)
def test_the_same_key_with_another_body_is_a_bilingual_409_conflict(
    api: TestClient, hall: Hall, other: dict[str, Any]
) -> None:
    assert take(api, {"matter": "yyzz"}).status_code == 201
    assert_error(take(api, other), 409, "idempotency_conflict")
    assert len(rows(hall)) == 1 and issued_events(hall) == 1


def test_the_same_key_on_another_channel_is_a_conflict(api: TestClient, hall: Hall) -> None:
    """Only an admin may choose the channel (a kiosk's is always `kiosk`)."""
    admin = login(api, "admin")
    assert take(api, {"matter": "yyzz", "channel": "desk"}, who=admin).status_code == 201
    other = take(api, {"matter": "yyzz", "channel": "mobile"}, who=admin)
    assert_error(other, 409, "idempotency_conflict")
    assert take(api, {"matter": "yyzz"}, who=admin).status_code == 200  # desk, derived
    assert len(rows(hall)) == 1 and issued_events(hall) == 1


def test_the_same_id_in_another_spelling_is_the_same_request(api: TestClient) -> None:
    first = take(api, {"matter": "ylbx", "id_number": VALID_ID.lower()})
    assert first.status_code == 201, first.text
    again = take(api, {"matter": "ylbx", "id_number": f" {VALID_ID} "})
    assert again.status_code == 200 and again.json()["token"] == first.json()["token"]


def test_a_key_is_per_device_another_kiosk_with_the_same_key_gets_its_own_ticket(
    api: TestClient, hall: Hall
) -> None:
    mine = take(api, {"matter": "yyzz"})
    theirs = take(api, {"matter": "yyzz"}, who=KIOSK2)
    desk = take(api, {"matter": "yyzz"}, who=login(api, "desk1"))
    assert [r.status_code for r in (mine, theirs, desk)] == [201, 201, 201]
    assert [r.json()["number"] for r in (mine, theirs, desk)] == ["A001", "A002", "A003"]
    assert take(api, {"matter": "yyzz"}, who=KIOSK2).json()["number"] == "A002"  # its own
    by = {r["number"]: (r["issued_by"], r["request_key"]) for r in rows(hall)}
    assert by == {
        "A001": ("device:kiosk1", KEY),
        "A002": ("device:kiosk2", KEY),
        "A003": ("staff:desk1", KEY),
    }


def test_a_key_is_per_hall_day(api: TestClient, clock: FakeClock) -> None:
    today = take(api, {"matter": "yyzz"}).json()
    clock.advance(days=1)  # Tuesday 10:00
    tomorrow = take(api, {"matter": "yyzz"})
    assert tomorrow.status_code == 201 and tomorrow.json()["token"] != today["token"]


# --- limits ---------------------------------------------------------------------------------
def test_a_retry_does_not_count_against_the_id_daily_limit(api: TestClient, hall: Hall) -> None:
    body = {"matter": "ylbx", "id_number": VALID_ID}  # id_matter_daily_limit = 1
    first = take(api, body)
    assert first.status_code == 201, first.text
    for _ in range(3):  # id_daily_limit = 3
        again = take(api, body)
        assert again.status_code == 200, again.text
        assert again.json()["token"] == first.json()["token"]
    assert_error(take(api, body, key="a-new-request"), 429, "id_limit")  # still one ticket
    assert take(api, {"matter": "yyzz", "id_number": VALID_ID}, key="other-01").status_code == 201
    assert take(api, {"matter": "dbsq", "id_number": VALID_ID}, key="other-02").status_code == 201
    assert len(rows(hall)) == 3  # the retries took nothing of the 3 a day


def test_a_retry_is_answered_when_the_quota_is_used_up(api: TestClient) -> None:
    first = take(api, {"matter": "spjy"})  # daily_quota = 3
    for n in range(2):
        assert take(api, {"matter": "spjy"}, key=f"quota-{n:04d}").status_code == 201
    assert_error(take(api, {"matter": "spjy"}, key="quota-full"), 409, "quota_exhausted")
    again = take(api, {"matter": "spjy"})
    assert again.status_code == 200 and again.json()["number"] == first.json()["number"]


def test_an_appointment_check_in_retried_is_the_same_ticket_not_already_used(
    api: TestClient, clock: FakeClock
) -> None:
    booking = {"matter": "yyzz", "day": "2026-11-23", "slot": "10:30", "id_number": VALID_ID}
    r = api.post("/api/v1/appointments", json=booking)
    assert r.status_code == 201, r.text
    clock.advance(minutes=5)
    body = {"matter": "yyzz", "appointment_code": r.json()["code"]}
    first = take(api, body)
    assert first.status_code == 201, first.text
    again = take(api, body)
    assert again.status_code == 200 and again.json()["token"] == first.json()["token"]
    assert_error(take(api, body, key="new-check-in"), 409, "appointment_used")


# --- concurrency ----------------------------------------------------------------------------
def run_parallel(n: int, job: Callable[[int], Any]) -> list[Any]:
    start = threading.Barrier(n)

    def go(i: int) -> Any:
        start.wait()
        return job(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


@pytest.mark.parametrize("matter", ["yyzz", "ylbx"])  # ylbx: real-name, limit 1 per ID
def test_concurrent_duplicates_make_exactly_one_ticket(
    api: TestClient, hall: Hall, matter: str
) -> None:
    bodies = {"yyzz": {"matter": "yyzz"}, "ylbx": {"matter": "ylbx", "id_number": VALID_ID}}
    for round_ in range(3):
        key = f"race-{round_}-{matter}"
        answers = run_parallel(12, lambda _i, k=key: take(api, bodies[matter], key=k))  # type: ignore[misc]
        statuses = Counter(r.status_code for r in answers)
        if matter == "ylbx" and round_:  # the citizen's one ticket of the day is taken
            assert statuses == {429: 12}, [r.text for r in answers]
            continue
        assert statuses == {201: 1, 200: 11}, [r.text for r in answers]
        assert len({r.json()["token"] for r in answers}) == 1
    expected = 3 if matter == "yyzz" else 1
    assert len(rows(hall)) == expected and issued_events(hall) == expected
    numbers = [r["number"] for r in rows(hall)]
    assert len(set(numbers)) == len(numbers)


# --- bad keys -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "key",
    [
        "",
        "short77",
        "x" * 65,
        "has space1",
        "slash/key1",
        "dot.key.12",
        "ключ-ключ-1".encode(),
        "=" * 8,
    ],
    ids=["empty", "7-chars", "65-chars", "space", "slash", "dot", "cyrillic", "padding"],
)
def test_a_malformed_key_is_a_bilingual_422(api: TestClient, hall: Hall, key: str | bytes) -> None:
    headers: dict[str, str | bytes] = {**KIOSK, "Idempotency-Key": key}
    r = api.post(T, json={"matter": "yyzz"}, headers=headers)
    assert_error(r, 422, "invalid_input")
    assert "Idempotency-Key" in r.json()["error"]["message"]
    assert rows(hall) == []


@pytest.mark.parametrize("key", ["a" * 8, "Z" * 64, "0123-abcd_EF", KEY])
def test_keys_of_8_to_64_url_safe_characters_are_taken(api: TestClient, key: str) -> None:
    assert take(api, {"matter": "yyzz"}, key=key).status_code == 201
    assert take(api, {"matter": "yyzz"}, key=key).status_code == 200


def test_the_header_is_documented_in_the_openapi(api: TestClient) -> None:
    post = api.get("/openapi.json").json()["paths"][T]["post"]
    (param,) = [p for p in post["parameters"] if p["name"] == "Idempotency-Key"]
    assert param["in"] == "header" and param["required"] is False
    assert "^[A-Za-z0-9_-]{8,64}$" in str(param["schema"])
    assert {"200", "201", "409", "422"} <= set(post["responses"])


# --- the migration --------------------------------------------------------------------------
def test_upgrade_from_0002_keeps_tickets_and_a_retry_works_after_it(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    ticket = ticket_row_0001(sa.func.current_date())
    old = sa.table("tickets", *(sa.column(k) for k in ticket))
    with engine.begin() as conn:
        conn.execute(sa.insert(old).values(ticket))
        conn.execute(sa.insert(old).values({**ticket, "number": "A002", "token": "tok-2"}))

    upgrade(engine)

    columns = {c["name"] for c in sa.inspect(engine).get_columns("tickets")}
    assert {"issued_by", "request_key", "request_digest"} <= columns
    indexes = {i["name"]: i for i in sa.inspect(engine).get_indexes("tickets")}
    assert indexes["uq_tickets_day_request"]["unique"]
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == head
        got = conn.execute(sa.text("SELECT number, request_key FROM tickets ORDER BY number"))
        assert got.all() == [("A001", None), ("A002", None)]  # NULL keys never collide
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert "request_key" not in {c["name"] for c in sa.inspect(engine).get_columns("tickets")}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM tickets")).scalar() == 2
    upgrade(engine)
    engine.dispose()
