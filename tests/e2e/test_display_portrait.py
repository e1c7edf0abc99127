"""The browser hall TV on a portrait screen (a TV on its side), in headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from queue_server.config import SAMPLE_HALL
from tests.e2e.test_pages import (  # noqa: F401 (open_big is a fixture)
    LEAST,
    LIVE_S,
    TILE_CHECK,
    TV,
    BigHall,
    _opener,
    assert_fits,
    display_live,
    open_big,
)
from tests.serverproc import ServerProcess

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

PORTRAIT = {"width": 1080, "height": 1920}
PORTRAIT_4K = {"width": 2160, "height": 3840}
PORTRAIT_10_16 = {"width": 1080, "height": 1728}  # 53 windows: 5 pages, 11 or 10 each
PAGES_BEFORE = 14  # the sample hall at 1080×1920 before the portrait layout: 4 tiles a page
# The landscape call line (display.css .hero-call: 15.5vmin) as a share of a 16:9 screen's width.
HERO_LANDSCAPE_SHARE = 0.155 * 9 / 16
LONG_NAME = "长治市郊区政务服务中心太行东街便民服务分中心"
LONG_NAME_EN = "Changzhi Jiaoqu District Government Service Centre, Taihang East Street Branch"

# Text cut or on top of other text, where test_pages.assert_fits does not look: the header,
# the panels' titles and legend, the call line, the zone waiting cells.
CUT_CHECK = """() => {
  const problems = [];
  const shown = el => el && getComputedStyle(el).display !== 'none' &&
    el.getBoundingClientRect().width > 0;
  const rect = el => el.getBoundingClientRect();
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 &&
    a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const ownText = el => [...el.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
  const name = el => (el.id || el.className) + ' "' + el.textContent.trim().slice(0, 30) + '"';
  const notCut = (el, box) => {
    // Half a line of slack in height: glyphs overhang a tight line-height, a hidden line not.
    const half = parseFloat(getComputedStyle(el).fontSize) / 2;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + half) {
      problems.push(name(el) + ' is cut');
    }
    if (!inside(rect(el), rect(box))) problems.push(name(el) + ' sticks out of ' + name(box));
  };
  const top = document.querySelector('.top');
  for (const id of ['hall-name', 'hall-name-en', 'clock-time', 'clock-date']) {
    notCut(document.getElementById(id), top);
  }
  const parts = [...top.children].filter(shown);
  parts.forEach((a, i) => parts.slice(i + 1).forEach(b => {
    if (overlap(rect(a), rect(b))) problems.push(name(a) + ' overlaps ' + name(b));
  }));
  for (const el of document.querySelectorAll('.panel-head span')) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (shown(el) && ownText(el) && rect(el).height > 2 * size) {
      problems.push(name(el) + ' wraps: ' + Math.round(rect(el).height) + 'px tall');
    }
  }
  const hero = document.getElementById('hero');
  const call = document.getElementById('hero-call');
  if (shown(call)) {
    if (!inside(rect(call), rect(hero))) problems.push('the call sticks out of its panel');
    const label = hero.querySelector('.hero-label');
    if (overlap(rect(label), rect(call))) problems.push('the call covers its label');
  }
  for (const cell of document.querySelectorAll('.wait-cell')) {
    for (const el of cell.querySelectorAll('*')) {
      if (shown(el) && ownText(el)) notCut(el, cell);
    }
    const names = cell.querySelector('.wait-names');
    const count = cell.querySelector('.wait-count');
    if (overlap(rect(names), rect(count))) problems.push(name(names) + ' overlaps its count');
  }
  return problems;
}"""

LAYOUT = """() => {
  const r = sel => {
    const b = document.querySelector(sel).getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom].map(v => Math.round(v * 10) / 10);
  };
  const grid = document.getElementById('windows');
  return {
    top: r('.top'), hero: r('#hero'), recent: r('.recent'), windows: r('.right'),
    waiting: r('#waiting'), ticker: r('.ticker'),
    columns: getComputedStyle(grid).gridTemplateColumns.split(' ').length,
    tile: grid.style.fontSize,
    call: parseFloat(getComputedStyle(document.getElementById('hero-call')).fontSize),
    page: document.getElementById('page-no').textContent,
  };
}"""


def assert_not_cut(page: Any, width: int, height: int) -> None:
    """assert_fits, and no text cut or covered in the header, titles, call and waiting cells."""
    assert_fits(page, width, height)
    problems = page.evaluate(CUT_CHECK)
    assert not problems, problems


def check_tiles_any(page: Any) -> dict[str, Any]:
    """test_pages.check_tiles for either orientation: the least sizes are shares of the
    screen's shorter side (display.css sizes in vmin), which is the height only in landscape."""
    size = page.viewport_size
    scale = min(size["width"], size["height"]) / size["height"]
    seen = dict(page.evaluate(TILE_CHECK, {k: v * scale for k, v in LEAST.items()}))
    assert not seen["problems"], seen["problems"]
    return seen


