"""Who may do what: every endpoint × every kind of caller, and the secrets around them.

`PROBES` is the access-control matrix of docs/RELIABILITY.md. Each row is one endpoint and the
answer its permitted callers get; everyone else gets 401 `unauthorized` (no, expired or revoked
credentials) or 403 `forbidden` (valid, but not allowed here). A permitted answer is chosen to
prove the request got past the gate without changing the hall for the next row (a 409 from the
state machine, a 204 when nobody waits), so one hall per database serves the whole matrix.
`test_every_route_is_in_the_matrix` fails when a route is added without a row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse

from queue_server.api.routes.hall import origin_allowed
from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from queue_server.services.staff import session_cache, token_hash
from tests.conftest import PG_URL, FakeClock, _pg_database, hall_time
from tests.integration.apiutil import DISPLAY, KIOSK, PINS, assert_error, issue, login


def fresh_pg_database() -> Generator[str, None, None]:
    """A new empty PostgreSQL database; `.close()` the generator to drop it."""
    return cast(Generator[str, None, None], _pg_database())


V1 = "/api/v1"
EVALUATOR = {"Authorization": "Bearer test-evaluator-key-1"}
TOKEN_HOURS = 12.0
ROLES = (
    "anonymous",
    "kiosk",
    "display",
    "evaluator@1",
    "staff@1",
    "staff@3",
    "desk",
    "lead",  # lead-rsj (首席代表 of 人社局), no window
    "other_lead",  # lead-scj, the lead of another department
    "admin",
    "expired",  # admin's token, signed in more than HALLQ_TOKEN_HOURS ago
    "logged_out",  # s2a's token after POST /auth/logout
    "signed_over",  # s1a's first token, after s1a signed in at window 1 again
)
INVALID = frozenset({"anonymous", "expired", "logged_out", "signed_over"})
ANYONE = frozenset(ROLES)  # credentials are not even looked at
# Booking and cancelling: anonymous is fine (the phone page), a token sent must be valid, and
# of the devices only the kiosk books; a display's or an evaluator's key is refused (403).
BOOKERS = frozenset(ROLES) - INVALID - {"display", "evaluator@1"} | {"anonymous"}
ISSUERS = frozenset({"kiosk", "staff@1", "staff@3", "desk", "admin"})
AT_WINDOW_1 = frozenset({"staff@1", "admin"})
ADMIN = frozenset({"admin"})
DESK_ADMIN = frozenset({"desk", "admin"})
LEADS_ADMIN = frozenset({"lead", "other_lead", "admin"})
VALID_ID = "11010519491231002X"


@dataclass(frozen=True)
class Probe:
    """One endpoint: the request sent to it and the answer its permitted callers get."""

    route: str  # "METHOD /path/{param}" as the app declares it ("WS" for the event stream)
    ok: str  # "200", or "409 no_current_ticket": status and error code
    allow: frozenset[str]
    body: Any = None
    query: str = ""
    undo: str = ""  # a request ("METHOD /path") that puts the hall back after a 2xx
    token: str = "{waiting}"  # the ticket token in the path: the waiting one, or another
    followup: str = "999"  # the follow-up id in the path: none, or "{closed}" (人社局's)
    unseen: frozenset[str] = frozenset()  # allowed, but the thing is not theirs: 404 …
    unseen_code: str = ""  # … with this code, as if it did not exist
    label: str = ""  # tells two rows of one route apart

    @property
    def id(self) -> str:
        return f"{self.route} ({self.label})" if self.label else self.route

    @property
    def url(self) -> str:
        path = self.route.split(" ", 1)[1].replace("{token}", self.token)
        path = path.replace("{followup_id}", self.followup)
        for name, value in PATH_VALUES.items():
            path = path.replace(name, value)
        return path + self.query

    def expected(self, role: str) -> str:
        if self.allow is ANYONE:
            return self.ok
        if role in INVALID and role not in self.allow:
            return "401 unauthorized"
        if role in self.unseen:
            return f"404 {self.unseen_code}"
        return self.ok if role in self.allow else "403 forbidden"


PATH_VALUES = {
    "{number}": "1",
    "{token}": "{waiting}",
    "{code}": "ZZZZ9999",
    "{help_id}": "999",
    "{name}": "hallq.js",
}
NC = "409 no_current_ticket"
PROBES = [
    Probe("GET /api/v1/health", "200", ANYONE),
    Probe("GET /api/v1/catalog", "200", ANYONE),
    Probe("GET /api/v1/state", "200", ANYONE),
    Probe("WS /api/v1/events", "101", ANYONE),
    Probe("GET /api/v1/tickets/{token}", "200", ANYONE),
    Probe("POST /api/v1/tickets/{token}/evaluation", "409 not_rateable", ANYONE, {"rating": 5}),
    Probe("POST /api/v1/auth/login", "200", ANYONE, {"staff_id": "admin", "pin": PINS["admin"]}),
    Probe("GET /api/v1/appointments/slots", "200", ANYONE, query="?matter=yyzz&day=2026-11-24"),
    Probe("GET /api/v1/appointments/matters", "200", ANYONE),
    Probe("GET /api/v1/appointments/days", "200", ANYONE, query="?matter=yyzz"),
    Probe("GET /api/v1/appointments/{code}", "404 unknown_appointment", ANYONE),
    Probe(
        "POST /api/v1/appointments",
        "409 slot_unavailable",  # a day gone by: refused after the caller is known
        BOOKERS,
        {"matter": "yyzz", "day": "2026-11-20", "slot": "09:00", "id_number": VALID_ID},
    ),
    Probe("POST /api/v1/appointments/{code}/cancel", "404 unknown_appointment", BOOKERS, {}),
    Probe("GET /api/v1/auth/me", "200", frozenset(ROLES) - INVALID),
    Probe("POST /api/v1/tickets", "201", ISSUERS, {"matter": "dbsq"}),
    Probe("POST /api/v1/tickets/{token}/requeue", "409 requeue_not_allowed", ISSUERS),
    Probe("POST /api/v1/tickets/{token}/return", "409 invalid_transition", ISSUERS),
    Probe(
        "POST /api/v1/tickets/{token}/cancel",
        "404 unknown_ticket",  # a well-formed token of no ticket: the waiting one stays
        frozenset({"desk", "admin"}),
        {"reason": "取错号"},
        token="NoSuchTicket0",
    ),
    Probe(
        "POST /api/v1/devices/printer-fault",
        "204",
        ISSUERS,
        {"printer": "kiosk1", "reason": "paper_out"},
    ),
    Probe("POST /api/v1/devices/help", "201", frozenset({"kiosk"}), {"screen": "home"}),
    Probe("GET /api/v1/admin/help", "200", DESK_ADMIN),
    Probe("POST /api/v1/admin/help/{help_id}/answer", "404 unknown_help_call", DESK_ADMIN),
    Probe("POST /api/v1/admin/help/{help_id}/reopen", "404 unknown_help_call", DESK_ADMIN),
    Probe(
        "GET /api/v1/windows/{number}",
        "200",
        frozenset({"display", "evaluator@1", "staff@1", "desk", "admin"}),
    ),
    Probe("POST /api/v1/windows/{number}/call-next", "204", AT_WINDOW_1),
    Probe("POST /api/v1/windows/{number}/recall", NC, AT_WINDOW_1),
    Probe("POST /api/v1/windows/{number}/no-show", NC, AT_WINDOW_1),
    Probe("POST /api/v1/windows/{number}/suspend", NC, AT_WINDOW_1),
    Probe("POST /api/v1/windows/{number}/start", NC, AT_WINDOW_1),
    Probe("POST /api/v1/windows/{number}/complete", NC, AT_WINDOW_1, {"outcome": "done"}),
    Probe("POST /api/v1/windows/{number}/transfer", NC, AT_WINDOW_1, {"window": 2}),
    Probe(
        "POST /api/v1/windows/{number}/pause",
        "200",
        AT_WINDOW_1,
        {"reason": "午休"},
        undo="POST /api/v1/windows/1/resume",
    ),
    Probe("POST /api/v1/windows/{number}/resume", "409 invalid_transition", AT_WINDOW_1),
    Probe(
        "POST /api/v1/windows/{number}/evaluation",
        "409 not_rateable",
        AT_WINDOW_1 | {"evaluator@1"},
        {"rating": 5},
    ),
    Probe("POST /api/v1/desk/lookup", "200", frozenset({"desk", "admin"}), {"id_number": VALID_ID}),
    *(
        Probe(f"GET /api/v1/stats/{name}", "200", ADMIN)
        for name in (
            "summary",
            "departments",
            "ranking",
            "attendance",
            "heatmap",
            "bookings",
            "report",
        )
    ),
    Probe("GET /api/v1/admin/overview", "200", ADMIN),
    Probe("GET /api/v1/followups", "200", LEADS_ADMIN),
    Probe(
        "POST /api/v1/followups/{followup_id}/contact",
        "404 unknown_followup",
        LEADS_ADMIN,
        {"note": "已电话回访"},
    ),
    Probe(
        "POST /api/v1/followups/{followup_id}/close",
        "404 unknown_followup",
        LEADS_ADMIN,
        {"resolution": "contacted", "note": "已电话回访"},
    ),
    # 人社局's closed follow-up: its lead and the admin get past the gate to the state
    # machine (409); the lead of another department is told there is no such follow-up.
    *(
        Probe(
            f"POST /api/v1/followups/{{followup_id}}/{action}",
            "409 followup_closed",
            frozenset({"lead", "admin"}),
            body,
            followup="{closed}",
            unseen=frozenset({"other_lead"}),
            unseen_code="unknown_followup",
            label="another department's",
        )
        for action, body in (
            ("contact", {"note": "已电话回访"}),
            ("close", {"resolution": "contacted", "note": "已电话回访"}),
        )
    ),
    Probe("GET /t/{token}", "200", ANYONE),
    Probe("GET /book", "200", ANYONE),
    Probe("GET /display", "200", ANYONE),
    Probe("GET /admin", "200", ANYONE),  # the page; its data needs an admin token
    Probe("GET /help-desk", "200", ANYONE),  # the page; its data needs a desk or admin token
    Probe("GET /followups", "200", ANYONE),  # the page; its data needs a lead or admin token
    Probe("GET /web/{name}", "200", ANYONE),
]
# Proved by test_logout_ends_the_session_and_closes_the_window (it changes the caller).
SEPARATE = {"POST /api/v1/auth/logout"}


@dataclass
class Callers:
    """The hall of the matrix and one Authorization header per role."""

    api: TestClient
    waiting: str
    closed_followup: int
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def send(self, probe: Probe, role: str) -> str:
        """The answer as "STATUS" or "STATUS code"; errors are checked to be bilingual."""
        headers = self.headers[role]
        url = probe.url.replace("{waiting}", self.waiting)
        url = url.replace("{closed}", str(self.closed_followup))
        if probe.route.startswith("WS "):
            with self.api.websocket_connect(url, headers=headers) as ws:
                return "101" if ws.receive_json()["type"] == "hello" else "no hello"
        method = probe.route.split(" ", 1)[0]
        r = self.api.request(method, url, json=probe.body, headers=headers)
        if r.status_code < 300:
            if probe.undo:
                undo_method, undo_url = probe.undo.split(" ", 1)
                assert self.api.request(undo_method, undo_url, headers=headers).is_success
            return str(r.status_code)
        code = r.json()["error"]["code"]
        assert_error(r, r.status_code, code)
        return f"{r.status_code} {code}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def callers(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    mini_config: HallConfig,
) -> Iterator[Callers]:
    """One hall per database for the whole matrix, with every kind of caller signed in."""
    tmp = tmp_path_factory.mktemp("access")
    if request.param == "postgresql" and not PG_URL:
        pytest.skip("PostgreSQL not available: set HALLQ_TEST_PG_URL")
    databases = fresh_pg_database() if request.param == "postgresql" else None
    url = next(databases) if databases else f"sqlite:///{tmp / 'hallq.sqlite3'}"
    try:
        settings = Settings(
            database_url=url, data_dir=tmp, secret="test-secret", token_hours=TOKEN_HOURS
        )
        clock = FakeClock(hall_time("2026-11-23 10:00"))
        hall = build_hall(settings, mini_config, clock=clock)
        with TestClient(create_app(settings, hall=hall)) as api:
            yield _sign_everyone_in(api, clock)
    finally:
        if databases:
            databases.close()  # drops the database


def _sign_everyone_in(api: TestClient, clock: FakeClock) -> Callers:
    clock.advance(hours=-(TOKEN_HOURS + 1))
    expired = login(api, "admin")  # a session that ended an hour ago
    clock.advance(hours=TOKEN_HOURS + 1)
    logged_out = login(api, "s2a", 2)
    assert api.post(f"{V1}/auth/logout", headers=logged_out).status_code == 204
    signed_over = login(api, "s1a", 1)
    staff1 = login(api, "s1a", 1)  # a new sign-in at the window revokes the first session
    admin = login(api, "admin")
    headers = {
        "anonymous": {},
        "kiosk": KIOSK,
        "display": DISPLAY,
        "evaluator@1": EVALUATOR,
        "staff@1": staff1,
        "staff@3": login(api, "s3a", 3),
        "desk": login(api, "desk1"),
        "lead": login(api, "lead-rsj"),
        "other_lead": login(api, "lead-scj"),
        "admin": admin,
        "expired": expired,
        "logged_out": logged_out,
        "signed_over": signed_over,
    }
    closed = _closed_followup(api, admin)
    # zone B: window 1 never calls it, so it stays waiting through the whole matrix
    waiting = issue(api, "dbsq")["token"]
    return Callers(api, waiting=waiting, closed_followup=closed, headers=headers)


def _closed_followup(api: TestClient, admin: dict[str, str]) -> int:
    """A bad rating of 人社局's service at window 4, its follow-up closed by the admin."""
    rated = issue(api, "sybx")
    s4a = login(api, "s4a", 4)
    assert api.post(f"{V1}/windows/4/call-next", headers=s4a).status_code == 200
    done = api.post(f"{V1}/windows/4/complete", json={"outcome": "done"}, headers=s4a)
    assert done.status_code == 200
    assert api.post(f"{V1}/auth/logout", headers=s4a).status_code == 204
    rating = api.post(f"{V1}/tickets/{rated['token']}/evaluation", json={"rating": 1})
    assert rating.status_code == 201
    (found,) = api.get(f"{V1}/followups", headers=admin).json()
    body = {"resolution": "contacted", "note": "已电话回访"}
    assert api.post(f"{V1}/followups/{found['id']}/close", json=body, headers=admin).is_success
    return int(found["id"])


