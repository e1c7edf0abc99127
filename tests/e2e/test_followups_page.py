"""The department lead's page `/followups` (差评回访) in headless Chromium, on a real server:
a lead (首席代表) sees only their own department's follow-ups, with deadlines and overdue
marks; a new bad rating of the department comes in live; the lead records a contact and
closes a follow-up from the page; the admin's list has it closed, by the lead."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from queue_server.bootstrap import build_hall
from queue_server.config import Settings, load_hall
from queue_server.services import staff as staff_svc
from queue_server.services import tickets, windows
from tests.e2e.staffpages import LIVE_S, press_through_update, rate_live, sign_in, start_server
from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess, mini_hall_in, zone_at_hour

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

PAGE = "/followups"
OFFICE = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Rated:
    """The ticket numbers of the bad ratings seeded before the server starts."""

    scj_late: str  # 市场监管局, 非常不满意 two hours ago: not contacted in time
    scj_fresh: str  # 市场监管局, 不满意 five minutes ago
    rsj_late: str  # 人社局: another department's


@pytest.fixture
def rated_server(tmp_path: Path) -> Iterator[tuple[ServerProcess, Rated]]:
    """The test hall (its zone at noon now: the seeded hours stay on one hall day) with three
    bad ratings made by the same use cases on the same database before the server starts."""
    srv = start_server(tmp_path, text=mini_hall_in(zone_at_hour(12, datetime.now(UTC))))
    rated = seed_ratings(srv)
    srv.start()
    yield srv, rated
    srv.stop()


def seed_ratings(srv: ServerProcess) -> Rated:
    clock = {"at": datetime.now(UTC) - timedelta(hours=2)}
    settings = Settings(
        database_url=f"sqlite:///{srv.db}", data_dir=srv.workdir, open_all_hours=True
    )
    hall = build_hall(settings, load_hall(srv.config), clock=lambda: clock["at"])
    hall.open_all_hours = True

    def served_and_rated(matter: str, window: int, rating: int, comment: str) -> str:
        ticket, _ = tickets.issue_ticket(
            hall, matter=matter, channel="kiosk", priority="normal", actor="device:kiosk1"
        )
        called = windows.call_next(hall, window, actor=f"staff:{clerk[window]}")
        assert called.token == ticket.token
        clock["at"] += timedelta(minutes=4)
        windows.complete(
            hall,
            window,
            actor=f"staff:{clerk[window]}",
            outcome="done",
            missing_materials=[],
            note="",
        )
        tickets.evaluate(hall, ticket.token, rating=rating, reasons=[], comment=comment)
        return ticket.number

    clerk = {1: "s1a", 4: "s4a"}
    for window, staff_id in clerk.items():
        staff_svc.login(hall, staff_id=staff_id, pin=PINS[staff_id], window=window)
    scj_late = served_and_rated("yyzz", 1, 1, "排了一个多小时才办上")
    clock["at"] += timedelta(minutes=20)
    rsj_late = served_and_rated("sybx", 4, 2, "社保窗口人员态度生硬")
    clock["at"] = datetime.now(UTC) - timedelta(minutes=5)
    scj_fresh = served_and_rated("spjy", 1, 2, "材料清单没有一次讲清楚")
    return Rated(scj_late=scj_late, scj_fresh=scj_fresh, rsj_late=rsj_late)


def signed_in_live(page: Any) -> None:
    expect(page.locator("body")).to_have_attribute("data-view", "dash", timeout=LIVE_S * 1000)
    expect(page.locator("#live")).to_have_attribute("data-state", "online", timeout=LIVE_S * 1000)


def item(page: Any, number: str, where: str = "#open") -> Any:
    return page.locator(f"{where} li.fu", has=page.locator(".fu-number", has_text=number))


def test_a_lead_handles_their_departments_follow_up_and_the_admin_sees_it_closed(
    rated_server: tuple[ServerProcess, Rated],
    open_staff_page: Callable[..., Any],
    shots: Path,
) -> None:
    server, rated = rated_server
    page = open_staff_page(server, PAGE, OFFICE)
    expect(page.locator("#login-view h1")).to_have_text("差评回访登录")
    sign_in(page, "lead-scj")
    signed_in_live(page)
    expect(page.locator("#dept-title")).to_have_text("市场监管局 · 差评回访")
    expect(page).to_have_title(re.compile(r"^差评回访 · 测试政务服务大厅"))

    # Only 市场监管局's, the overdue one first, its lateness in words as well as in colour.
    expect(page.locator("#open li.fu")).to_have_count(2)
    expect(page.locator("#summary")).to_have_text("待办 2 件，其中逾期 1 件")
    late = item(page, rated.scj_late)
    expect(page.locator("#open li.fu").first).to_have_attribute(
        "data-followup", late.get_attribute("data-followup") or "?"
    )
    expect(late.locator(".fu-rating")).to_have_text("非常不满意")
    expect(late.locator(".fu-meta")).to_have_text("个体工商户营业执照办理 · 1号窗口 · 经办人 s1a")
    expect(late.locator(".fu-said")).to_have_text("“排了一个多小时才办上”")
    expect(late.locator(".due-contact")).to_have_text(re.compile(r"^联系时限 \d\d:\d\d$"))
    expect(late.locator(".late-tag")).to_have_text("⚠ 联系逾期")
    expect(late.locator(".due-fix")).to_have_text(re.compile(r"^办结时限 \d+月\d+日 00:00$"))
    fresh = item(page, rated.scj_fresh)
    expect(fresh.locator(".late-tag")).to_have_count(0)
    expect(fresh.locator(".fu-rating")).to_have_text("不满意")
    expect(page.locator("#open")).not_to_contain_text(rated.rsj_late)  # 人社局's
    expect(page.locator("#closed-empty")).to_have_text("暂无已办结的差评回访。")
    page.evaluate("window.__sameDocument = true")

    # 记录联系: a note is required — said in both languages.
    late.get_by_role("button", name="记录联系").click()
    late.get_by_role("button", name="保存").click()
    error = late.locator(".fu-form .error")
    expect(error).to_contain_text("请填写处理说明")
    expect(error).to_contain_text("Write a note")
    note = "已电话联系市民，说明高峰时段等候原因并致歉。"
    late.locator("textarea").fill(note)

    # Live: a bad rating of 人社局 does not show here; one of 市场监管局 does, by itself, and
    # the form being written survives the refresh.
    other = rate_live(server, "sybx", 4, "s4a", 1)
    ours = rate_live(server, "yyzz", 1, "s1a", 2)
    expect(item(page, ours)).to_be_visible(timeout=LIVE_S * 1000)
    expect(page.locator("#open li.fu")).to_have_count(3)
    expect(page.locator("#open")).not_to_contain_text(other)
    expect(page.locator("#summary")).to_have_text("待办 3 件，其中逾期 1 件")
    expect(late.locator("textarea")).to_have_value(note)
    page.screenshot(path=shots / "followups.png", full_page=True)

    # … then the contact is kept.
    late.get_by_role("button", name="保存").click()
    expect(late.locator(".due-contact")).to_have_text(
        re.compile(r"^已联系 \d\d:\d\d$"), timeout=LIVE_S * 1000
    )
    expect(late.locator(".late-tag")).to_have_count(0)
    expect(late.locator(".fu-form")).to_have_count(0)
    expect(late.locator(".fu-note")).to_have_count(1)
    expect(late.locator(".fu-note")).to_contain_text("联系")
    expect(late.locator(".fu-note")).to_contain_text("lead-scj")
    expect(page.locator("#summary")).to_have_text("待办 3 件")

    # 办结 with a resolution and a note: it leaves the open list for the closed one.
    late.get_by_role("button", name="办结").click()
    late.locator("select").select_option("fixed")
    late.locator("textarea").fill("已对窗口人员批评教育，高峰时段增开2号窗口。")
    late.get_by_role("button", name="保存").click()
    expect(page.locator("#open li.fu")).to_have_count(2, timeout=LIVE_S * 1000)
    done = item(page, rated.scj_late, "#closed")
    expect(done.locator(".fu-resolution")).to_have_text("已整改")
    expect(done.locator(".fu-note")).to_have_count(2)
    expect(done.locator(".fu-note").last).to_contain_text("办结（已整改）")
    expect(done.locator(".fu-note").last).to_contain_text("高峰时段增开2号窗口")

    # The admin's list has it closed, by the lead.
    status, admin = server.post("/api/v1/auth/login", {"staff_id": "admin", "pin": PINS["admin"]})
    assert status == 200
    status, found = server.get("/api/v1/followups?status=closed", admin["token"])
    assert status == 200
    (closed,) = found
    assert (closed["ticket"], closed["status"], closed["resolution"]) == (
        rated.scj_late,
        "closed",
        "fixed",
    )
    assert [(n["kind"], n["actor"]) for n in closed["notes"]] == [
        ("contact", "staff:lead-scj"),
        ("close", "staff:lead-scj"),
    ]

    # … and so does the page for an admin, with every department's open ones.
    admin_page = open_staff_page(server, PAGE, OFFICE)
    sign_in(admin_page, "admin")
    signed_in_live(admin_page)
    expect(admin_page.locator("#dept-title")).to_have_text("全部单位 · 差评回访")
    expect(admin_page.locator("#open li.fu")).to_have_count(4)
    expect(item(admin_page, rated.rsj_late).locator(".fu-meta")).to_contain_text("人社局")
    expect(item(admin_page, rated.scj_late, "#closed")).to_contain_text("已整改")

    page.locator("#lang-toggle").click()
    expect(page.locator("#dept-title")).to_have_text("Follow-ups · Market Regulation Bureau")
    expect(page.locator("#summary")).to_have_text("2 open")
    expect(item(page, rated.scj_fresh).get_by_role("button", name="Log contact")).to_be_visible()
    expect(item(page, rated.scj_late, "#closed").locator(".fu-resolution")).to_have_text("Fixed")
    expect(page).to_have_title(re.compile(r"^Follow-ups · Test Service Hall"))
    page.screenshot(path=shots / "followups-en.png", full_page=True)
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"

    page.reload()  # the token is kept in sessionStorage for this tab
    signed_in_live(page)
    expect(page.locator("#dept-title")).to_have_text("Follow-ups · Market Regulation Bureau")
    expect(page.locator("#open li.fu")).to_have_count(2)


def test_a_press_during_a_live_update_opens_the_form_and_a_language_switch_keeps_the_note(
    rated_server: tuple[ServerProcess, Rated], open_staff_page: Callable[..., Any]
) -> None:
    """The open list is updated in place: a bad rating of the department comes in (the list
    is fetched again, a card is added) while the lead is pressing 记录联系; the press still
    opens the form, on the card pressed. The note being written survives the next update
    and a switch of language, which puts the form's words in English."""
    server, rated = rated_server
    page = open_staff_page(server, PAGE, OFFICE)
    sign_in(page, "lead-scj")
    signed_in_live(page)
    fresh = item(page, rated.scj_fresh)
    expect(page.locator("#open li.fu")).to_have_count(2)

    def a_bad_rating() -> None:
        ours = rate_live(server, "yyzz", 1, "s1a", 2)
        expect(item(page, ours)).to_be_visible(timeout=LIVE_S * 1000)

    kept = press_through_update(page, fresh.get_by_role("button", name="记录联系"), a_bad_rating)
    assert kept, "the card under the pointer was rebuilt"
    note = fresh.locator("textarea")
    expect(note).to_be_focused()
    words = "已回电说明材料清单，市民表示理解。"
    note.fill(words)
    rate_live(server, "spjy", 1, "s1a", 1)
    expect(page.locator("#open li.fu")).to_have_count(4, timeout=LIVE_S * 1000)
    expect(note).to_have_value(words)

    page.locator("#lang-toggle").click()
    expect(fresh.locator(".fu-form")).to_contain_text("Note (required)")
    expect(fresh.get_by_role("button", name="Save")).to_be_visible()
    expect(note).to_have_value(words)
    fresh.get_by_role("button", name="Save").click()
    expect(fresh.locator(".due-contact")).to_have_text(
        re.compile(r"^Contacted \d\d:\d\d$"), timeout=LIVE_S * 1000
    )
    expect(fresh.locator(".fu-form")).to_have_count(0)


@pytest.mark.parametrize(
    ("staff_id", "zh", "en"),
    [
        ("desk1", "不是单位首席代表或管理员", "neither a department lead nor an administrator"),
        ("s1a", "窗口工作人员须在窗口签到", "Window staff must sign in at a window"),
    ],
)
def test_window_staff_and_the_desk_are_refused_in_both_languages(
    tmp_path: Path,
    open_staff_page: Callable[..., Any],
    shots: Path,
    staff_id: str,
    zh: str,
    en: str,
) -> None:
    server = start_server(tmp_path).start()
    try:
        page = open_staff_page(server, PAGE, OFFICE)
        sign_in(page, staff_id)
        error = page.locator("#login-error")
        expect(error).to_be_visible(timeout=LIVE_S * 1000)
        expect(error).to_contain_text(zh)
        expect(error).to_contain_text(en)
        expect(page.locator("#dash")).to_be_hidden()
        assert page.evaluate("sessionStorage.getItem('hallq.followups.token')") is None
        if staff_id == "desk1":
            page.screenshot(path=shots / "followups-login-refused.png")
    finally:
        server.stop()
