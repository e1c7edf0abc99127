"""The API end to end on a real database (SQLite and PostgreSQL), through FastAPI."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi.testclient import TestClient

from queue_server.bootstrap import create_app
from queue_server.config import Settings
from queue_server.hall import Hall
from tests.integration.apiutil import (
    DISPLAY,
    KIOSK,
    assert_error,
    call_next,
    issue,
    login,
)

VALID_ID = "11010519491231002X"
OTHER_ID = "110105194912310038"


def test_catalog_lists_zones_matters_with_guides_and_live_waiting(api: TestClient) -> None:
    issue(api, "yyzz")
    issue(api, "yyzz")
    cat = api.get("/api/v1/catalog").json()
    assert {z["code"] for z in cat["zones"]} == {"A", "B"}
    yyzz = next(m for m in cat["matters"] if m["code"] == "yyzz")
    assert yyzz["waiting"] == 2 and yyzz["windows"] == [1]
    assert yyzz["guide"]["materials"][0]["name"] == "经营者身份证"
    assert yyzz["estimated_wait_min"] == 20  # 2 × 10 configured minutes, one window


def test_numbers_follow_the_zone_prefix_and_never_repeat(api: TestClient) -> None:
    numbers = [issue(api, m)["number"] for m in ("yyzz", "spjy", "dbsq", "sybx", "yyzz")]
    assert numbers[:2] == ["A001", "A002"] and numbers[2] == "B001"
    assert len(set(numbers)) == len(numbers)


def test_ticket_cycle_issue_call_complete_rate(api: TestClient) -> None:
    t = issue(api, "yyzz")
    assert t["waiting_ahead"] == 0 and t["status_url"].endswith(f"/t/{t['token']}")
    staff = login(api, "s1a", 1)
    called = call_next(api, 1, staff)
    assert called and called["number"] == t["number"] and called["window"] == 1
    assert api.get(f"/api/v1/tickets/{t['token']}").json()["status"] == "called"
    r = api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert r.status_code == 200 and r.json()["ticket"]["status"] == "done"
    r = api.post(f"/api/v1/tickets/{t['token']}/evaluation", json={"rating": 5})
    assert r.status_code == 201
    r = api.post(f"/api/v1/tickets/{t['token']}/evaluation", json={"rating": 1})
    assert_error(r, 409, "already_rated")


def test_call_next_answers_204_when_nobody_waits(api: TestClient) -> None:
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff) is None


def test_waiting_ahead_and_estimate_grow_with_the_queue(api: TestClient) -> None:
    first = issue(api, "sybx")
    second = issue(api, "sybx")
    assert (first["waiting_ahead"], second["waiting_ahead"]) == (0, 1)
    assert second["estimated_wait_min"] >= 8 / 2  # two windows serve sybx
    status = api.get(f"/api/v1/tickets/{second['token']}").json()
    assert status["waiting_ahead"] == 1


def test_green_channel_ticket_is_called_first(api: TestClient) -> None:
    issue(api, "yyzz")
    green = issue(api, "yyzz", priority="green")
    staff = login(api, "s1a", 1)
    assert call_next(api, 1, staff)["number"] == green["number"]  # type: ignore[index]


def _issued_data(hall: Hall, token: str) -> dict[str, Any]:
    with hall.uow(write=False) as uow:
        (ev,) = [e for e in uow.events.since(0) if e.type == "ticket.issued" and e.token == token]
    return dict(ev.data)


def test_a_green_ticket_records_whom_the_green_channel_serves(api: TestClient, hall: Hall) -> None:
    green = issue(api, "yyzz", priority="green", green_category="disabled")
    assert green["priority"] == "green"
    assert _issued_data(hall, green["token"])["green_category"] == "disabled"
    # Without a category (older kiosks, the desk): still green, just not categorised.
    plain = issue(api, "yyzz", priority="green")
    assert "green_category" not in _issued_data(hall, plain["token"])


def test_a_green_category_is_refused_on_a_normal_ticket_and_must_be_known(
    api: TestClient,
) -> None:
    body = {"matter": "yyzz", "green_category": "elderly"}
    r = api.post("/api/v1/tickets", json=body, headers=KIOSK)
    assert_error(r, 422, "green_category_not_green")
    assert "绿色通道" in r.json()["error"]["message_zh"]
    r = api.post(
        "/api/v1/tickets",
        json={**body, "priority": "green", "green_category": "vip"},
        headers=KIOSK,
    )
    assert_error(r, 422, "invalid_input")
    assert "green_category" in r.json()["error"]["message"]
    matters = api.get("/api/v1/catalog").json()["matters"]
    assert next(m for m in matters if m["code"] == "yyzz")["waiting"] == 0  # nothing issued


def test_a_retry_with_another_green_category_is_not_the_same_request(api: TestClient) -> None:
    key = {**KIOSK, "Idempotency-Key": "green-retry-0001"}
    body = {"matter": "yyzz", "priority": "green", "green_category": "elderly"}
    first = api.post("/api/v1/tickets", json=body, headers=key)
    assert first.status_code == 201
    again = api.post("/api/v1/tickets", json=body, headers=key)
    assert again.status_code == 200 and again.json()["number"] == first.json()["number"]
    other = api.post("/api/v1/tickets", json={**body, "green_category": "pregnant"}, headers=key)
    assert_error(other, 409, "idempotency_conflict")


def test_staff_token_acts_only_at_its_own_window(api: TestClient) -> None:
    issue(api, "spjy")
    staff = login(api, "s1a", 1)
    assert_error(api.post("/api/v1/windows/2/call-next", headers=staff), 403, "forbidden")
    admin = login(api, "admin")
    login(api, "s2a", 2)
    assert call_next(api, 2, admin) is not None


def test_display_key_cannot_issue_and_anonymous_cannot_call(api: TestClient) -> None:
    r = api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=DISPLAY)
    assert_error(r, 403, "forbidden")
    assert_error(api.post("/api/v1/tickets", json={"matter": "yyzz"}), 401, "unauthorized")
    assert_error(api.post("/api/v1/windows/1/call-next"), 401, "unauthorized")


def test_staff_not_assigned_to_a_window_cannot_sign_in_there(api: TestClient) -> None:
    r = api.post("/api/v1/auth/login", json={"staff_id": "s3a", "pin": "4444", "window": 1})
    assert_error(r, 403, "not_assigned")


def test_b_role_may_not_take_a_window_while_a_is_signed_in(api: TestClient) -> None:
    login(api, "s1a", 1)
    r = api.post("/api/v1/auth/login", json={"staff_id": "s1b", "pin": "2222", "window": 1})
    assert_error(r, 409, "window_taken")


def test_b_role_signs_in_when_a_is_away(api: TestClient) -> None:
    a = login(api, "s1a", 1)
    assert api.post("/api/v1/auth/logout", headers=a).status_code == 204
    r = api.post("/api/v1/auth/login", json={"staff_id": "s1b", "pin": "2222", "window": 1})
    assert r.status_code == 200 and r.json()["ab_role"] == "B"
    assert_error(api.post("/api/v1/windows/1/call-next", headers=a), 401, "unauthorized")


def test_wrong_pins_are_rate_limited(api: TestClient) -> None:
    bad = {"staff_id": "s1a", "pin": "0000", "window": 1}
    for _ in range(5):
        assert_error(api.post("/api/v1/auth/login", json=bad), 401, "bad_credentials")
    r = api.post("/api/v1/auth/login", json={**bad, "pin": "1111"})
    assert_error(r, 429, "too_many_attempts")


def test_paused_window_refuses_to_call_and_resumes(api: TestClient) -> None:
    issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    r = api.post("/api/v1/windows/1/pause", json={"reason": "午休"}, headers=staff)
    assert r.status_code == 200 and r.json()["status"] == "paused"
    assert_error(api.post("/api/v1/windows/1/call-next", headers=staff), 409, "window_paused")
    state = api.get("/api/v1/state").json()
    w1 = next(w for w in state["windows"] if w["number"] == 1)
    assert w1["status"] == "paused" and w1["pause_reason"] == "午休"
    assert api.post("/api/v1/windows/1/resume", headers=staff).status_code == 200
    assert call_next(api, 1, staff) is not None


def test_completing_with_nothing_called_is_refused(api: TestClient) -> None:
    staff = login(api, "s1a", 1)
    r = api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff)
    assert_error(r, 409, "no_current_ticket")


def test_calling_again_with_a_ticket_in_hand_is_refused(api: TestClient) -> None:
    issue(api, "yyzz")
    issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    call_next(api, 1, staff)
    assert_error(api.post("/api/v1/windows/1/call-next", headers=staff), 409, "ticket_in_progress")


def test_needs_more_outcome_names_missing_materials_from_the_guide(api: TestClient) -> None:
    issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    call_next(api, 1, staff)
    url = "/api/v1/windows/1/complete"
    r = api.post(url, json={"outcome": "needs_more"}, headers=staff)
    assert_error(r, 422, "missing_materials_required")
    r = api.post(
        url, json={"outcome": "needs_more", "missing_materials": ["户口本"]}, headers=staff
    )
    assert_error(r, 422, "unknown_material")
    r = api.post(
        url, json={"outcome": "needs_more", "missing_materials": ["经营场所证明"]}, headers=staff
    )
    assert r.status_code == 200 and r.json()["ticket"]["outcome"] == "needs_more"


def test_recall_is_limited_and_no_show_can_be_requeued_once(api: TestClient, clock: Any) -> None:
    t = issue(api, "yyzz")
    for _ in range(3):
        clock.advance(minutes=1)
        issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    call_next(api, 1, staff)
    for _ in range(2):
        assert api.post("/api/v1/windows/1/recall", headers=staff).status_code == 200
    assert_error(api.post("/api/v1/windows/1/recall", headers=staff), 409, "recall_limit")
    assert api.post("/api/v1/windows/1/no-show", headers=staff).status_code == 200
    r = api.post(f"/api/v1/tickets/{t['token']}/requeue", headers=KIOSK)
    assert r.status_code == 200 and r.json()["waiting_ahead"] == 2  # requeue_gap = 2
    r = api.post(f"/api/v1/tickets/{t['token']}/requeue", headers=KIOSK)
    assert_error(r, 409, "requeue_not_allowed")


def test_transfer_to_another_window_puts_the_ticket_at_its_front(api: TestClient) -> None:
    issue(api, "spjy")
    t = issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    s2 = login(api, "s2a", 2)
    call_next(api, 1, s1)  # spjy A001 at window 1
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=s1)
    called = call_next(api, 1, s1)
    assert called and called["number"] == t["number"]
    r = api.post("/api/v1/windows/1/transfer", json={"matter": "spjy", "window": 2}, headers=s1)
    assert r.status_code == 200 and r.json()["ticket"]["status"] == "waiting"
    issue(api, "spjy")
    got = call_next(api, 2, s2)
    assert got and got["number"] == t["number"]


def test_transfer_to_a_window_that_does_not_serve_the_matter_is_refused(api: TestClient) -> None:
    issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    r = api.post("/api/v1/windows/1/transfer", json={"window": 3}, headers=s1)
    assert_error(r, 422, "bad_transfer")


def test_suspended_ticket_comes_back_to_the_front_of_its_window(api: TestClient) -> None:
    t = issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    assert api.post("/api/v1/windows/1/suspend", headers=s1).status_code == 200
    issue(api, "yyzz")
    r = api.post(f"/api/v1/tickets/{t['token']}/return", headers=KIOSK)
    assert r.status_code == 200
    assert call_next(api, 1, s1)["number"] == t["number"]  # type: ignore[index]


def test_daily_quota_is_enforced(api: TestClient) -> None:
    for _ in range(3):
        issue(api, "spjy")
    r = api.post("/api/v1/tickets", json={"matter": "spjy"}, headers=KIOSK)
    assert_error(r, 409, "quota_exhausted")


def test_real_name_matter_needs_a_valid_id_and_limits_tickets_per_person(api: TestClient) -> None:
    url = "/api/v1/tickets"
    assert_error(api.post(url, json={"matter": "ylbx"}, headers=KIOSK), 422, "id_required")
    r = api.post(url, json={"matter": "ylbx", "id_number": "110105194912310021"}, headers=KIOSK)
    assert_error(r, 422, "invalid_id_number")
    t = issue(api, "ylbx", id_number=VALID_ID)
    assert t["id_masked"] == "110***********002X"
    r = api.post(url, json={"matter": "ylbx", "id_number": VALID_ID}, headers=KIOSK)
    assert_error(r, 429, "id_limit")
    issue(api, "ylbx", id_number=OTHER_ID)


def test_hall_closed_outside_opening_hours_names_the_next_opening(
    api: TestClient, clock: Any
) -> None:
    from tests.conftest import hall_time

    clock.now = hall_time("2026-11-23 17:10")
    r = api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=KIOSK)
    assert_error(r, 409, "hall_closed")
    assert "2026-11-24 08:30" in r.json()["error"]["message_zh"]


def test_numbering_restarts_each_hall_day_without_reuse(api: TestClient, clock: Any) -> None:
    assert issue(api, "yyzz")["number"] == "A001"
    assert issue(api, "yyzz")["number"] == "A002"
    clock.advance(days=1)
    assert issue(api, "yyzz")["number"] == "A001"


def test_state_reports_calls_windows_and_waiting_by_zone(api: TestClient) -> None:
    issue(api, "yyzz")
    issue(api, "sybx")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    state = api.get("/api/v1/state").json()
    assert state["waiting"] == {"A": 0, "B": 1}
    assert state["calls"][0]["number"] == "A001" and state["calls"][0]["window"] == 1
    only_b = api.get("/api/v1/state?zone=B").json()
    assert only_b["calls"] == [] and {w["zone"] for w in only_b["windows"]} == {"B"}


def test_event_stream_replays_missed_events_in_seq_order(api: TestClient) -> None:
    issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    with api.websocket_connect("/api/v1/events?since=0") as ws:
        seen = [ws.receive_json() for _ in range(4)]
        hello = ws.receive_json()
    types = [e["type"] for e in seen]
    assert types == ["ticket.issued", "staff.signed_in", "window.opened", "ticket.called"]
    assert [e["seq"] for e in seen] == [1, 2, 3, 4] and hello == {"type": "hello", "seq": 4}
    assert "token" not in seen[0]  # tokens are capabilities and never broadcast


def test_live_events_arrive_as_the_wire_form(api: TestClient) -> None:
    with api.websocket_connect("/api/v1/events") as ws:
        assert ws.receive_json()["type"] == "hello"
        t = issue(api, "yyzz")
        live = ws.receive_json()  # encoded once by the hub for every subscriber
    assert live["type"] == "ticket.issued" and live["ticket"] == t["number"]
    assert live["zone"] == "A" and live["channel"] == "kiosk" and "token" not in live


def test_a_client_that_leaves_ends_its_subscription_with_no_event_to_fail_on(
    hall: Hall, settings: Settings
) -> None:
    """As uvicorn does it: the endpoint is not cancelled, its `receive` says disconnect. The
    TestClient cancels the endpoint instead, so it is driven here over ASGI by hand."""
    app = create_app(settings, hall=hall)

    async def main() -> None:
        async with app.router.lifespan_context(app):
            hub = app.state.hub
            inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
            inbox.put_nowait({"type": "websocket.connect"})
            sent: list[dict[str, Any]] = []

            async def send(message: dict[str, Any]) -> None:
                sent.append(message)

            scope = {
                "type": "websocket",
                "asgi": {"version": "3.0"},
                "scheme": "ws",
                "path": "/api/v1/events",
                "raw_path": b"/api/v1/events",
                "root_path": "",
                "query_string": b"",
                "headers": [(b"host", b"testserver")],
                "server": ("testserver", 80),
                "client": ("127.0.0.1", 50000),
                "subprotocols": [],
                "app": app,
            }
            endpoint = asyncio.create_task(app(scope, inbox.get, send))
            for _ in range(200):
                if any(m["type"] == "websocket.send" for m in sent):
                    break
                await asyncio.sleep(0.01)
            assert json.loads(sent[-1]["text"])["type"] == "hello"
            assert hub.subscribers == 1
            inbox.put_nowait({"type": "websocket.disconnect", "code": 1001})
            await asyncio.wait_for(endpoint, 2)  # it returns by itself
            assert hub.subscribers == 0

    asyncio.run(main())


def test_stats_summary_counts_per_window_and_department(api: TestClient) -> None:
    for _ in range(2):
        issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=s1)
    call_next(api, 1, s1)
    api.post("/api/v1/windows/1/no-show", headers=s1)
    admin = login(api, "admin")
    assert_error(api.get("/api/v1/stats/summary", headers=s1), 403, "forbidden")
    summary = api.get("/api/v1/stats/summary", headers=admin).json()
    w1 = next(w for w in summary["by_window"] if w["key"] == "1")
    assert (w1["served"], w1["no_show"]) == (1, 1)
    scj = next(d for d in summary["by_department"] if d["key"] == "scj")
    assert scj["issued"] == 2
    csv = api.get("/api/v1/stats/summary?format=csv", headers=admin)
    assert csv.headers["content-type"].startswith("text/csv") and "scj" in csv.text


def test_evaluator_at_a_window_rates_the_service_that_window_just_finished(
    api: TestClient,
) -> None:
    first = issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    evaluator = {"Authorization": "Bearer test-evaluator-key-1"}
    r = api.post("/api/v1/windows/1/evaluation", json={"rating": 4}, headers=evaluator)
    assert_error(r, 409, "not_rateable")  # still being served
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=s1)
    r = api.post(
        "/api/v1/windows/1/evaluation",
        json={"rating": 2, "reasons": ["等待时间长"]},
        headers=evaluator,
    )
    assert r.status_code == 201 and r.json()["number"] == first["number"]
    again = api.post("/api/v1/windows/1/evaluation", json={"rating": 5}, headers=evaluator)
    assert_error(again, 409, "already_rated")
    elsewhere = api.post("/api/v1/windows/2/evaluation", json={"rating": 5}, headers=evaluator)
    assert_error(elsewhere, 403, "forbidden")


def test_printer_fault_reported_by_a_kiosk_reaches_the_event_stream(api: TestClient) -> None:
    body = {"printer": "kiosk1", "reason": "paper_out", "message": "缺纸"}
    assert api.post("/api/v1/devices/printer-fault", json=body, headers=KIOSK).status_code == 204
    assert_error(api.post("/api/v1/devices/printer-fault", json=body), 401, "unauthorized")
    with api.websocket_connect("/api/v1/events?since=0") as ws:
        fault = ws.receive_json()
    assert fault["type"] == "printer.fault" and fault["reason"] == "paper_out"
    assert fault["actor"] == "device:kiosk1"


def test_hall_tv_state_shows_only_calls_of_the_current_hall_day(
    api: TestClient, clock: Any
) -> None:
    issue(api, "yyzz")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    assert len(api.get("/api/v1/state").json()["calls"]) == 1
    clock.advance(days=1)
    assert api.get("/api/v1/state").json()["calls"] == []


def test_ratings_staff_ids_and_green_categories_are_not_broadcast_to_the_hall(
    api: TestClient,
) -> None:
    t = issue(api, "yyzz", priority="green", green_category="pregnant")
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    api.post("/api/v1/windows/1/complete", json={"outcome": "done", "note": "私人备注"}, headers=s1)
    api.post(f"/api/v1/tickets/{t['token']}/evaluation", json={"rating": 1, "reasons": ["态度差"]})
    with api.websocket_connect("/api/v1/events?since=0") as ws:
        events = [ws.receive_json() for _ in range(7)]
    rated = next(e for e in events if e["type"] == "ticket.evaluated")
    assert not {"rating", "reasons", "staff"} & rated.keys()
    assert "note" not in next(e for e in events if e["type"] == "ticket.completed")
    issued = next(e for e in events if e["type"] == "ticket.issued")
    assert issued["priority"] == "green" and "green_category" not in issued


def test_catalog_is_compressed_for_clients_that_accept_gzip(api: TestClient) -> None:
    r = api.get("/api/v1/catalog", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip" and r.json()["matters"]