@pytest.mark.parametrize("probe", PROBES, ids=[p.id for p in PROBES])
def test_access_matrix_row(callers: Callers, probe: Probe) -> None:
    got = {role: callers.send(probe, role) for role in ROLES}
    wrong = {r: (probe.expected(r), got[r]) for r in ROLES if got[r] != probe.expected(r)}
    assert not wrong, f"role: (expected, got) {wrong}"


def _routes(app: FastAPI) -> set[str]:
    """Every "METHOD /path" the app answers, whether FastAPI keeps included routers flat
    (older versions) or as units (`include_context`)."""
    out: set[str] = set()

    def walk(routes: Any, prefix: str) -> None:
        for r in routes:
            context = getattr(r, "include_context", None)
            if context is not None:
                walk(r.original_router.routes, prefix + context.prefix)
            elif getattr(r, "methods", None) is None:
                out.add(f"WS {prefix}{r.path}")
            else:
                out.update(f"{m} {prefix}{r.path}" for m in r.methods if m != "HEAD")

    walk(app.routes, "")
    docs = {"GET /openapi.json", "GET /docs", "GET /docs/oauth2-redirect", "GET /redoc"}
    return out - docs


def test_every_route_is_in_the_matrix(callers: Callers) -> None:
    assert isinstance(callers.api.app, FastAPI)
    assert _routes(callers.api.app) == {p.route for p in PROBES} | SEPARATE


