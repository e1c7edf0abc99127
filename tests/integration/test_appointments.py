"""预约 end to end on SQLite and PostgreSQL: slots, capacity, per-person rules, check-in at the
kiosk (early waits for its slot, late becomes a walk-in), no-shows, cancelling, privacy."""

from __future__ import annotations

import logging
import threading
import tomllib
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from queue_server.adapters import tables
from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings, parse_hall
from queue_server.domain import errors
from queue_server.domain.identity import check_digit
from queue_server.hall import Hall
from queue_server.services import appointments as svc
from tests.conftest import FIXTURES, FakeClock, hall_time
from tests.integration.apiutil import DISPLAY, KIOSK, assert_error, call_next, issue, login

TODAY = "2026-11-23"  # the clock fixture's Monday, 10:00 in the hall
APPTS = "/api/v1/appointments"
EVALUATOR = {"Authorization": "Bearer test-evaluator-key-1"}
COUNTER = {"Authorization": "Bearer test-counter-key-1"}


def make_id(n: int) -> str:
    """A valid 18-digit resident ID, different for each `n`."""
    first17 = f"11010519800101{n:03d}"
    return first17 + check_digit(first17)


@pytest.fixture(scope="module")
def mini_config() -> HallConfig:
    data = tomllib.loads((FIXTURES / "mini_hall.toml").read_text(encoding="utf-8"))
    data["hall"]["holidays"] = ["2026-10-01", "2026-11-25"]  # this Wednesday
    data["appointments"] = {
        "capacity": 2,
        "capacity_by_matter": {"spjy": 1},
        "matters": ["yyzz", "spjy", "ylbx", "sybx"],  # dbsq: walk-in only
        "horizon_days": 7,
        "max_upcoming_per_id": 3,
        "max_bookings_per_id_per_day": 5,
        # These tests book for many people from one test client; the limit per client
        # address has its own tests (test_booking_rate_limit.py).
        "max_bookings_per_address": 0,
    }
    data["devices"].append(
        {"id": "counter-1", "role": "counter", "window": 1, "key": COUNTER["Authorization"][7:]}
    )
    return parse_hall(data)


def book(
    api: TestClient, slot: str, *, n: int = 1, matter: str = "yyzz", day: str = TODAY, **extra: Any
) -> Any:
    body = {"matter": matter, "day": day, "slot": slot, "id_number": make_id(n), **extra}
    return api.post(APPTS, json=body)


def booked(api: TestClient, slot: str, **kw: Any) -> dict[str, Any]:
    r = book(api, slot, **kw)
    assert r.status_code == 201, r.text
    return dict(r.json())


def slots(api: TestClient, day: str = TODAY, matter: str = "yyzz") -> dict[str, int]:
    r = api.get(f"{APPTS}/slots", params={"matter": matter, "day": day})
    assert r.status_code == 200, r.text
    return {s["slot"]: s["remaining"] for s in r.json()["slots"]}


# --- slots ----------------------------------------------------------------------------------
def test_slots_are_in_opening_hours_not_past_within_the_horizon_and_not_on_holidays(
    api: TestClient,
) -> None:
    today = slots(api)
    # 08:30-12:00 and 13:30-17:30, whole 30-min slots ending by the 30-min issue cutoff;
    # 10:00 has begun already.
    assert list(today) == [
        "10:30",
        "11:00",
        "13:30",
        "14:00",
        "14:30",
        "15:00",
        "15:30",
        "16:00",
        "16:30",
    ]
    assert set(today.values()) == {2}
    assert list(slots(api, "2026-11-24"))[0] == "08:30"
    assert slots(api, "2026-11-25") == {}  # holiday
    assert slots(api, "2026-11-28") == {}  # Saturday: no hours
    assert slots(api, "2026-11-22") == {}  # yesterday
    assert slots(api, "2026-11-30") != {} and slots(api, "2026-12-01") == {}  # 7-day horizon
    assert set(slots(api, matter="spjy").values()) == {1}  # capacity per matter
    r = api.get(f"{APPTS}/slots", params={"matter": "dbsq", "day": TODAY})
    assert_error(r, 409, "not_bookable")
    r = api.get(f"{APPTS}/slots", params={"matter": "nope", "day": TODAY})
    assert_error(r, 404, "unknown_matter")


