"""Calls for help (呼叫导服) on SQLite and PostgreSQL: a kiosk calls the guide staff, the call
shows on the supervision overview with its zone, repeated taps join it, the desk answers."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from queue_server.config import Device, HallConfig
from queue_server.domain import help as help_domain
from queue_server.hall import Hall
from queue_server.services import help as svc
from queue_server.services import supervision as supervision_svc
from tests.conftest import FakeClock
from tests.integration.apiutil import DISPLAY, KIOSK, assert_error, login

HELP = "/api/v1/devices/help"
OVERVIEW = "/api/v1/admin/overview"
OPEN_CALLS = "/api/v1/admin/help"
ZONED_KIOSK = {"Authorization": "Bearer test-kiosk-key-zone-b"}
KIOSK_IN_A = {"Authorization": "Bearer test-kiosk-key-zone-a"}


@pytest.fixture
def mini_config(mini_config: HallConfig) -> HallConfig:
    """The test hall with a kiosk standing in zone B (社保服务区) and one in zone A."""
    zoned = Device(id="kiosk-b", role="kiosk", key="test-kiosk-key-zone-b", zone="B")
    in_a = Device(id="kiosk-a", role="kiosk", key="test-kiosk-key-zone-a", zone="A")
    return mini_config.model_copy(update={"devices": [*mini_config.devices, zoned, in_a]})


def overview(api: TestClient) -> dict[str, Any]:
    r = api.get(OVERVIEW, headers=login(api, "admin"))
    assert r.status_code == 200, r.text
    return dict(r.json())


def answer(api: TestClient, call_id: int, headers: dict[str, str]) -> Any:
    return api.post(f"/api/v1/admin/help/{call_id}/answer", headers=headers)


def test_a_kiosk_call_for_help_shows_on_the_overview_with_its_zone_and_an_alert(
    api: TestClient, clock: FakeClock
) -> None:
    r = api.post(HELP, json={"screen": "guide", "lang": "en"}, headers=ZONED_KIOSK)
    assert r.status_code == 201, r.text
    call = r.json()
    assert (call["device"], call["zone"], call["screen"], call["lang"]) == (
        "kiosk-b",
        "B",
        "guide",
        "en",
    )
    assert call["id"] == call["seq"] and call["status"] == "open"
    clock.advance(minutes=3)
    ov = overview(api)
    (shown,) = ov["help_calls"]
    assert (shown["id"], shown["zone"], shown["screen"], shown["waited_s"]) == (
        call["id"],
        "B",
        "guide",
        180,
    )
    assert shown["at"] == "2026-11-23T02:00:00Z"
    assert [(a["kind"], a["zone"], a["help_call"]["id"]) for a in ov["alerts"]] == [
        ("help_call", "B", call["id"])
    ]
    assert [(z["code"], z["help_calls"]) for z in ov["zones"]] == [("A", 0), ("B", 1)]


def test_repeated_taps_from_one_kiosk_return_its_open_call_instead_of_a_new_one(
    api: TestClient, clock: FakeClock
) -> None:
    first = api.post(HELP, json={"screen": "home"}, headers=KIOSK)
    assert first.status_code == 201, first.text
    clock.advance(seconds=20)
    again = api.post(HELP, json={"screen": "ticket"}, headers=KIOSK)
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["screen"] == "home" and again.json()["waited_s"] == 20
    assert api.post(HELP, headers=KIOSK).status_code == 200  # no body at all: the same
    other = api.post(HELP, headers=ZONED_KIOSK)  # another kiosk calls for itself
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    calls = overview(api)["help_calls"]
    assert [(c["device"], c["zone"]) for c in calls] == [("kiosk1", None), ("kiosk-b", "B")]


def test_taps_arriving_together_make_one_call(hall: Hall) -> None:
    made: list[tuple[int, bool]] = []
    gate = threading.Barrier(6)

    def tap() -> None:
        gate.wait()
        done = svc.request_help(hall, actor="device:kiosk1", screen="home")
        made.append((done.call.id, done.created))

    threads = [threading.Thread(target=tap) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert len({call_id for call_id, _ in made}) == 1
    assert sorted(created for _, created in made) == [False] * 5 + [True]


@pytest.mark.parametrize("staff", ["desk1", "admin"])
def test_an_answered_call_leaves_the_overview_and_the_kiosk_may_call_again(
    api: TestClient, clock: FakeClock, staff: str
) -> None:
    call = api.post(HELP, json={"screen": "home"}, headers=KIOSK).json()
    clock.advance(seconds=95)
    r = answer(api, call["id"], login(api, staff))
    assert r.status_code == 200, r.text
    done = r.json()
    assert (done["status"], done["answered_by"], done["waited_s"]) == (
        "answered",
        f"staff:{staff}",
        95,
    )
    ov = overview(api)
    assert ov["help_calls"] == [] and not [a for a in ov["alerts"] if a["kind"] == "help_call"]
    again = api.post(HELP, headers=KIOSK)
    assert again.status_code == 201 and again.json()["id"] > call["id"]


def test_a_call_not_answered_within_the_supervision_window_drops_off(
    api: TestClient, clock: FakeClock
) -> None:
    old = api.post(HELP, headers=KIOSK).json()
    clock.advance(minutes=121)  # [supervision] fault_window_min, 120 by default
    assert overview(api)["help_calls"] == []
    fresh = api.post(HELP, headers=KIOSK)
    assert fresh.status_code == 201 and fresh.json()["id"] != old["id"]
    assert answer(api, old["id"], login(api, "desk1")).status_code == 200  # still answerable


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answering_an_unknown_call_or_one_answered_already_is_refused_in_both_languages(
    api: TestClient, lang: str
) -> None:
    desk = login(api, "desk1")
    r = answer(api, 999, desk)
    assert_error(r, 404, "unknown_help_call")
    message = r.json()["error"]["message" if lang == "en" else "message_zh"]
    assert message == ("No such call for help." if lang == "en" else "没有找到该求助记录。")
    ticket_event = api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=KIOSK)
    assert ticket_event.status_code == 201
    assert_error(answer(api, 1, desk), 404, "unknown_help_call")  # seq 1: ticket.issued
    call = api.post(HELP, headers=KIOSK).json()
    assert answer(api, call["id"], desk).status_code == 200
    r = answer(api, call["id"], login(api, "admin"))
    assert_error(r, 409, "help_call_answered")
    message = r.json()["error"]["message" if lang == "en" else "message_zh"]
    assert message == (
        "This call for help has already been answered."
        if lang == "en"
        else "该求助已有工作人员处理。"
    )


def test_only_a_kiosk_calls_and_only_the_desk_or_an_admin_answers(api: TestClient) -> None:
    assert_error(api.post(HELP), 401, "unauthorized")
    assert_error(api.post(HELP, headers=DISPLAY), 403, "forbidden")
    assert_error(api.post(HELP, headers=login(api, "desk1")), 403, "forbidden")
    call = api.post(HELP, headers=KIOSK).json()
    assert_error(answer(api, call["id"], {}), 401, "unauthorized")
    assert_error(answer(api, call["id"], KIOSK), 403, "forbidden")
    assert_error(answer(api, call["id"], login(api, "s1a", 1)), 403, "forbidden")
    assert_error(api.post(HELP, json={"screen": "<b>"}, headers=KIOSK), 422, "invalid_input")
    assert_error(api.post(HELP, json={"lang": "fr"}, headers=KIOSK), 422, "invalid_input")
    assert overview(api)["help_calls"][0]["id"] == call["id"]  # still open


def test_the_event_stream_carries_the_call_and_its_answer(api: TestClient) -> None:
    with api.websocket_connect("/api/v1/events?zone=B") as ws:
        assert ws.receive_json()["type"] == "hello"
        call = api.post(HELP, json={"screen": "home", "lang": "zh"}, headers=ZONED_KIOSK).json()
        ev = ws.receive_json()
        assert (ev["type"], ev["seq"], ev["zone"], ev["actor"]) == (
            "help.requested",
            call["id"],
            "B",
            "device:kiosk-b",
        )
        assert (ev["screen"], ev["lang"]) == ("home", "zh")
        assert answer(api, call["id"], login(api, "desk1")).status_code == 200
        ev = ws.receive_json()
        while ev["type"] != "help.answered":  # the desk's sign-in comes first
            ev = ws.receive_json()
        assert (ev["type"], ev["request"], ev["zone"], ev["actor"]) == (
            "help.answered",
            call["id"],
            "B",
            "staff:desk1",
        )


def test_the_guide_desk_lists_the_open_calls_oldest_first_with_the_clock_and_seq(
    api: TestClient, clock: FakeClock
) -> None:
    desk = login(api, "desk1")
    empty = api.get(OPEN_CALLS, headers=desk)
    assert empty.status_code == 200, empty.text
    assert empty.json()["calls"] == []
    first = api.post(HELP, json={"screen": "guide", "lang": "en"}, headers=ZONED_KIOSK).json()
    clock.advance(seconds=40)
    second = api.post(HELP, json={"screen": "home", "lang": "zh"}, headers=KIOSK).json()
    clock.advance(seconds=20)
    listed = api.get(OPEN_CALLS, headers=desk).json()
    assert listed["at"] == "2026-11-23T02:01:00Z"
    assert listed["seq"] == second["seq"]  # follow the stream from here: nothing is missed
    assert [
        (c["id"], c["device"], c["zone"], c["screen"], c["lang"], c["waited_s"], c["status"])
        for c in listed["calls"]
    ] == [
        (first["id"], "kiosk-b", "B", "guide", "en", 60, "open"),
        (second["id"], "kiosk1", None, "home", "zh", 20, "open"),
    ]
    assert listed["calls"] == overview(api)["help_calls"]  # the dashboard shows the same
    assert answer(api, first["id"], desk).status_code == 200
    assert [c["id"] for c in api.get(OPEN_CALLS, headers=login(api, "admin")).json()["calls"]] == [
        second["id"]
    ]
    clock.advance(minutes=121)  # past [supervision] fault_window_min: no longer open
    assert api.get(OPEN_CALLS, headers=desk).json()["calls"] == []


def test_only_the_desk_or_an_admin_lists_the_open_calls(api: TestClient) -> None:
    api.post(HELP, headers=KIOSK)
    assert_error(api.get(OPEN_CALLS), 401, "unauthorized")
    for caller in (KIOSK, DISPLAY, login(api, "s1a", 1)):
        assert_error(api.get(OPEN_CALLS, headers=caller), 403, "forbidden")


def test_the_desk_page_is_served_with_a_strict_policy(api: TestClient) -> None:
    r = api.get("/help-desk")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN, nothing remote
    for asset in (
        "hallq.js",
        "staff.js",
        "helpcalls.js",
        "helpdesk.js",
        "staff.css",
        "helpdesk.css",
    ):
        assert api.get(f"/web/{asset}").status_code == 200


# --- the guide desk's zone filter, reminder settings and undo ------------------------------


def reopen(api: TestClient, call_id: int, headers: dict[str, str]) -> Any:
    return api.post(f"/api/v1/admin/help/{call_id}/reopen", headers=headers)


def help_events(hall: Hall) -> list[tuple[str, str, str | None, Any]]:
    """The calls for help in the hall's event log: (type, actor, zone, request)."""
    with hall.uow(write=False) as uow:
        events = uow.events.since(0, limit=1000)
    return [(e.type, e.actor, e.zone, e.data.get("request")) for e in events if "help." in e.type]