def test_no_route_edits_or_deletes_the_event_log(callers: Callers) -> None:
    """The log is append-only: nothing but use cases write it, and nothing deletes."""
    assert isinstance(callers.api.app, FastAPI)
    routes = _routes(callers.api.app)
    assert not [r for r in routes if r.split(" ")[0] in ("PUT", "PATCH", "DELETE")]
    assert [r for r in routes if "event" in r.split(" ")[1]] == ["WS /api/v1/events"]


def _client(tmp_path: Path, config: HallConfig, clock: FakeClock, **settings: Any) -> TestClient:
    options: dict[str, Any] = {"secret": "test-secret", **settings}
    url = f"sqlite:///{tmp_path / 'hallq.sqlite3'}"
    ready = Settings(database_url=url, data_dir=tmp_path, **options)
    return TestClient(create_app(ready, hall=build_hall(ready, config, clock=clock)))


@pytest.fixture
def sqlite_api(tmp_path: Path, mini_config: HallConfig, clock: FakeClock) -> Iterator[TestClient]:
    """The test hall on SQLite only, for what does not depend on the database."""
    with _client(tmp_path, mini_config, clock) as client:
        yield client


# ---------------------------------------------------------------------------------------------
# Sessions: logout, expiry


def test_logout_ends_the_session_and_closes_the_window(api: TestClient, clock: FakeClock) -> None:
    """The matrix row of POST /auth/logout, each caller with credentials of its own."""
    clock.advance(hours=-13)
    expired = login(api, "admin")
    clock.advance(hours=13)
    signed_over = login(api, "s1a", 1)
    staff = {"staff@1": login(api, "s1a", 1), "staff@3": login(api, "s3a", 3)}
    staff |= {"desk": login(api, "desk1"), "admin": login(api, "admin")}
    staff |= {"lead": login(api, "lead-rsj")}
    for who, headers in staff.items():
        assert api.post(f"{V1}/auth/logout", headers=headers).status_code == 204, who
        assert_error(api.get(f"{V1}/auth/me", headers=headers), 401, "unauthorized")
        assert_error(api.post(f"{V1}/auth/logout", headers=headers), 401, "unauthorized")
    assert_error(
        api.post(f"{V1}/windows/1/call-next", headers=staff["staff@1"]), 401, "unauthorized"
    )
    closed = {w["number"]: w["status"] for w in api.get(f"{V1}/state").json()["windows"]}
    assert closed[1] == closed[3] == "closed"
    for headers in ({}, expired, signed_over):
        assert_error(api.post(f"{V1}/auth/logout", headers=headers), 401, "unauthorized")
    # A device key is configuration, not a session: "logging out" leaves it working.
    for key in (KIOSK, DISPLAY, EVALUATOR):
        assert api.post(f"{V1}/auth/logout", headers=key).status_code == 204
        assert api.get(f"{V1}/auth/me", headers=key).status_code == 200