def api_with(settings: Settings, config: HallConfig, clock: FakeClock, **rules: Any) -> TestClient:
    """An app on the same database whose `[appointments]` differ by `rules`."""
    changed = config.model_copy(
        update={"appointments": config.appointments.model_copy(update=rules)}
    )
    return TestClient(create_app(settings, hall=build_hall(settings, changed, clock=clock)))


def test_the_bookable_matters_with_capacity_id_rule_and_pinyin_initials(
    api: TestClient, settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    r = api.get(f"{APPTS}/matters")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["enabled"], body["today"], body["bookable_until"]) == (True, TODAY, "2026-11-30")
    assert body["slot_minutes"] == 30
    offered = {m["code"]: m for m in body["matters"]}
    assert list(offered) == ["yyzz", "spjy", "ylbx", "sybx"]  # catalogue order; no dbsq
    assert {c: m["capacity"] for c, m in offered.items()} == {
        "yyzz": 2,
        "spjy": 1,
        "ylbx": 2,
        "sybx": 2,
    }
    assert all(m["id_required"] for m in offered.values())  # require_id (the default)
    yyzz = offered["yyzz"]
    assert (yyzz["name"], yyzz["name_en"], yyzz["zone"]) == (
        "个体工商户营业执照办理",
        "Business licence for individual businesses",
        "A",
    )
    assert yyzz["initials"] == ["gtgshyyzzbl"] and yyzz["keywords"] == []
    assert offered["ylbx"]["initials"] == ["cxjmylbxcbdj"]

    with api_with(settings, mini_config, clock, require_id=False) as relaxed:
        offered = {m["code"]: m for m in relaxed.get(f"{APPTS}/matters").json()["matters"]}
    assert {c: m["id_required"] for c, m in offered.items()} == {
        "yyzz": False,
        "spjy": False,
        "ylbx": True,  # real_name
        "sybx": False,
    }


def test_initials_keep_letters_and_digits_and_fold_fullwidth() -> None:
    from queue_server.api.routes.appointments import initials

    assert initials("个体工商户营业执照") == "gtgshyyzz"
    assert initials("ＩＣ卡 补办（2）") == "ickbb2"
    assert initials("") == ""


def test_days_are_those_with_open_slots_and_count_the_places_left(api: TestClient) -> None:
    def days(matter: str = "yyzz") -> dict[str, tuple[int, int]]:
        r = api.get(f"{APPTS}/days", params={"matter": matter})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["matter"] == matter and body["bookable_until"] == "2026-11-30"
        return {d["day"]: (d["slots"], d["remaining"]) for d in body["days"]}

    # Today from 10:30 (9 slots); the 25th is a holiday, the 28th and 29th a weekend.
    assert days() == {
        TODAY: (9, 18),
        "2026-11-24": (13, 26),
        "2026-11-26": (13, 26),
        "2026-11-27": (13, 26),
        "2026-11-30": (13, 26),
    }
    booked(api, "09:00", n=1, day="2026-11-24")
    assert days()["2026-11-24"] == (13, 25)
    for n, slot in enumerate(slots(api, matter="spjy"), start=1):
        booked(api, slot, n=n, matter="spjy")  # one place a slot: today is full
    assert days("spjy")[TODAY] == (9, 0)  # still listed, with nothing left
    assert days("spjy")["2026-11-24"] == (13, 13)
    assert_error(api.get(f"{APPTS}/days", params={"matter": "dbsq"}), 409, "not_bookable")
    assert_error(api.get(f"{APPTS}/days", params={"matter": "nope"}), 404, "unknown_matter")
    assert_error(api.get(f"{APPTS}/days", params={"matter": "a b"}), 422, "invalid_input")
    assert_error(api.get(f"{APPTS}/days"), 422, "invalid_input")


