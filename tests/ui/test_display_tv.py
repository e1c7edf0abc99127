"""The hall TV against real `hallq serve` processes: back-to-back calls, zones, a server crash,
and scaling from 720p to 4K."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from counter_display.announcer import RecordingAnnouncer
from counter_display.apps import Display
from counter_display.board import HallBoard
from tests.serverproc import ServerProcess
from tests.ui.counter_support import WAIT_MS, Hall, ManualClock, hall, make_display, shown_call

__all__ = ["hall", "make_display"]


def called(display: Display) -> list[str]:
    return [c.number for c in reversed(display.feed.board.calls) if not c.recall]


def test_two_counters_calling_in_the_same_moment_are_both_shown_and_announced_in_order(
    qtbot: QtBot, hall: Hall, make_display: Callable[..., tuple[Display, RecordingAnnouncer]]
) -> None:
    clock = ManualClock()
    display, announcer = make_display(hall.server.url, clock=clock)
    hall.issue("yyzz")
    hall.issue("sybx")
    hall.sign_in("s1a", "1111", 1)
    hall.sign_in("s3a", "4444", 3)
    calls = [threading.Thread(target=hall.act, args=(w, "call-next")) for w in (1, 3)]
    for thread in calls:
        thread.start()
    for thread in calls:
        thread.join(10)
    qtbot.waitUntil(lambda: len(announcer.calls) == 2, timeout=WAIT_MS)
    order = called(display)  # the server's order (seq)
    assert sorted(order) == ["A001", "B001"]
    assert [c.number for c in announcer.calls] == order  # announced in that order
    assert {c.window for c in announcer.calls} == {1, 3}
    first, second = order
    assert shown_call(display) == (first, True)  # the first has the big panel…
    assert display.tv.highlight.pending == 1  # …the second waits for its turn
    clock.advance(2.0)
    qtbot.wait(300)  # a few TV ticks at the frozen clock
    assert shown_call(display) == (first, True)  # at least its minimum time
    clock.advance(1.6)
    qtbot.waitUntil(lambda: shown_call(display) == (second, True), timeout=WAIT_MS)
    clock.advance(10.5)
    qtbot.waitUntil(lambda: shown_call(display) == (second, False), timeout=WAIT_MS)
    assert [c.number for c in display.tv.recent.calls[:2]] == [second, first]


def test_zone_display_shows_and_announces_only_its_zone(
    qtbot: QtBot, hall: Hall, make_display: Callable[..., tuple[Display, RecordingAnnouncer]]
) -> None:
    display, announcer = make_display(hall.server.url, zone="A")
    assert [t.number for t in display.tv.grid.tiles] == [1, 2]
    hall.issue("sybx")
    hall.issue("yyzz")
    hall.sign_in("s3a", "4444", 3)
    hall.sign_in("s1a", "1111", 1)
    hall.act(3, "call-next")
    hall.act(1, "call-next")
    qtbot.waitUntil(lambda: called(display) == ["A001"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: [c.number for c in announcer.calls] == ["A001"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(display.tv.waiting.zones), timeout=WAIT_MS)
    assert [zone for zone, _n in display.tv.waiting.chips()] == ["证照类审批区"]
    assert display.tv.header.zone[0].startswith("证照类审批区")


def test_tv_shows_the_outage_reconnects_and_shows_the_calls_made_while_it_was_away(
    qtbot: QtBot,
    hall_server: ServerProcess,
    twin_server: ServerProcess,
    make_display: Callable[..., tuple[Display, RecordingAnnouncer]],
) -> None:
    hall = Hall(hall_server)
    hall.issue("yyzz")
    hall.issue("yyzz")
    display, announcer = make_display(hall_server.url)
    qtbot.waitUntil(lambda: display.tv.header.online is True, timeout=WAIT_MS)
    assert display.tv.header.status_text() == ""
    hall.sign_in("s1a", "1111", 1)
    hall.act(1, "call-next")
    qtbot.waitUntil(lambda: called(display) == ["A001"], timeout=WAIT_MS)

    hall_server.kill()  # kill -9
    qtbot.waitUntil(lambda: display.tv.header.online is False, timeout=WAIT_MS)
    assert "连接中断" in display.tv.header.status_text()
    assert "reconnecting" in display.tv.header.status_text()

    twin_server.start()  # the hall carries on through another server on the same database
    twin = Hall(twin_server)
    twin.tokens = hall.tokens
    twin.act(1, "complete", {"outcome": "done"})
    twin.act(1, "call-next")
    twin_server.stop()
    hall_server.restart()
    qtbot.waitUntil(lambda: display.tv.header.online is True, timeout=20000)
    qtbot.waitUntil(lambda: called(display) == ["A001", "A002"], timeout=WAIT_MS)
    assert display.feed.board.windows[1].current == "A002"
    assert [c.number for c in announcer.calls] == ["A001", "A002"]  # fresh: said on return
    assert display.tv.header.status_text() == ""


def test_tv_scales_cleanly_from_720p_to_4k(qtbot: QtBot, dead_url: str) -> None:
    from counter_display.apps import build_display

    display = build_display(server=dead_url, announcer=RecordingAnnouncer())
    tv = display.tv
    state = {
        "seq": 3,
        "calls": [{"seq": 3, "type": "ticket.called", "number": "A001", "window": 1, "zone": "A"}],
        "windows": [
            {
                "number": n,
                "name": f"窗口{n}",
                "zone": "A",
                "status": "open",
                "current": "A001" if n == 1 else None,
            }
            for n in range(1, 54)
        ],
        "waiting": {"A": 12},
    }
    display.feed.board = HallBoard()
    display.feed.board.reset(state)
    display.feed.changed.emit()
    sizes = {}
    for w, h in ((1280, 720), (3840, 2160)):
        tv.resize(w, h)
        tv.show()
        qtbot.waitUntil(lambda: tv.width() == w, timeout=WAIT_MS)  # noqa: B023 - awaited here
        parts = (tv.header, tv.call_panel, tv.recent, tv.grid, tv.waiting, tv.notice)
        for part in parts:
            assert tv.rect().contains(part.geometry()), part
        image: QImage = tv.grab().toImage()
        assert image.width() == w and image.height() == h
        sizes[w] = (tv.call_panel.height(), tv.header.u)
        assert tv.grid.pages == 3 and len(tv.grid.visible_tiles()) == 18
    assert abs(sizes[3840][0] / sizes[1280][0] - 3.0) < 0.05  # everything scales together
    assert abs(sizes[3840][1] / sizes[1280][1] - 3.0) < 0.01
    assert tv.call_panel.lines()[0] == "A001"
    display.close()
