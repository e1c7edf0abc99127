"""The phone status page and the browser hall TV, in headless Chromium, on a real server."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from queue_server.config import SAMPLE_HALL, HallConfig, load_hall
from queue_server.domain.identity import check_digit
from tests.integration.apiutil import PINS
from tests.serverproc import ServerProcess

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

KIOSK = "test-kiosk-key"
LIVE_S = 5  # a live update must reach the page within this many seconds
PHONE = {"width": 360, "height": 740}


# --- the hall, driven through the API -------------------------------------------------------
def issue(server: ServerProcess, matter: str) -> dict[str, Any]:
    status, body = server.post("/api/v1/tickets", {"matter": matter}, KIOSK)
    assert status == 201, body
    return dict(body)


def login(server: ServerProcess, staff: str, window: int) -> str:
    body = {"staff_id": staff, "pin": PINS[staff], "window": window}
    status, answer = server.post("/api/v1/auth/login", body)
    assert status == 200, answer
    return str(answer["token"])


def act(
    server: ServerProcess, token: str, window: int, action: str, body: Any = None
) -> dict[str, Any]:
    status, answer = server.post(f"/api/v1/windows/{window}/{action}", body, token)
    assert status == 200, (action, answer)
    return dict(answer)


def serve_one(server: ServerProcess, token: str, window: int) -> str:
    """Call the next ticket at `window` and complete it; its number."""
    number = act(server, token, window, "call-next")["ticket"]["number"]
    act(server, token, window, "complete", {"outcome": "done"})
    return str(number)


# --- pages ----------------------------------------------------------------------------------
@pytest.fixture
def open_page(browser: Any, hall_server: ServerProcess) -> Iterator[Callable[..., Any]]:
    """Open a path of the server in a fresh browser context (own storage) and return the page."""
    yield from _opener(browser, hall_server)


def _opener(browser: Any, server: ServerProcess) -> Iterator[Callable[..., Any]]:
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(path: str, viewport: dict[str, int] = PHONE, block_events: bool = False) -> Any:
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        if block_events:  # a page that hears nothing live (its socket goes nowhere)
            page.route_web_socket(re.compile(r"/api/v1/events"), lambda ws: None)
        page.goto(server.url + path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def assert_no_horizontal_scroll(page: Any, width: int = PHONE["width"]) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def phone_live(page: Any) -> None:
    """Wait until the page's live stream is connected."""
    expect(page.locator("#live-text")).to_have_text("实时更新中", timeout=LIVE_S * 1000)


# --- the phone page -------------------------------------------------------------------------
def test_phone_page_shows_position_then_the_call_banner_without_reloading(
    hall_server: ServerProcess, open_page: Callable[..., Any], shots: Path
) -> None:
    first = issue(hall_server, "yyzz")
    mine = issue(hall_server, "yyzz")
    page = open_page(f"/t/{mine['token']}")
    expect(page.locator("#number")).to_have_text(mine["number"])
    expect(page.locator("#matter")).to_have_text("个体工商户营业执照办理")
    expect(page.locator("#status-chip")).to_have_text("等候中")
    expect(page.locator("#ahead")).to_have_text("1")
    phone_live(page)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=shots / "phone-status-360.png", full_page=True)
    page.evaluate("window.__sameDocument = true")

    staff = login(hall_server, "s1a", 1)
    assert act(hall_server, staff, 1, "call-next")["ticket"]["number"] == first["number"]
    expect(page.locator("#ahead")).to_have_text("0", timeout=LIVE_S * 1000)
    expect(page.locator("#banner-next")).to_contain_text("快到您了")

    act(hall_server, staff, 1, "complete", {"outcome": "done"})
    assert act(hall_server, staff, 1, "call-next")["ticket"]["number"] == mine["number"]
    banner = page.locator("#banner-call")
    expect(banner).to_be_visible(timeout=LIVE_S * 1000)
    expect(banner).to_contain_text("轮到您了")
    expect(page.locator("#banner-window-no")).to_have_text("1 号窗口")
    expect(page.locator("#status-chip")).to_have_text("已叫号，请到 1 号窗口")
    expect(page.locator("#banner-next")).to_be_hidden()
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"
    assert_no_horizontal_scroll(page)
    page.screenshot(path=shots / "phone-called-360.png", full_page=True)