def test_nothing_is_bookable_when_appointments_are_off(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with api_with(settings, mini_config, clock, enabled=False) as api:
        body = api.get(f"{APPTS}/matters").json()
        assert body["enabled"] is False and body["matters"] == []
        assert_error(api.get(f"{APPTS}/days", params={"matter": "yyzz"}), 409, "not_bookable")


def test_bookings_made_before_appointments_were_turned_off_still_check_in_and_say_so(
    api: TestClient, settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    assert api.get(f"{APPTS}/matters").json()["check_in"] is True  # on: always offered
    early, late = booked(api, "10:30"), booked(api, "11:00", n=2)
    booked(api, "08:30", n=3, day="2026-11-24")  # tomorrow's is not today's check-in
    with api_with(settings, mini_config, clock, enabled=False) as off:

        def offered() -> tuple[bool, bool, list[Any]]:
            body = off.get(f"{APPTS}/matters").json()
            return body["enabled"], body["check_in"], body["matters"]

        assert offered() == (False, True, [])  # nothing new, but today's bookings are honoured
        assert_error(book(off, "11:30", n=4), 409, "not_bookable")
        clock.advance(minutes=5)  # 10:05: the 10:30 booking is due
        ticket = issue(off, "yyzz", appointment_code=early["code"])
        assert off.get(f"{APPTS}/{early['code']}").json()["ticket"] == ticket["number"]
        assert offered() == (False, True, [])  # the 11:00 one is still to come
        clock.advance(minutes=71)  # 11:16: past its 15-minute grace, a no-show
        assert off.get(f"{APPTS}/{late['code']}").json()["status"] == "no_show"
        assert offered() == (False, False, [])  # the kiosk hides its check-in button


def test_a_slot_takes_its_capacity_and_a_cancellation_frees_a_place(api: TestClient) -> None:
    first = booked(api, "10:30", n=1)
    assert len(first["code"]) == 6 and set(first["code"]) <= set(svc.CODE_ALPHABET)
    assert first["status"] == "booked" and first["slot"] == "10:30"
    assert first["check_in_from"] == "2026-11-23T02:00:00Z"  # 30 min early, in UTC
    assert first["check_in_until"] == "2026-11-23T02:45:00Z"  # 15 min late
    assert first["id_masked"] == "110***********" + make_id(1)[-4:]
    booked(api, "10:30", n=2)
    assert slots(api)["10:30"] == 0
    assert_error(book(api, "10:30", n=3), 409, "slot_full")
    r = api.post(f"{APPTS}/{first['code']}/cancel", json={"id_number": make_id(1)})
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert slots(api)["10:30"] == 1
    booked(api, "10:30", n=3)


def test_one_booking_per_person_per_day_per_matter(api: TestClient) -> None:
    booked(api, "10:30", n=1)
    assert_error(book(api, "14:00", n=1), 409, "already_booked")
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in make_id(1))
    r = api.post(
        APPTS, json={"matter": "yyzz", "day": TODAY, "slot": "15:00", "id_number": fullwidth}
    )
    assert_error(r, 409, "already_booked")  # the same person, typed in fullwidth digits
    booked(api, "14:00", n=1, matter="sybx")  # another matter
    booked(api, "09:00", n=1, day="2026-11-24")  # another day


def test_per_person_limits_stop_slot_hoarding_and_booking_churn(api: TestClient) -> None:
    for day in ("2026-11-24", "2026-11-26", "2026-11-27"):
        booked(api, "09:00", n=7, day=day)
    assert_error(book(api, "09:00", n=7, day="2026-11-30"), 429, "booking_limit")
    # Cancel and re-book: each booking made today counts, cancelled or not.
    for code in [c["code"] for c in held_by(api, 7)][:2]:
        api.post(f"{APPTS}/{code}/cancel", json={"id_number": make_id(7)})
    booked(api, "09:00", n=7, day="2026-11-30")
    booked(api, "09:30", n=7, day="2026-11-24", matter="sybx")
    r = book(api, "10:00", n=7, day="2026-11-24", matter="ylbx")
    assert_error(r, 429, "booking_limit")  # 5 made today


def held_by(api: TestClient, n: int) -> list[dict[str, Any]]:
    desk = login(api, "desk1")
    r = api.post("/api/v1/desk/lookup", json={"id_number": make_id(n)}, headers=desk)
    return [a for a in r.json()["appointments"] if a["status"] == "booked"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"slot": "09:00"}, 409, "slot_unavailable"),  # already past
        ({"slot": "10:15"}, 409, "slot_unavailable"),  # not on the slot grid
        ({"slot": "11:30"}, 409, "slot_unavailable"),  # in the issue cutoff
        ({"slot": "12:30"}, 409, "slot_unavailable"),  # lunch break
        ({"day": "2026-11-28"}, 409, "slot_unavailable"),  # Saturday
        ({"day": "2026-11-25"}, 409, "slot_unavailable"),  # holiday
        ({"day": "2026-12-01"}, 409, "slot_unavailable"),  # beyond the horizon
        ({"matter": "dbsq"}, 409, "not_bookable"),
        ({"matter": "zzz"}, 404, "unknown_matter"),
        ({"id_number": None}, 422, "id_required"),
        ({"id_number": "110105198001010010"}, 422, "invalid_id_number"),
        ({"slot": "9:00"}, 422, "invalid_input"),
        ({"slot": "24:00"}, 422, "invalid_input"),
        ({"day": "2026-02-30"}, 422, "invalid_input"),
        ({"phone": "call me"}, 422, "invalid_input"),
        ({"code": "ABCDEF"}, 422, "invalid_input"),
    ],
)
def test_booking_refusals_are_bilingual(
    api: TestClient, body: dict[str, Any], status: int, code: str
) -> None:
    full = {"matter": "yyzz", "day": TODAY, "slot": "10:30", "id_number": make_id(1), **body}
    r = api.post(APPTS, json={k: v for k, v in full.items() if v is not None})
    assert_error(r, status, code)