def test_the_desk_lists_one_zones_calls_with_those_of_kiosks_in_no_zone(
    api: TestClient,
) -> None:
    """`?zone=B` keeps zone B's calls and the hall's kiosks without a zone (they belong to
    every desk, as the event stream's zone filter lets them through); not zone A's."""
    desk = login(api, "desk1")
    in_a = api.post(HELP, headers=KIOSK_IN_A).json()
    in_b = api.post(HELP, headers=ZONED_KIOSK).json()
    hall_wide = api.post(HELP, headers=KIOSK).json()
    assert in_a["zone"] == "A"

    def listed(query: str) -> list[int]:
        r = api.get(OPEN_CALLS + query, headers=desk)
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["calls"]]

    assert listed("") == [in_a["id"], in_b["id"], hall_wide["id"]]
    assert listed("?zone=") == listed("")  # empty: every zone
    assert listed("?zone=B") == [in_b["id"], hall_wide["id"]]
    assert listed("?zone=A") == [in_a["id"], hall_wide["id"]]
    assert answer(api, hall_wide["id"], desk).status_code == 200
    assert listed("?zone=B") == [in_b["id"]]
    assert api.get(OPEN_CALLS + "?zone=B", headers=login(api, "admin")).status_code == 200


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_or_malformed_zone_is_refused_in_both_languages(
    api: TestClient, lang: str
) -> None:
    desk = login(api, "desk1")
    r = api.get(OPEN_CALLS, params={"zone": "Z"}, headers=desk)
    assert_error(r, 404, "unknown_zone")  # as GET /state?zone= and WS /events?zone=
    message = r.json()["error"]["message" if lang == "en" else "message_zh"]
    assert message == (
        "There is no zone 'Z' in this hall." if lang == "en" else "本大厅没有功能区“Z”。"
    )
    assert_error(api.get(OPEN_CALLS, params={"zone": "<b>"}, headers=desk), 422, "invalid_input")
    assert_error(api.get(OPEN_CALLS, params={"zone": "A" * 41}, headers=desk), 422, "invalid_input")
    assert_error(api.get(OPEN_CALLS, params={"zone": "Z"}), 401, "unauthorized")
    assert_error(api.get(OPEN_CALLS, params={"zone": "B"}, headers=KIOSK), 403, "forbidden")


