"""The guide desk's page `/help-desk` in headless Chromium, on a real server: calls for help
from the kiosks appear live, their waits tick, 已处理 answers them, and the chime rings for a
new call only while the desk has switched the sound on."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from queue_server.bootstrap import build_hall
from queue_server.config import Settings, load_hall
from queue_server.services import help as help_svc
from tests.e2e.staffpages import (
    KIOSK,
    LIVE_S,
    REMIND_S,
    REMINDING_TOML,
    ZONED_KIOSK,
    ZONED_KIOSK_TOML,
    call_for_help,
    desk_token,
    help_log,
    press_through_update,
    sign_in,
    start_server,
)
from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

PAGE = "/help-desk"
TABLET = {"width": 1280, "height": 800}
# A chime is two tones over ~1.3 s; waiting this long shows that none was played.
CHIME_S = 1.6


def desk_live(page: Any) -> None:
    expect(page.locator("body")).to_have_attribute("data-view", "dash", timeout=LIVE_S * 1000)
    expect(page.locator("#live")).to_have_attribute("data-state", "online", timeout=LIVE_S * 1000)


def call_item(page: Any, call: dict[str, Any]) -> Any:
    return page.locator(f'#help li[data-help="{call["id"]}"]')


def waited_s(text: str) -> int:
    """Seconds in "已等候 1 分 05 秒" / "已等候 42 秒"."""
    match = re.fullmatch(r"已等候 (?:(\d+) 分 )?(\d+) 秒", text)
    assert match, text
    return int(match[1] or 0) * 60 + int(match[2])


def answers_in_log(server: ServerProcess, call_id: int) -> list[str]:
    """The actors of the `help.answered` events of one call, from the server's database."""
    with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT actor, data FROM events WHERE type = 'help.answered'")
        return [actor for actor, data in rows if json.loads(data).get("request") == call_id]


def chimes(page: Any) -> str:
    return str(page.locator("body").get_attribute("data-chimes"))