# --- check-in at the kiosk ------------------------------------------------------------------
def test_early_check_in_waits_for_its_slot_then_goes_before_walk_ins(
    api: TestClient, clock: FakeClock, hall: Hall
) -> None:
    appt = booked(api, "10:30")
    walk_in_1 = issue(api, "yyzz")
    clock.advance(minutes=5)  # 10:05: 25 minutes early, inside the check-in window
    ticket = issue(api, "yyzz", appointment_code=appt["code"])
    clock.advance(minutes=1)
    walk_in_2 = issue(api, "yyzz")
    with hall.uow(write=False) as uow:
        stored = uow.tickets.by_token(ticket["token"])
    assert stored is not None
    assert stored.queued_at == hall_time("2026-11-23 10:30") == stored.appointment_at
    after = api.get(f"{APPTS}/{appt['code']}").json()
    assert after["status"] == "checked_in" and after["ticket"] == ticket["number"]

    staff = login(api, "s1a", 1)
    clock.advance(minutes=4)  # 10:10: the appointment is not due yet
    assert call_next(api, 1, staff)["number"] == walk_in_1["number"]  # type: ignore[index]
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    clock.advance(minutes=21)  # 10:31: due — ahead of the walk-in who came at 10:06
    assert call_next(api, 1, staff)["number"] == ticket["number"]  # type: ignore[index]
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert call_next(api, 1, staff)["number"] == walk_in_2["number"]  # type: ignore[index]


def test_check_in_too_early_is_refused_and_a_used_code_cannot_be_reused(
    api: TestClient, clock: FakeClock
) -> None:
    appt = booked(api, "11:00")
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "appointment_not_due")  # 60 minutes early
    clock.advance(minutes=31)
    issue(api, "yyzz", appointment_code=appt["code"])
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "appointment_used")
    r = api.post(f"{APPTS}/{appt['code']}/cancel", json={"id_number": make_id(1)})
    assert_error(r, 409, "appointment_used")


def test_a_code_typed_in_lower_case_checks_in_only_once(api: TestClient, clock: FakeClock) -> None:
    appt = booked(api, "10:30")
    clock.advance(minutes=10)
    issue(api, "yyzz", appointment_code=appt["code"].lower())
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "checked_in"
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "appointment_used")