def test_the_open_calls_carry_the_halls_reminder_and_overdue_settings(
    api: TestClient, hall: Hall, mini_config: HallConfig
) -> None:
    listed = api.get(OPEN_CALLS, headers=login(api, "desk1")).json()
    assert (listed["remind_s"], listed["overdue_s"]) == (60, 120)  # the defaults
    ov = overview(api)  # the dashboard's panel reminds and marks by the same settings
    assert (ov["help_remind_s"], ov["help_overdue_s"]) == (60, 120)
    supervision = mini_config.supervision.model_copy(
        update={"help_remind_s": 5, "help_overdue_min": 0.05}
    )
    busy = replace(hall, config=mini_config.model_copy(update={"supervision": supervision}))
    assert (svc.list_open(busy).remind_s, svc.list_open(busy).overdue_s) == (5, 3)
    busy_ov = supervision_svc.overview(busy)
    assert (busy_ov.help_remind_s, busy_ov.help_overdue_s) == (5, 3)


@pytest.mark.parametrize("staff", ["desk1", "admin"])
def test_an_answer_taken_back_opens_the_call_again_everywhere_with_its_first_wait(
    api: TestClient, hall: Hall, clock: FakeClock, staff: str
) -> None:
    call = api.post(HELP, json={"screen": "guide"}, headers=ZONED_KIOSK).json()
    clock.advance(seconds=30)
    desk = login(api, "desk1")
    assert answer(api, call["id"], desk).status_code == 200
    assert api.get(OPEN_CALLS, headers=desk).json()["calls"] == []
    clock.advance(seconds=5)
    r = reopen(api, call["id"], login(api, staff))
    assert r.status_code == 200, r.text
    back = r.json()
    assert (back["id"], back["status"], back["answered_at"], back["answered_by"]) == (
        call["id"],
        "open",
        None,
        None,
    )
    assert back["waited_s"] == 35 and back["at"] == call["at"]  # waiting since the call
    assert [c["id"] for c in api.get(OPEN_CALLS, headers=desk).json()["calls"]] == [call["id"]]
    assert [c["id"] for c in overview(api)["help_calls"]] == [call["id"]]
    again = api.post(HELP, headers=ZONED_KIOSK)  # the kiosk's call is open again: no new one
    assert again.status_code == 200 and again.json()["id"] == call["id"]
    # The log keeps the answer and its taking back, by whom, as it keeps answers.
    assert help_events(hall)[-2:] == [
        ("help.answered", "staff:desk1", "B", call["id"]),
        ("help.reopened", f"staff:{staff}", "B", call["id"]),
    ]
    # Open again, it is answered as any open call.
    clock.advance(seconds=10)
    done = answer(api, call["id"], desk)
    assert done.status_code == 200 and done.json()["waited_s"] == 45
    assert overview(api)["help_calls"] == []
    assert_error(answer(api, call["id"], desk), 409, "help_call_answered")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reopening_a_call_that_is_not_answered_is_refused_in_both_languages(
    api: TestClient, hall: Hall, lang: str
) -> None:
    desk = login(api, "desk1")
    call = api.post(HELP, headers=KIOSK).json()
    r = reopen(api, call["id"], desk)
    assert_error(r, 409, "help_call_open")
    message = r.json()["error"]["message" if lang == "en" else "message_zh"]
    assert message == (
        "This call for help is not answered: there is no answer to take back."
        if lang == "en"
        else "该求助尚未处理，无需撤销。"
    )
    assert answer(api, call["id"], desk).status_code == 200
    assert reopen(api, call["id"], desk).status_code == 200
    assert_error(reopen(api, call["id"], login(api, "admin")), 409, "help_call_open")  # twice
    assert_error(reopen(api, 999, desk), 404, "unknown_help_call")
    assert_error(reopen(api, 0, desk), 422, "invalid_input")
    assert [kind for kind, *_ in help_events(hall)] == [
        "help.requested",
        "help.answered",
        "help.reopened",
    ]