def test_a_call_appears_live_its_wait_ticks_and_answered_clears_it(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = zoned_kiosk_server
    page = open_staff_page(server, PAGE, TABLET)
    expect(page.locator("#login-view h1")).to_have_text("导办台登录")
    sign_in(page, "desk1")
    desk_live(page)
    expect(page.locator("#help-empty")).to_have_text("暂无待处理的求助")
    expect(page).to_have_title(re.compile(r"^导办台 · 求助 · "))
    page.evaluate("window.__sameDocument = true")

    first = call_for_help(server, ZONED_KIOSK, screen="identity", lang="en")
    item = call_item(page, first)
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    expect(item.locator(".help-where")).to_have_text("社保服务区")
    expect(item.locator(".help-device")).to_have_text("取号机 kiosk-b")
    expect(item.locator(".help-screen")).to_have_text("停留在“身份证号输入”")
    expect(item.locator(".help-lang")).to_have_text("英文界面")
    expect(item.locator(".help-at")).to_have_text(re.compile(r"^\d\d:\d\d 呼叫$"))
    expect(page.locator("#help-count")).to_have_text("1")
    expect(page).to_have_title(re.compile(r"^\(1\) 导办台 · 求助"))
    expect(page.locator("#help-empty")).to_be_hidden()

    # Nothing happens on the server: the wait grows by the clock alone (shown once a second,
    # so 3.2 s later it shows at least 2 s more).
    ago = item.locator(".help-ago")
    before = waited_s(ago.inner_text())
    page.wait_for_timeout(3200)
    assert waited_s(ago.inner_text()) >= before + 2

    second = call_for_help(server, KIOSK, screen="home", lang="zh")
    expect(page.locator("#help li")).to_have_count(2, timeout=LIVE_S * 1000)
    expect(page.locator("#help li").first).to_have_attribute("data-help", str(first["id"]))
    expect(call_item(page, second).locator(".help-where")).to_have_text("大厅")  # no zone
    expect(page).to_have_title(re.compile(r"^\(2\) "))

    item.get_by_role("button", name="已处理").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#help li")).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^\(1\) "))
    assert answers_in_log(server, first["id"]) == ["staff:desk1"]  # the server has it answered
    status, answer = server.post(f"/api/v1/admin/help/{first['id']}/answer", {}, desk_token(server))
    assert (status, answer["error"]["code"]) == (409, "help_call_answered")

    # Answered elsewhere (an admin on /admin): it leaves this page by itself.
    admin = server.post("/api/v1/auth/login", {"staff_id": "admin", "pin": PINS["admin"]})[1]
    status, _ = server.post(f"/api/v1/admin/help/{second['id']}/answer", {}, admin["token"])
    assert status == 200
    expect(page.locator("#help li")).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#help-empty")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^导办台 · 求助 · "))

    page.locator("#lang-toggle").click()
    expect(page.locator("#help-empty")).to_have_text("Nobody is waiting for help")
    expect(page).to_have_title(re.compile(r"^Guide desk · Help calls · "))
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"


def test_a_new_call_rings_the_chime_only_while_the_sound_is_switched_on(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = zoned_kiosk_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    body = page.locator("body")
    switch = page.locator("#sound-toggle")
    expect(body).to_have_attribute("data-sound", "off")  # off until the desk switches it on
    expect(switch).to_have_text("开启提示音")
    expect(page.locator(".hint-off")).to_be_visible()

    # Sound off: the call shows and flashes the page, but nothing rings.
    quiet = call_for_help(server, KIOSK)
    expect(call_item(page, quiet)).to_be_visible(timeout=LIVE_S * 1000)
    expect(body).to_have_class(re.compile(r"\bhelp-flash\b"))
    expect(call_item(page, quiet)).to_have_class(re.compile(r"\bhelp-new\b"))
    page.wait_for_timeout(CHIME_S * 1000)
    assert chimes(page) == "0"

    switch.click()  # switching on rings once, so the desk hears it and its volume
    expect(body).to_have_attribute("data-sound", "on")
    expect(switch).to_have_text("提示音已开启")
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".hint-off")).to_be_hidden()
    expect(body).to_have_attribute("data-chimes", "1", timeout=CHIME_S * 2000)
    assert page.evaluate("localStorage.getItem('hallq.desk.sound')") == "on"

    rung = call_for_help(server, ZONED_KIOSK)
    expect(call_item(page, rung)).to_be_visible(timeout=LIVE_S * 1000)
    expect(body).to_have_attribute("data-chimes", "2", timeout=CHIME_S * 2000)

    # An answer rings nothing; nor does a call already on the page.
    status, _ = server.post(f"/api/v1/admin/help/{quiet['id']}/answer", {}, desk_token(server))
    assert status == 200
    expect(call_item(page, quiet)).to_have_count(0, timeout=LIVE_S * 1000)
    page.wait_for_timeout(CHIME_S * 1000)
    assert chimes(page) == "2"

    switch.click()  # off again
    expect(body).to_have_attribute("data-sound", "off")
    assert page.evaluate("localStorage.getItem('hallq.desk.sound')") == "off"
    again = call_for_help(server, KIOSK)  # kiosk1 calls anew: its first call was answered
    expect(call_item(page, again)).to_be_visible(timeout=LIVE_S * 1000)
    page.wait_for_timeout(CHIME_S * 1000)
    assert chimes(page) == "2"