def test_a_cancelled_booking_is_refused_at_the_kiosk_as_cancelled(
    api: TestClient, clock: FakeClock
) -> None:
    appt = booked(api, "10:30")
    api.post(f"{APPTS}/{appt['code']}/cancel", json={"id_number": make_id(1)})
    clock.advance(minutes=10)
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "appointment_cancelled")


def test_late_check_in_becomes_a_walk_in_and_is_recorded_as_late(
    api: TestClient, clock: FakeClock, hall: Hall
) -> None:
    appt = booked(api, "10:30")
    clock.advance(minutes=40)
    earlier = issue(api, "yyzz")
    clock.advance(minutes=6)  # 10:46: past the 15-minute grace
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "no_show"
    ticket = issue(api, "yyzz", appointment_code=appt["code"])
    with hall.uow(write=False) as uow:
        stored = uow.tickets.by_token(ticket["token"])
    assert stored is not None and stored.appointment_at is None
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "late"
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["number"] == earlier["number"]  # type: ignore[index]


def void(api: TestClient, ticket: dict[str, Any], reason: str = "issued twice") -> None:
    """作废 at the guide desk."""
    desk = login(api, "desk1")
    r = api.post(f"/api/v1/tickets/{ticket['token']}/cancel", json={"reason": reason}, headers=desk)
    assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text


def test_a_check_in_voided_before_its_call_is_booked_again_and_checks_in_again(
    api: TestClient, clock: FakeClock
) -> None:
    appt = booked(api, "10:30")
    walk_in = issue(api, "yyzz")
    clock.advance(minutes=5)  # 10:05: due for check-in
    first = issue(api, "yyzz", appointment_code=appt["code"])
    void(api, first, "wrong ticket printed")
    again = api.get(f"{APPTS}/{appt['code']}").json()
    assert (again["status"], again["ticket"]) == ("booked", None)

    clock.advance(minutes=5)  # 10:10: the citizen is back at the kiosk with the same code
    second = issue(api, "yyzz", appointment_code=appt["code"])
    assert second["number"] != first["number"]  # numbers are never reused
    after = api.get(f"{APPTS}/{appt['code']}").json()
    assert (after["status"], after["ticket"]) == ("checked_in", second["number"])
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "appointment_used")  # once checked in, once only

    staff = login(api, "s1a", 1)
    clock.advance(minutes=21)  # 10:31: due — still an appointment, before the earlier walk-in
    assert call_next(api, 1, staff)["number"] == second["number"]  # type: ignore[index]
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert call_next(api, 1, staff)["number"] == walk_in["number"]  # type: ignore[index]
    totals = api.get(
        "/api/v1/stats/summary",
        params={"from": TODAY, "to": TODAY},
        headers=login(api, "admin"),
    ).json()["total"]
    # Tickets issued count voided ones, as 取号 always has; `cancelled` counts the void.
    assert (totals["issued"], totals["appointment"], totals["cancelled"]) == (3, 2, 1)


def test_a_check_in_voided_once_called_or_on_a_later_day_stays_used(
    api: TestClient, clock: FakeClock
) -> None:
    called, later = booked(api, "10:30"), booked(api, "11:00", n=2)
    clock.advance(minutes=31)  # 10:31: both due for check-in
    served = issue(api, "yyzz", appointment_code=called["code"])
    waiting = issue(api, "yyzz", appointment_code=later["code"])
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["number"] == served["number"]  # type: ignore[index]
    assert api.post("/api/v1/windows/1/suspend", headers=staff).status_code == 200
    void(api, served, "did not come back with the documents")  # the visit was the booking's
    assert api.get(f"{APPTS}/{called['code']}").json()["status"] == "checked_in"
    r = api.post(
        "/api/v1/tickets",
        json={"matter": "yyzz", "appointment_code": called["code"]},
        headers=KIOSK,
    )
    assert_error(r, 409, "appointment_used")

    clock.advance(days=1)  # yesterday's waiting ticket voided today: that day is over
    void(api, waiting, "left the hall")
    assert api.get(f"{APPTS}/{later['code']}").json()["status"] == "checked_in"


