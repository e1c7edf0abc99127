"""Property-based bad input: schemathesis against the OpenAPI schema of every operation.

test_bad_input.py is a hand-written table of refusals; this module lets schemathesis write the
requests instead. For every operation in `/openapi.json` (the WebSocket `/events` is not in
it) it sends generated requests, both ones the schema allows and ones it forbids (wrong
types, out-of-range numbers, missing or unknown fields, strings breaking a pattern…), to the
in-process ASGI app of a fresh mini hall on SQLite whose clock stands still on a Monday at
10:00, and checks each answer:

- never a 5xx (`not_a_server_error`);
- its status code is documented for the operation (`status_code_conformance`), with the
  documented content type and headers, and the body matches the documented schema
  (`response_schema_conformance`: a refusal is the bilingual `ErrorOut`);
- a refusal names its code and says it in both languages (`assert_error`), and no answer
  leaks a stack trace or the database underneath.

Each request carries the Authorization of a caller that may use the operation (`ROLES`), or
none at all, so both the route and its refusal of anonymous callers are fuzzed. Half the
requests name a real ticket, window or follow-up, and a real matter, in a hall that has
tickets in every state, so their generated bodies reach the use cases instead of stopping at
404. The budget is fixed and the generation derandomized: CI sends the same requests every
time. Run: `python -m pytest -q tests/integration/test_openapi_fuzz.py` (~15 s).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.python import asgi

from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from tests.conftest import FakeClock, hall_time
from tests.integration.apiutil import DISPLAY, KIOSK, LEAKS, assert_error, call_next, issue, login

# Generated requests per operation: ~1,000 in all, ~15 s. HALLQ_FUZZ_EXAMPLES=300 digs deeper.
MAX_EXAMPLES = int(os.environ.get("HALLQ_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,  # the same requests on every run, in CI too
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
EVALUATOR = {"Authorization": "Bearer test-evaluator-key-1"}  # window 1's rating pad

CONFIG = schemathesis.Config.from_dict(
    {
        # The Authorization header is ours (`ROLES`), not a random string.
        "generation": {"with-security-parameters": False},
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_headers_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
        },
    }
)

# Who may call what: (method, path regex) → the callers to send, in turn. "" is no
# Authorization at all. The first match wins; every operation must match one row
# (`test_every_operation_has_callers`), so a new route cannot slip past the fuzzer.
ROLES: list[tuple[str, str, tuple[str, ...]]] = [
    ("GET", r"/(health|catalog|state)", ("", "kiosk", "display")),
    ("POST", r"/tickets", ("kiosk", "staff", "desk", "admin")),
    ("GET", r"/tickets/\{token\}", ("", "kiosk")),
    ("POST", r"/tickets/\{token\}/(requeue|return)", ("kiosk", "staff", "desk", "admin")),
    ("POST", r"/tickets/\{token\}/evaluation", ("",)),
    ("POST", r"/tickets/\{token\}/cancel", ("desk", "admin")),
    ("POST", r"/devices/printer-fault", ("kiosk", "staff", "desk", "admin")),
    ("GET", r"/windows/\{number\}", ("staff", "admin", "desk", "display")),
    ("POST", r"/windows/\{number\}/evaluation", ("evaluator", "staff", "admin")),
    ("POST", r"/windows/\{number\}/.+", ("staff", "admin")),
    ("POST", r"/auth/login", ("",)),
    ("POST", r"/auth/logout", ("fresh",)),  # its own session: logging out ends it
    ("GET", r"/auth/me", ("staff", "kiosk", "admin", "display")),
    ("GET", r"/stats/.+", ("admin",)),
    ("GET", r"/appointments/(slots|matters|days|\{code\})", ("", "kiosk")),
    ("POST", r"/appointments", ("", "desk", "admin")),
    ("POST", r"/appointments/\{code\}/cancel", ("", "desk")),
    ("POST", r"/desk/lookup", ("desk", "admin")),
    ("GET", r"/followups", ("admin",)),
    ("POST", r"/followups/\{followup_id\}/(contact|close)", ("admin",)),
    ("GET", r"/admin/overview", ("admin",)),
    ("POST", r"/devices/help", ("kiosk",)),
    ("GET", r"/admin/help", ("desk", "admin")),
    ("POST", r"/admin/help/\{help_id\}/(answer|reopen)", ("desk", "admin")),
]
PREFIX = "/api/v1"
MATTERS = ("yyzz", "spjy", "ylbx", "sybx", "dbsq")  # tests/fixtures/mini_hall.toml

# What the fuzz test sent, for the checks after it: requests and status codes per operation.
EXAMPLES: Counter[str] = Counter()
ANSWERS: defaultdict[str, set[int]] = defaultdict(set)


def callers_of(method: str, path: str) -> tuple[str, ...] | None:
    local = path.removeprefix(PREFIX)
    for m, pattern, who in ROLES:
        if m == method.upper() and re.fullmatch(pattern, local):
            return who
    return None


@pytest.fixture(scope="module")
def fuzz_app(
    tmp_path_factory: pytest.TempPathFactory, mini_config: HallConfig
) -> Iterator[FastAPI]:
    """A fresh mini hall on SQLite for this module, its clock inside opening hours."""
    tmp = tmp_path_factory.mktemp("openapi_fuzz")
    settings = Settings(
        database_url=f"sqlite:///{tmp / 'hallq.sqlite3'}", data_dir=tmp, secret="test-secret"
    )
    hall = build_hall(settings, mini_config, clock=FakeClock(hall_time("2026-11-23 10:00")))
    yield create_app(settings, hall=hall)
    # schemathesis starts the app's lifespan (the event hub) on its first request and keeps
    # it until the process exits; end it with the module.
    asgi.shutdown_lifespans()


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app, config=CONFIG)


@pytest.fixture(scope="module")
def credentials(fuzz_app: FastAPI, fuzz_schema: Any) -> dict[str, dict[str, str]]:
    """An Authorization header per caller, signed in once for the whole module."""
    client = TestClient(fuzz_app)  # not entered: the lifespan already runs (fuzz_schema)
    return {
        "": {},
        "kiosk": KIOSK,
        "display": DISPLAY,
        "evaluator": EVALUATOR,
        "staff": login(client, "s1a", 1),
        "admin": login(client, "admin"),
        "desk": login(client, "desk1"),
    }


@pytest.fixture(scope="module")
def known(fuzz_app: FastAPI, credentials: dict[str, dict[str, str]]) -> dict[str, list[Any]]:
    """Real values for path parameters, so that generated bodies reach the use cases: tickets
    in every state (finished and rated badly, which opens a follow-up; no-show; suspended;
    waiting; in hand at window 1), the windows, the follow-up."""
    api, staff = TestClient(fuzz_app), credentials["staff"]

    def called(matter: str) -> str:
        token = str(issue(api, matter)["token"])
        assert call_next(api, 1, staff) is not None
        return token

    rated = called("yyzz")
    for path, body in (("complete", {"outcome": "done"}), ("evaluation", {"rating": 1})):
        r = api.post(f"{PREFIX}/windows/1/{path}", json=body, headers=staff)
        assert r.status_code in (200, 201), r.text
    done = called("yyzz")
    api.post(f"{PREFIX}/windows/1/complete", json={"outcome": "done"}, headers=staff)
    missed = called("yyzz")
    api.post(f"{PREFIX}/windows/1/no-show", headers=staff)
    suspended = called("spjy")
    api.post(f"{PREFIX}/windows/1/suspend", headers=staff)
    waiting = [str(issue(api, matter)["token"]) for matter in ("dbsq", "sybx")]
    in_hand = called("yyzz")
    followups = api.get(f"{PREFIX}/followups", headers=credentials["admin"]).json()
    assert followups, "a rating of 1 opens a follow-up"
    return {
        "token": [rated, done, missed, suspended, *waiting, in_hand],
        "number": [1, 2, 3, 4],
        "followup_id": [f["id"] for f in followups],
    }


def fresh_session(app: FastAPI) -> dict[str, str]:
    """A session of its own (s4a at window 4) for a request that may end it."""
    return login(TestClient(app), "s4a", 4)


def operations(schema: Any) -> list[Any]:
    found = []
    for result in schema.get_all_operations():
        found.append(result.ok())  # an operation schemathesis cannot read fails here
    return found


def fuzz(
    operation: Any,
    credentials: dict[str, dict[str, str]],
    known: dict[str, list[Any]],
    app: FastAPI,
) -> None:
    """Send `operation` its budget of generated requests, each checked against the schema."""
    callers = callers_of(operation.method, operation.path)
    assert callers is not None, f"no caller in ROLES for {operation.label}"
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @settings(SETTINGS)
    @given(case=cases, who=st.integers(0, 4), real=st.integers(0, 99))
    def run(case: Any, who: int, real: int) -> None:
        # Half the requests name a real ticket, window or follow-up instead of a random one,
        # and a matter of the hall; their bodies then reach the use case.
        for name, values in known.items():
            if name in (case.path_parameters or {}) and real % 2:
                case.path_parameters[name] = values[real // 2 % len(values)]
        if isinstance(case.body, dict) and "matter" in case.body and real % 2:
            case.body["matter"] = MATTERS[real // 2 % len(MATTERS)]
        caller = callers[(who - 1) % len(callers)] if who else ""  # 0: no Authorization
        headers = fresh_session(app) if caller == "fresh" else credentials[caller]
        EXAMPLES[operation.label] += 1
        response = case.call_and_validate(headers=headers)
        ANSWERS[operation.label].add(response.status_code)
        assert not any(leak in response.text for leak in LEAKS), response.text
        if response.status_code >= 400:  # ARCHITECTURE §5: a refusal a person can read
            assert_error(response, response.status_code, response.json()["error"]["code"])

    run()


def test_every_operation_survives_generated_input(
    fuzz_schema: Any,
    credentials: dict[str, dict[str, str]],
    known: dict[str, list[Any]],
    fuzz_app: FastAPI,
    subtests: pytest.Subtests,
) -> None:
    """One subtest per operation, named by it when it fails.

    Not schemathesis' own `from_fixture(...).parametrize()`: in 4.32 it sets pytest's private
    `Function._nodeid`, which pytest 9.2 no longer has (AttributeError). The schema needs the
    module's app, so it cannot be loaded at import time for the eager `parametrize()` either.
    """
    for operation in operations(fuzz_schema):
        with subtests.test(msg=operation.label):
            fuzz(operation, credentials, known, fuzz_app)


def test_every_operation_has_callers(fuzz_app: FastAPI) -> None:
    """ROLES covers the whole schema, and the WebSocket is the only route left out of it."""
    operations = [
        (method.upper(), path)
        for path, item in fuzz_app.openapi()["paths"].items()
        for method in item
    ]
    assert len(operations) >= 40
    assert [op for op in operations if callers_of(*op) is None] == []
    assert not any(path.endswith("/events") for _, path in operations)


def test_every_documented_refusal_is_the_bilingual_error_body(fuzz_app: FastAPI) -> None:
    """What the fuzzer holds refusals to: each 4xx an operation documents is `ErrorOut`, not
    FastAPI's default `HTTPValidationError` (which any JSON object would pass)."""
    wrong = [
        (method.upper(), path, status)
        for path, item in fuzz_app.openapi()["paths"].items()
        for method, op in item.items()
        for status, doc in op["responses"].items()
        if status.startswith("4")
        and doc["content"]["application/json"]["schema"]
        != {"$ref": "#/components/schemas/ErrorOut"}
    ]
    assert wrong == []


def test_every_operation_was_fuzzed(fuzz_app: FastAPI) -> None:
    """Runs after the fuzz test (same module, file order): each operation got its budget."""
    if not EXAMPLES:
        pytest.skip("the fuzz test did not run in this session (-k or a failure)")
    operations = {
        f"{method.upper()} {path}"
        for path, item in fuzz_app.openapi()["paths"].items()
        for method in item
    }
    assert set(EXAMPLES) == operations
    assert sum(EXAMPLES.values()) >= 20 * len(operations), EXAMPLES
    # The callers' credentials work (no operation answered 401 only), and many operations
    # were reached past validation and succeeded.
    assert [op for op in operations if ANSWERS[op] <= {401}] == []
    succeeded = {op for op in operations if any(200 <= s < 300 for s in ANSWERS[op])}
    assert len(succeeded) >= len(operations) // 2, sorted(operations - succeeded)