def test_only_the_desk_or_an_admin_reopens_a_call(api: TestClient) -> None:
    call = api.post(HELP, headers=KIOSK).json()
    assert answer(api, call["id"], login(api, "desk1")).status_code == 200
    assert_error(reopen(api, call["id"], {}), 401, "unauthorized")
    for caller in (KIOSK, DISPLAY, login(api, "s1a", 1)):
        assert_error(reopen(api, call["id"], caller), 403, "forbidden")
    assert overview(api)["help_calls"] == []  # still answered


def test_the_event_stream_carries_a_reopening_in_its_zone_only(api: TestClient) -> None:
    call = api.post(HELP, headers=ZONED_KIOSK).json()
    desk = login(api, "desk1")
    assert answer(api, call["id"], desk).status_code == 200

    def until(ws: Any, kind: str) -> tuple[dict[str, Any], list[str]]:
        """The next event of `kind`, and the types of those before it (on PostgreSQL the
        stream may still bring what was committed just before it opened)."""
        skipped = []
        ev = ws.receive_json()
        while ev["type"] != kind:
            skipped.append(ev["type"])
            ev = ws.receive_json()
        return ev, skipped

    with (
        api.websocket_connect("/api/v1/events?zone=B") as in_b,
        api.websocket_connect("/api/v1/events?zone=A") as in_a,
    ):
        until(in_b, "hello")
        until(in_a, "hello")
        assert reopen(api, call["id"], desk).status_code == 200
        ev, _ = until(in_b, "help.reopened")
        assert (ev["request"], ev["zone"], ev["actor"]) == (
            call["id"],
            "B",
            "staff:desk1",
        )
        api.post(HELP, headers=KIOSK)  # a kiosk in no zone: every zone's stream has it
        _, before = until(in_a, "help.requested")
        assert "help.reopened" not in before  # zone B's reopening is not zone A's