def test_a_no_show_is_shown_at_once_and_stored_once_the_day_is_over(
    api: TestClient, clock: FakeClock, hall: Hall
) -> None:
    appt = booked(api, "10:30")
    clock.advance(minutes=45)  # 10:45: still inside the grace
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "booked"
    clock.advance(minutes=1)
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "no_show"
    r = api.post(f"{APPTS}/{appt['code']}/cancel", json={"id_number": make_id(1)})
    assert_error(r, 409, "appointment_past")
    clock.advance(days=1)
    booked(api, "11:00", n=2, day="2026-11-24")  # any booking sweeps the days gone by
    with hall.uow(write=False) as uow:
        row = uow.appointments.get(appt["code"])
    assert row is not None and row["status"] == "no_show"
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 404, "unknown_appointment")  # not for today


def test_check_in_with_another_persons_id_is_refused(api: TestClient, clock: FakeClock) -> None:
    """A code passed on or sold does not check in someone else (ticket scalping)."""
    appt = booked(api, "10:30", n=1)
    clock.advance(minutes=10)
    body = {"matter": "yyzz", "appointment_code": appt["code"], "id_number": make_id(2)}
    assert_error(api.post("/api/v1/tickets", json=body, headers=KIOSK), 403, "id_mismatch")
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "booked"  # still the owner's
    ticket = issue(api, "yyzz", appointment_code=appt["code"], id_number=make_id(1).lower())
    assert ticket["id_masked"] == api.get(f"{APPTS}/{appt['code']}").json()["id_masked"]
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "checked_in"


def test_a_real_name_booking_checks_in_only_with_its_own_id(
    api: TestClient, clock: FakeClock
) -> None:
    appt = booked(api, "10:30", n=3, matter="ylbx")
    clock.advance(minutes=10)
    body: dict[str, Any] = {"matter": "ylbx", "appointment_code": appt["code"]}
    assert_error(api.post("/api/v1/tickets", json=body, headers=KIOSK), 422, "id_required")
    wrong = {**body, "id_number": make_id(4)}
    assert_error(api.post("/api/v1/tickets", json=wrong, headers=KIOSK), 403, "id_mismatch")
    desk = login(api, "desk1")  # the desk checking in on behalf: the same rule
    r = api.post("/api/v1/tickets", json={**wrong, "channel": "desk"}, headers=desk)
    assert_error(r, 403, "id_mismatch")
    ticket = issue(api, "ylbx", appointment_code=appt["code"], id_number=make_id(3))
    assert ticket["id_masked"] == appt["id_masked"]


def test_a_first_slot_checks_in_from_its_check_in_time_before_issuing_opens(
    api: TestClient, clock: FakeClock, hall: Hall
) -> None:
    """The 13:30 slot (the afternoon span opens 13:30) checks in from 13:00 as the booking
    says, during the lunch break; walk-ins still wait for 13:30."""
    appt = booked(api, "13:30")
    assert appt["check_in_from"] == "2026-11-23T05:00:00Z"  # 13:00 in the hall
    clock.now = hall_time("2026-11-23 12:55")
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "appointment_not_due")  # says when check-in opens, not "closed"
    clock.now = hall_time("2026-11-23 13:06")
    r = api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=KIOSK)
    assert_error(r, 409, "hall_closed")  # walk-ins: unchanged
    ticket = issue(api, "yyzz", appointment_code=appt["code"])
    assert ticket["status"] == "waiting"
    with hall.uow(write=False) as uow:
        stored = uow.tickets.by_token(ticket["token"])
    assert stored is not None
    assert stored.queued_at == stored.appointment_at == hall_time("2026-11-23 13:30")
    assert api.get(f"{APPTS}/{appt['code']}").json()["status"] == "checked_in"
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert_error(r, 409, "hall_closed")  # a used code is no way around the closed hall
    clock.now = hall_time("2026-11-23 13:30")  # issuing opens
    walk_in = issue(api, "yyzz")
    clock.now = hall_time("2026-11-23 13:31")  # due: before the walk-in who came first
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["number"] == ticket["number"]  # type: ignore[index]
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert call_next(api, 1, staff)["number"] == walk_in["number"]  # type: ignore[index]


