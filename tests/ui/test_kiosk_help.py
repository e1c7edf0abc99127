"""呼叫工作人员 / Call staff: a tap at the kiosk reaches the hall staff on a real server."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from kiosk.printing import MemoryPrinter
from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import (  # noqa: F401 - fixtures
    WAIT_MS,
    MakeKiosk,
    make_kiosk,
    on_screen,
    tap,
)


def open_calls(server: ServerProcess) -> list[dict[str, Any]]:
    """The calls for help the supervision dashboard shows now."""
    status, login = server.post("/api/v1/auth/login", {"staff_id": "admin", "pin": PINS["admin"]})
    assert status == 200, login
    status, overview = server.get("/api/v1/admin/overview", token=login["token"])
    assert status == 200, overview
    return list(overview["help_calls"])


def test_call_staff_reaches_the_desk_says_so_in_both_languages_and_rests(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, printer=MemoryPrinter(), help_cooldown_s=2.0)
    w, c = kiosk.window, kiosk.controller
    c.open_matter("yyzz")
    on_screen(qtbot, kiosk, Screen.GUIDE)
    button = w.top.help_button
    assert button.texts() == ["呼叫工作人员", "Call staff"]

    tap(qtbot, button)
    qtbot.waitUntil(lambda: w.message.code == "help_called", timeout=WAIT_MS)
    texts = w.message.texts()
    assert texts[0] == "呼叫工作人员"
    assert texts[1:3] == ["已通知工作人员，请稍候", "Staff have been called, please wait"]
    assert "工作人员马上到取号机旁为您服务。" in texts[3] and "A member of staff" in texts[3]
    assert w.message.card.property("role") == "panel-ok"
    assert not button.isEnabled() and button.texts() == ["已呼叫工作人员", "Staff called"]
    (call,) = open_calls(hall_server)
    assert (call["device"], call["screen"], call["lang"]) == ("kiosk1", "guide", "zh")

    tap(qtbot, w.message.ok)
    kiosk.lang.set_language("en")
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)  # after the rest (2 s here)
    assert button.texts() == ["Call staff", "呼叫工作人员"]
    tap(qtbot, button)  # the call is still open: the server hands it back, no second one
    qtbot.waitUntil(lambda: w.message.code == "help_called", timeout=WAIT_MS)
    assert w.message.texts()[1:3] == [
        "Staff have been called, please wait",
        "已通知工作人员，请稍候",
    ]
    assert [c["id"] for c in open_calls(hall_server)] == [call["id"]]

    c.open_admin()  # the staff screens have no call button
    on_screen(qtbot, kiosk, Screen.PIN)
    assert not button.isVisible()
    c.home()
    on_screen(qtbot, kiosk, Screen.HOME)
    assert button.isVisible()


def test_call_staff_without_the_server_says_so_and_the_button_comes_back_at_once(
    qtbot: QtBot,
    dead_url: str,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(dead_url, wait_catalog=False)
    w = kiosk.window
    on_screen(qtbot, kiosk, Screen.HOME)
    tap(qtbot, w.top.help_button)
    qtbot.waitUntil(lambda: w.message.code == "network", timeout=WAIT_MS)
    texts = w.message.texts()
    assert texts[:3] == ["未能呼叫工作人员", "无法连接服务器", "Cannot reach the server"]
    assert "请到导办台咨询工作人员" in texts[3] and "ask the staff at the help desk" in texts[3]
    assert w.message.card.property("role") == "panel-error"
    assert w.top.help_button.isEnabled()
    assert w.top.help_button.texts() == ["呼叫工作人员", "Call staff"]