# --- a call reopened after the supervision window has passed its request -------------------


def open_ids(api: TestClient, headers: dict[str, str], query: str = "") -> list[int]:
    r = api.get(OPEN_CALLS + query, headers=headers)
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["calls"]]


def test_an_old_call_reopened_after_the_window_passed_it_is_open_again_everywhere(
    api: TestClient, hall: Hall, clock: FakeClock
) -> None:
    """Answered at 119 min 40 s and taken back 40 s later (within `help_undo_s`), when the
    supervision window (120 min) has passed the request: the call is open again on the desk's
    list (and its zone's), on the overview, for its kiosk's next tap, and it can be answered
    again."""
    call = api.post(HELP, json={"screen": "guide"}, headers=ZONED_KIOSK).json()
    desk = login(api, "desk1")
    clock.advance(minutes=119, seconds=40)
    assert answer(api, call["id"], desk).status_code == 200
    clock.advance(seconds=40)  # 120 min 20 s: the window has passed the request
    r = reopen(api, call["id"], desk)
    assert r.status_code == 200, r.text
    (listed,) = api.get(OPEN_CALLS, headers=desk).json()["calls"]
    assert (listed["id"], listed["status"], listed["at"], listed["waited_s"]) == (
        call["id"],
        "open",
        call["at"],
        120 * 60 + 20,  # its wait still counts from the first tap
    )
    assert open_ids(api, desk, "?zone=B") == [call["id"]]  # the stream's zone rule
    assert open_ids(api, desk, "?zone=A") == []
    ov = overview(api)
    assert [c["id"] for c in ov["help_calls"]] == [call["id"]]
    assert [(a["kind"], a["help_call"]["id"]) for a in ov["alerts"]] == [("help_call", call["id"])]
    assert [(z["code"], z["help_calls"]) for z in ov["zones"]] == [("A", 0), ("B", 1)]
    again = api.post(HELP, headers=ZONED_KIOSK)  # the kiosk's call is open: no duplicate
    assert again.status_code == 200 and again.json()["id"] == call["id"]
    clock.advance(minutes=1)
    done = answer(api, call["id"], login(api, "admin"))
    assert done.status_code == 200 and done.json()["waited_s"] == 121 * 60 + 20
    assert open_ids(api, desk) == [] and overview(api)["help_calls"] == []
    fresh = api.post(HELP, headers=ZONED_KIOSK)
    assert fresh.status_code == 201 and fresh.json()["id"] != call["id"]


