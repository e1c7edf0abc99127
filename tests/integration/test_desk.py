"""The guide desk on SQLite and PostgreSQL: real-name look-up, green-channel and on-behalf
tickets under the same per-ID limits; and staff sign-in (一日三签, A/B roles)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from queue_server.adapters import tables
from queue_server.domain.identity import check_digit, id_hash
from queue_server.hall import Hall
from tests.conftest import FakeClock
from tests.integration.apiutil import KIOSK, PINS, assert_error, call_next, issue, login

LOOKUP = "/api/v1/desk/lookup"


def make_id(n: int) -> str:
    first17 = f"32010219750607{n:03d}"
    return first17 + check_digit(first17)


def desk_issue(api: TestClient, desk: dict[str, str], matter: str, **extra: Any) -> Any:
    body = {"matter": matter, "channel": "desk", **extra}
    return api.post("/api/v1/tickets", json=body, headers=desk)


def test_lookup_finds_todays_tickets_of_the_person_and_shows_the_id_masked(
    api: TestClient, clock: FakeClock
) -> None:
    me, other = make_id(1), make_id(2)
    clock.advance(days=-3)
    issue(api, "sybx", id_number=me)  # an earlier day: not today's business
    clock.advance(days=3)
    desk = login(api, "desk1")
    first = issue(api, "ylbx", id_number=me)
    clock.advance(minutes=1)
    issue(api, "ylbx", id_number=other)
    clock.advance(minutes=1)
    green = desk_issue(api, desk, "sybx", priority="green", id_number=me).json()
    r = api.post(LOOKUP, json={"id_number": me}, headers=desk)
    assert r.status_code == 200, r.text
    found = r.json()
    assert found["id_masked"] == "320***********" + me[-4:] and found["day"] == "2026-11-23"
    rows = found["tickets"]
    assert [t["number"] for t in rows] == [first["number"], green["number"]]
    assert rows[0]["matter_name"] == "城乡居民养老保险参保登记"
    assert (rows[0]["status"], rows[0]["channel"], rows[0]["waiting_ahead"]) == (
        "waiting",
        "kiosk",
        1,  # the green ticket of the same window pool goes first
    )
    assert (rows[1]["priority"], rows[1]["channel"]) == ("green", "desk")
    assert all(t["id_masked"] == found["id_masked"] for t in rows)

    staff = login(api, "s3a", 3)
    assert call_next(api, 3, staff)["number"] == green["number"]  # type: ignore[index]
    again = api.post(LOOKUP, json={"id_number": me.lower()}, headers=login(api, "admin"))
    assert [t["status"] for t in again.json()["tickets"]] == ["waiting", "called"]
    assert again.json()["tickets"][1]["window"] == 3


def test_nobody_found_is_an_empty_answer_not_an_error(api: TestClient) -> None:
    r = api.post(LOOKUP, json={"id_number": make_id(5)}, headers=login(api, "desk1"))
    assert r.status_code == 200 and r.json()["tickets"] == [] and r.json()["appointments"] == []


def test_lookup_shows_the_persons_bookings(api: TestClient) -> None:
    body = {"matter": "yyzz", "day": "2026-11-24", "slot": "09:00", "id_number": make_id(3)}
    code = api.post("/api/v1/appointments", json=body).json()["code"]
    r = api.post(LOOKUP, json={"id_number": make_id(3)}, headers=login(api, "desk1"))
    (appt,) = r.json()["appointments"]
    assert (appt["code"], appt["slot"], appt["status"]) == (code, "09:00", "booked")


@pytest.mark.parametrize(
    ("who", "body", "status", "code"),
    [
        (None, {"id_number": make_id(1)}, 401, "unauthorized"),
        ("kiosk", {"id_number": make_id(1)}, 403, "forbidden"),
        ("display", {"id_number": make_id(1)}, 403, "forbidden"),
        ("s1a", {"id_number": make_id(1)}, 403, "forbidden"),
        ("desk1", {"id_number": "320102197506070010"}, 422, "invalid_id_number"),
        ("desk1", {"id_number": ""}, 422, "invalid_input"),
        ("desk1", {}, 422, "invalid_input"),
        ("desk1", {"id_number": make_id(1), "name": "x"}, 422, "invalid_input"),
    ],
)
def test_lookup_refusals_are_bilingual(
    api: TestClient, who: str | None, body: dict[str, Any], status: int, code: str
) -> None:
    headers = (
        {
            None: {},
            "kiosk": KIOSK,
            "display": {"Authorization": "Bearer test-display-key"},
        }.get(who)
        if who in (None, "kiosk", "display")
        else login(api, who, 1 if who == "s1a" else None)
    )
    assert_error(api.post(LOOKUP, json=body, headers=headers), status, code)


def test_every_lookup_is_recorded_by_hash_and_who_looked(api: TestClient, hall: Hall) -> None:
    issue(api, "ylbx", id_number=make_id(1))
    api.post(LOOKUP, json={"id_number": make_id(1)}, headers=login(api, "desk1"))
    api.post(LOOKUP, json={"id_number": make_id(2)}, headers=login(api, "admin"))
    with hall.uow(write=False) as uow:
        rows = uow.conn.execute(select(tables.desk_lookups).order_by(tables.desk_lookups.c.id))
        seen = [(r.actor, r.id_hash, r.found) for r in rows]
    assert seen == [
        ("staff:desk1", id_hash(make_id(1), hall.secret), 1),
        ("staff:admin", id_hash(make_id(2), hall.secret), 0),
    ]


def test_the_desk_issues_green_tickets_on_behalf_and_the_per_id_limits_still_apply(
    api: TestClient,
) -> None:
    desk = login(api, "desk1")
    person = make_id(7)
    normal = issue(api, "yyzz")
    r = desk_issue(api, desk, "yyzz", priority="green", id_number=person)
    assert r.status_code == 201 and r.json()["priority"] == "green"
    green = r.json()
    # One ticket per ID per matter a day (id_matter_daily_limit = 1), whoever issues it.
    r = api.post("/api/v1/tickets", json={"matter": "yyzz", "id_number": person}, headers=KIOSK)
    assert_error(r, 429, "id_limit")
    assert_error(desk_issue(api, desk, "yyzz", priority="green", id_number=person), 429, "id_limit")
    # Three tickets per ID a day (id_daily_limit = 3) across matters, kiosk and desk together.
    assert desk_issue(api, desk, "sybx", id_number=person).status_code == 201
    issue(api, "spjy", id_number=person)
    assert_error(desk_issue(api, desk, "dbsq", id_number=person), 429, "id_limit")
    # The green ticket is served before the walk-in who came first.
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["number"] == green["number"]  # type: ignore[index]
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert call_next(api, 1, staff)["number"] == normal["number"]  # type: ignore[index]


def test_a_display_cannot_issue_tickets(api: TestClient) -> None:
    r = api.post(
        "/api/v1/tickets",
        json={"matter": "yyzz", "priority": "green"},
        headers={"Authorization": "Bearer test-display-key"},
    )
    assert_error(r, 403, "forbidden")


# --- the channel is the caller's ------------------------------------------------------------
def test_the_channel_is_the_callers_own_and_another_is_refused(api: TestClient, hall: Hall) -> None:
    desk, staff, admin = login(api, "desk1"), login(api, "s1a", 1), login(api, "admin")
    url = "/api/v1/tickets"
    for who, channel in ((KIOSK, "desk"), (KIOSK, "mobile"), (desk, "kiosk"), (staff, "kiosk")):
        r = api.post(url, json={"matter": "yyzz", "channel": channel}, headers=who)
        assert_error(r, 403, "channel_mismatch")
    taken = {
        "kiosk": issue(api, "yyzz", channel="kiosk"),
        "kiosk, none said": issue(api, "yyzz"),
        "desk": desk_issue(api, desk, "yyzz").json(),
        "desk, none said": api.post(url, json={"matter": "yyzz"}, headers=desk).json(),
        "window staff, none said": api.post(url, json={"matter": "yyzz"}, headers=staff).json(),
        "admin, mobile": api.post(
            url, json={"matter": "yyzz", "channel": "mobile"}, headers=admin
        ).json(),
        "admin, none said": api.post(url, json={"matter": "yyzz"}, headers=admin).json(),
    }
    with hall.uow(write=False) as uow:
        stored = {k: uow.tickets.by_token(t["token"]) for k, t in taken.items()}
        logged = {
            e.token: e.data["channel"] for e in uow.events.since(0) if e.type == "ticket.issued"
        }
    channels = {k: t.channel for k, t in stored.items() if t is not None}
    assert channels == {
        "kiosk": "kiosk",
        "kiosk, none said": "kiosk",
        "desk": "desk",
        "desk, none said": "desk",
        "window staff, none said": "desk",
        "admin, mobile": "mobile",
        "admin, none said": "desk",
    }
    assert [logged[t["token"]] for t in taken.values()] == list(channels.values())


# --- 作废: the desk voids a ticket taken by mistake --------------------------------------------
def cancel(api: TestClient, token: str, headers: dict[str, str], reason: Any = "取错事项") -> Any:
    return api.post(f"/api/v1/tickets/{token}/cancel", json={"reason": reason}, headers=headers)


def test_the_desk_voids_a_mistaken_real_name_ticket_and_the_person_may_take_another(
    api: TestClient, hall: Hall
) -> None:
    person = make_id(8)
    wrong = issue(api, "ylbx", id_number=person)
    again = {"matter": "ylbx", "id_number": person}
    assert_error(api.post("/api/v1/tickets", json=again, headers=KIOSK), 429, "id_limit")
    desk = login(api, "desk1")
    r = cancel(api, wrong["token"], desk)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["number"], body["status"], body["waiting_ahead"]) == (
        wrong["number"],
        "cancelled",
        None,
    )
    assert api.get(f"/api/v1/tickets/{wrong['token']}").json()["status"] == "cancelled"
    right = issue(api, "ylbx", id_number=person)  # the cancelled one no longer counts
    assert right["number"] != wrong["number"]
    with hall.uow(write=False) as uow:
        events = [e for e in uow.events.since(0) if e.type == "ticket.cancelled"]
    assert len(events) == 1
    assert (events[0].actor, events[0].ticket, events[0].data) == (
        "staff:desk1",
        wrong["number"],
        {"reason": "取错事项"},
    )
    # It left the line: nobody calls it, and it no longer counts as waiting.
    assert api.get("/api/v1/state").json()["waiting"]["B"] == 1
    staff = login(api, "s4a", 4)
    assert call_next(api, 4, staff)["number"] == right["number"]  # type: ignore[index]
    assert call_next(api, 3, login(api, "s3a", 3)) is None


def test_a_cancelled_ticket_frees_its_place_in_the_daily_quota(api: TestClient) -> None:
    tickets = [issue(api, "spjy") for _ in range(3)]  # daily_quota = 3
    assert_error(
        api.post("/api/v1/tickets", json={"matter": "spjy"}, headers=KIOSK), 409, "quota_exhausted"
    )
    assert cancel(api, tickets[1]["token"], login(api, "admin")).status_code == 200
    issue(api, "spjy")
    assert_error(
        api.post("/api/v1/tickets", json={"matter": "spjy"}, headers=KIOSK), 409, "quota_exhausted"
    )


def test_only_a_waiting_or_suspended_ticket_is_cancelled_and_only_by_desk_or_admin(
    api: TestClient,
) -> None:
    desk = login(api, "desk1")
    waiting = issue(api, "yyzz")
    for who in (KIOSK, login(api, "s1a", 1), {"Authorization": "Bearer test-display-key"}):
        assert_error(cancel(api, waiting["token"], who), 403, "forbidden")
    assert_error(cancel(api, waiting["token"], {}), 401, "unauthorized")
    url = f"/api/v1/tickets/{waiting['token']}/cancel"
    assert_error(api.post(url, json={}, headers=desk), 422, "invalid_input")
    assert_error(cancel(api, waiting["token"], desk, reason="   "), 422, "invalid_input")
    assert_error(cancel(api, waiting["token"], desk, reason="x" * 201), 422, "invalid_input")
    assert_error(cancel(api, "NoSuchTicket0", desk), 404, "unknown_ticket")
    assert api.get(f"/api/v1/tickets/{waiting['token']}").json()["status"] == "waiting"

    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["token"] == waiting["token"]  # type: ignore[index]
    assert_error(cancel(api, waiting["token"], desk), 409, "invalid_transition")  # called
    assert api.post("/api/v1/windows/1/suspend", headers=staff).status_code == 200
    r = cancel(api, waiting["token"], desk)  # suspended: the citizen is not coming back
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert_error(cancel(api, waiting["token"], desk), 409, "invalid_transition")
    r = api.post(f"/api/v1/tickets/{waiting['token']}/return", headers=KIOSK)
    assert_error(r, 409, "invalid_transition")
    assert call_next(api, 1, staff) is None


# --- sign-in: A/B roles and 一日三签 ----------------------------------------------------------
def sign_in(api: TestClient, staff_id: str, window: int) -> Any:
    return api.post(
        "/api/v1/auth/login", json={"staff_id": staff_id, "pin": PINS[staff_id], "window": window}
    )


def test_b_is_refused_while_a_holds_the_window(api: TestClient) -> None:
    assert sign_in(api, "s1a", 1).json()["ab_role"] == "A"
    assert_error(sign_in(api, "s1b", 1), 409, "window_taken")
    assert_error(sign_in(api, "s1b", 2), 403, "not_assigned")  # not A or B of window 2


def test_b_covers_once_a_has_signed_out(api: TestClient) -> None:
    a = {"Authorization": f"Bearer {sign_in(api, 's1a', 1).json()['token']}"}
    assert api.post("/api/v1/auth/logout", headers=a).status_code == 204
    r = sign_in(api, "s1b", 1)
    assert r.status_code == 200 and r.json()["ab_role"] == "B"
    issue(api, "yyzz")
    b = {"Authorization": f"Bearer {r.json()['token']}"}
    assert call_next(api, 1, b) is not None
    assert_error(sign_in(api, "s1a", 1), 409, "window_taken")  # now A waits for B


def test_b_covers_once_as_session_has_expired(api: TestClient, clock: FakeClock) -> None:
    sign_in(api, "s1a", 1)
    clock.advance(hours=11, minutes=59)
    assert_error(sign_in(api, "s1b", 1), 409, "window_taken")
    clock.advance(minutes=2)  # HALLQ_TOKEN_HOURS = 12 by default
    r = sign_in(api, "s1b", 1)
    assert r.status_code == 200 and r.json()["ab_role"] == "B"


def test_an_admin_frees_a_window_a_left_without_signing_out(api: TestClient) -> None:
    """A went home signed in; the admin signs in at the window (ending A's session) and out."""
    a = {"Authorization": f"Bearer {sign_in(api, 's1a', 1).json()['token']}"}
    assert_error(sign_in(api, "s1b", 1), 409, "window_taken")
    admin = {"Authorization": f"Bearer {sign_in(api, 'admin', 1).json()['token']}"}
    assert api.post("/api/v1/auth/logout", headers=admin).status_code == 204
    r = sign_in(api, "s1b", 1)
    assert r.status_code == 200 and r.json()["ab_role"] == "B"
    assert_error(api.get("/api/v1/auth/me", headers=a), 401, "unauthorized")


def test_three_sign_ins_a_day_are_recorded(api: TestClient, clock: FakeClock, hall: Hall) -> None:
    clock.advance(hours=-1, minutes=-30)  # 08:30
    sign_in(api, "s1a", 1)
    clock.advance(hours=5)  # 13:30, after lunch
    sign_in(api, "s1a", 1)
    clock.advance(hours=3, minutes=30)  # 17:00
    r = sign_in(api, "s1a", 1)
    assert [t[11:16] for t in r.json()["signins_today"]] == ["00:30", "05:30", "09:00"]  # UTC
    with hall.uow(write=False) as uow:
        rows = uow.conn.execute(
            select(tables.signins.c.staff_id, tables.signins.c.window_no, tables.signins.c.ab_role)
        ).all()
    assert [tuple(r) for r in rows] == [("s1a", 1, "A")] * 3