def test_the_mornings_first_slot_checks_in_before_the_hall_opens(
    api: TestClient, clock: FakeClock
) -> None:
    appt = booked(api, "08:30", day="2026-11-24")
    clock.now = hall_time("2026-11-24 08:06")
    r = api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=KIOSK)
    assert_error(r, 409, "hall_closed")
    bogus = {"matter": "yyzz", "appointment_code": "ZZZZZZ"}
    assert_error(api.post("/api/v1/tickets", json=bogus, headers=KIOSK), 409, "hall_closed")
    assert issue(api, "yyzz", appointment_code=appt["code"])["number"] == "A001"


# --- looking up and cancelling --------------------------------------------------------------
def test_cancelling_needs_the_booking_id_unless_the_desk_does_it(api: TestClient) -> None:
    appt = booked(api, "10:30")
    url = f"{APPTS}/{appt['code']}/cancel"
    assert_error(api.post(url), 403, "id_mismatch")
    assert_error(api.post(url, json={"id_number": make_id(2)}), 403, "id_mismatch")
    assert_error(api.post(url, json={"id_number": "123"}), 422, "invalid_id_number")
    assert_error(api.post(url, headers=KIOSK, json={}), 403, "id_mismatch")
    r = api.post(url, headers=login(api, "desk1"))
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert_error(api.post(url, json={"id_number": make_id(1)}), 409, "appointment_cancelled")
    r = api.post(
        "/api/v1/tickets", json={"matter": "yyzz", "appointment_code": appt["code"]}, headers=KIOSK
    )
    assert r.status_code == 409  # a cancelled code checks nobody in
    assert_error(api.post(url, headers={"Authorization": "Bearer nope"}), 401, "unauthorized")


@pytest.mark.parametrize("code", ["ZZZZZZ", "a b", "X" * 17, "%00"])
def test_unknown_codes_are_404(api: TestClient, code: str) -> None:
    assert_error(api.get(f"{APPTS}/{code}"), 404, "unknown_appointment")
    assert_error(api.post(f"{APPTS}/{code}/cancel", json={}), 404, "unknown_appointment")


def test_the_desk_books_on_behalf_and_the_channel_is_kept(api: TestClient) -> None:
    desk = login(api, "desk1")
    body = {
        "matter": "yyzz",
        "day": TODAY,
        "slot": "11:00",
        "id_number": make_id(4),
        "phone": "13800000000",
    }
    r = api.post(APPTS, json=body, headers=desk)
    assert r.status_code == 201 and r.json()["channel"] == "desk"
    assert booked(api, "11:00", n=5)["channel"] == "mobile"


def test_a_booking_by_any_of_the_halls_staff_is_on_the_desk_channel(
    api: TestClient, hall: Hall
) -> None:
    """Whoever of the staff books for a citizen — the desk, a window clerk, an admin or a
    department's lead (首席代表) — books on `desk`; a kiosk on `kiosk`, the phone on `mobile`.
    (A lead's booking was recorded on a channel `lead`, counted as none of them.)"""
    callers = {
        "lead-rsj": login(api, "lead-rsj"),
        "s1a": login(api, "s1a", 1),
        "admin": login(api, "admin"),
        "desk1": login(api, "desk1"),
        "kiosk": KIOSK,
    }
    made = {}
    for n, (who, headers) in enumerate(callers.items(), start=20):
        body = {"matter": "yyzz", "day": TODAY, "slot": ["14:00", "14:30", "15:00"][n % 3]}
        r = api.post(APPTS, json={**body, "id_number": make_id(n)}, headers=headers)
        assert r.status_code == 201, r.text
        made[who] = r.json()["channel"]
    assert made == {
        "lead-rsj": "desk",
        "s1a": "desk",
        "admin": "desk",
        "desk1": "desk",
        "kiosk": "kiosk",
    }
    with hall.uow(write=False) as uow:
        logged = [e.data["channel"] for e in uow.events.since(0) if e.type == "appointment.booked"]
    assert logged == ["desk", "desk", "desk", "desk", "kiosk"]