def test_a_reopened_call_stays_open_a_full_window_from_its_reopening_then_drops_off(
    api: TestClient, clock: FakeClock
) -> None:
    call = api.post(HELP, headers=KIOSK).json()
    desk = login(api, "desk1")
    clock.advance(minutes=109, seconds=30)
    assert answer(api, call["id"], desk).status_code == 200
    clock.advance(seconds=30)
    assert reopen(api, call["id"], desk).status_code == 200
    clock.advance(minutes=119)  # 229 min after the call, 119 after the reopening
    assert open_ids(api, desk) == [call["id"]]
    assert [c["id"] for c in overview(api)["help_calls"]] == [call["id"]]
    tap = api.post(HELP, headers=KIOSK)
    assert tap.status_code == 200 and tap.json()["id"] == call["id"]
    clock.advance(minutes=2)  # the window has passed the reopening too
    assert open_ids(api, desk) == [] and overview(api)["help_calls"] == []
    fresh = api.post(HELP, headers=KIOSK)  # as for any call left unanswered that long
    assert fresh.status_code == 201 and fresh.json()["id"] != call["id"]
    assert open_ids(api, desk) == [fresh.json()["id"]]
    assert answer(api, call["id"], desk).status_code == 200  # the old one still answerable
    assert open_ids(api, desk) == [fresh.json()["id"]]