def test_staff_token_expires_after_token_hours(api: TestClient, clock: FakeClock) -> None:
    staff = login(api, "s1a", 1)
    admin = login(api, "admin")
    clock.advance(hours=12, seconds=-1)
    assert api.get(f"{V1}/auth/me", headers=staff).status_code == 200
    clock.advance(seconds=1)  # HALLQ_TOKEN_HOURS (12) after the sign-in
    for headers in (staff, admin):
        assert_error(api.get(f"{V1}/auth/me", headers=headers), 401, "unauthorized")
    assert_error(api.post(f"{V1}/windows/1/call-next", headers=staff), 401, "unauthorized")
    assert_error(api.get(f"{V1}/stats/summary", headers=admin), 401, "unauthorized")
    assert api.get(f"{V1}/auth/me", headers=KIOSK).status_code == 200  # device keys do not expire
    assert login(api, "s1a", 1)  # signing in again works


def _token(headers: dict[str, str]) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


def test_logout_and_signing_over_take_effect_at_once_despite_the_session_cache(
    api: TestClient,
) -> None:
    """Sessions are cached per process for HALLQ_SESSION_CACHE_S (5 s); what this process
    revokes is forgotten at once, not when the cache entry runs out."""
    hall = api.app.state.hall  # type: ignore[attr-defined]
    cache = session_cache(hall)
    staff = login(api, "s1a", 1)
    assert api.get(f"{V1}/auth/me", headers=staff).status_code == 200
    assert cache.get(token_hash(_token(staff))) is not None  # the next request needs no read
    assert api.post(f"{V1}/auth/logout", headers=staff).status_code == 204
    assert_error(api.get(f"{V1}/auth/me", headers=staff), 401, "unauthorized")
    assert_error(api.post(f"{V1}/windows/1/call-next", headers=staff), 401, "unauthorized")

    first = login(api, "s1a", 1)
    assert api.post(f"{V1}/windows/1/call-next", headers=first).status_code == 204
    assert cache.get(token_hash(_token(first))) is not None
    second = login(api, "s1a", 1)  # a new sign-in at the window ends the first session
    assert_error(api.post(f"{V1}/windows/1/call-next", headers=first), 401, "unauthorized")
    assert api.post(f"{V1}/windows/1/call-next", headers=second).status_code == 204


