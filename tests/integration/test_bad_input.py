"""Bad input on every endpoint: each refusal is a 4xx with a code and a bilingual message.

ARCHITECTURE §5: every error leaves the server as HTTP 4xx + `{"error": {code, message,
message_zh}}`, never a 500 or a stack trace. One table (`CASES`) drives most of this module;
each row names the request, the status and the error code it must get, and `assert_error`
checks that both languages are there. The rows share one hall per database (`shared_api`:
SQLite and, with HALLQ_TEST_PG_URL, PostgreSQL); the other tests get a fresh one (`api`).

The bugs this module found when it was written (NUL bytes reaching PostgreSQL, calendar
overflow in stats, fullwidth ID digits, JSON true as an integer, Unicode phone digits,
unparseable bodies as 400, bad Content-Length, chunked bodies over the limit, WebSocket query
errors) are fixed; their rows now guard against regressions.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from tests.conftest import PG_URL, FakeClock, _pg_database, hall_time
from tests.integration.apiutil import DISPLAY, KIOSK, LEAKS, assert_error, call_next, issue, login

V1 = "/api/v1"
VALID_ID = "11010519491231002X"
FULLWIDTH_ID = VALID_ID[:17].translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}) + "X"
NO_BODY: Any = object()

# ---------------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class Req:
    """One request and the refusal it must get.

    `path` is under /api/v1 and may hold `{waiting}` (a waiting ticket's token) or `{done}` (a
    finished, unrated ticket's token). `who`: "" (no Authorization), kiosk, display, staff
    (s1a signed in at window 1), admin, desk, revoked (s1a's token after logout), or
    "raw:<Authorization header value>". `window1`: "in_hand" (it holds a called yyzz ticket)
    or "free" (nothing in hand, not paused); rows share a hall, so a row that cares says so.
    """

    method: str
    path: str
    status: int
    code: str
    who: str = ""
    json: Any = NO_BODY
    content: bytes | None = None
    ctype: str = "application/json"
    params: dict[str, str] | None = None
    window1: str = ""
    headers: tuple[tuple[str, str], ...] = ()  # more request headers


def row(ident: str, method: str, path: str, status: int, code: str, **kw: Any) -> Any:
    return pytest.param(Req(method, path, status, code, **kw), id=ident)


def nul(ident: str, method: str, path: str, **kw: Any) -> Any:
    """A request carrying U+0000; it may be refused or accepted, but never with a 500."""
    return pytest.param(Req(method, path, 0, "", **kw), id=ident)


OK_TICKET = {"matter": "yyzz"}
S1A = {"staff_id": "s1a", "pin": "1111", "window": 1}
ERR = "invalid_input"
T, LOGIN, STATS = "/tickets", "/auth/login", "/stats/summary"
EVAL = "/tickets/{done}/evaluation"
COMPLETE, TRANSFER, PAUSE = "/windows/1/complete", "/windows/1/transfer", "/windows/1/pause"
K, D = "kiosk", "display"
UNKNOWN = "AAAAAAAAAAAAAAAA"  # shaped like a token (token_urlsafe(12)), issued to nobody

# Valid bodies for the window actions, so that only the window or the caller is wrong.
ACTIONS = {
    "call-next": NO_BODY,
    "recall": NO_BODY,
    "no-show": NO_BODY,
    "suspend": NO_BODY,
    "start": NO_BODY,
    "complete": {"outcome": "done"},
    "transfer": {"window": 2},
    "pause": {"reason": "午休"},
    "resume": NO_BODY,
}

# fmt: off
HALL_CASES = [
    row("health-post", "POST", "/health", 405, "method_not_allowed"),
    row("health-put", "PUT", "/health", 405, "method_not_allowed"),
    row("catalog-post", "POST", "/catalog", 405, "method_not_allowed", json={}),
    row("catalog-delete", "DELETE", "/catalog", 405, "method_not_allowed"),
    row("state-post", "POST", "/state", 405, "method_not_allowed"),
    row("state-zone-41-chars", "GET", "/state", 422, ERR, params={"zone": "Z" * 41}),
    row("state-unknown-zone", "GET", "/state", 404, "unknown_zone", params={"zone": "1.5e-38"}),
    row("events-over-plain-http", "GET", "/events", 404, "not_found", params={"since": "0"}),
]

ISSUE_CASES = [
    # the body is not JSON, or not a JSON object
    row("malformed-json", "POST", T, 422, ERR, who=K, content=b'{"matter": "yyzz"'),
    row("trailing-comma", "POST", T, 422, ERR, who=K, content=b'{"matter": "yyzz",}'),
    row("single-quotes", "POST", T, 422, ERR, who=K, content=b"{'matter': 'yyzz'}"),
    row("empty-body", "POST", T, 422, ERR, who=K, content=b""),
    row("body-list", "POST", T, 422, ERR, who=K, json=[OK_TICKET]),
    row("body-string", "POST", T, 422, ERR, who=K, json="yyzz"),
    row("body-null", "POST", T, 422, ERR, who=K, json=None),
    row("body-number", "POST", T, 422, ERR, who=K, json=42),
    row("body-true", "POST", T, 422, ERR, who=K, json=True),
    row("text-plain", "POST", T, 422, ERR, who=K, content=b'{"matter": "yyzz"}',
        ctype="text/plain"),
    row("form-urlencoded", "POST", T, 422, ERR, who=K, content=b"matter=yyzz",
        ctype="application/x-www-form-urlencoded"),
    row("invalid-utf8", "POST", T, 422, ERR, who=K, content=b'{"matter": "\xff"}'),
    row("nested-30k-deep", "POST", T, 422, ERR, who=K, content=b"[" * 30_000 + b"]" * 30_000),
    row("int-5000-digits", "POST", T, 422, ERR, who=K,
        content=b'{"matter": "yyzz", "phone": ' + b"9" * 5000 + b"}"),
    # fields missing, of the wrong type, too long, out of range, unknown
    row("missing-matter", "POST", T, 422, ERR, who=K, json={}),
    row("matter-int", "POST", T, 422, ERR, who=K, json={"matter": 123}),
    row("matter-list", "POST", T, 422, ERR, who=K, json={"matter": ["yyzz"]}),
    row("matter-object", "POST", T, 422, ERR, who=K, json={"matter": {"code": "yyzz"}}),
    row("matter-null", "POST", T, 422, ERR, who=K, json={"matter": None}),
    row("matter-empty", "POST", T, 422, ERR, who=K, json={"matter": ""}),
    row("matter-blank", "POST", T, 422, ERR, who=K, json={"matter": " \t\n "}),
    row("matter-nan", "POST", T, 422, ERR, who=K, content=b'{"matter": NaN}'),
    row("matter-41-chars", "POST", T, 422, ERR, who=K, json={"matter": "m" * 41}),
    row("matter-10k-chars", "POST", T, 422, ERR, who=K, json={"matter": "m" * 10_000}),
    row("matter-70k-chars-body-over-64k", "POST", T, 413, "body_too_large", who=K,
        json={"matter": "m" * 70_000}),
    row("channel-fax", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "channel": "fax"}),
    row("channel-uppercase", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "channel": "KIOSK"}),
    row("channel-null", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "channel": None}),
    row("priority-vip", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "priority": "vip"}),
    row("priority-int", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "priority": 1}),
    row("extra-field", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "number": "A001"}),
    row("extra-field-rtl-name", "POST", T, 422, ERR, who=K,
        json={**OK_TICKET, "\u202eadmin": True}),
    row("id-number-19-chars", "POST", T, 422, ERR, who=K,
        json={"matter": "ylbx", "id_number": VALID_ID + "1"}),
    row("id-number-int", "POST", T, 422, ERR, who=K,
        json={"matter": "ylbx", "id_number": 110105194912310021}),
    row("id-number-bad-checksum", "POST", T, 422, "invalid_id_number", who=K,
        json={"matter": "ylbx", "id_number": "110105194912310021"}),
    row("id-number-letters", "POST", T, 422, "invalid_id_number", who=K,
        json={"matter": "yyzz", "id_number": "ABCDEFGHIJKLMNOPQR"}),
    row("id-number-nul-bytes", "POST", T, 422, "invalid_input", who=K,
        json={"matter": "ylbx", "id_number": "\x00" * 18}),
    row("id-number-missing-for-real-name", "POST", T, 422, "id_required", who=K,
        json={"matter": "ylbx"}),
    row("phone-letters", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "phone": "call me"}),
    row("phone-spaces", "POST", T, 422, ERR, who=K,
        json={**OK_TICKET, "phone": "+86 138 0000 0000"}),
    row("phone-4-digits", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "phone": "1234"}),
    row("phone-16-digits", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "phone": "1" * 16}),
    row("phone-int", "POST", T, 422, ERR, who=K, json={**OK_TICKET, "phone": 13800000000}),
    row("phone-arabic-indic-digits", "POST", T, 422, ERR, who=K,
        json={**OK_TICKET, "phone": "\u0661\u0663\u0668" + "\u0660" * 8}),
    row("appointment-code-17-chars", "POST", T, 422, ERR, who=K,
        json={**OK_TICKET, "appointment_code": "A" * 17}),
    row("appointment-code-sql", "POST", T, 422, "invalid_input", who=K,
        json={**OK_TICKET, "appointment_code": "' OR '1'='1"}),
    row("appointment-code-eszett", "POST", T, 422, "invalid_input", who=K,
        json={**OK_TICKET, "appointment_code": "ß" * 16}),
    # matter codes that look almost right, or like an attack: codes are [A-Za-z0-9_.-]
    row("matter-unknown", "POST", T, 404, "unknown_matter", who=K, json={"matter": "nope"}),
    row("matter-uppercase", "POST", T, 404, "unknown_matter", who=K, json={"matter": "YYZZ"}),
    *(
        row(f"matter-{name}", "POST", T, 422, "invalid_input", who=K, json={"matter": code})
        for name, code in (
            ("fullwidth", "ｙｙｚｚ"),
            ("zero-width-space", "yy\u200bzz"),
            ("rtl-override", "\u202eyyzz"),
            ("emoji", "🏢yyzz"),
            ("nul-byte", "yyzz\x00"),
            ("terminal-escape", "\x1b[31myyzz\x07"),
            ("sql-injection", "yyzz' OR '1'='1"),
            ("sql-drop-table", "x'); DROP TABLE tickets;--"),
            ("path-traversal", "../../etc/passwd"),
        )
    ),
    # Idempotency-Key: 8-64 of [A-Za-z0-9_-]
    *(
        row(f"idempotency-key-{name}", "POST", T, 422, ERR, who=K, json=OK_TICKET,
            headers=(("Idempotency-Key", key),))
        for name, key in (
            ("empty", ""),
            ("7-chars", "abcdefg"),
            ("65-chars", "k" * 65),
            ("space", "abcd efgh"),
            ("quote", "abcd'efgh"),
            ("sql", "x'); DROP TABLE tickets;--"),
            ("path-traversal", "../../etc/passwd"),
        )
    ),
    # who may issue
    row("no-authorization", "POST", T, 401, "unauthorized", json=OK_TICKET),
    row("display-key", "POST", T, 403, "forbidden", who=D, json=OK_TICKET),
    row("get-collection", "GET", T, 405, "method_not_allowed", who=K),
]

AUTH_HEADER_CASES = [
    row(f"authorization-{name}", "POST", T, 401, "unauthorized", who=f"raw:{value}",
        json=OK_TICKET)
    for name, value in (
        ("empty", ""),
        ("scheme-only", "Bearer"),
        ("scheme-and-space", "Bearer "),
        ("basic", "Basic dGVzdDp0ZXN0"),
        ("no-scheme", "test-kiosk-key"),
        ("other-scheme", "Token test-kiosk-key"),
        ("wrong-key", "Bearer not-a-key"),
        ("key-with-suffix", "Bearer test-kiosk-key trailing"),
        ("key-prefix", "Bearer test-kiosk"),
        ("10k-chars", "Bearer " + "k" * 10_000),
        ("sql-injection", "Bearer ' OR 1=1 --"),
    )
]

TOKEN_CASES = [
    row("token-unknown", "GET", f"/tickets/{UNKNOWN}", 404, "unknown_ticket"),
    row("token-real-plus-suffix", "GET", "/tickets/{waiting}" + "x" * 100, 404, "unknown_ticket"),
    row("token-5000-chars", "GET", "/tickets/" + "A" * 5000, 404, "unknown_ticket"),
    row("token-sql-injection", "GET", "/tickets/' OR '1'='1", 404, "unknown_ticket"),
    row("token-emoji", "GET", "/tickets/🎫", 404, "unknown_ticket"),
    row("token-newline", "GET", "/tickets/%0Aabc", 404, "unknown_ticket"),
    row("token-encoded-dots", "GET", "/tickets/%2e%2e", 404, "unknown_ticket"),
    row("token-bad-percent", "GET", "/tickets/%ZZ%", 404, "unknown_ticket"),
    row("token-path-traversal", "GET", "/tickets/../../etc/passwd", 404, "not_found"),
    row("token-encoded-traversal", "GET", "/tickets/..%2F..%2Fetc%2Fpasswd", 404, "not_found"),
    row("token-extra-segment", "GET", "/tickets/{waiting}/x", 404, "not_found"),
    row("token-patch", "PATCH", "/tickets/{waiting}", 405, "method_not_allowed", json={}),
    row("token-delete", "DELETE", "/tickets/{waiting}", 405, "method_not_allowed"),
    row("requeue-unknown", "POST", f"/tickets/{UNKNOWN}/requeue", 404, "unknown_ticket", who=K),
    row("requeue-no-auth", "POST", "/tickets/{waiting}/requeue", 401, "unauthorized"),
    row("requeue-display-key", "POST", "/tickets/{waiting}/requeue", 403, "forbidden", who=D),
    row("requeue-waiting-ticket", "POST", "/tickets/{waiting}/requeue", 409,
        "requeue_not_allowed", who=K),
    row("requeue-get", "GET", "/tickets/{waiting}/requeue", 405, "method_not_allowed"),
    row("return-unknown", "POST", f"/tickets/{UNKNOWN}/return", 404, "unknown_ticket", who=K),
    row("return-no-auth", "POST", "/tickets/{waiting}/return", 401, "unauthorized"),
    row("return-display-key", "POST", "/tickets/{waiting}/return", 403, "forbidden", who=D),
    row("return-waiting-ticket", "POST", "/tickets/{waiting}/return", 409, "invalid_transition",
        who=K),
    row("return-get", "GET", "/tickets/{waiting}/return", 405, "method_not_allowed"),
]

EVALUATION_CASES = [
    row("eval-malformed-json", "POST", EVAL, 422, ERR, content=b'{"rating": 5'),
    row("eval-body-list", "POST", EVAL, 422, ERR, json=[5]),
    row("eval-body-null", "POST", EVAL, 422, ERR, json=None),
    row("eval-missing-rating", "POST", EVAL, 422, ERR, json={"comment": "好"}),
    row("eval-rating-five-word", "POST", EVAL, 422, ERR, json={"rating": "five"}),
    row("eval-rating-0", "POST", EVAL, 422, ERR, json={"rating": 0}),
    row("eval-rating-6", "POST", EVAL, 422, ERR, json={"rating": 6}),
    row("eval-rating-negative", "POST", EVAL, 422, ERR, json={"rating": -1}),
    row("eval-rating-4.5", "POST", EVAL, 422, ERR, json={"rating": 4.5}),
    row("eval-rating-null", "POST", EVAL, 422, ERR, json={"rating": None}),
    row("eval-rating-list", "POST", EVAL, 422, ERR, json={"rating": [5]}),
    row("eval-rating-1e400", "POST", EVAL, 422, ERR, content=b'{"rating": 1e400}'),
    row("eval-rating-true", "POST", EVAL, 422, ERR, json={"rating": True}),
    row("eval-reasons-21", "POST", EVAL, 422, ERR, json={"rating": 3, "reasons": ["慢"] * 21}),
    row("eval-reasons-string", "POST", EVAL, 422, ERR, json={"rating": 3, "reasons": "慢"}),
    row("eval-reasons-ints", "POST", EVAL, 422, ERR, json={"rating": 3, "reasons": [1, 2]}),
    row("eval-reason-101-chars", "POST", EVAL, 422, ERR,
        json={"rating": 3, "reasons": ["慢" * 101]}),
    row("eval-comment-501-chars", "POST", EVAL, 422, ERR, json={"rating": 3, "comment": "c" * 501}),
    row("eval-comment-int", "POST", EVAL, 422, ERR, json={"rating": 3, "comment": 5}),
    row("eval-comment-100k-body-over-64k", "POST", EVAL, 413, "body_too_large",
        json={"rating": 3, "comment": "c" * 100_000}),
    row("eval-extra-field", "POST", EVAL, 422, ERR, json={"rating": 5, "staff_id": "s1a"}),
    row("eval-unknown-token", "POST", f"/tickets/{UNKNOWN}/evaluation", 404, "unknown_ticket",
        json={"rating": 5}),
    row("eval-waiting-ticket", "POST", "/tickets/{waiting}/evaluation", 409, "not_rateable",
        json={"rating": 5}),
    row("eval-get", "GET", EVAL, 405, "method_not_allowed"),
]

AUTH_CASES = [
    row("login-malformed-json", "POST", LOGIN, 422, ERR, content=b'{"staff_id": '),
    row("login-body-list", "POST", LOGIN, 422, ERR, json=["s1a", "1111"]),
    row("login-body-string", "POST", LOGIN, 422, ERR, json="s1a:1111"),
    row("login-empty-object", "POST", LOGIN, 422, ERR, json={}),
    row("login-missing-pin", "POST", LOGIN, 422, ERR, json={"staff_id": "s1a", "window": 1}),
    row("login-missing-staff-id", "POST", LOGIN, 422, ERR, json={"pin": "1111", "window": 1}),
    row("login-pin-int", "POST", LOGIN, 422, ERR, json={**S1A, "pin": 1111}),
    row("login-pin-empty", "POST", LOGIN, 422, ERR, json={**S1A, "pin": ""}),
    row("login-pin-33-chars", "POST", LOGIN, 422, ERR, json={**S1A, "pin": "1" * 33}),
    row("login-staff-id-41-chars", "POST", LOGIN, 422, ERR, json={**S1A, "staff_id": "s" * 41}),
    row("login-staff-id-list", "POST", LOGIN, 422, ERR, json={**S1A, "staff_id": ["s1a"]}),
    row("login-window-x", "POST", LOGIN, 422, ERR, json={**S1A, "window": "x"}),
    row("login-window-0", "POST", LOGIN, 422, ERR, json={**S1A, "window": 0}),
    row("login-window-negative", "POST", LOGIN, 422, ERR, json={**S1A, "window": -1}),
    row("login-window-100000", "POST", LOGIN, 422, ERR, json={**S1A, "window": 100_000}),
    row("login-window-1.5", "POST", LOGIN, 422, ERR, json={**S1A, "window": 1.5}),
    row("login-window-true", "POST", LOGIN, 422, ERR, json={**S1A, "window": True}),
    row("login-extra-role", "POST", LOGIN, 422, ERR, json={**S1A, "role": "admin"}),
    row("login-window-999-unknown", "POST", LOGIN, 404, "unknown_window",
        json={**S1A, "window": 999}),
    row("login-window-not-assigned", "POST", LOGIN, 403, "not_assigned",
        json={**S1A, "window": 4}),
    row("login-staff-without-window", "POST", LOGIN, 403, "not_assigned",
        json={"staff_id": "s1a", "pin": "1111"}),
    # Only two wrong PINs for s1a in the table: five within 5 minutes of hall time would lock
    # s1a out (429) for the rows after, as they share a hall.
    row("login-wrong-pin", "POST", LOGIN, 401, "bad_credentials", json={**S1A, "pin": "0000"}),
    row("login-unknown-staff", "POST", LOGIN, 401, "bad_credentials",
        json={**S1A, "staff_id": "nobody"}),
    row("login-staff-id-sql", "POST", LOGIN, 422, "invalid_input",
        json={**S1A, "staff_id": "admin' --"}),
    row("login-staff-id-emoji", "POST", LOGIN, 422, "invalid_input",
        json={**S1A, "staff_id": "s1a👤"}),
    row("login-staff-id-fullwidth", "POST", LOGIN, 422, "invalid_input",
        json={**S1A, "staff_id": "ｓ１ａ"}),
    row("login-pin-sql", "POST", LOGIN, 401, "bad_credentials", json={**S1A, "pin": "' OR ''='"}),
    row("login-get", "GET", LOGIN, 405, "method_not_allowed"),
    row("logout-no-auth", "POST", "/auth/logout", 401, "unauthorized"),
    row("logout-bad-token", "POST", "/auth/logout", 401, "unauthorized", who="raw:Bearer nope"),
    row("logout-revoked-token", "POST", "/auth/logout", 401, "unauthorized", who="revoked"),
    row("logout-get", "GET", "/auth/logout", 405, "method_not_allowed", who="staff"),
    row("me-no-auth", "GET", "/auth/me", 401, "unauthorized"),
]

WINDOW_ACTION_CASES = [
    case
    for action, body in ACTIONS.items()
    for case in (
        row(f"{action}-no-auth", "POST", f"/windows/1/{action}", 401, "unauthorized", json=body),
        row(f"{action}-display-key", "POST", f"/windows/1/{action}", 403, "forbidden", who=D,
            json=body),
        row(f"{action}-other-window", "POST", f"/windows/2/{action}", 403, "forbidden",
            who="staff", json=body),
        row(f"{action}-window-x", "POST", f"/windows/x/{action}", 422, ERR, who="staff",
            json=body),
        row(f"{action}-window-100000", "POST", f"/windows/100000/{action}", 404,
            "unknown_window", who="admin", json=body),
        row(f"{action}-get", "GET", f"/windows/1/{action}", 405, "method_not_allowed",
            who="staff"),
    )
]

WINDOW_CASES = [
    row("call-next-bad-token", "POST", "/windows/1/call-next", 401, "unauthorized",
        who="raw:Bearer nope"),
    row("call-next-revoked-token", "POST", "/windows/1/call-next", 401, "unauthorized",
        who="revoked"),
    row("call-next-kiosk-key", "POST", "/windows/1/call-next", 403, "forbidden", who=K),
    row("call-next-desk-staff", "POST", "/windows/1/call-next", 403, "forbidden", who="desk"),
    row("call-next-staff-at-window-100000", "POST", "/windows/100000/call-next", 403,
        "forbidden", who="staff"),
    row("call-next-window-0", "POST", "/windows/0/call-next", 404, "unknown_window",
        who="admin"),
    row("call-next-window-negative", "POST", "/windows/-1/call-next", 404, "unknown_window",
        who="admin"),
    row("call-next-window-beyond-int64", "POST", "/windows/99999999999999999999999/call-next",
        404, "unknown_window", who="admin"),
    row("call-next-window-1.5", "POST", "/windows/1.5/call-next", 422, ERR, who="admin"),
    row("call-next-window-nul", "POST", "/windows/1%00/call-next", 422, ERR, who="admin"),
    *(
        row(f"{action}-nothing-in-hand", "POST", f"/windows/1/{action}", 409,
            "no_current_ticket", who="staff", window1="free")
        for action in ("recall", "no-show", "suspend", "start")
    ),
    row("resume-not-paused", "POST", "/windows/1/resume", 409, "invalid_transition",
        who="staff", window1="free"),
    row("pause-with-ticket-in-hand", "POST", PAUSE, 409, "ticket_in_progress", who="staff",
        window1="in_hand", json={"reason": "午休"}),
    row("call-next-with-ticket-in-hand", "POST", "/windows/1/call-next", 409,
        "ticket_in_progress", who="staff", window1="in_hand"),
    row("window-show-no-auth", "GET", "/windows/1", 401, "unauthorized"),
    row("window-show-x", "GET", "/windows/x", 422, ERR, who="staff"),
    row("window-show-1e3", "GET", "/windows/1e3", 422, ERR, who="staff"),
    row("window-show-0", "GET", "/windows/0", 404, "unknown_window", who="staff"),
    row("window-show-100000", "GET", "/windows/100000", 404, "unknown_window", who="staff"),
    row("window-post", "POST", "/windows/1", 405, "method_not_allowed", who="staff"),
    row("window-unknown-action", "POST", "/windows/1/explode", 404, "not_found", who="staff"),
    # complete
    row("complete-malformed-json", "POST", COMPLETE, 422, ERR, who="staff", content=b"{outcome}"),
    row("complete-body-list", "POST", COMPLETE, 422, ERR, who="staff", json=["done"]),
    row("complete-no-body", "POST", COMPLETE, 422, ERR, who="staff"),
    row("complete-missing-outcome", "POST", COMPLETE, 422, ERR, who="staff", json={"note": "x"}),
    row("complete-outcome-maybe", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "maybe"}),
    row("complete-outcome-uppercase", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "DONE"}),
    row("complete-outcome-int", "POST", COMPLETE, 422, ERR, who="staff", json={"outcome": 1}),
    row("complete-outcome-null", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": None}),
    row("complete-materials-string", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "needs_more", "missing_materials": "经营场所证明"}),
    row("complete-materials-ints", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "needs_more", "missing_materials": [1]}),
    row("complete-materials-51", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "needs_more", "missing_materials": ["经营场所证明"] * 51}),
    row("complete-material-201-chars", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "needs_more", "missing_materials": ["材" * 201]}),
    row("complete-note-600-chars", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "done", "note": "n" * 600}),
    row("complete-note-int", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "done", "note": 1}),
    row("complete-extra-field", "POST", COMPLETE, 422, ERR, who="staff",
        json={"outcome": "done", "rating": 5}),
    row("complete-nothing-in-hand", "POST", COMPLETE, 409, "no_current_ticket", who="staff",
        window1="free", json={"outcome": "done"}),
    row("complete-needs-more-without-materials", "POST", COMPLETE, 422,
        "missing_materials_required", who="staff", window1="in_hand",
        json={"outcome": "needs_more"}),
    row("complete-material-not-in-guide", "POST", COMPLETE, 422, "unknown_material",
        who="staff", window1="in_hand",
        json={"outcome": "needs_more", "missing_materials": ["户口本"]}),
    row("complete-material-sql", "POST", COMPLETE, 422, "unknown_material", who="staff",
        window1="in_hand",
        json={"outcome": "needs_more", "missing_materials": ["x' OR '1'='1"]}),
    # transfer
    row("transfer-body-list", "POST", TRANSFER, 422, ERR, who="staff", json=[2]),
    row("transfer-matter-int", "POST", TRANSFER, 422, ERR, who="staff", json={"matter": 123}),
    row("transfer-matter-41-chars", "POST", TRANSFER, 422, ERR, who="staff",
        json={"matter": "m" * 41}),
    row("transfer-window-x", "POST", TRANSFER, 422, ERR, who="staff", json={"window": "x"}),
    row("transfer-window-0", "POST", TRANSFER, 422, ERR, who="staff", json={"window": 0}),
    row("transfer-window-negative", "POST", TRANSFER, 422, ERR, who="staff", json={"window": -2}),
    row("transfer-window-100000", "POST", TRANSFER, 422, ERR, who="staff",
        json={"window": 100_000}),
    row("transfer-window-1e400", "POST", TRANSFER, 422, ERR, who="staff",
        content=b'{"window": 1e400}'),
    row("transfer-extra-field", "POST", TRANSFER, 422, ERR, who="staff",
        json={"window": 2, "priority": "green"}),
    row("transfer-no-target", "POST", TRANSFER, 422, "bad_transfer", who="staff", json={}),
    row("transfer-null-targets", "POST", TRANSFER, 422, "bad_transfer", who="staff",
        json={"matter": None, "window": None}),
    row("transfer-window-999-unknown", "POST", TRANSFER, 404, "unknown_window", who="staff",
        json={"window": 999}),
    row("transfer-unknown-matter", "POST", TRANSFER, 404, "unknown_matter", who="staff",
        window1="in_hand", json={"matter": "nope"}),
    row("transfer-fullwidth-matter", "POST", TRANSFER, 422, "invalid_input", who="staff",
        window1="in_hand", json={"matter": "ｓｐｊｙ"}),
    row("transfer-window-not-serving", "POST", TRANSFER, 422, "bad_transfer", who="staff",
        window1="in_hand", json={"window": 3}),
    row("transfer-to-own-window", "POST", TRANSFER, 422, "bad_transfer", who="staff",
        window1="in_hand", json={"window": 1}),
    # pause
    row("pause-no-body", "POST", PAUSE, 422, ERR, who="staff"),
    row("pause-body-string", "POST", PAUSE, 422, ERR, who="staff", json="午休"),
    row("pause-reason-201-chars", "POST", PAUSE, 422, ERR, who="staff", json={"reason": "r" * 201}),
    row("pause-reason-int", "POST", PAUSE, 422, ERR, who="staff", json={"reason": 12}),
    row("pause-reason-missing", "POST", PAUSE, 422, ERR, who="staff", json={}),
    row("pause-reason-empty", "POST", PAUSE, 422, ERR, who="staff", json={"reason": ""}),
    row("pause-reason-blank", "POST", PAUSE, 422, ERR, who="staff", json={"reason": "  \t"}),
    row("pause-reason-null", "POST", PAUSE, 422, ERR, who="staff", json={"reason": None}),
    row("pause-extra-field", "POST", PAUSE, 422, ERR, who="staff",
        json={"reason": "午休", "minutes": 30}),
]

STATS_CASES = [
    row("stats-no-auth", "GET", STATS, 401, "unauthorized"),
    row("stats-display-key", "GET", STATS, 403, "forbidden", who=D),
    row("stats-kiosk-key", "GET", STATS, 403, "forbidden", who=K),
    row("stats-window-staff", "GET", STATS, 403, "forbidden", who="staff"),
    row("stats-desk-staff", "GET", STATS, 403, "forbidden", who="desk"),
    row("stats-from-month-13", "GET", STATS, 422, ERR, who="admin", params={"from": "2026-13-45"}),
    row("stats-to-feb-30", "GET", STATS, 422, ERR, who="admin", params={"to": "2026-02-30"}),
    row("stats-from-word", "GET", STATS, 422, ERR, who="admin", params={"from": "yesterday"}),
    row("stats-from-empty", "GET", STATS, 422, ERR, who="admin", params={"from": ""}),
    row("stats-from-fullwidth", "GET", STATS, 422, ERR, who="admin",
        params={"from": "２０２６-11-01"}),
    row("stats-from-sql", "GET", STATS, 422, ERR, who="admin",
        params={"from": "2026-01-01' OR 1=1--"}),
    row("stats-from-with-time", "GET", STATS, 422, ERR, who="admin",
        params={"from": "2026-11-23T10:30:00"}),
    row("stats-format-xml", "GET", STATS, 422, ERR, who="admin", params={"format": "xml"}),
    row("stats-format-uppercase", "GET", STATS, 422, ERR, who="admin", params={"format": "CSV"}),
    row("stats-to-before-from", "GET", STATS, 422, "bad_range", who="admin",
        params={"from": "2026-11-23", "to": "2026-11-01"}),
    row("stats-range-over-a-year", "GET", STATS, 422, "bad_range", who="admin",
        params={"from": "2025-01-01", "to": "2026-11-23"}),
    row("stats-to-before-from-far", "GET", STATS, 422, "bad_range", who="admin",
        params={"from": "9999-12-31", "to": "0001-01-01"}),
    row("stats-from-9999-12-31", "GET", STATS, 422, "bad_range", who="admin",
        params={"from": "9999-12-31"}),
    row("stats-from-0001-01-01", "GET", STATS, 422, "bad_range", who="admin",
        params={"from": "0001-01-01"}),
    row("stats-post", "POST", STATS, 405, "method_not_allowed", who="admin"),
]

ROUTING_CASES = [
    row("unknown-path", "GET", "/nope", 404, "not_found"),
    row("unknown-version", "GET", "/../v2/health", 404, "not_found"),
    row("stats-root", "GET", "/stats", 404, "not_found", who="admin"),
    row("deep-unknown-path", "GET", "/tickets/a/b/c", 404, "not_found"),
    row("windows-root", "GET", "/windows", 404, "not_found", who="staff"),
    row("auth-root", "POST", "/auth", 404, "not_found"),
]

NUL_CASES = [
    nul("ticket-token", "GET", "/tickets/%00"),
    nul("requeue-token", "POST", "/tickets/%00/requeue", who=K),
    nul("return-token", "POST", "/tickets/%00/return", who=K),
    nul("evaluation-token", "POST", "/tickets/%00/evaluation", json={"rating": 5}),
    nul("login-staff-id", "POST", LOGIN, json={**S1A, "staff_id": "s1a\x00"}),
    nul("appointment-code", "POST", T, who=K, json={**OK_TICKET, "appointment_code": "AB\x00"}),
    nul("state-zone", "GET", "/state", params={"zone": "A\x00"}),
    nul("pause-reason", "POST", PAUSE, who="staff", json={"reason": "午\x00休"}),
    nul("evaluation-comment", "POST", EVAL, json={"rating": 5, "comment": "好\x00"}),
    nul("evaluation-reasons", "POST", EVAL, json={"rating": 5, "reasons": ["慢\x00"]}),
    nul("complete-note", "POST", COMPLETE, who="staff", window1="in_hand",
        json={"outcome": "done", "note": "备\x00注"}),
]
# fmt: on

CASES = [
    *HALL_CASES,
    *ISSUE_CASES,
    *AUTH_HEADER_CASES,
    *TOKEN_CASES,
    *EVALUATION_CASES,
    *AUTH_CASES,
    *WINDOW_ACTION_CASES,
    *WINDOW_CASES,
    *STATS_CASES,
    *ROUTING_CASES,
]


# ---------------------------------------------------------------------------------------------
# Running a row


class Scene:
    """What a row needs in the hall, made on first use: sign-ins and tickets."""

    def __init__(self, api: TestClient) -> None:
        self.api = api
        self._staff: dict[str, str] | None = None
        self._done: str | None = None

    @property
    def staff(self) -> dict[str, str]:
        if self._staff is None:
            self._staff = login(self.api, "s1a", 1)
        return self._staff

    def free_window_1(self) -> None:
        """Resume window 1 and finish its ticket in hand, if any (rows may leave either)."""
        self.api.post(f"{V1}/windows/1/resume", headers=self.staff)
        self.api.post(f"{V1}/windows/1/complete", json={"outcome": "done"}, headers=self.staff)

    def done(self) -> str:
        """A finished, unrated ticket."""
        if self._done is None:
            self.free_window_1()
            issue(self.api, "yyzz")
            called = call_next(self.api, 1, self.staff)
            assert called is not None
            r = self.api.post(
                f"{V1}/windows/1/complete", json={"outcome": "done"}, headers=self.staff
            )
            assert r.status_code == 200, r.text
            self._done = str(called["token"])
        return self._done

    def hand(self) -> None:
        """Window 1 holds a called yyzz ticket."""
        self.free_window_1()
        issue(self.api, "yyzz")
        assert call_next(self.api, 1, self.staff) is not None

    def waiting(self) -> str:
        return str(issue(self.api, "dbsq")["token"])  # zone B: window 1 never calls it

    def headers(self, who: str) -> dict[str, str]:
        if who.startswith("raw:"):
            return {"Authorization": who.removeprefix("raw:")}
        if who == "revoked":
            headers = login(self.api, "s1a", 1)
            assert self.api.post(f"{V1}/auth/logout", headers=headers).status_code == 204
            return headers
        if who == "staff":
            return self.staff
        if who in ("admin", "desk"):
            return login(self.api, {"admin": "admin", "desk": "desk1"}[who])
        return {"": {}, "kiosk": KIOSK, "display": DISPLAY}[who]


def send(client: TestClient, scene: Scene, case: Req) -> httpx.Response:
    """Set the scene for `case`, send it with `client`; no answer may leak internals."""
    path = case.path
    if "{done}" in path:
        path = path.replace("{done}", scene.done())
    if case.window1 == "in_hand":
        scene.hand()
    elif case.window1 == "free":
        scene.free_window_1()
    if "{waiting}" in path:
        path = path.replace("{waiting}", scene.waiting())
    headers = {**scene.headers(case.who), **dict(case.headers)}
    content = case.content
    if case.json is not NO_BODY:
        content = json.dumps(case.json, ensure_ascii=False).encode()
    if content is not None:
        headers = {**headers, "Content-Type": case.ctype}
    r = client.request(case.method, V1 + path, content=content, headers=headers, params=case.params)
    assert not any(leak in r.text for leak in LEAKS), r.text
    return r


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_api(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    mini_config: HallConfig,
) -> Iterator[TestClient]:
    """One hall per database for the whole table, like `api` but module-wide.

    A fresh hall per row costs ~40 ms of migrations, times 300 rows. Rows are refusals; each
    signs in and issues what it needs itself (`Scene`), and one that needs window 1 in a given
    state says so (`window1`), so what earlier rows left behind does not matter.
    """
    tmp = tmp_path_factory.mktemp("bad_input")

    def sqlite() -> Generator[str, None, None]:
        yield f"sqlite:///{tmp / 'hallq.sqlite3'}"

    if request.param == "sqlite":
        databases = sqlite()
    elif PG_URL:
        databases = _pg_database()
    else:
        pytest.skip("PostgreSQL not available: set HALLQ_TEST_PG_URL (./run test starts one)")
    url = next(databases)
    try:
        settings = Settings(database_url=url, data_dir=tmp, secret="test-secret")
        hall = build_hall(settings, mini_config, clock=FakeClock(hall_time("2026-11-23 10:00")))
        with TestClient(create_app(settings, hall=hall)) as client:
            yield client
    finally:
        databases.close()  # PostgreSQL: drops the database


@pytest.fixture
def client(api: TestClient) -> Iterator[TestClient]:
    """The `api` app, answering a crash with its 500 response instead of raising it."""
    # Not entered as a context: the app's lifespan (the event hub) already runs under `api`.
    yield TestClient(api.app, raise_server_exceptions=False)


def on_postgresql(request: pytest.FixtureRequest) -> bool:
    return bool(request.node.callspec.params.get("db_url") == "postgresql")


@pytest.mark.parametrize("case", CASES)
def test_bad_request_is_refused_with_a_bilingual_error(shared_api: TestClient, case: Req) -> None:
    assert_error(send(shared_api, Scene(shared_api), case), case.status, case.code)


@pytest.mark.parametrize("case", NUL_CASES)
def test_nul_bytes_in_strings_never_cause_a_server_error(
    api: TestClient, client: TestClient, case: Req, request: pytest.FixtureRequest
) -> None:
    r = send(client, Scene(api), case)
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert_error(r, r.status_code, r.json()["error"]["code"])


# ---------------------------------------------------------------------------------------------
# Bugs and edges that do not fit one row


def test_an_id_number_typed_in_fullwidth_digits_is_the_same_person(api: TestClient) -> None:
    first = api.post(
        f"{V1}/tickets", json={"matter": "ylbx", "id_number": FULLWIDTH_ID}, headers=KIOSK
    )
    second = api.post(
        f"{V1}/tickets", json={"matter": "ylbx", "id_number": VALID_ID}, headers=KIOSK
    )
    if first.status_code == 201:  # normalised to ASCII: the same person, limit 1 per matter
        assert first.json()["id_masked"] == "110***********002X"
        assert_error(second, 429, "id_limit")
    else:  # or refused outright
        assert_error(first, 422, "invalid_id_number")


def test_free_text_keeps_unicode_emoji_and_direction_marks(api: TestClient) -> None:
    """Not bad input: CJK, emoji, RTL/zero-width marks are stored and shown as they came."""
    reason = "午休🍜 \u202eRTL\u202c\u200b ב"
    staff = login(api, "s1a", 1)
    r = api.post(f"{V1}/windows/1/pause", json={"reason": reason}, headers=staff)
    assert r.status_code == 200 and r.json()["pause_reason"] == reason, r.text
    w1 = next(w for w in api.get(f"{V1}/state").json()["windows"] if w["number"] == 1)
    assert w1["pause_reason"] == reason
    api.post(f"{V1}/windows/1/resume", headers=staff)
    t = issue(api, "yyzz")
    call_next(api, 1, staff)
    r = api.post(
        f"{V1}/windows/1/complete", json={"outcome": "done", "note": "👍\u200f"}, headers=staff
    )
    assert r.status_code == 200, r.text
    r = api.post(
        f"{V1}/tickets/{t['token']}/evaluation",
        json={"rating": 5, "reasons": ["热情😊"], "comment": "很好 \U0001f44d \u202e"},
    )
    assert r.status_code == 201, r.text


BAD_EVENT_QUERIES = [
    pytest.param("?since=-1", id="since-negative"),
    pytest.param("?since=abc", id="since-word"),
    pytest.param("?since=1.5", id="since-float"),
    pytest.param("?since=", id="since-empty"),
    pytest.param("?since=0&since=x", id="since-repeated-bad-last"),
    pytest.param("?zone=" + "Z" * 41, id="zone-41-chars"),
]


def _refusal(api: TestClient, query: str) -> Exception:
    with pytest.raises((WebSocketDisconnect, WebSocketDenialResponse)) as info:
        with api.websocket_connect(f"{V1}/events{query}") as ws:
            ws.receive_json()  # "hello" would mean the bad query was accepted
    return info.value


@pytest.mark.parametrize("query", BAD_EVENT_QUERIES)
def test_event_stream_refuses_bad_query_params(api: TestClient, query: str) -> None:
    refusal = _refusal(api, query)
    if isinstance(refusal, WebSocketDenialResponse):
        assert_error(refusal, 422, "invalid_input")
    else:
        assert isinstance(refusal, WebSocketDisconnect)
        assert refusal.code == 1008, refusal  # policy violation, before accept
        assert not any(leak in str(refusal.reason) for leak in LEAKS)


def test_event_stream_answers_a_bad_query_with_a_bilingual_422(api: TestClient) -> None:
    refusal = _refusal(api, "?since=-1")
    assert isinstance(refusal, WebSocketDenialResponse), refusal
    assert_error(refusal, 422, "invalid_input")


def test_event_stream_takes_odd_but_valid_params(api: TestClient) -> None:
    for query in ("?since=" + "9" * 15, "?zone=", "?zone=A&since=0"):
        with api.websocket_connect(f"{V1}/events{query}") as ws:
            assert ws.receive_json() == {"type": "hello", "seq": 0}, query


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("?zone=nowhere", 404, "unknown_zone"),
        ("?since=" + "9" * 30, 422, "invalid_input"),
        ("?zone=%E2%80%AE", 422, "invalid_input"),
        ("?zone=%00", 422, "invalid_input"),
    ],
)
def test_event_stream_refuses_an_unknown_or_malformed_zone(
    api: TestClient, query: str, status: int, code: str
) -> None:
    refusal = _refusal(api, query)
    assert isinstance(refusal, WebSocketDenialResponse), refusal
    assert_error(refusal, status, code)


def _run(coro: Any) -> Any:
    """Run a coroutine on a fresh thread's own event loop, whatever loop this thread has."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _asgi_post(
    app: Any, path: str, headers: list[tuple[bytes, bytes]], body: bytes
) -> httpx.Response:
    """POST straight to the ASGI app: header bytes arrive exactly as given (no client fixes)."""
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send_(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    try:
        await app(scope, receive, send_)
    except Exception:  # Starlette re-raises after sending its 500 answer
        pass
    start = next(m for m in sent if m["type"] == "http.response.start")
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return httpx.Response(start["status"], content=content)


@pytest.mark.parametrize(
    ("declared", "status"),
    [
        pytest.param(b"70000", 413, id="declares-over-64k-for-a-tiny-body"),
        pytest.param(b"5", 201, id="declares-less-than-sent"),  # framing is the server's job
        pytest.param(b"abc", 400, id="not-a-number"),
        pytest.param(b"-1", 400, id="negative"),
        pytest.param(b"\xb2", 400, id="superscript-two"),
    ],
)
def test_content_length_that_lies_or_is_not_a_number(
    api: TestClient, declared: bytes, status: int
) -> None:
    """Straight to the ASGI app: an HTTP client would fix or refuse such a header itself."""
    headers = [
        (b"authorization", b"Bearer test-kiosk-key"),
        (b"content-type", b"application/json"),
        (b"content-length", declared),
    ]
    r = _run(_asgi_post(api.app, f"{V1}/tickets", headers, b'{"matter": "yyzz"}'))
    assert r.status_code == status, r.text
    if status == 413:
        assert_error(r, 413, "body_too_large")
    elif status == 400:  # no code is prescribed for a malformed header; any but "too large"
        code = r.json()["error"]["code"]
        assert code != "body_too_large"
        assert_error(r, 400, code)


def test_a_chunked_body_is_held_to_the_same_64_kib_limit(api: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"matter": "yyzz"'
        for _ in range(80):
            yield b" " * 1024
        yield b"}"

    r = api.post(
        f"{V1}/tickets", content=chunks(), headers={**KIOSK, "Content-Type": "application/json"}
    )
    assert_error(r, 413, "body_too_large")


def test_no_answer_ever_shows_a_traceback_or_database_internals(
    api: TestClient, client: TestClient
) -> None:
    """Every request of this module on one hall, crashes included: no answer leaks internals."""
    for param in (*CASES, *NUL_CASES):
        case: Req = param.values[0]
        r = send(client, Scene(api), case)  # `send` asserts no leak in the body
        assert r.headers.get("content-type", "").startswith("application/json") or not r.content
    for query in BAD_EVENT_QUERIES:
        refusal = _refusal(client, query.values[0])
        assert not any(leak in str(getattr(refusal, "reason", "")) for leak in LEAKS)
    for declared in (b"abc", b"\xb2"):
        headers = [(b"authorization", b"Bearer test-kiosk-key"), (b"content-length", declared)]
        r = _run(_asgi_post(api.app, f"{V1}/tickets", headers, b'{"matter": "yyzz"}'))
        assert not any(leak in r.text for leak in LEAKS), r.text


def test_the_chinese_message_says_what_is_allowed_as_the_english_one_does(
    api: TestClient,
) -> None:
    staff = login(api, "s1a", 1)
    r = api.post(f"{V1}/windows/1/pause", json={"reason": " "}, headers=staff)
    assert_error(r, 422, "invalid_input")
    assert "reason 不能为空" in r.json()["error"]["message_zh"]
    issue(api, "yyzz")
    call_next(api, 1, staff)
    r = api.post(f"{V1}/windows/1/complete", json={"outcome": "finished"}, headers=staff)
    zh = r.json()["error"]["message_zh"]
    assert "outcome 的取值无效，可选：" in zh and "'done'" in zh, zh
    r = api.post(f"{V1}/windows/1/pause", json={"reason": "r" * 201}, headers=staff)
    assert "reason 太长（最多200个字符）" in r.json()["error"]["message_zh"]
