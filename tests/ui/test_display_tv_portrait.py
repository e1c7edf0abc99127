"""The Qt hall TV on its side (9:16, 10:16, 4K) against a real `hallq serve` of the sample
hall: one column, the call large on top, nothing cut or drawn over, and back to landscape."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF
from pytestqt.qtbot import QtBot

from counter_display.announcer import RecordingAnnouncer
from counter_display.apps import Display, build_display
from counter_display.cli import add_parsers
from counter_display.tv import HallTV
from queue_server.config import SAMPLE_HALL, load_hall
from queue_server.domain.identity import check_digit
from tests.serverproc import ServerProcess
from tests.ui.counter_support import WAIT_MS

KIOSK = "demo-kiosk-key-1"  # the sample hall's kiosk
LONG_NAME = "长治市郊区政务服务中心太行东街便民服务分中心"
LONG_NAME_EN = "Changzhi Jiaoqu District Government Service Centre, Taihang East Street Branch"
# The TV's parts from top to bottom in portrait.
ORDER = ("header", "call_panel", "recent", "grid", "waiting", "notice")
# At 1920×1080 the smallest text of the TV (a tile's English state) is 13 px; on its side
# the TV shows nothing smaller than 12 px per 1080 pixels of its width.
READABLE_PX = 12
# What the TV at 1920×1080 looks like (counter_display/tv.py before portrait existed).
LANDSCAPE_1080P = {
    "header": (24, 10, 1872, 104),
    "call_panel": (24, 132, 871, 382),
    "recent": (24, 532, 871, 334),
    "grid": (913, 132, 983, 734),
    "waiting": (24, 884, 1872, 92),
    "notice": (24, 994, 1872, 62),
}


def sample_hall_copy(workdir: Path, *, long_name: bool = False) -> Path:
    """The sample hall's file, its name made too long for a portrait header if asked."""
    text = SAMPLE_HALL.read_text(encoding="utf-8")
    if long_name:
        text = text.replace('name = "长治市郊区政务服务中心"', f'name = "{LONG_NAME}"', 1)
        text = text.replace(
            'name_en = "Changzhi Jiaoqu District Government Service Centre"',
            f'name_en = "{LONG_NAME_EN}"',
            1,
        )
    path = workdir / "hall.toml"
    path.write_text(text, encoding="utf-8")
    return path


def make_busy(server: ServerProcess) -> None:
    """Staff at a dozen windows, tickets called (some being served), one window paused,
    and window 6 calls last: the call the big panel shows."""
    hall = load_hall(SAMPLE_HALL)
    tokens: dict[int, str] = {}
    for n, number in enumerate((1, 2, 4, 5, 7, 8, 9, 11, 12, 13, 14, 6)):
        window = hall.window(number)
        assert window is not None
        status, answer = server.post(
            "/api/v1/auth/login", {"staff_id": window.staff_a, "pin": "1234", "window": number}
        )
        assert status == 200, answer
        tokens[number] = answer["token"]
        body: dict[str, Any] = {"matter": window.profile[0]}
        matter = hall.matter(window.profile[0])
        if matter is not None and matter.real_name:
            first17 = f"1404021985031{n:04d}"
            body["id_number"] = first17 + check_digit(first17)
        status, ticket = server.post("/api/v1/tickets", body, token=KIOSK)
        assert status == 201, ticket
    for number, token in tokens.items():
        if number == 12:
            server.post(f"/api/v1/windows/{number}/pause", {"reason": "午休"}, token)
            continue
        assert server.post(f"/api/v1/windows/{number}/call-next", None, token)[0] == 200
        if number % 2:
            server.post(f"/api/v1/windows/{number}/start", None, token)


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The sample hall (53 windows, 6 zones) under its long name, busy; shared by the module,
    which only looks at it."""
    workdir = tmp_path_factory.mktemp("portrait")
    server = ServerProcess(workdir, config=sample_hall_copy(workdir, long_name=True)).start()
    try:
        make_busy(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def open_tv(qtbot: QtBot) -> Iterator[Callable[..., Display]]:
    """Factory: `open_tv(url, size, zone=None, layout="auto")` → a TV shown at `size`, with
    the hall's catalogue and state and the latest call in the big panel."""
    made: list[Display] = []

    def make(
        url: str, size: tuple[int, int], *, zone: str | None = None, layout: str = "auto"
    ) -> Display:
        display = build_display(
            server=url, announcer=RecordingAnnouncer(), zone=zone, layout=layout
        )
        made.append(display)
        tv = display.tv
        show_at(qtbot, tv, size)
        qtbot.waitUntil(
            lambda: (
                display.feed.board.synced
                and tv.header.online is True
                and bool(tv.waiting.zones)
                and tv.call_panel.showing is not None
            ),
            timeout=WAIT_MS,
        )
        return display

    yield make
    for display in made:
        display.close()