# --- one open call a kiosk; 撤销 only shortly after the answer ---------------------------------


def test_an_answer_is_not_taken_back_once_the_kiosk_has_called_again(
    api: TestClient, hall: Hall, clock: FakeClock
) -> None:
    """The path to two open calls: answered, the kiosk taps again (a new call), then the
    first answer is taken back. The reopening is refused: the newer call is the one open."""
    first = api.post(HELP, headers=ZONED_KIOSK).json()
    desk = login(api, "desk1")
    assert answer(api, first["id"], desk).status_code == 200
    clock.advance(seconds=3)
    second = api.post(HELP, json={"screen": "guide"}, headers=ZONED_KIOSK)
    assert second.status_code == 201
    r = reopen(api, first["id"], desk)
    assert_error(r, 409, "help_call_superseded")
    assert "再次呼叫" in r.json()["error"]["message_zh"]
    assert open_ids(api, desk) == [second.json()["id"]]
    assert [c["id"] for c in overview(api)["help_calls"]] == [second.json()["id"]]
    tap = api.post(HELP, headers=ZONED_KIOSK)
    assert tap.status_code == 200 and tap.json()["id"] == second.json()["id"]
    assert [e[0] for e in help_events(hall)] == ["help.requested", "help.answered"] + [
        "help.requested"
    ]
    # Once the newer call is answered too, the first answer may be taken back (in time).
    assert answer(api, second.json()["id"], desk).status_code == 200
    assert reopen(api, first["id"], desk).status_code == 200
    assert open_ids(api, desk) == [first["id"]]