@pytest.mark.parametrize(
    "device", [DISPLAY, EVALUATOR, COUNTER], ids=["display", "evaluator", "counter"]
)
def test_a_device_other_than_the_kiosk_can_neither_book_nor_cancel(
    api: TestClient, hall: Hall, device: dict[str, str]
) -> None:
    """A display, an evaluator or a counter's key has no booking screen: its booking was
    recorded on a channel named after the device. Now 403, in both languages, and nothing
    is booked or cancelled; the citizen's own booking stays."""
    body = {"matter": "yyzz", "day": TODAY, "slot": "16:00", "id_number": make_id(40)}
    refused = api.post(APPTS, json=body, headers=device)
    assert_error(refused, 403, "forbidden")
    assert "预约" in refused.json()["error"]["message_zh"]
    appt = booked(api, "16:00", n=41)
    url = f"{APPTS}/{appt['code']}/cancel"
    assert_error(api.post(url, json={"id_number": make_id(41)}, headers=device), 403, "forbidden")
    assert api.get(f"{APPTS}/{appt['code']}", headers=device).json()["status"] == "booked"
    with hall.uow(write=False) as uow:
        booked_by = [e.actor for e in uow.events.since(0) if e.type == "appointment.booked"]
    assert booked_by == ["citizen"]


def test_bookings_are_logged_without_code_or_id(api: TestClient, hall: Hall) -> None:
    appt = booked(api, "10:30")
    api.post(f"{APPTS}/{appt['code']}/cancel", json={"id_number": make_id(1)})
    with hall.uow(write=False) as uow:
        events = [e for e in uow.events.since(0) if e.type.startswith("appointment.")]
    assert [e.type for e in events] == ["appointment.booked", "appointment.cancelled"]
    assert events[0].actor == "citizen" and events[0].matter == "yyzz"
    assert events[0].data == {"slot": "2026-11-23T02:30:00+00:00", "channel": "mobile"}
    assert appt["code"] not in repr(events)


def test_the_plain_id_number_is_stored_and_logged_nowhere(
    api: TestClient, hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    plain = make_id(9)
    code = booked(api, "10:30", n=9)["code"]
    issue(api, "ylbx", id_number=plain)
    api.post("/api/v1/desk/lookup", json={"id_number": plain}, headers=login(api, "desk1"))
    api.post(f"{APPTS}/{code}/cancel", json={"id_number": plain})
    api.post(
        APPTS, json={"matter": "yyzz", "day": TODAY, "slot": "10:30", "id_number": plain[:17] + "0"}
    )
    dump = []
    with hall.uow(write=False) as uow:
        for table in tables.metadata.sorted_tables:
            dump += [repr(tuple(row)) for row in uow.conn.execute(select(table))]
    text = "\n".join(dump)
    assert "110***********" in text  # the masked form is there …
    for needle in (plain, plain[:17], plain[6:14] + plain[14:17]):
        assert needle not in text  # … the number itself, or most of it, is not
        assert needle not in caplog.text


def test_concurrent_bookings_never_exceed_a_slots_capacity(hall: Hall) -> None:
    results: list[str] = []
    gate = threading.Barrier(8)

    def attempt(n: int) -> None:
        gate.wait()
        try:
            svc.book(
                hall,
                matter="yyzz",
                day=date(2026, 11, 24),
                slot="09:00",
                id_number=make_id(100 + n),
                phone=None,
                channel="mobile",
                actor="citizen",
            )
            results.append("ok")
        except errors.HallqError as exc:
            results.append(exc.code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(results) == ["ok", "ok"] + ["slot_full"] * 6
    left = svc.available_slots(hall, matter="yyzz", day=date(2026, 11, 24))
    assert [s.remaining for s in left if s.start == hall_time("2026-11-24 09:00")] == [0]


def test_the_booking_page_is_static_with_a_strict_policy(api: TestClient) -> None:
    r = api.get("/book", params={"matter": '"><img src=x onerror=alert(1)>'})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "alert(1)" not in r.text and "onerror" not in r.text  # the query is never templated
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN, nothing remote
    for asset in ("book.js", "book.css", "phone.css", "hallq.js"):
        assert api.get(f"/web/{asset}").status_code == 200
