"""Helpers for API tests: demo credentials, issuing, calling, and error checks."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

KIOSK = {"Authorization": "Bearer test-kiosk-key"}
DISPLAY = {"Authorization": "Bearer test-display-key"}
# What an answer must never show: a stack trace or the database underneath.
LEAKS = ("Traceback", "sqlalchemy", "psycopg", 'File "', "site-packages")
PINS = {
    "s1a": "1111",
    "s1b": "2222",
    "s2a": "3333",
    "s3a": "4444",
    "s4a": "5555",
    "admin": "9999",
    "desk1": "5678",
    "lead-scj": "6161",
    "lead-rsj": "6262",
}


def login(api: TestClient, staff_id: str, window: int | None = None) -> dict[str, str]:
    """Sign in and return the Authorization header for that staff member."""
    body: dict[str, Any] = {"staff_id": staff_id, "pin": PINS[staff_id]}
    if window is not None:
        body["window"] = window
    r = api.post("/api/v1/auth/login", json=body)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def issue(api: TestClient, matter: str, **extra: Any) -> dict[str, Any]:
    r = api.post("/api/v1/tickets", json={"matter": matter, **extra}, headers=KIOSK)
    assert r.status_code == 201, r.text
    return dict(r.json())


def call_next(api: TestClient, window: int, headers: dict[str, str]) -> dict[str, Any] | None:
    r = api.post(f"/api/v1/windows/{window}/call-next", headers=headers)
    if r.status_code == 204:
        return None
    assert r.status_code == 200, r.text
    return dict(r.json()["ticket"])


def assert_error(response: Any, status: int, code: str) -> None:
    """A refusal a person can read: the status, the code and both languages."""
    assert response.status_code == status, response.text
    err = response.json()["error"]
    assert err["code"] == code, err
    assert err["message"] and err["message_zh"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message_zh"]), err


def ticket_row_0001(day: Any, number: str = "A001", token: str = "tok-1") -> dict[str, Any]:
    """A waiting ticket as the schema of migration 0001 stores it (for upgrade tests)."""
    return {
        "day": day,
        "number": number,
        "token": token,
        "matter": "yyzz",
        "zone": "A",
        "channel": "kiosk",
        "priority": "normal",
        "status": "waiting",
        "issued_at": sa.func.now(),
        "queued_at": sa.func.now(),
        "is_returning": False,
        "recalls": 0,
        "calls": 0,
        "transfers": 0,
        "requeued": False,
        "rated": False,
    }
