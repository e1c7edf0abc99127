"""The Qt queue client against a real `hallq serve` process (and, once, a scripted stand-in)."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from pytestqt.qtbot import QtBot

from queue_server.client import ApiError, QueueClient, Reply

if TYPE_CHECKING:
    from tests.ui.conftest import ScriptedHall, ServerProcess

KIOSK_KEY = "test-kiosk-key"
CJK = re.compile(r"[\u4e00-\u9fff]")


def settle(qtbot: QtBot, reply: Reply, timeout_ms: int = 8000) -> Any:
    """Let the event loop run until the reply settles; its data, or raise its error."""
    qtbot.waitUntil(lambda: reply.done, timeout=timeout_ms)
    if reply.error is not None:
        raise AssertionError(f"{reply.method} {reply.path} failed: {reply.error!r}")
    return reply.data


def signed_in(qtbot: QtBot, url: str, staff_id: str, pin: str, window: int) -> QueueClient:
    counter = QueueClient(url)
    settle(qtbot, counter.login(staff_id, pin, window))
    assert counter.token
    return counter


def issue(qtbot: QtBot, url: str, *matters: str) -> list[str]:
    kiosk = QueueClient(url, token=KIOSK_KEY)
    return [settle(qtbot, kiosk.issue_ticket(m))["number"] for m in matters]


def live_display(qtbot: QtBot, url: str) -> tuple[QueueClient, list[dict[str, Any]]]:
    """A display client that has taken its first snapshot; the list collects its events."""
    display = QueueClient(url)
    events: list[dict[str, Any]] = []
    display.event.connect(events.append)
    with qtbot.waitSignals([display.connected, display.resynced], timeout=8000, order="strict"):
        display.connect_events()
    return display, events


def called(events: list[dict[str, Any]]) -> list[str]:
    return [e["ticket"] for e in events if e["type"] == "ticket.called"]


def assert_strictly_increasing(events: list[dict[str, Any]]) -> None:
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs)), seqs


def test_catalog_request_returns_at_once_and_the_reply_brings_the_matters(
    qtbot: QtBot, server_url: str
) -> None:
    client = QueueClient(server_url)
    reply = client.catalog()
    assert not reply.done  # the call did not wait for the network
    with qtbot.waitSignal(reply.finished, timeout=8000) as blocker:
        pass
    catalog = blocker.args[0]
    assert {m["code"] for m in catalog["matters"]} >= {"yyzz", "spjy", "ylbx"}
    assert all("estimated_wait_min" in m for m in catalog["matters"])


def test_kiosk_key_issues_a_ticket_with_the_zone_prefix_and_a_three_digit_number(
    qtbot: QtBot, server_url: str
) -> None:
    kiosk = QueueClient(server_url, token=KIOSK_KEY)
    with qtbot.waitSignal(kiosk.issue_ticket("yyzz").finished, timeout=8000) as blocker:
        pass
    ticket = blocker.args[0]
    assert ticket["number"] == "A001"
    assert ticket["matter"] == "yyzz" and ticket["status"] == "waiting"


def test_unknown_matter_fails_with_api_error_and_a_chinese_message(
    qtbot: QtBot, server_url: str
) -> None:
    kiosk = QueueClient(server_url, token=KIOSK_KEY)
    reply = kiosk.issue_ticket("no-such-matter")
    with qtbot.waitSignal(reply.failed, timeout=8000) as blocker:
        pass
    error = blocker.args[0]
    assert isinstance(error, ApiError)
    assert (error.status, error.code) == (404, "unknown_matter")
    assert CJK.search(error.message_zh) and error.message


def test_call_next_delivers_the_ticket_and_the_same_number_as_a_called_event(
    qtbot: QtBot, server_url: str
) -> None:
    display, events = live_display(qtbot, server_url)
    (number,) = issue(qtbot, server_url, "yyzz")
    counter = signed_in(qtbot, server_url, "s1a", "1111", 1)
    answer = settle(qtbot, counter.call_next(1))
    assert answer["ticket"]["number"] == number and answer["ticket"]["window"] == 1
    qtbot.waitUntil(lambda: called(events) == [number], timeout=8000)
    (event,) = [e for e in events if e["type"] == "ticket.called"]
    assert event["window"] == 1 and event["zone"] == "A"
    assert display.last_seq == events[-1]["seq"]
    display.close()


def test_call_next_from_two_windows_back_to_back_arrive_as_events_in_seq_order(
    qtbot: QtBot, server_url: str
) -> None:
    display, events = live_display(qtbot, server_url)
    issue(qtbot, server_url, "yyzz", "sybx")
    window1 = signed_in(qtbot, server_url, "s1a", "1111", 1)
    window4 = signed_in(qtbot, server_url, "s4a", "5555", 4)
    replies = [window1.call_next(1), window4.call_next(4)]  # both in flight at once
    numbers = {settle(qtbot, r)["ticket"]["number"] for r in replies}
    assert numbers == {"A001", "B001"}
    qtbot.waitUntil(lambda: set(called(events)) == numbers, timeout=8000)
    seqs = [e["seq"] for e in events]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no hole, no repeat, in order
    display.close()


def test_display_reconnects_after_a_server_kill_and_receives_what_it_missed(
    qtbot: QtBot, hall_server: ServerProcess, twin_server: ServerProcess
) -> None:
    url = hall_server.url
    issue(qtbot, url, "yyzz", "yyzz", "yyzz")
    counter = signed_in(qtbot, url, "s1a", "1111", 1)
    display, events = live_display(qtbot, url)
    snapshots: list[dict[str, Any]] = []
    display.resynced.connect(snapshots.append)
    online: list[bool] = []
    display.online_changed.connect(online.append)
    settle(qtbot, counter.call_next(1))
    qtbot.waitUntil(lambda: called(events) == ["A001"], timeout=8000)

    with qtbot.waitSignals([display.disconnected, display.online_changed], timeout=8000):
        hall_server.kill()
    assert online == [False] and not display.online
    seen = display.last_seq
    assert seen is not None

    # While the hall's server is down, a twin on the same database serves the counter.
    twin_server.start()
    at_twin = QueueClient(twin_server.url, token=counter.token)
    settle(qtbot, at_twin.complete(1, "done"))
    settle(qtbot, at_twin.call_next(1))
    made = settle(qtbot, at_twin.state())["seq"]
    twin_server.stop()
    assert made > seen + 1 and not display.online and called(events) == ["A001"]

    with qtbot.waitSignal(display.connected, timeout=20000):
        hall_server.restart()
    qtbot.waitUntil(lambda: display.last_seq == made, timeout=8000)
    missed = [e for e in events if e["seq"] > seen]
    assert [e["seq"] for e in missed] == list(range(seen + 1, made + 1))  # all, once each
    assert called(missed) == ["A002"]

    settle(qtbot, counter.complete(1, "done"))  # and live again after the replay
    settle(qtbot, counter.call_next(1))
    qtbot.waitUntil(lambda: called(events)[-1:] == ["A003"], timeout=8000)
    assert online == [False, True]
    assert snapshots == []  # the replay by `since` covered the outage: no re-sync needed
    assert_strictly_increasing(events)
    display.close()


def test_request_to_a_dead_server_fails_with_a_network_error_without_hanging(
    qtbot: QtBot, dead_url: str
) -> None:
    client = QueueClient(dead_url, timeout_ms=2000)
    started = time.monotonic()
    reply = client.catalog()
    with qtbot.waitSignal(reply.failed, timeout=4000) as blocker:
        pass
    error = blocker.args[0]
    assert error.code == "network" and error.status == 0
    assert str(error) == "无法连接服务器 / Cannot reach the server"
    assert time.monotonic() - started < 2.0


def test_request_to_a_server_that_never_answers_fails_after_the_timeout(
    qtbot: QtBot, silent_url: str
) -> None:
    client = QueueClient(silent_url, timeout_ms=400)
    started = time.monotonic()
    with qtbot.waitSignal(client.state().failed, timeout=5000) as blocker:
        pass
    assert blocker.args[0].code == "network"
    assert 0.3 < time.monotonic() - started < 3.0


def test_a_hole_in_the_event_seq_makes_the_client_resync_from_state(
    qtbot: QtBot, scripted_hall: Any
) -> None:
    def ev(seq: int) -> dict[str, Any]:
        return {"seq": seq, "type": "ticket.issued", "ticket": f"A{seq:03d}"}

    hall: ScriptedHall = scripted_hall(
        [{"type": "hello", "seq": 10}, ev(11), ev(12), ev(13), ev(15), ev(16), ev(17)],
        snapshots=[12, 16],
    )
    display = QueueClient(hall.url)
    events: list[dict[str, Any]] = []
    snapshots: list[dict[str, Any]] = []
    display.event.connect(events.append)
    display.resynced.connect(snapshots.append)
    display.connect_events()
    qtbot.waitUntil(lambda: len(events) == 2, timeout=8000)
    # 11, 12 are in the first snapshot; 15 is after a hole: snapshot at 16, then 17.
    assert [e["seq"] for e in events] == [13, 17]
    assert [s["seq"] for s in snapshots] == [12, 16]
    assert display.last_seq == 17 and hall.state_requests == 2
    display.close()
    qtbot.wait(300)  # let Qt send its closing frame, or the stand-in waits 20 s for it


def test_close_stops_the_event_stream_for_good(qtbot: QtBot, server_url: str) -> None:
    display, _events = live_display(qtbot, server_url)
    with qtbot.waitSignal(display.online_changed, timeout=2000) as blocker:
        display.close()
    assert blocker.args == [False] and not display.online
    with qtbot.assertNotEmitted(display.connected, wait=1500):
        pass


def test_zone_display_gets_only_its_zone_and_skipped_seqs_are_no_gap(
    qtbot: QtBot, server_url: str
) -> None:
    display = QueueClient(server_url, zone="B")
    events: list[dict[str, Any]] = []
    snapshots: list[dict[str, Any]] = []
    display.event.connect(events.append)
    display.resynced.connect(snapshots.append)
    with qtbot.waitSignal(display.resynced, timeout=8000):
        display.connect_events()
    issue(qtbot, server_url, "yyzz", "sybx", "yyzz", "sybx")
    qtbot.waitUntil(lambda: len(events) == 2, timeout=8000)
    assert [(e["ticket"], e["zone"]) for e in events] == [("B001", "B"), ("B002", "B")]
    assert events[1]["seq"] == events[0]["seq"] + 2  # A002 lies between, not a hole
    assert len(snapshots) == 1 and set(snapshots[0]["waiting"]) == {"B"}
    display.close()
