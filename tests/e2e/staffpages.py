"""What the browser tests of the staff pages (`/admin`, `/help-desk`) share: the test hall
with a second kiosk in zone B, signing in on a page, calls for help made through the API."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.integration.apiutil import PINS
from tests.serverproc import MINI_HALL, ServerProcess

KIOSK = "test-kiosk-key"
LIVE_S = 5  # a live update must reach the page within this many seconds
DESK = {"width": 1440, "height": 900}
ZONED_KIOSK = "test-kiosk-key-zone-b"
ZONED_KIOSK_TOML = f"""
[[devices]]
id = "kiosk-b"
role = "kiosk"
key = "{ZONED_KIOSK}"
zone = "B"
"""
REMIND_S = 2  # a test hall's reminder interval, so that a test sees it ring again
REMINDING_TOML = (  # ... and a wait of 3 s is overdue
    f"\n[supervision]\nhelp_remind_s = {REMIND_S}\nhelp_overdue_min = 0.05\n"
)


def start_server(tmp_path: Path, extra_toml: str = "", *, text: str | None = None) -> ServerProcess:
    """The test hall (or `text`) plus `extra_toml`, not started yet."""
    config = tmp_path / "hall.toml"
    base = MINI_HALL.read_text(encoding="utf-8") if text is None else text
    config.write_text(base + extra_toml, encoding="utf-8")
    return ServerProcess(tmp_path, config=config)


def sign_in(page: Any, staff_id: str) -> None:
    """Fill in the page's sign-in form with the test hall's PIN and submit it."""
    page.locator("#staff-id").fill(staff_id)
    page.locator("#pin").fill(PINS[staff_id])
    page.locator("#login-submit").click()


def call_for_help(
    server: ServerProcess, key: str, screen: str = "guide", lang: str = "zh"
) -> dict[str, Any]:
    """A kiosk's 呼叫工作人员, as the kiosk sends it."""
    status, answer = server.post("/api/v1/devices/help", {"screen": screen, "lang": lang}, key)
    assert status == 201, answer
    return dict(answer)


def desk_token(server: ServerProcess) -> str:
    status, answer = server.post("/api/v1/auth/login", {"staff_id": "desk1", "pin": PINS["desk1"]})
    assert status == 200, answer
    return str(answer["token"])


def help_log(server: ServerProcess) -> list[tuple[str, str, int | None]]:
    """The answers and reopenings in the server's event log: (type, actor, call id)."""
    with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT type, actor, data FROM events"
            " WHERE type IN ('help.answered', 'help.reopened') ORDER BY seq"
        )
        return [(kind, actor, json.loads(data).get("request")) for kind, actor, data in rows]


def press_through_update(page: Any, button: Any, update: Callable[[], None]) -> bool:
    """Press `button` with the mouse, run `update` (something that makes the page fetch the
    calls again and show the result) while it is held, and release it where the button is
    then — a tap that lands during a live update. True when the pressed button is still the
    one in the page when released (its card was kept, not rebuilt)."""
    button.scroll_into_view_if_needed()
    button.evaluate("b => { window.__pressed = b; }")
    box = button.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    update()
    box = button.bounding_box()  # where it is now (a card above may have come or gone)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    kept = bool(button.evaluate("b => b === window.__pressed && b.isConnected"))
    page.mouse.up()
    return kept


def rate_live(server: ServerProcess, matter: str, window: int, staff_id: str, rating: int) -> str:
    """A citizen served and rating it, through the API while the page is open."""
    status, ticket = server.post("/api/v1/tickets", {"matter": matter}, KIOSK)
    assert status == 201, ticket
    status, signed = server.post(
        "/api/v1/auth/login", {"staff_id": staff_id, "pin": PINS[staff_id], "window": window}
    )
    assert status == 200, signed
    for action, body in (("call-next", {}), ("complete", {"outcome": "done"})):
        status, answer = server.post(f"/api/v1/windows/{window}/{action}", body, signed["token"])
        assert status == 200, answer
    status, answer = server.post(
        f"/api/v1/tickets/{ticket['token']}/evaluation", {"rating": rating, "comment": "不满意"}
    )
    assert status == 201, answer
    return str(ticket["number"])
