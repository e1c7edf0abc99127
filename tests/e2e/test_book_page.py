"""预约 from a phone (`/book`), in headless Chromium at 360 px, on a real server.

The server runs on the real clock, so each test books a day ahead (the last open day of the
horizon): none of its slots can begin while the test runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain import errors
from queue_server.domain.identity import check_digit, normalize_id
from tests.serverproc import MINI_HALL, ServerProcess

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

PHONE = {"width": 360, "height": 740}
HALL_TZ = ZoneInfo("Asia/Shanghai")
APPTS = "/api/v1/appointments"
KIOSK = "test-kiosk-key"
BOOKING_RULES = """
[appointments]
capacity = 2
matters = ["yyzz", "spjy", "ylbx", "sybx"]  # dbsq: walk-in only
horizon_days = 7
"""


def make_id(n: int) -> str:
    """A valid 18-digit resident ID, different for each `n`."""
    first17 = f"11010519800101{n:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def hall_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The small test hall, four of its five matters bookable, two places a slot."""
    config = tmp_path / "hall.toml"
    config.write_text(MINI_HALL.read_text(encoding="utf-8") + BOOKING_RULES, encoding="utf-8")
    srv = ServerProcess(tmp_path, config=config).start()
    yield srv
    srv.stop()


@pytest.fixture
def open_page(browser: Any, hall_server: ServerProcess) -> Iterator[Callable[..., Any]]:
    """Open a path of the server at phone size in a fresh context (own storage)."""
    contexts: list[Any] = []
    page_errors: list[str] = []

    def opener(path: str) -> Any:
        context = browser.new_context(viewport=PHONE, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda err: page_errors.append(str(err)))
        page.goto(hall_server.url + path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not page_errors, f"JavaScript errors: {page_errors}"


# --- the hall, through the API --------------------------------------------------------------
def a_day_ahead(server: ServerProcess, matter: str = "yyzz") -> str:
    """The last open day of the horizon (never today, so no slot of it begins meanwhile)."""
    status, body = server.get(f"{APPTS}/days?matter={matter}")
    assert status == 200, body
    days = [d["day"] for d in body["days"]]
    assert len(days) >= 2, days  # 7 days ahead hold at least four working days
    return str(days[-1])


def slots_of(server: ServerProcess, day: str, matter: str = "yyzz") -> dict[str, int]:
    status, body = server.get(f"{APPTS}/slots?matter={matter}&day={day}")
    assert status == 200, body
    return {s["slot"]: s["remaining"] for s in body["slots"]}


def book(server: ServerProcess, day: str, slot: str, n: int, matter: str = "yyzz") -> str:
    body = {"matter": matter, "day": day, "slot": slot, "id_number": make_id(n)}
    status, answer = server.post(APPTS, body)
    assert status == 201, answer
    return str(answer["code"])


def hall_clock(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(HALL_TZ).strftime("%H:%M")


# --- the page -------------------------------------------------------------------------------
def assert_no_horizontal_scroll(page: Any) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


def pick(page: Any, day: str, slot: str) -> None:
    """Tap a day, then a slot of it."""
    page.locator(f'#days [data-day="{day}"]').click()
    page.locator(f'#slots [data-slot="{slot}"]').click()
    expect(page.locator("#step-confirm")).to_be_visible()


def visible_matters(page: Any) -> list[str]:
    return [str(x) for x in page.locator(".matter-item:visible .matter-name").all_inner_texts()]


def test_a_citizen_books_a_slot_end_to_end_and_sees_the_code(
    hall_server: ServerProcess, open_page: Callable[..., Any], shots: Path
) -> None:
    day = a_day_ahead(hall_server)
    slot = next(iter(slots_of(hall_server, day)))
    page = open_page("/book")
    expect(page.locator("#hall-name")).to_have_text("测试政务服务大厅")
    expect(page.locator(".matter-item")).to_have_count(4)  # not 最低生活保障申请 (walk-in only)
    page.get_by_label("搜索事项").fill("gtgsh")  # pinyin initials of 个体工商户
    assert visible_matters(page) == ["个体工商户营业执照办理"]
    page.locator(".matter-item:visible").click()
    expect(page.locator("#chosen-name")).to_have_text("个体工商户营业执照办理")
    expect(page.locator("#days label").first).to_contain_text("余")
    pick(page, day, slot)
    page.get_by_label("身份证号", exact=True).fill(make_id(1))
    page.get_by_label("手机号（选填）").fill("138 0000 0000")
    expect(page.locator("#sum-matter")).to_have_text("个体工商户营业执照办理")
    expect(page.locator("#sum-time")).to_contain_text(slot)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=shots / "book-form-360.png", full_page=True)

    page.get_by_role("button", name="确认预约").click()
    done = page.locator("#done")
    expect(done).to_be_visible()
    expect(done).to_be_focused()
    expect(page.locator("#book-form")).to_be_hidden()
    code = page.locator("#done-code").inner_text()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code), code

    status, stored = hall_server.get(f"{APPTS}/{code}")
    assert status == 200, stored
    assert (stored["matter"], stored["day"], stored["slot"]) == ("yyzz", day, slot)
    assert stored["status"] == "booked" and stored["channel"] == "mobile"
    assert stored["id_masked"].endswith(make_id(1)[-4:])
    assert slots_of(hall_server, day)[slot] == 1

    expect(page.locator("#done-matter")).to_have_text("个体工商户营业执照办理")
    expect(page.locator("#done-time")).to_contain_text(f"{slot}–")
    # The check-in window in the hall's time (the browser runs in UTC): 30 min early, 15 late.
    window = f"{hall_clock(stored['check_in_from'])}–{hall_clock(stored['check_in_until'])}"
    expect(page.locator("#done-checkin")).to_have_text(window)
    expect(page.locator("#kiosk-hint")).to_contain_text("预约签到")
    materials = page.locator("#materials li")  # from the matter's guide in the catalogue
    expect(materials).to_have_count(2)
    expect(materials.first).to_contain_text("经营者身份证")
    expect(materials.first).to_contain_text("原件 1 份")
    expect(materials.nth(1)).to_contain_text("复印件 1 份")

    # The ID number is gone from the page and was never stored; the code is remembered.
    assert page.evaluate("document.getElementById('id-number').value") == ""
    storage = page.evaluate("JSON.stringify(Object.assign({}, localStorage, sessionStorage))")
    assert make_id(1) not in storage and make_id(1)[:17] not in storage
    expect(page.locator("#recent-list")).to_contain_text(code)
    expect(page.locator("#lookup-code")).to_have_value(code)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=shots / "book-confirmed-360.png", full_page=True)

    page.get_by_role("button", name="再预约一项").click()
    expect(page.locator("#matter-search")).to_be_focused()
    expect(page.locator(".matter-item:visible")).to_have_count(4)


