"""The live supervision dashboard `/admin` in headless Chromium, on a real server."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from queue_server.bootstrap import build_hall
from queue_server.config import Settings, load_hall
from queue_server.services import staff as staff_svc
from queue_server.services import tickets, windows
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
    rate_live,
    sign_in,
    start_server,
)
from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess, mini_hall_in, zone_at_hour

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


@pytest.fixture
def fast_alert_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The test hall with a 3-second wait target, so a long wait happens during a test."""
    srv = start_server(tmp_path, "\n[supervision]\nwait_alert_min = 0.05\n").start()
    yield srv
    srv.stop()


@pytest.fixture
def busy_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The test hall (30-minute target) after a busy morning, seeded before the server starts
    by the same use cases on the same database, with a clock running 45 minutes behind.
    The hall's zone puts it at noon now: the morning must not straddle the hall's midnight."""
    srv = start_server(tmp_path, text=mini_hall_in(zone_at_hour(12, datetime.now(UTC))))
    seed_busy_morning(srv)
    srv.start()
    yield srv
    srv.stop()


def seed_busy_morning(srv: ServerProcess) -> None:
    clock = {"at": datetime.now(UTC) - timedelta(minutes=45)}
    settings = Settings(
        database_url=f"sqlite:///{srv.db}", data_dir=srv.workdir, open_all_hours=True
    )
    hall = build_hall(settings, load_hall(srv.config), clock=lambda: clock["at"])
    hall.open_all_hours = True

    def issue(matter: str, minutes_later: float, **extra: Any) -> None:
        clock["at"] += timedelta(minutes=minutes_later)
        tickets.issue_ticket(
            hall, matter=matter, channel="kiosk", priority="normal", actor="device:kiosk1", **extra
        )

    for matter in ("yyzz", "yyzz", "spjy"):
        issue(matter, 1)
    staff_svc.login(hall, staff_id="s1a", pin=PINS["s1a"], window=1)
    served = windows.call_next(hall, 1, actor="staff:s1a")
    clock["at"] += timedelta(minutes=6)
    windows.complete(hall, 1, actor="staff:s1a", outcome="done", missing_materials=[], note="")
    tickets.evaluate(
        hall,
        served.token,
        rating=1,
        reasons=["等候时间过长"],
        comment="排了四十分钟才办上",
    )
    for matter in ("yyzz", "spjy", "yyzz", "sybx"):
        issue(matter, 2)
    windows.call_next(hall, 1, actor="staff:s1a")
    staff_svc.login(hall, staff_id="s2a", pin=PINS["s2a"], window=2)
    windows.pause(hall, 2, actor="staff:s2a", reason="业务培训")
    staff_svc.login(hall, staff_id="s3a", pin=PINS["s3a"], window=3)
    for matter in ("sybx", "dbsq", "sybx"):
        issue(matter, 5)


def signed_in_live(page: Any) -> None:
    expect(page.locator("body")).to_have_attribute("data-view", "dash", timeout=LIVE_S * 1000)
    expect(page.locator("#live")).to_have_attribute("data-state", "online", timeout=LIVE_S * 1000)


def report_fault(server: ServerProcess, reason: str = "paper_out") -> None:
    body = {"printer": "kiosk-printer", "reason": reason, "message": "打印机缺纸"}
    status, answer = server.post("/api/v1/devices/printer-fault", body, KIOSK)
    assert status == 204, answer


def test_a_call_for_help_appears_live_and_the_answered_button_clears_it(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = zoned_kiosk_server
    page = open_staff_page(server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    expect(page.locator("#help-empty")).to_have_text("暂无待处理的求助。")
    expect(page.locator("#alerts")).to_contain_text("运行正常")
    page.evaluate("window.__sameDocument = true")
    body = page.locator("body")
    expect(body).to_have_attribute("data-sound", "off")
    page.locator("#sound-toggle").click()  # the same switch as the guide desk's page
    expect(body).to_have_attribute("data-chimes", "1", timeout=LIVE_S * 1000)

    call = call_for_help(server, ZONED_KIOSK)
    item = page.locator(f'#help li[data-help="{call["id"]}"]')
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    expect(item.locator(".help-where")).to_have_text("社保服务区")
    expect(item).to_contain_text("取号机 kiosk-b")
    expect(item).to_contain_text("停留在“办事指南”")
    expect(item.locator(".help-ago")).to_have_text(re.compile(r"^已等候 \d+ 秒$"))
    alert = page.locator('#alerts .alert[data-kind="help_call"]')
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text("社保服务区 · 取号机 kiosk-b：市民呼叫工作人员")
    expect(page.locator('.zone[data-zone="B"] .zone-foot')).to_contain_text("求助 1")
    expect(page.locator("#help-empty")).to_be_hidden()
    expect(body).to_have_attribute("data-chimes", "2", timeout=LIVE_S * 1000)  # it rang
    expect(page).to_have_title(re.compile(r"^\(1\) 现场监管"))

    item.get_by_role("button", name="已处理").click()
    expect(page.locator("#help li")).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#help-empty")).to_be_visible()
    expect(alert).to_have_count(0)
    expect(page.locator("#alerts")).to_contain_text("运行正常")
    status, answer = server.post(f"/api/v1/admin/help/{call['id']}/answer", {}, desk_token(server))
    assert (status, answer["error"]["code"]) == (409, "help_call_answered")  # the page did it

    # Another kiosk's call, answered at the guide desk: it leaves the page by itself.
    other = call_for_help(server, KIOSK, screen="home")
    page.locator("#lang-toggle").click()
    item = page.locator(f'#help li[data-help="{other["id"]}"]')
    expect(item).to_contain_text("Kiosk kiosk1", timeout=LIVE_S * 1000)
    expect(item).to_contain_text("on “Home”")
    expect(item.locator(".help-where")).to_have_text("Hall")
    expect(page.locator('#alerts .alert[data-kind="help_call"]')).to_contain_text(
        "a citizen is calling for staff"
    )
    status, _ = server.post(f"/api/v1/admin/help/{other['id']}/answer", {}, desk_token(server))
    assert status == 200
    expect(page.locator("#help li")).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#help-empty")).to_have_text("Nobody is waiting for help.")
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"


def test_admin_sees_zones_and_alerts_arrive_live_without_reload(
    fast_alert_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    page = open_staff_page(fast_alert_server, "/admin")
    expect(page.locator("#login-view")).to_be_visible()
    sign_in(page, "admin")
    signed_in_live(page)
    expect(page.locator(".zone")).to_have_count(2)
    expect(page.locator('.zone[data-zone="A"] .zone-name')).to_have_text("证照类审批区")
    expect(page.locator('.zone[data-zone="B"] .zone-waiting')).to_have_text("0")
    expect(page.locator("#alerts")).to_contain_text("运行正常")
    page.evaluate("window.__sameDocument = true")

    report_fault(fast_alert_server)
    fault = page.locator('#alerts .alert[data-kind="printer_fault"]')
    expect(fault).to_be_visible(timeout=LIVE_S * 1000)
    expect(fault).to_contain_text("kiosk-printer")
    expect(fault).to_contain_text("缺纸")
    expect(page.locator("#faults li")).to_have_count(1)

    status, _ = fast_alert_server.post("/api/v1/tickets", {"matter": "sybx"}, KIOSK)
    assert status == 201
    expect(page.locator('.zone[data-zone="B"] .zone-waiting')).to_have_text(
        "1", timeout=LIVE_S * 1000
    )
    # Nothing else happens: the wait passes the 3-second target by the clock alone.
    wait = page.locator('#alerts .alert[data-kind="long_wait"]')
    expect(wait).to_be_visible(timeout=(LIVE_S + 3) * 1000)
    expect(wait).to_contain_text("社保服务区")
    expect(page.locator('.zone[data-zone="B"]')).to_have_class(re.compile(r"\bzone-alarm\b"))
    expect(page.locator('.zone[data-zone="A"]')).not_to_have_class(re.compile("zone-alarm"))

    fault.get_by_role("button").click()  # dismissed on this screen only
    expect(fault).to_be_hidden()
    expect(page.locator("#faults li")).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"


def test_busy_morning_dashboard_with_follow_up_closed_from_the_page(
    busy_server: ServerProcess, open_staff_page: Callable[..., Any], shots: Path
) -> None:
    page = open_staff_page(busy_server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    zone_a = page.locator('.zone[data-zone="A"]')
    expect(zone_a.locator(".zone-waiting")).to_have_text("4")
    expect(zone_a.locator(".zone-wait")).to_have_text(re.compile(r"^(4[0-9]) 分钟$"))
    wait = page.locator('#alerts .alert[data-kind="long_wait"]')
    expect(wait).to_have_count(1)
    expect(wait).to_contain_text("证照类审批区")
    expect(wait).to_contain_text("目标 30 分钟")
    expect(page.locator('tr[data-window="1"]')).to_contain_text("开放")
    expect(page.locator('tr[data-window="2"]')).to_contain_text("业务培训")
    expect(page.locator('tr[data-window="4"]')).to_have_count(0)  # closed: summed up below
    expect(page.locator("#windows-closed")).to_have_text("未开放（1）：4")
    item = page.locator("#followups li").first
    expect(item).to_contain_text("非常不满意")
    expect(item).to_contain_text("市场监管局")
    expect(item).to_contain_text("排了四十分钟才办上")
    report_fault(busy_server)
    expect(page.locator('#alerts .alert[data-kind="printer_fault"]')).to_be_visible(
        timeout=LIVE_S * 1000
    )
    call_for_help(busy_server, KIOSK)
    expect(page.locator("#help li")).to_have_count(1, timeout=LIVE_S * 1000)
    page.wait_for_timeout(800)  # the wait meters' width transition
    page.screenshot(path=shots / "admin-dashboard.png", full_page=True)

    page.locator("#lang-toggle").click()  # the card's matter and department in English too
    expect(item.locator(".fu-meta")).to_have_text(
        "Business licence for individual businesses · Market Regulation Bureau · window 1"
    )
    page.locator("#lang-toggle").click()
    expect(item.locator(".fu-meta")).to_have_text("个体工商户营业执照办理 · 市场监管局 · 1号窗口")
    item.get_by_role("button", name="办结").click()
    item.get_by_role("button", name="保存").click()  # no note: refused, in both languages
    expect(item.locator(".error")).to_contain_text("请填写处理说明")
    expect(item.locator(".error")).to_contain_text("Write a note")
    item.locator("select").select_option("contacted")
    item.locator("textarea").fill("已电话联系，解释高峰时段等候原因，市民表示理解。")
    item.get_by_role("button", name="保存").click()
    expect(page.locator("#followups li")).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#followups-empty")).to_be_visible()

    page.locator("#lang-toggle").click()
    expect(zone_a.locator(".zone-name")).to_have_text("Licences")
    expect(wait).to_contain_text("over the 30 min target")
    expect(page.locator('tr[data-window="2"]')).to_contain_text("Paused")
    page.screenshot(path=shots / "admin-dashboard-en.png", full_page=True)

    page.reload()  # the token is kept in sessionStorage for this tab
    signed_in_live(page)
    expect(page.locator(".zone")).to_have_count(2)


@pytest.mark.parametrize(
    ("staff_id", "text"), [("desk1", "不是管理员"), ("s1a", "窗口工作人员须在窗口签到")]
)
def test_non_admin_sign_in_is_refused(
    fast_alert_server: ServerProcess,
    open_staff_page: Callable[..., Any],
    shots: Path,
    staff_id: str,
    text: str,
) -> None:
    page = open_staff_page(fast_alert_server, "/admin")
    sign_in(page, staff_id)
    error = page.locator("#login-error")
    expect(error).to_be_visible(timeout=LIVE_S * 1000)
    expect(error).to_contain_text(text)
    expect(page.locator("#dash")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('hallq.admin.token')") is None
    if staff_id == "desk1":
        page.screenshot(path=shots / "admin-login-refused.png")

    bad = page.locator("#pin")
    bad.fill("0000")
    page.locator("#staff-id").fill("admin")
    page.locator("#login-submit").click()
    expect(error).to_contain_text("工号或密码错误")
    expect(error).to_contain_text("Wrong staff ID or PIN")


# --- the help panel has what the guide desk's page has: reminder, overdue mark, undo --------

# A chime is two tones over ~1.3 s; waiting this long shows that none was played.
CHIME_S = 1.6


def chimes(page: Any) -> str:
    return str(page.locator("body").get_attribute("data-chimes"))


@pytest.fixture
def reminding_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A kiosk in zone B and one in no zone, in a hall that reminds every 2 s and calls a
    wait of 3 s overdue."""
    srv = start_server(tmp_path, ZONED_KIOSK_TOML + REMINDING_TOML).start()
    yield srv
    srv.stop()