def test_phone_page_switches_to_english_and_remembers_it(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    issue(hall_server, "sybx")
    mine = issue(hall_server, "sybx")
    page = open_page(f"/t/{mine['token']}")
    expect(page.locator("#status-chip")).to_have_text("等候中")
    page.locator("#lang-toggle").click()
    expect(page.locator("#status-chip")).to_have_text("Waiting")
    expect(page.locator("#matter")).to_have_text("Unemployment benefit claim")
    expect(page.get_by_text("People ahead")).to_be_visible()
    expect(page.locator("#lang-toggle")).to_have_text("中文")
    assert_no_horizontal_scroll(page)

    page.reload()
    expect(page.locator("#status-chip")).to_have_text("Waiting")
    page.locator("#lang-toggle").click()
    expect(page.locator("#status-chip")).to_have_text("等候中")

    fresh = open_page(f"/t/{mine['token']}?lang=en")
    expect(fresh.locator("#status-chip")).to_have_text("Waiting")
    expect(fresh.locator("#lang-toggle")).to_have_text("中文")


def test_rating_form_posts_once_and_a_second_rating_is_refused_gracefully(
    hall_server: ServerProcess, open_page: Callable[..., Any], shots: Path
) -> None:
    ticket = issue(hall_server, "yyzz")
    staff = login(hall_server, "s1a", 1)
    serve_one(hall_server, staff, 1)
    stale = open_page(f"/t/{ticket['token']}", block_events=True)  # e.g. a second tab
    expect(stale.locator("#rating")).to_be_visible()

    page = open_page(f"/t/{ticket['token']}")
    expect(page.locator("#status-chip")).to_have_text("已办结")
    expect(page.locator("#rating")).to_be_visible()
    expect(page.locator("#rating-submit")).to_be_disabled()
    expect(page.locator("#reasons")).to_be_hidden()
    page.get_by_text("不满意", exact=True).click()
    expect(page.locator("#reasons")).to_be_visible()
    page.get_by_text("等候时间过长").click()
    assert_no_horizontal_scroll(page)
    page.screenshot(path=shots / "phone-rating-360.png", full_page=True)
    page.locator("#rating-submit").click()
    expect(page.locator("#thanks")).to_contain_text("感谢您的评价", timeout=LIVE_S * 1000)
    expect(page.locator("#thanks")).to_contain_text("不满意")
    expect(page.locator("#rating")).to_be_hidden()
    status, body = hall_server.get(f"/api/v1/tickets/{ticket['token']}")
    assert status == 200 and body["rated"] is True

    again = {"rating": 5}
    status, body = hall_server.post(f"/api/v1/tickets/{ticket['token']}/evaluation", again)
    assert status == 409 and body["error"]["code"] == "already_rated"

    expect(stale.locator("#rating")).to_be_visible()  # it never heard of the rating
    stale.get_by_text("非常满意", exact=True).click()
    stale.locator("#rating-submit").click()
    expect(stale.locator("#thanks")).to_contain_text("您已评价", timeout=LIVE_S * 1000)
    expect(stale.locator("#rating")).to_be_hidden()
    expect(stale.locator("#rating-error")).to_be_hidden()


def test_no_show_page_explains_the_requeue_at_the_kiosk(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    ticket = issue(hall_server, "yyzz")
    page = open_page(f"/t/{ticket['token']}")
    phone_live(page)
    staff = login(hall_server, "s1a", 1)
    act(hall_server, staff, 1, "call-next")
    expect(page.locator("#banner-call")).to_be_visible(timeout=LIVE_S * 1000)
    act(hall_server, staff, 1, "no-show")
    expect(page.locator("#status-chip")).to_have_text("过号", timeout=LIVE_S * 1000)
    expect(page.locator("#note")).to_contain_text("扫码重新排队")
    expect(page.locator("#banner-call")).to_be_hidden()


def test_a_ticket_voided_at_the_desk_shows_cancelled_live(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    ticket = issue(hall_server, "yyzz")
    page = open_page(f"/t/{ticket['token']}")
    expect(page.locator("#status-chip")).to_have_text("等候中")
    phone_live(page)
    body = {"staff_id": "desk1", "pin": PINS["desk1"]}
    status, desk = hall_server.post("/api/v1/auth/login", body)
    assert status == 200, desk
    status, answer = hall_server.post(
        f"/api/v1/tickets/{ticket['token']}/cancel", {"reason": "取错号"}, desk["token"]
    )
    assert status == 200 and answer["status"] == "cancelled", answer
    expect(page.locator("#status-chip")).to_have_text("已取消", timeout=LIVE_S * 1000)
    expect(page.locator("#note")).to_contain_text("此号票已取消")
    page.locator("#lang-toggle").click()
    expect(page.locator("#status-chip")).to_have_text("Cancelled")
    expect(page.locator("#note")).to_contain_text("This ticket was cancelled")


def test_unknown_ticket_shows_a_friendly_bilingual_not_found(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    page = open_page("/t/no-such-ticket-token")
    expect(page.locator("#notfound")).to_be_visible()
    expect(page.locator("#notfound")).to_contain_text("未找到该号票")
    expect(page.locator("#notfound")).to_contain_text("Ticket not found")
    expect(page.locator("#ticket")).to_be_hidden()
    assert_no_horizontal_scroll(page)


def test_token_is_never_templated_into_the_page(hall_server: ServerProcess) -> None:
    import urllib.request

    evil = "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    with urllib.request.urlopen(f"{hall_server.url}/t/{evil}") as resp:
        html = resp.read().decode()
        assert resp.headers["Content-Type"].startswith("text/html")
        assert resp.headers["Referrer-Policy"] == "no-referrer"  # the token is in the URL
    assert "alert(1)" not in html and "onerror" not in html


# --- the hall TV ----------------------------------------------------------------------------
TV = {"width": 1920, "height": 1080}


def display_live(page: Any) -> None:
    expect(page.locator("body")).to_have_attribute("data-conn", "online", timeout=LIVE_S * 1000)


def assert_fits(page: Any, width: int, height: int) -> None:
    """Nothing sticks out of a TV screen: no scrolling, every block inside the viewport."""
    box = page.evaluate(
        """() => {
          const r = { right: 0, bottom: 0 };
          for (const el of document.querySelectorAll('.tv > *, .panel, .hero, .wait-cell')) {
            const b = el.getBoundingClientRect();
            r.right = Math.max(r.right, b.right); r.bottom = Math.max(r.bottom, b.bottom);
          }
          return r;
        }"""
    )
    assert box["right"] <= width + 0.5 and box["bottom"] <= height + 0.5, box
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.win, .recent-row, .wait-cell')]
             .filter(el => el.scrollHeight > el.clientHeight + 1).map(el => el.className)"""
    )
    assert not clipped, f"text cut off in {clipped}"


def test_display_shows_a_new_call_and_a_paused_window(
    hall_server: ServerProcess, open_page: Callable[..., Any], shots: Path
) -> None:
    for matter in ("yyzz", "yyzz", "yyzz", "sybx", "sybx", "dbsq"):
        issue(hall_server, matter)
    s4 = login(hall_server, "s4a", 4)
    act(hall_server, s4, 4, "call-next")
    act(hall_server, s4, 4, "start")
    s1 = login(hall_server, "s1a", 1)
    page = open_page("/display", viewport=TV)
    display_live(page)
    expect(page.locator("#hall-name")).to_have_text("测试政务服务大厅")
    tile4 = page.locator('.win[data-window="4"]')
    expect(tile4.locator(".win-st")).to_have_text("办理中")
    expect(page.locator('.win[data-window="2"] .win-st')).to_have_text("未开放")

    s3 = login(hall_server, "s3a", 3)
    act(hall_server, s3, 3, "pause", {"reason": "午休"})
    tile3 = page.locator('.win[data-window="3"]')
    expect(tile3.locator(".win-st")).to_have_text("暂停服务", timeout=LIVE_S * 1000)
    expect(tile3).to_contain_text("午休")

    served = serve_one(hall_server, s1, 1)
    number = act(hall_server, s1, 1, "call-next")["ticket"]["number"]
    expect(page.locator("#recent-list li").first).to_contain_text(number, timeout=LIVE_S * 1000)
    expect(page.locator("#recent-list li").nth(1)).to_contain_text(served)
    # Each call keeps the highlight a few seconds before the next one takes it.
    expect(page.locator("#hero-number")).to_have_text(number, timeout=(LIVE_S + 5) * 1000)
    expect(page.locator("#hero-window")).to_have_text("1")
    expect(page.locator("#hero")).to_have_class(re.compile(r"\bhero-flash\b"))
    expect(page.locator('.win[data-window="1"] .win-ticket')).to_have_text(number)
    expect(page.locator("#waiting")).to_contain_text("等候")
    expect(page.locator("#ticker-text")).to_contain_text("欢迎来到测试政务服务大厅")
    expect(page.locator("#conn")).to_be_hidden()
    assert_fits(page, **TV)
    page.wait_for_timeout(700)  # let the new call's entrance animation finish
    page.screenshot(path=shots / "display-1920x1080.png")

    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(400)  # the grid re-lays itself out after a resize
    assert_fits(page, 1280, 720)
    page.screenshot(path=shots / "display-1280x720.png")


def test_zone_display_shows_only_its_zone(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    issue(hall_server, "yyzz")
    issue(hall_server, "sybx")
    page = open_page("/display?zone=B", viewport=TV)
    display_live(page)
    expect(page.locator("#zone-label")).to_contain_text("社保服务区")
    expect(page.locator(".win")).to_have_count(2)  # windows 3 and 4
    s1 = login(hall_server, "s1a", 1)
    s3 = login(hall_server, "s3a", 3)
    act(hall_server, s1, 1, "call-next")  # zone A: not on this screen
    number = act(hall_server, s3, 3, "call-next")["ticket"]["number"]
    expect(page.locator("#hero-number")).to_have_text(number, timeout=LIVE_S * 1000)
    expect(page.locator("#recent-list li").first).to_contain_text(number)
    expect(page.locator("#recent-list")).not_to_contain_text("A001")


def test_display_with_a_mistyped_zone_says_so(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    page = open_page("/display?zone=Z", viewport=TV)
    expect(page.locator("#zone-label")).to_contain_text("Unknown zone")
    expect(page.locator("#zone-label")).to_contain_text("Z")
    expect(page.locator("#conn")).to_be_hidden()
    expect(page.locator(".win")).to_have_count(0)


def test_display_reconnects_after_a_server_restart_and_shows_the_calls_it_missed(
    hall_server: ServerProcess, open_page: Callable[..., Any]
) -> None:
    issue(hall_server, "yyzz")
    page = open_page("/display", viewport=TV)
    display_live(page)
    expect(page.locator("#conn")).to_be_hidden()

    hall_server.kill()
    expect(page.locator("#conn")).to_be_visible(timeout=LIVE_S * 1000)
    expect(page.locator("#conn")).to_contain_text("连接中断")

    hall_server.start()
    missed = issue(hall_server, "sybx")
    s1 = login(hall_server, "s1a", 1)
    s3 = login(hall_server, "s3a", 3)
    first = act(hall_server, s1, 1, "call-next")["ticket"]["number"]
    second = act(hall_server, s3, 3, "call-next")["ticket"]["number"]
    assert second == missed["number"]
    recent = page.locator("#recent-list")
    expect(recent).to_contain_text(second, timeout=20_000)  # the back-off is at most 10 s
    expect(recent).to_contain_text(first)
    expect(page.locator("#conn")).to_be_hidden()
    expect(page.locator('.win[data-window="3"] .win-ticket')).to_have_text(second)


# --- the hall TV of a big hall: pages of windows ----------------------------------------------
SAMPLE_KIOSK = "demo-kiosk-key-1"
TILE_MIN_VH = 1.4  # display.css --tile-min: no text of a window tile is smaller
WINDOW_NO_MIN_VH = 2.5  # 1.3em of --tile-base-min (1.9vh)
TICKET_MIN_VH = 3.99  # 2.1em of --tile-base-min


class BigHall:
    """The sample hall's server (53 windows), driven over HTTP."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.config: HallConfig = load_hall(SAMPLE_HALL)
        self.tokens: dict[int, str] = {}
        self.ids = 0

    def sign_in(self, window: int) -> None:
        staff = self.config.window(window).staff_a  # type: ignore[union-attr]
        body = {"staff_id": staff, "pin": "1234", "window": window}
        status, answer = self.server.post("/api/v1/auth/login", body)
        assert status == 200, answer
        self.tokens[window] = str(answer["token"])

    def issue_for(self, window: int) -> None:
        """A ticket that `window` serves (with an ID number when its matter is real-name)."""
        config = self.config.window(window)
        assert config is not None
        body: dict[str, Any] = {"matter": config.profile[0]}
        matter = self.config.matter(config.profile[0])
        if matter is not None and matter.real_name:
            self.ids += 1
            first17 = f"1404021985031{self.ids:04d}"
            body["id_number"] = first17 + check_digit(first17)
        status, answer = self.server.post("/api/v1/tickets", body, SAMPLE_KIOSK)
        assert status == 201, answer

    def call(self, window: int) -> str:
        if window not in self.tokens:
            self.sign_in(window)
        self.issue_for(window)
        return str(act(self.server, self.tokens[window], window, "call-next")["ticket"]["number"])

    def busy(self) -> None:
        """Calls and serving on every page, a few windows closed, two paused."""
        for number in range(1, 54):
            if number % 7 == 3:
                continue  # nobody signed in: 未开放
            self.sign_in(number)
            if number % 3 == 0:
                continue  # open, idle
            self.call(number)
            if number % 2:
                act(self.server, self.tokens[number], number, "start")
        for number, reason in ((12, "午休"), (48, "会议")):  # idle ones
            act(self.server, self.tokens[number], number, "pause", {"reason": reason})
        for number in range(1, 54, 5):
            self.issue_for(number)  # people waiting in every zone


TILE_CHECK = """(least) => {
  const vh = innerHeight / 100;
  const problems = [];
  const size = (el, pseudo) => parseFloat(getComputedStyle(el, pseudo).fontSize);
  const tiles = [...document.querySelectorAll('.win')];
  for (const tile of tiles) {
    const n = tile.dataset.window;
    const box = tile.getBoundingClientRect();
    if (tile.scrollHeight > tile.clientHeight + 1) problems.push(n + ': content taller than tile');
    for (const el of [tile, ...tile.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      if (style.display === 'none') continue;
      const what = n + ' ' + el.className + ' "' + el.textContent + '"';
      const text = [...el.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
      if (text && size(el) < least.text * vh - 0.01) problems.push(what + ': ' + size(el) + 'px');
      if (el.scrollWidth > el.clientWidth) problems.push(what + ': overflows');
      const r = el.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5) {
        problems.push(what + ': outside its tile');
      }
    }
    const no = tile.querySelector('.win-no');
    if (size(no) < least.number * vh) problems.push(n + ': window number ' + size(no) + 'px');
    if (size(no, '::after') < least.text * vh) problems.push(n + ': 号 ' + size(no, '::after'));
    const ticket = tile.querySelector('.win-ticket');
    if (!ticket.querySelector('.win-reason') && size(ticket) < least.ticket * vh) {
      problems.push(n + ': ticket ' + size(ticket) + 'px');
    }
  }
  const label = document.getElementById('page-no');
  return {
    page: label.hidden ? '' : label.textContent,
    windows: tiles.map(t => Number(t.dataset.window)),
    problems: problems,
  };
}"""
LEAST = {"text": TILE_MIN_VH, "number": WINDOW_NO_MIN_VH, "ticket": TICKET_MIN_VH}


def check_tiles(page: Any) -> dict[str, Any]:
    """The page shown now: its label, its windows; every tile's text legible and inside it."""
    seen = dict(page.evaluate(TILE_CHECK, LEAST))
    assert not seen["problems"], seen["problems"]
    return seen


def every_page(page: Any, pages: int) -> list[list[int]]:
    """Watch the grid turn until each page was seen (each checked); windows per page."""
    found: dict[str, list[int]] = {}
    for _ in range(200):
        seen = check_tiles(page)
        found[seen["page"]] = seen["windows"]
        if len(found) == pages:
            break
        page.wait_for_timeout(150)
    assert sorted(found) == [f"{i}/{pages}" for i in range(1, pages + 1)], sorted(found)
    return [found[f"{i}/{pages}"] for i in range(1, pages + 1)]


@pytest.fixture
def open_big(browser: Any, sample_hall_server: ServerProcess) -> Iterator[Callable[..., Any]]:
    yield from _opener(browser, sample_hall_server)


def test_display_of_53_windows_pages_them_in_legible_tiles_at_every_size(
    sample_hall_server: ServerProcess, open_big: Callable[..., Any], shots: Path
) -> None:
    hall = BigHall(sample_hall_server)
    hall.busy()
    page = open_big("/display?page_s=1", viewport=TV)
    display_live(page)
    expect(page.locator(".win").first).to_be_visible()
    expect(page.locator("#page-no")).to_have_text("1/3")
    # Window order, pages filled evenly as on the Qt TV: 18, 18, 17.
    pages = every_page(page, 3)
    assert pages == [list(range(1, 19)), list(range(19, 37)), list(range(37, 54))]
    expect(page.locator("#page-no")).to_have_text("1/3", timeout=3000)  # and round again
    expect(page.locator('.win[data-window="12"]')).to_contain_text("午休")
    assert_fits(page, **TV)

    page.goto(sample_hall_server.url + "/display?page_s=60")  # still, for the screenshots
    display_live(page)
    expect(page.locator("#page-no")).to_have_text("1/3")
    number = hall.call(6)  # an idle window
    expect(page.locator("#hero-number")).to_have_text(number, timeout=LIVE_S * 1000)
    expect(page.locator('.win[data-window="6"] .win-ticket')).to_have_text(number)
    check_tiles(page)
    page.wait_for_timeout(700)
    page.screenshot(path=shots / "display-paged-1920x1080.png")
    for width, height in ((1280, 720), (3840, 2160)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # the grid is laid out again after a resize
        assert check_tiles(page)["page"] == "1/3", f"{width}x{height} pages differently"
        assert_fits(page, width, height)
        page.screenshot(path=shots / f"display-paged-{width}x{height}.png")


def test_zone_display_of_the_big_hall_fits_one_page(
    sample_hall_server: ServerProcess, open_big: Callable[..., Any]
) -> None:
    hall = BigHall(sample_hall_server)
    hall.call(50)
    for zone, count in (("social", 13), ("welfare", 16)):
        page = open_big(f"/display?zone={zone}&page_s=1", viewport=TV)
        display_live(page)
        expect(page.locator(".win")).to_have_count(count)
        expect(page.locator("#page-no")).to_be_hidden()
        page.wait_for_timeout(1500)  # a page's time goes by: nothing turns
        seen = check_tiles(page)
        assert seen["page"] == "" and len(seen["windows"]) == count
        assert_fits(page, **TV)


def test_zone_display_takes_the_zone_s_ticket_prefix_as_the_help_desk_does(
    sample_hall_server: ServerProcess, open_big: Callable[..., Any]
) -> None:
    hall = BigHall(sample_hall_server)
    page = open_big("/display?zone=b", viewport=TV)  # welfare's tickets are B…
    display_live(page)
    expect(page.locator("#zone-label")).to_contain_text("民生服务区")
    expect(page.locator(".win")).to_have_count(16)
    expect(page.locator("#conn")).to_be_hidden()
    welfare = next(w.number for w in hall.config.windows if w.zone == "welfare")
    number = hall.call(welfare)
    expect(page.locator("#hero-number")).to_have_text(number, timeout=LIVE_S * 1000)


def test_newest_call_is_shown_large_whatever_page_the_grid_is_on(
    sample_hall_server: ServerProcess, open_big: Callable[..., Any]
) -> None:
    hall = BigHall(sample_hall_server)
    hall.sign_in(1)
    page = open_big("/display?page_s=3", viewport=TV)
    display_live(page)
    label = page.locator("#page-no")
    expect(label).to_have_text("2/3", timeout=6000)
    assert page.locator('.win[data-window="1"]').count() == 0  # window 1 is not on screen
    number = hall.call(1)
    expect(page.locator("#hero-number")).to_have_text(number, timeout=LIVE_S * 1000)
    expect(page.locator("#hero-window")).to_have_text("1")
    expect(page.locator("#hero")).to_have_class(re.compile(r"\bhero-flash\b"))
    assert label.text_content() != "1/3"  # shown while another page is up
    expect(page.locator("#recent-list li").first).to_contain_text(number)
    # The call reached window 1's tile too, seen when its page comes round.
    expect(page.locator('.win[data-window="1"] .win-ticket')).to_have_text(number, timeout=10_000)
    expect(label).to_have_text("1/3")