def test_a_full_slot_is_disabled_and_a_slot_taken_meanwhile_is_refused(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    day = a_day_ahead(hall_server)
    full, last, *_ = slots_of(hall_server, day)
    book(hall_server, day, full, n=11)
    book(hall_server, day, full, n=12)
    book(hall_server, day, last, n=13)
    page = open_page("/book?matter=yyzz")  # preselected
    expect(page.locator("#chosen-name")).to_have_text("个体工商户营业执照办理")
    page.locator(f'#days [data-day="{day}"]').click()
    taken = page.locator(f'#slots [data-slot="{full}"]')
    expect(taken).to_contain_text("已约满")
    expect(taken.locator("input")).to_be_disabled()
    expect(page.locator(f'#slots [data-slot="{last}"]')).to_contain_text("余 1")
    total = 2 * len(slots_of(hall_server, day)) - 3
    expect(page.locator(f'#days [data-day="{day}"]')).to_contain_text(f"余 {total}")
    taken.click(force=True)  # a tap on a full slot chooses nothing
    expect(page.locator("#step-confirm")).to_be_hidden()

    pick(page, day, last)
    page.get_by_label("身份证号", exact=True).fill(make_id(14))
    book(hall_server, day, last, n=15)  # someone else takes the last place first
    page.get_by_role("button", name="确认预约").click()
    expect(page.locator("#time-error")).to_have_text("该预约时段已约满。")
    expect(page.locator(f'#slots [data-slot="{last}"] input')).to_be_disabled()
    expect(page.locator("#step-confirm")).to_be_hidden()
    assert_no_horizontal_scroll(page)


def test_a_bad_id_checksum_is_refused_before_anything_is_sent(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    day = a_day_ahead(hall_server, "sybx")
    slot = next(iter(slots_of(hall_server, day, "sybx")))
    page = open_page("/book?matter=sybx")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    pick(page, day, slot)
    id_field = page.get_by_label("身份证号", exact=True)
    submit = page.get_by_role("button", name="确认预约")

    submit.click()
    expect(page.locator("#id-error")).to_have_text("请填写申请人的身份证号。")
    good = make_id(2)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    id_field.fill(bad)
    submit.click()
    expect(page.locator("#id-error")).to_have_text("身份证号码无效，请核对18位号码。")
    expect(id_field).to_have_attribute("aria-invalid", "true")
    expect(id_field).to_be_focused()
    page.get_by_label("手机号（选填）").fill("call me")
    id_field.fill(good)
    submit.click()
    expect(page.locator("#phone-error")).to_have_text("手机号格式不正确，请只填写数字。")
    page.wait_for_timeout(300)
    assert posts == [], posts

    page.get_by_label("手机号（选填）").fill("")
    submit.click()
    expect(page.locator("#done")).to_be_visible()
    assert posts == [hall_server.url + APPTS]


def server_id(typed: str) -> str | None:
    try:
        return normalize_id(typed)
    except errors.InvalidIdNumber:
        return None


def test_the_pages_id_check_is_the_servers(open_page: Callable[..., Any]) -> None:
    """GB 11643 in the browser (hallq.js) agrees with queue_server/domain/identity.py."""
    page = open_page("/book")
    expect(page.locator("#book-form")).to_be_visible()
    valid = [make_id(n) for n in range(40)] + ["11010519491231002X"]
    typed = [
        *valid,
        *(v[:17] + d for v in valid[:10] for d in "0123456789X"),  # every check character
        "11010519491231002x",  # lower-case x
        " 11010519491231002X ",
        "１１０１０５１９４９１２３１００２Ｘ",  # fullwidth
        "11010519800230001X",  # 30 February
        "11010519000229001X",  # 1900 was no leap year
        "11010520000229001X",  # 2000 was
        "110105000001010011",  # year 0
        "110105198013010011",  # month 13
        "11010519491231002",  # 17 characters
        "1101051949123100X2",
        "11010519491231002X1",
        "",
    ]
    got = page.evaluate("list => list.map(HallQ.normalizeIdNumber)", typed)
    assert got == [server_id(x) for x in typed]
    assert sum(x is not None for x in got) > len(valid)  # both answers are exercised


def test_a_second_booking_shows_already_booked_in_chinese_then_in_english(
    hall_server: ServerProcess, open_page: Callable[..., Any], shots: Path
) -> None:
    day = a_day_ahead(hall_server)
    first, second, *_ = slots_of(hall_server, day)
    book(hall_server, day, first, n=3)
    page = open_page("/book?matter=yyzz")
    pick(page, day, second)
    page.get_by_label("身份证号", exact=True).fill(make_id(3))
    page.get_by_role("button", name="确认预约").click()
    error = page.locator("#book-error")
    expect(error).to_have_text("该身份证号当天已预约该事项。")  # the server's own words

    page.locator("#lang-toggle").click()
    expect(error).to_have_text(
        "This person already has an appointment for this matter on that day."
    )
    expect(page.locator("#lang-toggle")).to_have_text("中文")
    expect(page.locator("#h-time")).to_contain_text("Choose a day and time")
    expect(page.locator("#chosen-name")).to_have_text("Business licence for individual businesses")
    expect(page.locator(f'#slots [data-slot="{first}"]')).to_contain_text("1 left")
    expect(page.get_by_role("button", name="Book this time")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.screenshot(path=shots / "book-refused-en-360.png", full_page=True)
    assert slots_of(hall_server, day)[second] == 2  # nothing was booked

    page.reload()  # the language is remembered
    expect(page.locator("#lang-toggle")).to_have_text("中文")
    expect(page.locator("#chosen-name")).to_have_text("Business licence for individual businesses")


def test_a_phone_over_its_addresss_booking_limit_is_told_why_in_both_languages(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    day = a_day_ahead(hall_server)
    times = list(slots_of(hall_server, day))
    for n, slot in enumerate(times[:5], start=21):
        book(hall_server, day, slot, n)  # five from this address: the default limit an hour
    page = open_page("/book?matter=yyzz")
    pick(page, day, times[5])
    page.get_by_label("身份证号", exact=True).fill(make_id(26))
    page.get_by_role("button", name="确认预约").click()
    error = page.locator("#book-error")
    wait = r"(59|60)"  # minutes until the first of the five ages out
    expect(error).to_have_text(
        re.compile(rf"^该网络预约过于频繁，请{wait}分钟后再试，或到大厅导办台预约。$")
    )
    expect(page.locator("#done")).to_be_hidden()
    expect(page.get_by_role("button", name="确认预约")).to_be_visible()  # may try again later

    page.locator("#lang-toggle").click()
    expect(error).to_have_text(
        re.compile(
            rf"^Too many bookings from this network; try again in {wait} min, "
            r"or book at the hall's guide desk\.$"
        )
    )
    assert_no_horizontal_scroll(page)
    assert slots_of(hall_server, day)[times[5]] == 2  # nothing was booked


def test_look_up_and_cancel_a_booking_by_its_code(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    day = a_day_ahead(hall_server)
    slot = next(iter(slots_of(hall_server, day)))
    code = book(hall_server, day, slot, n=5)
    page = open_page("/book")
    lookup = page.get_by_label("预约码")
    lookup.fill("ZZZZZZ")
    lookup.press("Enter")
    expect(page.locator("#lookup-error")).to_have_text("未找到该预约码。")
    lookup.fill("no code!")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#lookup-error")).to_contain_text("预约码由字母和数字组成")

    lookup.fill(code.lower())  # as typed, in lower case
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#lookup-error")).to_be_hidden()
    expect(page.locator("#res-code")).to_have_text(code)
    expect(page.locator("#res-status")).to_have_text("已预约")
    expect(page.locator("#res-matter")).to_have_text("个体工商户营业执照办理")
    expect(page.locator("#res-time")).to_contain_text(slot)
    expect(page.locator("#res-id")).to_contain_text(make_id(5)[-4:])

    cancel_id = page.get_by_label("身份证号（与预约时填写的一致）")
    cancel_id.fill(make_id(6))
    page.get_by_role("button", name="取消预约").click()
    expect(page.locator("#cancel-error")).to_have_text("身份证号与预约时填写的不一致。")
    assert hall_server.get(f"{APPTS}/{code}")[1]["status"] == "booked"

    cancel_id.fill(make_id(5))
    page.get_by_role("button", name="取消预约").click()
    expect(page.locator("#res-status")).to_have_text("已取消")
    expect(page.locator("#res-note")).to_contain_text("预约已取消")
    expect(page.locator("#cancel-form")).to_be_hidden()
    expect(cancel_id).to_have_value("")
    assert hall_server.get(f"{APPTS}/{code}")[1]["status"] == "cancelled"
    assert slots_of(hall_server, day)[slot] == 2  # the place is free again
    assert_no_horizontal_scroll(page)


def test_booking_works_with_the_keyboard_alone(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    day = a_day_ahead(hall_server, "ylbx")
    slot = list(slots_of(hall_server, day, "ylbx"))[1]
    page = open_page("/book")
    expect(page.locator("#matter-search")).to_be_visible()
    page.keyboard.press("Tab")  # the first stop is the language button
    expect(page.locator("#lang-toggle")).to_be_focused()
    page.locator("#matter-search").focus()
    page.keyboard.type("pension")  # the English name
    page.keyboard.press("Enter")  # the only match
    expect(page.locator("#chosen-name")).to_have_text("城乡居民养老保险参保登记")
    expect(page.locator("#matter-change")).to_be_focused()
    page.locator(f'#days [data-day="{day}"] input').focus()
    page.keyboard.press("Space")
    page.locator(f'#slots [data-slot="{slot}"] input').focus()
    page.keyboard.press("Space")
    page.get_by_label("身份证号", exact=True).focus()
    page.keyboard.type(make_id(7))
    page.keyboard.press("Enter")
    expect(page.locator("#done")).to_be_focused()
    code = page.locator("#done-code").inner_text()
    assert hall_server.get(f"{APPTS}/{code}")[1]["slot"] == slot
    heights = page.evaluate(
        """() => [...document.querySelectorAll('button:not([hidden]), .pick, .field')]
             .filter(el => el.offsetParent !== null)
             .map(el => el.getBoundingClientRect().height)"""
    )
    assert heights and min(heights) >= 44, heights  # tap targets


def test_a_matter_that_cannot_be_booked_is_explained(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    page = open_page("/book?matter=dbsq")
    expect(page.locator("#pre-note")).to_contain_text("“最低生活保障申请”不提供在线预约")
    expect(page.locator(".matter-item:visible")).to_have_count(4)
    page.get_by_label("搜索事项").fill("失业")
    assert visible_matters(page) == ["失业保险金申领"]
    page.get_by_label("搜索事项").fill("低保 nothing")
    expect(page.locator("#no-match")).to_be_visible()
    page.locator("#lang-toggle").click()
    expect(page.locator("#pre-note")).to_contain_text(
        "“Minimum living allowance application” cannot be booked online"
    )
    assert_no_horizontal_scroll(page)


def test_the_phone_page_links_to_booking_once_the_visit_is_over(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    status, ticket = hall_server.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK)
    assert status == 201, ticket
    page = open_page(f"/t/{ticket['token']}")
    expect(page.locator("#number")).to_have_text(ticket["number"])
    expect(page.locator("#book-link")).to_be_hidden()  # waiting: nothing to distract

    body = {"staff_id": "s1a", "pin": "1111", "window": 1}
    staff = hall_server.post("/api/v1/auth/login", body)[1]["token"]
    hall_server.post("/api/v1/windows/1/call-next", None, staff)
    outcome = {"outcome": "needs_more", "missing_materials": ["经营场所证明"]}
    status, answer = hall_server.post("/api/v1/windows/1/complete", outcome, staff)
    assert status == 200, answer
    link = page.locator("#book-link")
    expect(link).to_be_visible(timeout=5000)
    expect(link).to_have_text("补齐材料后可在线预约再来办理")
    link.click()
    expect(page).to_have_url(re.compile(r"/book\?matter=yyzz$"))
    expect(page.locator("#chosen-name")).to_have_text("个体工商户营业执照办理")
