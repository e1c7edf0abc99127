"""预约 from phones, per client address, on SQLite and PostgreSQL: a script on one address
cannot book a day out, while other addresses, the desk and the hall's own exempt networks
book on; a refusal is a bilingual 429 with Retry-After, and refused bookings do not count.

The phones reach the app through the hall's reverse proxy, as under `hallq serve`: uvicorn's
ProxyHeadersMiddleware, trusting the proxy (here the test client), takes each request's
address from the `X-Forwarded-For` the proxy appends.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from fastapi.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings, parse_hall
from tests.conftest import FIXTURES, FakeClock
from tests.integration.apiutil import assert_error, login
from tests.integration.test_appointments import APPTS, TODAY, make_id

PHONE = "203.0.113.7"  # a citizen's phone as the server sees it (TEST-NET-3)
OTHER = "198.51.100.20"
# Today's slots from the clock's 10:00, then tomorrow's: places enough for every test.
SLOTS = [(TODAY, s) for s in ("10:30", "11:00", "13:30", "14:00", "14:30", "15:00")] + [
    ("2026-11-24", s) for s in ("08:30", "09:00", "09:30", "10:00")
]


@pytest.fixture(scope="module")
def mini_config() -> HallConfig:
    data = tomllib.loads((FIXTURES / "mini_hall.toml").read_text(encoding="utf-8"))
    data["appointments"] = {"capacity": 2, "matters": ["yyzz", "sybx"]}  # per-address defaults
    return parse_hall(data)


def proxied(settings: Settings, config: HallConfig, clock: FakeClock, **rules: Any) -> TestClient:
    """The hall's app behind its proxy, `[appointments]` changed by `rules` (validated, as
    from TOML)."""
    changed = config.appointments.model_validate(config.appointments.model_dump() | rules)
    hall = build_hall(settings, config.model_copy(update={"appointments": changed}), clock=clock)
    # uvicorn's and Starlette's ASGI types differ in name only.
    app: Any = create_app(settings, hall=hall)
    proxy: Any = ProxyHeadersMiddleware(app, trusted_hosts="testclient")
    return TestClient(proxy)


def book(
    api: TestClient, n: int, address: str, headers: dict[str, str] | None = None, **extra: Any
) -> Any:
    """Person `n`, at `address`, books the `n`-th slot of SLOTS (no per-person rule is ever
    in the way)."""
    day, slot = SLOTS[n % len(SLOTS)]
    body = {"matter": "yyzz", "day": day, "slot": slot, "id_number": make_id(n), **extra}
    return api.post(APPTS, json=body, headers={"X-Forwarded-For": address, **(headers or {})})


def places_left(api: TestClient) -> int:
    total = 0
    for day in (TODAY, "2026-11-24"):
        r = api.get(f"{APPTS}/slots", params={"matter": "yyzz", "day": day})
        total += sum(s["remaining"] for s in r.json()["slots"])
    return total


def test_one_address_books_five_an_hour_then_gets_429_with_retry_after(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with proxied(settings, mini_config, clock) as api:  # the defaults: 5 an address in 60 min
        for n in range(1, 6):
            assert book(api, n, PHONE).status_code == 201
        left = places_left(api)
        refused = book(api, 6, PHONE)
        assert_error(refused, 429, "booking_rate_limit")
        assert refused.headers["Retry-After"] == "3600"
        err = refused.json()["error"]
        assert "60 min" in err["message"] and "60分钟" in err["message_zh"], err
        assert places_left(api) == left  # nothing was booked
        # A client cannot pass for another by a header of its own: the proxy appends the
        # address it saw, and that one counts.
        assert_error(book(api, 6, f"192.0.2.99, {PHONE}"), 429, "booking_rate_limit")

        assert book(api, 6, OTHER).status_code == 201  # another address is not held up
        desk = login(api, "desk1")
        assert book(api, 7, PHONE, headers=desk).status_code == 201  # on behalf: not limited

        clock.advance(minutes=45)
        again = book(api, 8, PHONE)
        assert_error(again, 429, "booking_rate_limit")
        assert again.headers["Retry-After"] == "900"  # the first of the five ages out then
        assert "15分钟" in again.json()["error"]["message_zh"]
        clock.advance(minutes=15, seconds=1)
        assert book(api, 8, PHONE).status_code == 201


def test_refused_bookings_do_not_use_up_the_address_limit(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with proxied(settings, mini_config, clock, max_bookings_per_address=2) as api:
        assert book(api, 1, PHONE).status_code == 201
        # A grandmother's typos and a taken slot: refused, and not counted.
        assert_error(book(api, 1, PHONE), 409, "already_booked")
        bad_id = book(api, 2, PHONE, id_number="110105198001010010")
        assert_error(bad_id, 422, "invalid_id_number")
        assert_error(book(api, 2, PHONE, slot="10:15"), 409, "slot_unavailable")
        assert book(api, 2, PHONE).status_code == 201
        assert_error(book(api, 3, PHONE), 429, "booking_rate_limit")


def test_an_ipv6_client_counts_by_its_64_prefix(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with proxied(settings, mini_config, clock, max_bookings_per_address=1) as api:
        assert book(api, 1, "2001:db8:1:2::10").status_code == 201
        rotated = book(api, 2, "2001:db8:1:2:a1b2:c3d4:e5f6:7")  # the same phone's /64
        assert_error(rotated, 429, "booking_rate_limit")
        assert book(api, 2, "2001:db8:1:3::10").status_code == 201  # another /64


def test_the_halls_exempt_networks_are_not_limited(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    exempt = ["203.0.113.0/28", "2001:db8:f::/48"]  # e.g. the hall's guest Wi-Fi
    with proxied(
        settings, mini_config, clock, max_bookings_per_address=1, address_exempt=exempt
    ) as api:
        for n in (1, 2, 3):
            assert book(api, n, PHONE).status_code == 201
        assert book(api, 4, "2001:db8:f:9::1").status_code == 201
        assert book(api, 5, "2001:db8:f:9::1").status_code == 201
        assert book(api, 6, OTHER).status_code == 201
        assert_error(book(api, 7, OTHER), 429, "booking_rate_limit")


def test_zero_turns_the_address_limit_off(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with proxied(settings, mini_config, clock, max_bookings_per_address=0) as api:
        for n in range(1, 8):
            assert book(api, n, PHONE).status_code == 201
