"""Every answer says where its time went inside the server: the Server-Timing header
(queue_server/api/timing.py), on both databases."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from queue_server.services import windows as window_service
from tests.integration.apiutil import KIOSK, login

V1 = "/api/v1"


def timings(response: Any) -> dict[str, float]:
    """`name;dur=ms, …` → {name: ms}; each metric once."""
    out: dict[str, float] = {}
    for part in response.headers["server-timing"].split(","):
        name, _, dur = part.strip().partition(";dur=")
        assert name not in out
        out[name] = float(dur)
    return out


def writes_on(api: TestClient) -> set[str]:
    """The write metrics: the writer thread's queue and run (SQLite), or the pool's (PG)."""
    sqlite = api.app.state.hall.writer is not None  # type: ignore[attr-defined]
    return {"wait", "write", "app"} if sqlite else {"write", "app"}


def test_a_write_reports_its_queue_its_use_case_and_the_whole(api: TestClient) -> None:
    r = api.post(f"{V1}/tickets", json={"matter": "yyzz"}, headers=KIOSK)
    assert r.status_code == 201, r.text
    spent = timings(r)
    assert set(spent) == writes_on(api)
    assert all(ms >= 0 for ms in spent.values())
    assert spent.get("wait", 0) + spent["write"] <= spent["app"]


def test_reads_and_refusals_report_the_whole_only(api: TestClient) -> None:
    assert set(timings(api.get(f"{V1}/health"))) == {"app"}
    malformed = api.post(f"{V1}/tickets", json={"matter": 7}, headers=KIOSK)
    assert malformed.status_code == 422
    assert set(timings(malformed)) == {"app"}  # refused before any write
    unknown = api.post(f"{V1}/tickets", json={"matter": "no-such"}, headers=KIOSK)
    assert unknown.status_code in (404, 422)
    assert set(timings(unknown)) == writes_on(api)  # the use case looked it up


def test_the_write_time_is_the_use_cases(api: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A use case that takes 60 ms shows as ≥ 60 ms of `write`, inside `app`; a call-next
    with nobody waiting (204, an error inside) still reports it."""
    real = window_service.call_next

    def slow_call_next(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.06)
        return real(*args, **kwargs)

    monkeypatch.setattr(window_service, "call_next", slow_call_next)
    staff = login(api, "s1a", 1)
    empty = api.post(f"{V1}/windows/1/call-next", headers=staff)
    assert empty.status_code == 204
    spent = timings(empty)
    assert set(spent) == writes_on(api)
    assert 60 <= spent["write"] <= spent["app"]

    api.post(f"{V1}/tickets", json={"matter": "yyzz"}, headers=KIOSK)
    called = api.post(f"{V1}/windows/1/call-next", headers=staff)
    assert called.status_code == 200
    assert 60 <= timings(called)["write"] <= timings(called)["app"]