def every_page_any(page: Any) -> list[list[int]]:
    """Watch the grid turn until each of its pages was seen (each checked); windows per page."""
    label = page.locator("#page-no")
    expect(label).to_have_text(re.compile(r"^1/\d+$"), timeout=LIVE_S * 1000)
    pages = int(label.text_content().split("/")[1])
    found: dict[str, list[int]] = {}
    for _ in range(300):
        seen = check_tiles_any(page)
        found[seen["page"]] = seen["windows"]
        if len(found) == pages:
            break
        page.wait_for_timeout(150)
    assert sorted(found) == sorted(f"{i}/{pages}" for i in range(1, pages + 1)), sorted(found)
    return [found[f"{i}/{pages}"] for i in range(1, pages + 1)]


def assert_one_column(layout: dict[str, Any], width: int) -> None:
    """Portrait: header, call, recent calls, windows, waiting, notice one under another,
    the call and the windows across the screen."""
    order = ("top", "hero", "recent", "windows", "waiting", "ticker")
    for upper, lower in pairwise(order):
        assert layout[upper][3] <= layout[lower][1], (upper, lower, layout)
    for block in ("hero", "windows"):
        left, _, right, _ = layout[block]
        assert right - left > 0.95 * width, (block, layout[block])


@pytest.mark.parametrize(
    "viewport",
    [PORTRAIT, PORTRAIT_4K, PORTRAIT_10_16],
    ids=["1080x1920", "2160x3840", "1080x1728"],
)
def test_portrait_display_of_53_windows_fits_and_pages_every_window_once(
    sample_hall_server: ServerProcess,
    open_big: Callable[..., Any],  # noqa: F811
    shots: Path,
    viewport: dict[str, int],
) -> None:
    hall = BigHall(sample_hall_server)
    hall.busy()
    page = open_big("/display?page_s=1", viewport=viewport)
    display_live(page)
    expect(page.locator("#waiting")).to_contain_text("社保就业服务区")  # names: the final size
    expect(page.locator(".win").first).to_be_visible()
    pages = every_page_any(page)
    assert len(pages) < PAGES_BEFORE, f"{len(pages)} pages"
    assert [n for shown in pages for n in shown] == list(range(1, 54))  # each window once
    assert max(map(len, pages)) - min(map(len, pages)) <= 1, "pages are filled evenly"
    assert_not_cut(page, **viewport)
    assert_one_column(page.evaluate(LAYOUT), viewport["width"])

    page.goto(sample_hall_server.url + "/display?page_s=60")  # still, for the screenshot
    display_live(page)
    number = hall.call(6)  # an idle window
    expect(page.locator("#hero-number")).to_have_text(number, timeout=LIVE_S * 1000)
    expect(page.locator("#hero-window")).to_have_text("6")
    expect(page.locator("#hero")).to_have_class(re.compile(r"\bhero-flash\b"))
    expect(page.locator("#recent-list li").first).to_contain_text(number)
    page.wait_for_timeout(700)  # let the new call's entrance animation finish
    call = page.evaluate(LAYOUT)["call"]
    assert call / viewport["width"] >= HERO_LANDSCAPE_SHARE, f"call line {call}px"
    check_tiles_any(page)
    assert_not_cut(page, **viewport)
    page.screenshot(path=shots / f"display-portrait-{viewport['width']}x{viewport['height']}.png")