def test_the_sound_choice_is_remembered_and_rings_again_after_one_tap(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """Browsers keep a freshly loaded page silent until the user taps it: the desk's choice
    survives a reload, and the page says that one tap is needed."""
    server = zoned_kiosk_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    page.locator("#sound-toggle").click()
    expect(page.locator("body")).to_have_attribute("data-chimes", "1", timeout=CHIME_S * 2000)

    page.reload()  # the token stays for this tab, the sound choice on this device
    desk_live(page)
    body = page.locator("body")
    expect(body).to_have_attribute("data-sound", "blocked")
    expect(page.locator("#sound-toggle")).to_have_text("点此启用提示音")
    expect(page.locator(".hint-blocked")).to_be_visible()
    before_tap = call_for_help(server, KIOSK)
    expect(call_item(page, before_tap)).to_be_visible(timeout=LIVE_S * 1000)
    page.wait_for_timeout(CHIME_S * 1000)
    assert chimes(page) == "0"  # the browser would not let it sound

    page.locator(".desk-head h1").click()  # any tap on the page will do
    expect(body).to_have_attribute("data-sound", "on")
    expect(page.locator(".hint-blocked")).to_be_hidden()
    after_tap = call_for_help(server, ZONED_KIOSK)
    expect(call_item(page, after_tap)).to_be_visible(timeout=LIVE_S * 1000)
    expect(body).to_have_attribute("data-chimes", "1", timeout=CHIME_S * 2000)


def test_an_admin_may_use_the_desk_page(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    page = open_staff_page(zoned_kiosk_server, PAGE, TABLET)
    page.evaluate("localStorage.setItem('hallq.desk.sound', 'on')")  # chosen on an earlier day
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-sound", "blocked")
    sign_in(page, "admin")  # the tap on 登录 lets the page sound
    desk_live(page)
    expect(page.locator("body")).to_have_attribute("data-sound", "on")
    call = call_for_help(zoned_kiosk_server, KIOSK)
    expect(page.locator("body")).to_have_attribute("data-chimes", "1", timeout=LIVE_S * 1000)
    call_item(page, call).get_by_role("button", name="已处理").click()
    expect(call_item(page, call)).to_have_count(0, timeout=LIVE_S * 1000)
    assert answers_in_log(zoned_kiosk_server, call["id"]) == ["staff:admin"]


def test_window_staff_cannot_sign_in_on_the_desk_page(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    page = open_staff_page(zoned_kiosk_server, PAGE, TABLET)
    sign_in(page, "s1a")  # window staff sign in at their window, not here
    error = page.locator("#login-error")
    expect(error).to_contain_text("窗口工作人员须在窗口签到")
    expect(page.locator("#dash")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('hallq.desk.token')") is None


@pytest.mark.parametrize("caller", ["window staff", "kiosk"])
def test_a_token_of_another_role_is_refused_by_the_page_and_its_session_ended(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any], caller: str
) -> None:
    """A token that is not the desk's or an admin's, left in the tab (or put there): the page
    refuses it, as the API refuses it the open calls, and ends a staff session."""
    server = zoned_kiosk_server
    if caller == "kiosk":
        token = KIOSK
    else:
        body = {"staff_id": "s1a", "pin": PINS["s1a"], "window": 1}
        token = server.post("/api/v1/auth/login", body)[1]["token"]
    status, answer = server.get("/api/v1/admin/help", token)
    assert (status, answer["error"]["code"]) == (403, "forbidden")
    call_for_help(server, KIOSK)
    page = open_staff_page(server, PAGE, TABLET)
    page.evaluate(f"sessionStorage.setItem('hallq.desk.token', {json.dumps(token)})")
    page.reload()
    error = page.locator("#login-error")
    expect(error).to_contain_text("该账号不是导办台或管理员账号")
    expect(error).to_contain_text("not the guide desk's or an administrator's")
    expect(page.locator("#dash")).to_be_hidden()
    expect(page.locator("#help li")).to_have_count(0)
    assert page.evaluate("sessionStorage.getItem('hallq.desk.token')") is None
    if caller == "window staff":  # signed out on the server too (the page does not wait)
        deadline = time.monotonic() + LIVE_S
        while server.get("/api/v1/auth/me", token)[0] != 401 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.get("/api/v1/auth/me", token)[0] == 401


THREE_KIOSKS_TOML = (
    ZONED_KIOSK_TOML
    + """
[[devices]]
id = "kiosk-a"
role = "kiosk"
key = "test-kiosk-key-zone-a"
zone = "A"
"""
)


@pytest.fixture
def waiting_calls_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """Three kiosks; two calls made before the server starts, 6 and 2.5 minutes ago."""
    srv = start_server(tmp_path, THREE_KIOSKS_TOML)
    clock = {"at": datetime.now(UTC) - timedelta(minutes=6)}
    settings = Settings(database_url=f"sqlite:///{srv.db}", data_dir=srv.workdir)
    hall = build_hall(settings, load_hall(srv.config), clock=lambda: clock["at"])
    help_svc.request_help(hall, actor="device:kiosk1", screen="guide", lang="zh")
    clock["at"] += timedelta(minutes=3.5)
    help_svc.request_help(hall, actor="device:kiosk-a", screen="matters", lang="zh")
    srv.start()
    yield srv
    srv.stop()


def test_the_desk_page_on_a_tablet_with_calls_waiting(
    waiting_calls_server: ServerProcess, open_staff_page: Callable[..., Any], shots: Path
) -> None:
    server = waiting_calls_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    calls = page.locator("#help li")
    expect(calls).to_have_count(2)
    expect(calls.nth(0)).to_have_class(re.compile(r"\bhelp-late\b"))  # 5 minutes and more
    expect(calls.nth(0).locator(".help-ago")).to_have_text(re.compile(r"^已等候 6 分 \d\d 秒$"))
    expect(calls.nth(1)).to_have_class(re.compile(r"\bhelp-warn\b"))  # 2 minutes and more
    expect(calls.nth(1).locator(".help-where")).to_have_text("证照类审批区")
    # The hall's defaults: overdue from 2 minutes, in words too; a reminder every minute.
    for n in (0, 1):
        expect(calls.nth(n)).to_have_class(re.compile(r"\bhelp-overdue\b"))
        expect(calls.nth(n).locator(".help-overdue-tag")).to_have_text("超时未处理")
    expect(page.locator("#desk-rules")).to_have_text(
        "有求助未处理时，每 1 分钟再次响铃提醒；等候超过 2 分钟标为“超时未处理”。"
    )
    page.locator("#sound-toggle").click()
    call_for_help(server, ZONED_KIOSK, screen="identity", lang="en")
    expect(calls).to_have_count(3, timeout=LIVE_S * 1000)
    expect(calls.nth(2)).not_to_have_class(re.compile(r"\bhelp-overdue\b"))
    expect(calls.nth(2).locator(".help-overdue-tag")).to_be_hidden()
    expect(page.locator("body")).to_have_attribute("data-chimes", "2", timeout=CHIME_S * 2000)
    page.wait_for_timeout(3500)  # the flash is over
    page.screenshot(path=shots / "help-desk.png")

    page.locator("#lang-toggle").click()
    expect(calls.nth(2).locator(".help-lang")).to_have_text("English")
    expect(calls.nth(0).locator(".help-where")).to_have_text("Hall")
    expect(page.locator("#sound-toggle")).to_have_text("Sound on")
    expect(calls.nth(0).locator(".help-overdue-tag")).to_have_text("Overdue")
    expect(page.locator("#zone-filter option").first).to_have_text("All zones")
    page.screenshot(path=shots / "help-desk-en.png")


# --- a real hall: reminders, overdue calls, one zone per desk, undo -------------------------

KIOSK_IN_A = "test-kiosk-key-zone-a"


@pytest.fixture
def three_kiosks_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """Kiosks in zone A, in zone B and in no zone; the hall's default reminder settings."""
    srv = start_server(tmp_path, THREE_KIOSKS_TOML).start()
    yield srv
    srv.stop()


@pytest.fixture
def reminding_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The three kiosks, in a hall that reminds every 2 s and calls a wait of 3 s overdue."""
    srv = start_server(tmp_path, THREE_KIOSKS_TOML + REMINDING_TOML).start()
    yield srv
    srv.stop()


def shown_calls(page: Any) -> list[int]:
    return [
        int(i)
        for i in page.locator("#help li").evaluate_all("items => items.map(li => li.dataset.help)")
    ]


def test_an_open_call_rings_again_at_the_halls_interval_and_stops_once_answered(
    reminding_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = reminding_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    body = page.locator("body")
    expect(page.locator("#desk-rules")).to_have_text(
        "有求助未处理时，每 2 秒再次响铃提醒；等候超过 3 秒标为“超时未处理”。"
    )
    page.wait_for_timeout((REMIND_S + 1) * 1000)
    assert chimes(page) == "0"  # nothing open, nothing rings
    page.locator("#sound-toggle").click()
    expect(body).to_have_attribute("data-chimes", "1", timeout=CHIME_S * 2000)

    call = call_for_help(server, ZONED_KIOSK)
    item = call_item(page, call)
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    expect(body).to_have_attribute("data-chimes", "2", timeout=CHIME_S * 2000)  # a new call
    rang = time.monotonic()
    expect(item.locator(".help-overdue-tag")).to_be_hidden()
    # Nobody answers: it rings again after the interval, and again.
    expect(body).to_have_attribute("data-chimes", "3", timeout=(REMIND_S + 2) * 1000)
    assert time.monotonic() - rang >= REMIND_S - 0.5, "rang again before the interval"
    expect(body).to_have_attribute("data-chimes", "4", timeout=(REMIND_S + 2) * 1000)
    # Waiting 3 s and more, it is marked overdue, in words as well as in colour.
    expect(item).to_have_class(re.compile(r"\bhelp-overdue\b"))
    expect(item.locator(".help-overdue-tag")).to_have_text("超时未处理")
    expect(item.locator(".help-overdue-tag")).to_be_visible()

    item.get_by_role("button", name="已处理").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    page.wait_for_timeout(CHIME_S * 1000)  # a chime already under way ends
    after = chimes(page)
    page.wait_for_timeout((2 * REMIND_S + 1) * 1000)
    assert chimes(page) == after  # nothing open: the reminder is quiet

    page.locator("#lang-toggle").click()
    expect(page.locator("#desk-rules")).to_have_text(
        "While a call is open the chime rings again every 2 s; "
        "a call waiting over 3 s is marked “Overdue”."
    )


def test_the_zone_filter_hides_other_zones_calls_on_first_load_and_live(
    three_kiosks_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = three_kiosks_server
    in_a = call_for_help(server, KIOSK_IN_A)
    in_b = call_for_help(server, ZONED_KIOSK)
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    expect(page.locator("#help li")).to_have_count(2)
    picker = page.locator("#zone-filter")
    expect(picker.locator("option")).to_have_text(
        ["全部功能区", "证照类审批区 (A)", "社保服务区 (B)"]
    )
    picker.select_option("B")
    expect(page.locator("#help li")).to_have_count(1, timeout=LIVE_S * 1000)
    assert shown_calls(page) == [in_b["id"]]
    expect(page).to_have_title(re.compile(r"^\(1\) 导办台"))  # this zone's calls only
    assert page.evaluate("localStorage.getItem('hallq.desk.zone')") == "B"
    desk_live(page)

    # Live: zone A's new call stays away; a kiosk in no zone is every desk's.
    page.evaluate("window.__sameDocument = true")
    # (kiosk-a's first call is answered elsewhere, so that it can call anew)
    status, _ = server.post(f"/api/v1/admin/help/{in_a['id']}/answer", {}, desk_token(server))
    assert status == 200
    fresh_a = call_for_help(server, KIOSK_IN_A)
    hall_wide = call_for_help(server, KIOSK)
    expect(call_item(page, hall_wide)).to_be_visible(timeout=LIVE_S * 1000)
    page.wait_for_timeout(500)
    assert shown_calls(page) == [in_b["id"], hall_wide["id"]]
    expect(call_item(page, fresh_a)).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^\(2\) "))
    expect(page.locator("#help-count")).to_have_text("2")

    page.reload()  # remembered in this browser
    desk_live(page)
    expect(picker).to_have_value("B")
    expect(page.locator("#help li")).to_have_count(2)
    assert shown_calls(page) == [in_b["id"], hall_wide["id"]]

    picker.select_option("")  # all zones again
    expect(page.locator("#help li")).to_have_count(3, timeout=LIVE_S * 1000)
    assert shown_calls(page) == [in_b["id"], fresh_a["id"], hall_wide["id"]]
    expect(page).to_have_title(re.compile(r"^\(3\) "))
    assert page.evaluate("localStorage.getItem('hallq.desk.zone')") == ""


def test_a_zone_in_the_address_is_followed_and_an_unknown_one_shows_every_zone(
    three_kiosks_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = three_kiosks_server
    in_a = call_for_help(server, KIOSK_IN_A)
    in_b = call_for_help(server, ZONED_KIOSK)
    page = open_staff_page(server, PAGE + "?zone=A", TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    expect(page.locator("#zone-filter")).to_have_value("A")
    expect(page.locator("#help li")).to_have_count(1)
    assert shown_calls(page) == [in_a["id"]]
    assert page.evaluate("localStorage.getItem('hallq.desk.zone')") == "A"
    status, _ = server.post(f"/api/v1/admin/help/{in_b['id']}/answer", {}, desk_token(server))
    assert status == 200
    new_b = call_for_help(server, ZONED_KIOSK)  # zone B's: not for this desk
    page.wait_for_timeout(1500)
    expect(call_item(page, new_b)).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^\(1\) "))

    page.goto(server.url + PAGE + "?zone=b")  # a ticket prefix (B…) names its zone too
    desk_live(page)
    expect(page.locator("#zone-filter")).to_have_value("B")
    expect(page.locator("#help li")).to_have_count(1)
    assert shown_calls(page) == [new_b["id"]]
    assert page.url.endswith(PAGE + "?zone=B")

    page.goto(server.url + PAGE + "?zone=Q")  # no such zone: say so, and show them all
    desk_live(page)
    expect(page.locator("#zone-note")).to_have_text("本大厅没有功能区“Q”，现显示全部功能区的求助。")
    expect(page.locator("#zone-filter")).to_have_value("")
    expect(page.locator("#help li")).to_have_count(2)
    assert shown_calls(page) == [in_a["id"], new_b["id"]]


def test_undo_after_answered_reopens_the_call_and_its_card_comes_back(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any], shots: Path
) -> None:
    server = zoned_kiosk_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    call = call_for_help(server, ZONED_KIOSK, screen="identity")
    item = call_item(page, call)
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    undo = page.locator("#undo")
    expect(undo).to_be_hidden()
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bhelp-flash\b"), timeout=5000)

    item.get_by_role("button", name="已处理").click()  # a tap by mistake
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page).to_have_title(re.compile(r"^导办台 · 求助 · "))
    expect(undo).to_be_visible()
    expect(page.locator("#undo-text")).to_have_text("已处理：社保服务区 · kiosk-b")
    expect(page.locator("#undo-button")).to_have_text(re.compile(r"^撤销（[5-8]）$"))
    page.screenshot(path=shots / "help-desk-undo.png")
    page.locator("#undo-button").click()
    expect(item).to_be_visible(timeout=LIVE_S * 1000)  # the card comes back
    expect(item.locator(".help-screen")).to_have_text("停留在“身份证号输入”")
    expect(undo).to_be_hidden()
    expect(page).to_have_title(re.compile(r"^\(1\) "))
    assert help_log(server) == [
        ("help.answered", "staff:desk1", call["id"]),
        ("help.reopened", "staff:desk1", call["id"]),
    ]
    status, listed = server.get("/api/v1/admin/help", desk_token(server))
    assert status == 200 and [c["id"] for c in listed["calls"]] == [call["id"]]

    # Answered for good: the offer goes after a few seconds, and the call stays answered.
    item.get_by_role("button", name="已处理").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    expect(undo).to_be_visible()
    expect(undo).to_be_hidden(timeout=10_000)
    expect(item).to_have_count(0)
    assert [kind for kind, *_ in help_log(server)] == [
        "help.answered",
        "help.reopened",
        "help.answered",
    ]


@pytest.fixture
def old_answered_call_server(tmp_path: Path) -> Iterator[tuple[ServerProcess, int]]:
    """A call of kiosk-b (zone B) made 121 minutes ago and answered just now, before the
    server starts: the supervision window (120 min) has passed the call, and the answer is
    young enough to be taken back (`help_undo_s`, 60 s)."""
    srv = start_server(tmp_path, ZONED_KIOSK_TOML)
    clock = {"at": datetime.now(UTC) - timedelta(minutes=121)}
    settings = Settings(database_url=f"sqlite:///{srv.db}", data_dir=srv.workdir)
    hall = build_hall(settings, load_hall(srv.config), clock=lambda: clock["at"])
    call = help_svc.request_help(hall, actor="device:kiosk-b", screen="guide", lang="zh").call
    clock["at"] += timedelta(minutes=121)
    help_svc.answer_help(hall, call.id, actor="staff:desk1")
    srv.start()
    yield srv, call.id
    srv.stop()


def test_an_old_call_reopened_after_the_window_passed_it_comes_back_on_the_desk(
    old_answered_call_server: tuple[ServerProcess, int], open_staff_page: Callable[..., Any]
) -> None:
    server, call_id = old_answered_call_server
    page = open_staff_page(server, PAGE + "?zone=B", TABLET)  # the call's zone's desk
    sign_in(page, "desk1")
    desk_live(page)
    expect(page.locator("#help-empty")).to_be_visible()
    status, _ = server.post(f"/api/v1/admin/help/{call_id}/reopen", {}, desk_token(server))
    assert status == 200
    item = page.locator(f'#help li[data-help="{call_id}"]')
    expect(item).to_be_visible(timeout=LIVE_S * 1000)  # live, on the zone's stream
    expect(item.locator(".help-ago")).to_have_text(re.compile(r"^已等候 2 小时 0[12] 分$"))
    expect(item.locator(".help-overdue-tag")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^\(1\) "))
    status, again = server.post("/api/v1/devices/help", {"screen": "home"}, ZONED_KIOSK)
    assert (status, again["id"]) == (200, call_id)  # the kiosk's tap: this call, no other
    page.wait_for_timeout(500)
    assert shown_calls(page) == [call_id]
    item.get_by_role("button", name="已处理").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    assert help_log(server) == [
        ("help.answered", "staff:desk1", call_id),
        ("help.reopened", "staff:desk1", call_id),
        ("help.answered", "staff:desk1", call_id),
    ]


def test_a_press_on_answered_during_a_live_update_still_answers_the_call(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """The list is updated in place: a new call comes in while the desk is pressing 已处理 on
    another; the pressed button is kept, so the press answers its call (a list rebuilt on
    every event would swap the button between press and release, and lose the tap)."""
    server = zoned_kiosk_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    first = call_for_help(server, ZONED_KIOSK)
    item = call_item(page, first)
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    second: dict[str, Any] = {}

    def another_call() -> None:
        second.update(call_for_help(server, KIOSK, screen="home"))
        expect(call_item(page, second)).to_be_visible(timeout=LIVE_S * 1000)

    kept = press_through_update(page, item.get_by_role("button", name="已处理"), another_call)
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    assert answers_in_log(server, first["id"]) == ["staff:desk1"]
    assert kept, "the card under the pointer was rebuilt"
    assert shown_calls(page) == [second["id"]]
    # The waits tick and the language changes without a card being replaced either.
    card = call_item(page, second)
    card.evaluate("li => { window.__card = li; }")
    page.wait_for_timeout(1200)
    page.locator("#lang-toggle").click()
    expect(card.locator(".help-answer")).to_have_text("Answered")
    assert card.evaluate("li => li === window.__card")


def test_undo_is_refused_once_the_kiosk_has_called_again_and_its_new_call_shows(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """A kiosk has at most one open call: after 已处理 the citizen taps again (a new call),
    so 撤销 of the first answer is refused in words, with no second try, and the new call
    is the one on the page."""
    server = zoned_kiosk_server
    page = open_staff_page(server, PAGE, TABLET)
    sign_in(page, "desk1")
    desk_live(page)
    first = call_for_help(server, ZONED_KIOSK)
    item = call_item(page, first)
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    item.get_by_role("button", name="已处理").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#undo")).to_be_visible()
    again = call_for_help(server, ZONED_KIOSK, screen="home")  # a new call, not the first
    expect(call_item(page, again)).to_be_visible(timeout=LIVE_S * 1000)
    page.locator("#undo-button").click()
    expect(page.locator("#undo-error")).to_contain_text("该取号机此后已再次呼叫")
    expect(page.locator("#undo-error")).to_contain_text("This kiosk has called again since")
    expect(page.locator("#undo-button")).to_be_disabled()
    assert shown_calls(page) == [again["id"]]
    assert help_log(server) == [("help.answered", "staff:desk1", first["id"])]
    expect(page.locator("#undo")).to_be_hidden(timeout=10_000)