def test_a_session_revoked_in_the_database_by_hand_is_seen_within_the_cache_ttl(
    api: TestClient,
) -> None:
    """A session revoked in the database without an announcement (here: an UPDATE; on
    PostgreSQL a server process announces its revocations, test_session_revocation.py):
    this process trusts its cached session for at most HALLQ_SESSION_CACHE_S more seconds."""
    hall = api.app.state.hall  # type: ignore[attr-defined]
    assert hall.session_cache_s == 5.0
    now = [1000.0]
    session_cache(hall).clock = lambda: now[0]
    staff = login(api, "s1a", 1)
    assert api.get(f"{V1}/auth/me", headers=staff).status_code == 200  # read, then cached
    with hall.engine.begin() as conn:
        revoked = conn.execute(
            sa.text("UPDATE sessions SET revoked = :yes WHERE token_hash = :h"),
            {"yes": True, "h": token_hash(_token(staff))},
        )
        assert revoked.rowcount == 1
    now[0] += 4.9
    assert api.get(f"{V1}/auth/me", headers=staff).status_code == 200  # the documented bound
    now[0] += 0.1  # HALLQ_SESSION_CACHE_S after it was read
    assert_error(api.get(f"{V1}/auth/me", headers=staff), 401, "unauthorized")
    assert_error(api.post(f"{V1}/windows/1/call-next", headers=staff), 401, "unauthorized")