def test_display_lays_itself_out_again_when_the_screen_turns(
    sample_hall_server: ServerProcess,
    open_big: Callable[..., Any],  # noqa: F811
) -> None:
    hall = BigHall(sample_hall_server)
    for window in (1, 20, 40):
        number = hall.call(window)
    page = open_big("/display?page_s=600", viewport=TV)
    display_live(page)
    expect(page.locator("#waiting")).to_contain_text("社保就业服务区")
    expect(page.locator("#hero-number")).to_have_text(number)
    expect(page.locator("#page-no")).to_have_text("1/3")
    landscape = page.evaluate(LAYOUT)
    assert landscape["hero"][2] <= landscape["windows"][0], "call and windows side by side"

    page.set_viewport_size(PORTRAIT)
    page.wait_for_timeout(400)  # the grid is laid out again after a resize
    portrait = page.evaluate(LAYOUT)
    assert_one_column(portrait, PORTRAIT["width"])
    assert portrait["columns"] >= 3, "the grid uses the screen's width"
    assert int(portrait["page"].split("/")[1]) < PAGES_BEFORE, portrait["page"]
    assert portrait["call"] / PORTRAIT["width"] >= landscape["call"] / TV["width"]
    check_tiles_any(page)
    assert_not_cut(page, **PORTRAIT)

    page.set_viewport_size(TV)
    page.wait_for_timeout(400)
    assert page.evaluate(LAYOUT) == landscape, "turned back, the landscape layout is as it was"
    check_tiles_any(page)
    assert_not_cut(page, **TV)


@pytest.fixture
def long_name_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The sample hall under a name too long for one line of a portrait TV's header."""
    config = tmp_path / "hall.toml"
    text = SAMPLE_HALL.read_text(encoding="utf-8")
    text = text.replace('name = "长治市郊区政务服务中心"', f'name = "{LONG_NAME}"', 1)
    text = text.replace(
        'name_en = "Changzhi Jiaoqu District Government Service Centre"',
        f'name_en = "{LONG_NAME_EN}"',
        1,
    )
    config.write_text(text, encoding="utf-8")
    srv = ServerProcess(tmp_path, config=config).start()
    yield srv
    srv.stop()


@pytest.fixture
def open_long(browser: Any, long_name_server: ServerProcess) -> Iterator[Callable[..., Any]]:
    yield from _opener(browser, long_name_server)


def test_portrait_header_wraps_a_long_hall_name_beside_the_zone_and_the_reconnect_banner(
    long_name_server: ServerProcess, open_long: Callable[..., Any]
) -> None:
    page = open_long("/display?zone=welfare", viewport=PORTRAIT)
    display_live(page)
    expect(page.locator("#hall-name")).to_have_text(LONG_NAME)
    expect(page.locator("#zone-label")).to_contain_text("民生服务区")
    long_name_server.kill()
    expect(page.locator("#conn")).to_be_visible(timeout=LIVE_S * 1000)
    assert_not_cut(page, **PORTRAIT)
    name = page.locator("#hall-name")
    lines = name.evaluate(
        "el => Math.round(el.getBoundingClientRect().height /"
        " parseFloat(getComputedStyle(el).lineHeight))"
    )
    assert lines == 2, f"the name takes {lines} lines"
    size = float(name.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert size >= 0.04 * PORTRAIT["width"], f"the name is {size}px"  # 4.3vmin: not shrunk
