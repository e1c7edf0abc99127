"""A ticket request that gets no answer is retried with the same Idempotency-Key.

Between the kiosk and a real server sits a small HTTP relay that can lose the answer to a
ticket request after the server committed it (the ghost ticket of a request that timed
out), or answer 503 in the server's place.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import (  # noqa: F401 - fixtures
    MakeKiosk,
    make_kiosk,
    matter_button,
    on_screen,
    take_ticket,
    tap,
)

BUSY = (
    b'{"error": {"code": "database_busy", "message": "The database is busy; try again in a '
    b'moment.", "message_zh": "\\u7cfb\\u7edf\\u7e41\\u5fd9"}}'
)


@dataclass
class Relay:
    """Forwards to `upstream`; `plan` says what to do with each POST /tickets in turn:
    "pass", "lose" (forward, then hold the answer back until the client gives up) or
    "busy" (answer 503 itself). Past the plan, "pass"."""

    upstream: str
    plan: list[str]
    hold_s: float = 3.0
    seen: list[tuple[str, str | None, int]] = field(default_factory=list)  # plan, key, status
    url: str = ""

    def handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "connection")}
        action = "pass"
        if method == "POST" and h.path == "/api/v1/tickets":
            action = self.plan.pop(0) if self.plan else "pass"
        if action == "busy":
            self.seen.append((action, h.headers.get("Idempotency-Key"), 503))
            self._answer(h, 503, {"Content-Type": "application/json"}, BUSY)
            return
        r = httpx.request(method, self.upstream + h.path, content=body, headers=headers)
        if method == "POST" and h.path == "/api/v1/tickets":
            self.seen.append((action, h.headers.get("Idempotency-Key"), r.status_code))
        if action == "lose":
            time.sleep(self.hold_s)  # the kiosk times out meanwhile
            h.close_connection = True
            return
        self._answer(h, r.status_code, {"Content-Type": r.headers["content-type"]}, r.content)

    @staticmethod
    def _answer(
        h: BaseHTTPRequestHandler, status: int, headers: dict[str, str], raw: bytes
    ) -> None:
        h.send_response(status)
        for k, v in {**headers, "Content-Length": str(len(raw))}.items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(raw)


@pytest.fixture
def relay(hall_server: ServerProcess) -> Iterator[Relay]:
    relay = Relay(hall_server.url, [])

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            relay.handle(self, "GET")

        def do_POST(self) -> None:
            relay.handle(self, "POST")

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    relay.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield relay
    finally:
        server.shutdown()
        server.server_close()


def test_a_lost_answer_is_retried_with_the_same_key_and_the_citizen_gets_that_ticket(
    qtbot: QtBot,
    hall_server: ServerProcess,
    relay: Relay,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    relay.plan = ["lose"]
    kiosk = make_kiosk(relay.url, request_timeout_s=1.0)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    tap(qtbot, w.guide.take_button)
    qtbot.waitUntil(w.busy.isVisible, timeout=1000)
    w.top.clock.setText("")
    qtbot.waitUntil(lambda: bool(w.top.clock.text()), timeout=1500)  # the GUI stays live
    on_screen(qtbot, kiosk, Screen.TICKET)

    ticket = kiosk.controller.ticket
    (lost, lost_key, lost_status), (retry, retry_key, retry_status) = relay.seen
    assert (lost, lost_status, retry, retry_status) == ("lose", 201, "pass", 200)
    assert lost_key is not None and lost_key == retry_key and len(lost_key) == 32
    assert ticket["number"] == "A001"  # the ticket committed for the lost request
    assert w.ticket.number.text() == "A001"
    assert hall_server.get("/api/v1/state")[1]["waiting"]["A"] == 1  # and no second one
    assert not w.message.isVisible()


def test_a_503_is_retried_and_each_tap_has_its_own_key(
    qtbot: QtBot,
    hall_server: ServerProcess,
    relay: Relay,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    relay.plan = ["busy", "busy"]
    kiosk = make_kiosk(relay.url)
    first = take_ticket(qtbot, kiosk, "A", "yyzz")  # third time lucky
    assert first["number"] == "A001"
    tap(qtbot, kiosk.window.ticket.done_button)
    second = take_ticket(qtbot, kiosk, "A", "yyzz")
    assert second["number"] == "A002"
    keys = [k for _, k, _ in relay.seen]
    assert [s for _, _, s in relay.seen] == [503, 503, 201, 201]
    assert keys[0] == keys[1] == keys[2] != keys[3]


def test_after_the_retries_the_refusal_is_shown_in_both_languages(
    qtbot: QtBot,
    hall_server: ServerProcess,
    relay: Relay,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    relay.plan = ["busy"] * 3
    kiosk = make_kiosk(relay.url)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
    tap(qtbot, w.guide.take_button)
    qtbot.waitUntil(lambda: w.message.code == "database_busy", timeout=10000)
    said = "\n".join(w.message.texts())
    assert "系统繁忙" in said and "The database is busy" in said
    assert [s for _, _, s in relay.seen] == [503, 503, 503]
    assert len({k for _, k, _ in relay.seen}) == 1
    assert hall_server.get("/api/v1/state")[1]["waiting"]["A"] == 0
    assert kiosk.controller.flow.current.screen is Screen.GUIDE