def test_without_the_session_cache_a_revocation_in_the_database_counts_at_once(
    tmp_path: Path, mini_config: HallConfig, clock: FakeClock
) -> None:
    with _client(tmp_path, mini_config, clock, session_cache_s=0) as api:
        staff = login(api, "s1a", 1)
        assert api.get(f"{V1}/auth/me", headers=staff).status_code == 200
        engine = api.app.state.hall.engine  # type: ignore[attr-defined]
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE sessions SET revoked = :yes"), {"yes": True})
        assert_error(api.get(f"{V1}/auth/me", headers=staff), 401, "unauthorized")


# ---------------------------------------------------------------------------------------------
# PIN guessing


def test_pin_guessing_is_locked_out_after_five_failures_for_five_minutes(
    api: TestClient, clock: FakeClock
) -> None:
    for pin in ("0000", "1234", "8888", "2580", "1112"):
        r = api.post(f"{V1}/auth/login", json={"staff_id": "s1a", "pin": pin, "window": 1})
        assert_error(r, 401, "bad_credentials")
    right = {"staff_id": "s1a", "pin": PINS["s1a"], "window": 1}
    assert_error(api.post(f"{V1}/auth/login", json=right), 429, "too_many_attempts")
    assert login(api, "s3a", 3)  # the lock is per staff member
    clock.advance(minutes=4, seconds=59)
    assert_error(api.post(f"{V1}/auth/login", json=right), 429, "too_many_attempts")
    clock.advance(seconds=2)
    assert api.post(f"{V1}/auth/login", json=right).status_code == 200