def show_at(qtbot: QtBot, tv: HallTV, size: tuple[int, int]) -> None:
    tv.resize(*size)
    tv.show()
    qtbot.waitUntil(lambda: (tv.width(), tv.height()) == size, timeout=WAIT_MS)


def geometry(tv: HallTV) -> dict[str, tuple[int, int, int, int]]:
    return {name: getattr(tv, name).geometry().getRect() for name in ORDER}


def text_problems(tv: HallTV) -> list[str]:
    """Text a viewer would see cut or on top of other text, after a fresh paint of the TV."""
    tv.grab()
    problems = []
    for name in ORDER:
        part = getattr(tv, name)
        inside = QRectF(part.rect()).adjusted(-1.5, -1.5, 1.5, 1.5)  # the ink box rounds out
        for d in part.drawn:
            if not inside.contains(d.ink):
                problems.append(f"{name}: {d.text!r} sticks out of its part")
            if d.box is None:
                continue
            box = d.box.adjusted(-1.5, -1.5, 1.5, 1.5)
            if not box.left() <= d.ink.left() <= d.ink.right() <= box.right():
                problems.append(f"{name}: {d.text!r} is cut ({d.ink} in {d.box})")
            elif d.clip and not box.contains(d.ink):  # a glyph's top or foot cut off
                problems.append(f"{name}: {d.text!r} is clipped ({d.ink} in {d.box})")
        for a, b in itertools.combinations(part.drawn, 2):
            both = a.ink.intersected(b.ink)
            if both.width() > 1 and both.height() > 1:
                problems.append(f"{name}: {a.text!r} overlaps {b.text!r}")
    return problems


def number_ink(tv: HallTV) -> QRect:
    """Where the big panel's ticket number is on the TV (its ink)."""
    showing = tv.call_panel.showing
    assert showing is not None
    tv.grab()
    [ink] = [d.ink for d in tv.call_panel.drawn if d.text == showing.call.number]
    return ink.toAlignedRect().translated(tv.call_panel.pos())


def assert_one_column(tv: HallTV) -> None:
    """The parts stacked top to bottom, the call and the tables as wide as the TV allows."""
    rects = [getattr(tv, name).geometry() for name in ORDER]
    for name, rect in zip(ORDER, rects, strict=True):
        assert tv.rect().contains(rect), f"{name} {rect} leaves the screen"
        assert rect.width() >= 0.95 * tv.width(), f"{name} is {rect.width()} wide"
        assert rect.height() > 0, name
    for (upper, a), (lower, b) in itertools.pairwise(zip(ORDER, rects, strict=True)):
        assert a.bottom() < b.top(), f"{lower} is not below {upper}: {a} {b}"


@pytest.mark.parametrize(
    ("size", "per_page", "shape"),
    [((1080, 1920), 18, (4, 5)), ((1080, 1728), 11, (4, 3)), ((2160, 3840), 18, (4, 5))],
    ids=["9x16", "10x16", "4k"],
)
def test_portrait_tv_shows_the_call_large_on_top_and_the_rest_in_one_column(
    sample_server: ServerProcess,
    open_tv: Callable[..., Display],
    size: tuple[int, int],
    per_page: int,
    shape: tuple[int, int],
) -> None:
    display = open_tv(sample_server.url, size)
    tv = display.tv
    width, height = size
    assert_one_column(tv)
    number = number_ink(tv)
    assert tv.rect().contains(number), f"the call's number {number} leaves the screen"
    assert tv.call_panel.geometry().contains(number), "the call's number leaves its panel"
    assert number.height() >= 0.1 * width, f"the call's number is {number.height()}px tall"
    assert text_problems(tv) == []
    smallest = min(d.px for name in ORDER for d in getattr(tv, name).drawn)
    assert smallest >= READABLE_PX * width / 1080, f"text as small as {smallest}px"
    # The window grid: fewer windows a page rather than smaller tiles, pages filled evenly.
    assert tv.grid.shape() == shape
    assert len(tv.grid.visible_tiles()) == per_page
    tiles = tv.grid.tile_rects()
    for a, b in itertools.combinations(tiles, 2):
        assert not a.intersects(b), (a, b)
    assert all(QRectF(tv.grid.rect()).contains(t) for t in tiles)
    # The six zones' waiting chips: two rows of three.
    assert tv.waiting.shape() == (3, 2)
    tops = [round(r.top()) for r in tv.waiting.chip_rects()]
    assert tops[:3] == [tops[0]] * 3 and tops[3:] == [tops[3]] * 3 and tops[3] > tops[0]
    assert tv.portrait