def test_answered_then_undone_from_the_dashboard_puts_the_call_back(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = zoned_kiosk_server
    page = open_staff_page(server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    page.evaluate("window.__sameDocument = true")
    call = call_for_help(server, ZONED_KIOSK, screen="identity")
    item = page.locator(f'#help li[data-help="{call["id"]}"]')
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    undo = page.locator("#undo")
    expect(undo).to_be_hidden()

    item.get_by_role("button", name="已处理").click()  # a click by mistake
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator('#alerts .alert[data-kind="help_call"]')).to_have_count(0)
    expect(undo).to_be_visible()
    expect(page.locator("#undo-text")).to_have_text("已处理：社保服务区 · kiosk-b")
    expect(page.locator("#undo-button")).to_have_text(re.compile(r"^撤销（[5-8]）$"))
    page.locator("#undo-button").click()
    expect(item).to_be_visible(timeout=LIVE_S * 1000)  # the card comes back, and its alert
    expect(item).to_contain_text("停留在“身份证号输入”")
    expect(page.locator('#alerts .alert[data-kind="help_call"]')).to_have_count(1)
    expect(page.locator('.zone[data-zone="B"] .zone-foot')).to_contain_text("求助 1")
    expect(undo).to_be_hidden()
    expect(page).to_have_title(re.compile(r"^\(1\) 现场监管"))
    assert help_log(server) == [
        ("help.answered", "staff:admin", call["id"]),
        ("help.reopened", "staff:admin", call["id"]),
    ]
    status, listed = server.get("/api/v1/admin/help", desk_token(server))
    assert status == 200 and [c["id"] for c in listed["calls"]] == [call["id"]]  # the desk's too

    # In English; answered for good, the offer goes after a few seconds.
    page.locator("#lang-toggle").click()
    item.get_by_role("button", name="Answered").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    expect(page.locator("#undo-text")).to_have_text("Answered: Social insurance · kiosk-b")
    expect(page.locator("#undo-button")).to_have_text(re.compile(r"^Undo \([5-8]\)$"))
    expect(undo).to_be_hidden(timeout=10_000)
    expect(item).to_have_count(0)
    assert [kind for kind, *_ in help_log(server)] == [
        "help.answered",
        "help.reopened",
        "help.answered",
    ]
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"


def test_the_panel_reminds_while_a_call_is_open_marks_it_overdue_and_stops_when_none_is(
    reminding_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    server = reminding_server
    page = open_staff_page(server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    body = page.locator("body")
    expect(page.locator("#help-rules")).to_have_text(
        "有求助未处理时，每 2 秒再次响铃提醒；等候超过 3 秒标为“超时未处理”。"
    )
    page.wait_for_timeout((REMIND_S + 1) * 1000)
    assert chimes(page) == "0"  # nothing open, nothing rings
    switch = page.locator("#sound-toggle")
    switch.click()
    expect(body).to_have_attribute("data-chimes", "1", timeout=CHIME_S * 2000)

    call = call_for_help(server, ZONED_KIOSK)
    item = page.locator(f'#help li[data-help="{call["id"]}"]')
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    expect(body).to_have_attribute("data-chimes", "2", timeout=CHIME_S * 2000)  # a new call
    rang = time.monotonic()
    expect(item.locator(".help-overdue-tag")).to_be_hidden()
    alert = page.locator('#alerts .alert[data-kind="help_call"]')
    expect(alert).not_to_contain_text("超时未处理")
    # Nobody answers: it rings again after the interval, and again.
    expect(body).to_have_attribute("data-chimes", "3", timeout=(REMIND_S + 2) * 1000)
    assert time.monotonic() - rang >= REMIND_S - 0.5, "rang again before the interval"
    expect(body).to_have_attribute("data-chimes", "4", timeout=(REMIND_S + 2) * 1000)
    # Waiting 3 s and more, it is marked overdue, in words as well as in colour.
    expect(item).to_have_class(re.compile(r"\bhelp-overdue\b"))
    expect(item.locator(".help-overdue-tag")).to_have_text("超时未处理")
    expect(item.locator(".help-overdue-tag")).to_be_visible()
    expect(alert).to_contain_text(re.compile(r"已等候 \d+ 秒 · ⚠ 超时未处理$"))  # its alert too

    switch.click()  # muted: the reminder does not ring
    expect(body).to_have_attribute("data-sound", "off")
    page.wait_for_timeout(CHIME_S * 1000)  # a chime already under way ends
    muted = chimes(page)
    page.wait_for_timeout((2 * REMIND_S + 1) * 1000)
    assert chimes(page) == muted

    switch.click()  # on again (it rings once), and the call answered: nothing rings after
    item.get_by_role("button", name="已处理").click()
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    page.wait_for_timeout(CHIME_S * 1000)
    after = chimes(page)
    assert int(after) > int(muted)  # the switch's own chime: the sound is on
    page.wait_for_timeout((2 * REMIND_S + 1) * 1000)
    assert chimes(page) == after  # nothing open: the reminder is quiet

    page.locator("#lang-toggle").click()
    expect(page.locator("#help-rules")).to_have_text(
        "While a call is open the chime rings again every 2 s; "
        "a call waiting over 3 s is marked “Overdue”."
    )


def test_a_press_on_answered_during_a_live_update_still_answers_the_call(
    zoned_kiosk_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """The help panel is updated in place: a new call comes in (the overview is fetched
    again) while the admin is pressing 已处理 on another; the press still answers it."""
    server = zoned_kiosk_server
    page = open_staff_page(server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    first = call_for_help(server, ZONED_KIOSK)
    item = page.locator(f'#help li[data-help="{first["id"]}"]')
    expect(item).to_be_visible(timeout=LIVE_S * 1000)
    second: dict[str, Any] = {}

    def another_call() -> None:
        second.update(call_for_help(server, KIOSK, screen="home"))
        expect(page.locator(f'#help li[data-help="{second["id"]}"]')).to_be_visible(
            timeout=LIVE_S * 1000
        )

    kept = press_through_update(page, item.get_by_role("button", name="已处理"), another_call)
    expect(item).to_have_count(0, timeout=LIVE_S * 1000)
    assert help_log(server) == [("help.answered", "staff:admin", first["id"])]
    assert kept, "the card under the pointer was rebuilt"
    expect(page.locator("#help li")).to_have_count(1)


def test_a_press_on_a_faults_dismiss_during_a_live_update_still_dismisses_it(
    hall_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """The alerts bar is updated in place: another printer fault comes in (the overview is
    fetched again, the bar gains a row) while the admin is pressing 知道了 on the first; the
    press still dismisses it, and the row pressed is the row kept, not a rebuilt one."""
    page = open_staff_page(hall_server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    report_fault(hall_server)
    first = page.locator('#alerts .alert[data-kind="printer_fault"]', has_text="缺纸")
    expect(first).to_have_count(1, timeout=LIVE_S * 1000)
    first.evaluate("a => { window.__first = a; }")
    listed = page.locator("#faults li.fault")
    expect(listed).to_have_count(1)
    listed.evaluate("li => { window.__listed = li; }")

    def another_fault() -> None:
        report_fault(hall_server, reason="offline")
        expect(page.locator('#alerts .alert[data-kind="printer_fault"]')).to_have_count(
            2, timeout=LIVE_S * 1000
        )

    kept = press_through_update(page, first.get_by_role("button", name="知道了"), another_fault)
    assert kept, "the alert under the pointer was rebuilt"
    expect(first).to_have_count(0)  # dismissed
    faults = page.locator('#alerts .alert[data-kind="printer_fault"]')
    expect(faults).to_have_count(1)
    assert not faults.evaluate("a => a === window.__first")
    expect(page.locator("#faults li")).to_have_count(2)  # dismissed on this screen only
    # The faults list is updated in place too: the first fault's row is the one listed before.
    assert page.evaluate("window.__listed.isConnected")
    assert page.evaluate("JSON.parse(sessionStorage.getItem('hallq.admin.dismissed') || '{}')")


def test_a_press_on_a_follow_ups_button_during_a_live_update_still_opens_its_form(
    hall_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """The follow-up panel is updated in place: a call for help comes in (the overview and
    the follow-ups are fetched again) while the admin is pressing 记录联系 on a card; the
    press still opens its form, on the card pressed, not on a rebuilt one."""
    page = open_staff_page(hall_server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    number = rate_live(hall_server, "yyzz", 1, "s1a", 1)
    card = page.locator("#followups li.fu", has=page.locator(".fu-number", has_text=number))
    expect(card).to_have_count(1, timeout=LIVE_S * 1000)

    def a_call_for_help() -> None:
        call_for_help(hall_server, KIOSK)
        expect(page.locator("#help li")).to_have_count(1, timeout=LIVE_S * 1000)

    kept = press_through_update(page, card.get_by_role("button", name="记录联系"), a_call_for_help)
    assert kept, "the card under the pointer was rebuilt"
    expect(card.locator("form.fu-form")).to_have_count(1)
    expect(card.locator("textarea")).to_be_focused()


def test_a_follow_up_form_being_written_survives_live_updates_and_a_language_switch(
    hall_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """The admin writes a closing note while another bad rating comes in: the new card shows
    at once (the list was frozen while a form was open), the note and the chosen resolution
    stay, a switch of language puts the form's words in English without losing them, and
    saving closes the follow-up."""
    server = hall_server
    page = open_staff_page(server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    first = rate_live(server, "yyzz", 1, "s1a", 1)
    cards = page.locator("#followups li.fu")
    card = cards.filter(has=page.locator(".fu-number", has_text=first))
    expect(card).to_have_count(1, timeout=LIVE_S * 1000)
    card.get_by_role("button", name="办结").click()
    note = card.locator("textarea")
    expect(note).to_be_focused()
    card.locator("select").select_option("fixed")
    words = "已电话联系市民，窗口已调整叫号顺序"
    note.press_sequentially(words[:8])

    rate_live(server, "spjy", 1, "s1a", 2)
    expect(cards).to_have_count(2, timeout=LIVE_S * 1000)
    expect(note).to_be_focused()
    note.press_sequentially(words[8:])  # still typing into the same note
    expect(note).to_have_value(words)

    page.locator("#lang-toggle").click()
    expect(card.get_by_role("button", name="Save")).to_be_visible()
    expect(card.locator("option:checked")).to_have_text("Fixed")
    expect(note).to_have_attribute("placeholder", "Note (required)")
    expect(note).to_have_value(words)
    expect(card.get_by_role("button", name="Log contact")).to_be_visible()
    card.get_by_role("button", name="Save").click()
    expect(card).to_have_count(0, timeout=LIVE_S * 1000)
    expect(cards).to_have_count(1)

    status, admin = server.post("/api/v1/auth/login", {"staff_id": "admin", "pin": PINS["admin"]})
    assert status == 200
    status, found = server.get("/api/v1/followups?status=closed", admin["token"])
    assert status == 200
    (closed,) = found
    assert (closed["ticket"], closed["resolution"]) == (first, "fixed")
    assert [n["note"] for n in closed["notes"]] == [words]


@pytest.fixture
def backlog_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The test hall with 53 bad ratings made this morning: 53 open follow-ups, more than the
    dashboard lists. The hall's zone puts it at noon now, so the morning is one hall day."""
    srv = start_server(tmp_path, text=mini_hall_in(zone_at_hour(12, datetime.now(UTC))))
    clock = {"at": datetime.now(UTC) - timedelta(hours=2)}
    settings = Settings(
        database_url=f"sqlite:///{srv.db}", data_dir=srv.workdir, open_all_hours=True
    )
    hall = build_hall(settings, load_hall(srv.config), clock=lambda: clock["at"])
    hall.open_all_hours = True
    staff_svc.login(hall, staff_id="s1a", pin=PINS["s1a"], window=1)
    for _ in range(BACKLOG):
        clock["at"] += timedelta(minutes=1)
        tickets.issue_ticket(
            hall, matter="yyzz", channel="kiosk", priority="normal", actor="device:kiosk1"
        )
        served = windows.call_next(hall, 1, actor="staff:s1a")
        windows.complete(hall, 1, actor="staff:s1a", outcome="done", missing_materials=[], note="")
        tickets.evaluate(hall, served.token, rating=1, reasons=["服务态度差"], comment="")
    srv.start()
    yield srv
    srv.stop()


BACKLOG = 53


def test_with_a_backlog_the_panel_says_how_many_it_leaves_out_and_links_to_all(
    backlog_server: ServerProcess, open_staff_page: Callable[..., Any]
) -> None:
    """53 open follow-ups: the panel lists the newest 50 and says plainly that there are 53,
    with a link to /followups, where all of them are (most urgent first). (The panel listed
    50 under a count of 53, and said nothing of the other 3.)"""
    page = open_staff_page(backlog_server, "/admin")
    sign_in(page, "admin")
    signed_in_live(page)
    expect(page.locator("#followups-count")).to_have_text(re.compile(rf"^{BACKLOG}\b"))
    expect(page.locator("#followups li.fu")).to_have_count(50)
    more = page.locator("#followups-more")
    expect(more).to_be_visible()
    expect(more).to_contain_text(f"只列出最新的 50 件，共 {BACKLOG} 件待办")
    link = more.get_by_role("link")
    expect(link).to_have_attribute("href", "/followups")
    expect(link).to_contain_text("查看全部")
    page.locator("#lang-toggle").click()
    expect(more).to_contain_text(f"Only the newest 50 of {BACKLOG} open follow-ups")
    with page.context.expect_page() as opened:
        link.click()
    followups = opened.value
    sign_in(followups, "admin")
    expect(followups.locator("#open > li")).to_have_count(BACKLOG, timeout=LIVE_S * 1000)