def race_tap_and_reopen(hall: Hall, call_id: int) -> list[str]:
    """A kiosk's tap and the reopening of its answered call at once: the refusals."""
    gate = threading.Barrier(2)
    refused: list[str] = []

    def tap() -> None:
        gate.wait()
        svc.request_help(hall, actor="device:kiosk-b")

    def take_back() -> None:
        gate.wait()
        try:
            svc.reopen_help(hall, call_id, actor="staff:desk1")
        except Exception as exc:  # the refusal when the tap came first
            refused.append(getattr(exc, "code", repr(exc)))

    threads = [threading.Thread(target=tap), threading.Thread(target=take_back)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    return refused


def test_a_tap_and_a_reopening_arriving_together_leave_one_open_call(hall: Hall) -> None:
    """However a new tap and the reopening of the kiosk's answered call interleave, the
    kiosk ends with exactly one open call (the reopening is refused, or the tap joins it)."""
    for _ in range(4):
        call = svc.request_help(hall, actor="device:kiosk-b").call
        svc.answer_help(hall, call.id, actor="staff:desk1")
        assert race_tap_and_reopen(hall, call.id) in ([], ["help_call_superseded"])
        mine = [c for c in svc.list_open(hall).calls if c.device == "kiosk-b"]
        assert len(mine) == 1, mine
        svc.answer_help(hall, mine[0].id, actor="staff:desk1")


def test_an_answer_is_taken_back_only_within_the_undo_window_in_both_languages(
    api: TestClient, hall: Hall, clock: FakeClock, mini_config: HallConfig
) -> None:
    assert mini_config.supervision.help_undo_s == 60  # the default
    call = api.post(HELP, headers=KIOSK).json()
    desk = login(api, "desk1")
    assert answer(api, call["id"], desk).status_code == 200
    clock.advance(seconds=60)
    assert reopen(api, call["id"], desk).status_code == 200  # 60 s after: still in time
    assert answer(api, call["id"], desk).status_code == 200
    clock.advance(seconds=61)
    r = reopen(api, call["id"], login(api, "admin"))
    assert_error(r, 409, "help_undo_expired")
    assert "60 s" in r.json()["error"]["message"]
    assert "超过 60 秒" in r.json()["error"]["message_zh"]
    assert open_ids(api, desk) == [] and overview(api)["help_calls"] == []
    assert help_events(hall)[-1][0] == "help.answered"  # nothing appended
    fresh = api.post(HELP, headers=KIOSK)  # the citizen calls again instead
    assert fresh.status_code == 201
    supervision = mini_config.supervision.model_copy(update={"help_undo_s": 600})
    patient = replace(hall, config=mini_config.model_copy(update={"supervision": supervision}))
    assert answer(api, fresh.json()["id"], desk).status_code == 200
    clock.advance(minutes=9)
    assert svc.reopen_help(patient, fresh.json()["id"], actor="staff:desk1").status == "open"


# --- overdue calls on the overview's alerts -------------------------------------------------


def help_alerts(api: TestClient) -> list[dict[str, Any]]:
    return [a for a in overview(api)["alerts"] if a["kind"] == "help_call"]


def test_a_call_waiting_past_the_overdue_threshold_is_an_overdue_alert_in_both_languages(
    api: TestClient, clock: FakeClock
) -> None:
    call = api.post(HELP, headers=ZONED_KIOSK).json()
    clock.advance(seconds=30)
    hall_call = api.post(HELP, headers=KIOSK).json()
    clock.advance(seconds=89)  # 119 s: not yet overdue ([supervision] help_overdue_min = 2)
    (zoned, lobby) = help_alerts(api)
    assert (zoned["help_call"]["id"], zoned["overdue"], zoned["minutes"]) == (call["id"], False, 1)
    assert zoned["message_zh"] == "社保服务区 · 取号机 kiosk-b：市民呼叫工作人员，已等候 1 分钟"
    assert zoned["message"].endswith("a citizen is calling for staff, waiting 1 min")
    assert lobby["message_zh"] == "大厅 · 取号机 kiosk1：市民呼叫工作人员，已等候 1 分钟"
    assert lobby["message"] == "Hall · kiosk kiosk1: a citizen is calling for staff, waiting 1 min"
    clock.advance(seconds=1)  # 120 s
    (zoned, lobby) = help_alerts(api)
    assert (zoned["overdue"], lobby["overdue"]) == (True, False)
    assert zoned["message_zh"].endswith("已等候 2 分钟，超时未处理")
    assert zoned["message"].endswith("waiting 2 min — overdue")
    assert "超时" not in lobby["message_zh"] and "overdue" not in lobby["message"]
    clock.advance(seconds=30)
    assert [a["overdue"] for a in help_alerts(api)] == [True, True]
    assert answer(api, call["id"], login(api, "desk1")).status_code == 200
    assert [a["help_call"]["id"] for a in help_alerts(api)] == [hall_call["id"]]
    other = [a for a in overview(api)["alerts"] if a["kind"] != "help_call"]
    assert all(a["overdue"] is None and a["message"] is None for a in other)


def test_an_old_open_call_is_found_behind_hundreds_of_newer_calls_and_answers(
    hall: Hall, clock: FakeClock
) -> None:
    """A busy morning at the other kiosks does not hide an older call still waiting: it is
    listed, and its kiosk's next tap joins it instead of calling a second time."""
    waiting = svc.request_help(hall, actor="device:kiosk1", screen="home").call
    clock.advance(minutes=5)
    now = hall.now()
    with hall.uow() as uow:  # 300 calls from another kiosk, each answered: 600 newer events
        calls = uow.events.append(
            [
                help_domain.requested(
                    at=now, actor="device:kiosk-b", zone="B", screen="home", lang="zh"
                )
                for _ in range(300)
            ]
        )
        uow.events.append([help_domain.answer(c, [], at=now, actor="staff:desk1") for c in calls])
        uow.commit()
    assert [c.id for c in svc.list_open(hall).calls] == [waiting.id]
    again = svc.request_help(hall, actor="device:kiosk1", screen="home")
    assert (again.call.id, again.created) == (waiting.id, False)