def test_tv_turned_on_its_side_and_back_lays_itself_out_again_each_time(
    qtbot: QtBot, sample_server: ServerProcess, open_tv: Callable[..., Display]
) -> None:
    display = open_tv(sample_server.url, (1920, 1080))
    tv = display.tv
    assert geometry(tv) == LANDSCAPE_1080P  # landscape as it always was
    assert (tv.grid.shape(), tv.waiting.shape()) == ((4, 5), (6, 1))
    assert text_problems(tv) == []
    tv.grid.page = 2  # the last of 3 pages

    show_at(qtbot, tv, (1080, 1728))  # turned: no restart, a new layout
    assert_one_column(tv)
    assert tv.grid.shape()[0] == 4 and tv.waiting.shape() == (3, 2)
    assert tv.grid.pages == 5 and tv.grid.page == 2
    assert text_problems(tv) == []
    tv.grid.page = 4  # the last of 5 pages, which landscape does not have

    show_at(qtbot, tv, (1920, 1080))  # and back
    assert geometry(tv) == LANDSCAPE_1080P
    assert (tv.grid.shape(), tv.waiting.shape()) == ((4, 5), (6, 1))
    assert tv.grid.pages == 3 and tv.grid.page == 0
    assert not tv.portrait
    assert text_problems(tv) == []


def test_zone_tv_in_portrait_elides_a_long_hall_name_beside_its_zone_and_the_outage(
    qtbot: QtBot, tmp_path: Path, open_tv: Callable[..., Display]
) -> None:
    server = ServerProcess(tmp_path, config=sample_hall_copy(tmp_path, long_name=True)).start()
    try:
        make_busy(server)
        display = open_tv(server.url, (1080, 1920), zone="welfare")
        tv = display.tv
        assert tv.header.zone[0].startswith("民生服务区")
        server.kill()
        qtbot.waitUntil(lambda: tv.header.online is False, timeout=WAIT_MS)
    finally:
        server.stop()
    assert_one_column(tv)
    assert text_problems(tv) == []
    texts = {d.text: d for d in tv.header.drawn}
    [name] = [d for text, d in texts.items() if text.startswith("长治市")]
    assert name.text.endswith("…") and LONG_NAME.startswith(name.text[:-1]), name.text
    assert name.px >= 30, f"the hall's name shrank to {name.px}px"  # elided, not shrunk
    assert any("连接中断" in text for text in texts), "the outage is not shown"
    assert tv.waiting.shape() == (1, 1)


def test_a_forced_layout_holds_whatever_the_size(qtbot: QtBot, dead_url: str) -> None:
    display = build_display(server=dead_url, announcer=RecordingAnnouncer(), layout="portrait")
    try:
        show_at(qtbot, display.tv, (1920, 1080))
        assert display.tv.portrait
        assert_one_column(display.tv)
    finally:
        display.close()
    display = build_display(server=dead_url, announcer=RecordingAnnouncer(), layout="landscape")
    try:
        show_at(qtbot, display.tv, (1080, 1920))
        tv = display.tv
        assert not tv.portrait
        assert tv.call_panel.geometry().right() < tv.grid.geometry().left()  # side by side
    finally:
        display.close()
    with pytest.raises(ValueError, match="layout"):
        build_display(server=dead_url, announcer=RecordingAnnouncer(), layout="sideways")


def test_display_command_takes_a_layout() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["display"]).layout is None  # the hall file's, else auto
    assert parser.parse_args(["display", "--layout", "portrait"]).layout == "portrait"
    with pytest.raises(SystemExit):
        parser.parse_args(["display", "--layout", "sideways"])


def test_portrait_tv_pages_53_windows_evenly_with_tiles_of_one_size_on_every_page(
    qtbot: QtBot, dead_url: str
) -> None:
    display = build_display(server=dead_url, announcer=RecordingAnnouncer())
    tv = display.tv
    try:
        state = {
            "seq": 1,
            "calls": [],
            "windows": [
                {"number": n, "name": f"{n}号窗口", "zone": "A", "status": "open", "current": None}
                for n in range(1, 54)
            ],
            "waiting": {"A": 0},
        }
        display.feed.board.reset(state)
        display.feed.changed.emit()
        show_at(qtbot, tv, (1080, 1728))  # 11 windows a page fit (three rows of four)
        assert tv.portrait and tv.grid.pages == 5
        seen: list[int] = []
        rects: list[list[QRectF]] = []
        for page in range(5):
            assert tv.grid.page == page
            tiles = tv.grid.visible_tiles()
            seen += [t.number for t in tiles]
            rects.append(tv.grid.tile_rects())
            tv.grid.grab()  # what the TV shows: the tiles painted and the page indicator
            painted = {d.text for d in tv.grid.drawn}
            assert f"{page + 1}/5" in painted
            assert {f"{t.number}号" for t in tiles} <= painted
            assert tv.grid.shape() == (4, 3)
            tv.grid.next_page()
        assert [len(r) for r in rects] == [11, 11, 11, 10, 10]
        assert seen == list(range(1, 54))  # every window once, in number order
        assert tv.grid.page == 0  # and round again
        # The tiles do not move or change size when the page turns: a page one window
        # short shows the fuller pages' first ten tiles exactly where they were.
        for page_rects in rects[1:]:
            assert page_rects == rects[0][: len(page_rects)]
    finally:
        display.close()