def test_failed_and_refused_sign_ins_are_logged_with_the_staff_id_never_the_pin(
    sqlite_api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    tried = ["80417", "61553", "70938", "52291", "49160"]
    for pin in tried:
        body = {"staff_id": "s1a", "pin": pin, "window": 1}
        assert sqlite_api.post(f"{V1}/auth/login", json=body).status_code == 401
    body = {"staff_id": "s1a", "pin": PINS["s1a"], "window": 1}
    assert sqlite_api.post(f"{V1}/auth/login", json=body).status_code == 429
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([r for r in warnings if "s1a" in r.getMessage()]) >= len(tried) + 1
    texts = [_text(r) for r in caplog.records]
    for pin in [*tried, PINS["s1a"]]:
        assert not [t for t in texts if pin in t], pin


def _text(record: logging.LogRecord) -> str:
    """Everything a log handler could write for `record`."""
    return logging.Formatter("%(name)s %(message)s").format(record) + repr(record.args)


# ---------------------------------------------------------------------------------------------
# Secrets and personal data stay out of logs and tables

SECRET = "hallq-secret-2b7d1e90c4"
PLAIN_ID = VALID_ID[:17]  # the digits alone would give the person away too
PHONE = "13912345678"
MASKED = "110***********002X"


def _full_day(api: TestClient) -> list[str]:
    """Every kind of caller does its job once; returns the staff tokens handed out."""
    staff = login(api, "s1a", 1)
    admin, desk = login(api, "admin"), login(api, "desk1")
    wrong = {"staff_id": "s3a", "pin": "80417", "window": 3}
    assert api.post(f"{V1}/auth/login", json=wrong).status_code == 401
    t = issue(api, "yyzz", phone=PHONE)
    named = issue(api, "ylbx", id_number=VALID_ID.lower(), phone=PHONE)
    assert named["id_masked"] == MASKED
    assert api.post(f"{V1}/windows/1/call-next", headers=staff).status_code == 200
    assert api.post(f"{V1}/windows/1/recall", headers=staff).status_code == 200
    done = api.post(f"{V1}/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert done.status_code == 200
    assert api.post(f"{V1}/windows/1/evaluation", json={"rating": 2}, headers=EVALUATOR).is_success
    assert api.get(f"{V1}/tickets/{t['token']}").status_code == 200
    with api.websocket_connect(f"{V1}/events?since=0", headers=DISPLAY) as ws:
        assert ws.receive_json()["type"] != "hello"
    lookup = api.post(f"{V1}/desk/lookup", json={"id_number": VALID_ID}, headers=desk)
    assert lookup.status_code == 200 and PLAIN_ID not in lookup.text
    booking = {"matter": "ylbx", "day": "2026-11-24", "slot": "09:00", "id_number": VALID_ID}
    code = api.post(f"{V1}/appointments", json=booking).json()["code"]
    cancel = {"id_number": VALID_ID}
    assert api.post(f"{V1}/appointments/{code}/cancel", json=cancel).status_code == 200
    assert api.get(f"{V1}/stats/summary", headers=admin).status_code == 200
    assert api.get(f"{V1}/admin/overview", headers=admin).status_code == 200
    api.post(f"{V1}/tickets", json={"matter": "ylbx", "id_number": VALID_ID}, headers=KIOSK)
    assert api.get(f"{V1}/auth/me", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert api.post(f"{V1}/auth/logout", headers=staff).status_code == 204
    return [h["Authorization"].removeprefix("Bearer ") for h in (staff, admin, desk)]


def test_no_secret_is_ever_logged_over_a_full_day(
    tmp_path: Path, mini_config: HallConfig, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with _client(tmp_path, mini_config, clock, secret=SECRET) as api:
        tokens = _full_day(api)
    secrets = {
        "device keys": ["test-kiosk-key", "test-display-key", "test-evaluator-key-1"],
        "staff tokens": tokens,
        "PINs": ["80417", *(PINS[s] for s in ("s1a", "admin", "desk1"))],
        "HALLQ_SECRET": [SECRET],
        "ID number": [PLAIN_ID],
    }
    texts = [_text(r) for r in caplog.records]
    assert any("s3a" in t for t in texts)  # the refused sign-in was logged …
    leaks = {
        kind: [v for v in values if any(v in t for t in texts)] for kind, values in secrets.items()
    }
    assert not any(leaks.values()), leaks  # … and nothing secret ever was


def test_plain_id_number_is_stored_nowhere(
    api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Every text of every row of every table, and for SQLite the raw file bytes too."""
    caplog.set_level(logging.DEBUG)
    _full_day(api)
    engine = api.app.state.hall.engine  # type: ignore[attr-defined]
    texts = []
    with engine.connect() as conn:
        for name in sa.inspect(conn).get_table_names():
            rows = conn.execute(sa.text(f'SELECT * FROM "{name}"'))
            texts += [(name, json.dumps([str(v) for v in row], ensure_ascii=False)) for row in rows]
    assert any(MASKED in text for _, text in texts)  # the scan does see the tickets …
    assert not [(name, text) for name, text in texts if PLAIN_ID in text]  # … not the ID
    if engine.dialect.name == "sqlite":
        engine.dispose()
        db = Path(engine.url.database)
        raw = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
        assert MASKED.encode() in raw and PLAIN_ID.encode() not in raw
    assert not [r for r in caplog.records if PLAIN_ID in _text(r)]


# ---------------------------------------------------------------------------------------------
# Browsers: CORS and the WebSocket's Origin

FOREIGN = "http://evil.example"


def test_without_cors_origins_a_foreign_page_gets_no_cors_grant(sqlite_api: TestClient) -> None:
    r = sqlite_api.get(f"{V1}/catalog", headers={"Origin": FOREIGN})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    preflight = sqlite_api.options(
        f"{V1}/tickets",
        headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code == 405


def test_cors_origins_grant_exactly_the_listed_origins(
    tmp_path: Path, mini_config: HallConfig, clock: FakeClock
) -> None:
    tv = "http://tv.hall.local:8080"
    with _client(tmp_path, mini_config, clock, cors_origins=[tv]) as api:
        r = api.get(f"{V1}/state", headers={"Origin": tv})
        assert r.headers["access-control-allow-origin"] == tv
        r = api.get(f"{V1}/state", headers={"Origin": FOREIGN})
        assert "access-control-allow-origin" not in r.headers
        preflight = api.options(
            f"{V1}/tickets",
            headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in preflight.headers


def _hello(api: TestClient, origin: str | None) -> Any:
    headers = {"Origin": origin} if origin else {}
    with api.websocket_connect(f"{V1}/events", headers=headers) as ws:
        return ws.receive_json()


def test_event_stream_serves_apps_and_the_halls_own_pages(
    tmp_path: Path, mini_config: HallConfig, clock: FakeClock
) -> None:
    with _client(tmp_path, mini_config, clock, cors_origins=["http://tv.hall.local"]) as api:
        assert _hello(api, None)["type"] == "hello"  # Qt clients send no Origin
        assert _hello(api, "http://testserver")["type"] == "hello"  # /display of this server
        assert _hello(api, "http://tv.hall.local")["type"] == "hello"  # listed in cors_origins


def test_event_stream_refuses_a_foreign_browser_origin(sqlite_api: TestClient) -> None:
    with pytest.raises(WebSocketDenialResponse) as refused:
        _hello(sqlite_api, FOREIGN)
    assert_error(refused.value, 403, "forbidden_origin")


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        (None, "hall.local:8000", True),  # the Qt apps send no Origin
        ("http://hall.local:8000", "hall.local:8000", True),  # /display, /t/… of this server
        ("http://HALL.local:8000", "hall.local:8000", True),
        ("http://hall.local:9000", "hall.local:8000", False),  # another port is another site
        ("http://evil.example", "hall.local:8000", False),
        ("http://tv.hall.local", "hall.local:8000", True),  # listed in HALLQ_CORS_ORIGINS
        ("null", "hall.local:8000", False),  # a file:// page or a sandboxed frame
    ],
)
def test_which_browser_origins_may_open_the_event_stream(
    origin: str | None, host: str, allowed: bool
) -> None:
    assert origin_allowed(origin, host, ["http://tv.hall.local"]) is allowed
