"""A hall TV, announcer or window display given a zone or window the server's hall lacks
(no --config to check it against): the server's refusal is shown, and final."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_display.announcer import RecordingAnnouncer
from counter_display.apps import Counter, Display, WindowScreen, build_display, build_evaluator
from queue_server.config import SAMPLE_HALL
from tests.serverproc import ServerProcess
from tests.ui.counter_support import WAIT_MS, make_counter, make_window_display, mini_hall

__all__ = ["make_counter", "make_window_display", "mini_hall"]


@pytest.fixture
def open_tv(qtbot: QtBot) -> Iterator[Callable[[str, str], Display]]:
    """`open_tv(url, zone)`: a shown TV, not waited for (it may never sync)."""
    made: list[Display] = []

    def make(url: str, zone: str) -> Display:
        display = build_display(server=url, announcer=RecordingAnnouncer(), zone=zone)
        display.tv.resize(1920, 1080)
        display.tv.show()
        made.append(display)
        return display

    yield make
    for display in made:
        display.close()


def test_tv_of_a_zone_the_hall_lacks_shows_the_servers_refusal_and_stops_reconnecting(
    qtbot: QtBot, hall_server: ServerProcess, open_tv: Callable[[str, str], Display]
) -> None:
    display = open_tv(hall_server.url, "Q")
    with qtbot.waitSignal(display.feed.refused, timeout=WAIT_MS):
        pass
    tv = display.tv
    status = tv.header.status_text()
    assert "本大厅没有功能区“Q”" in status and "no zone 'Q' in this hall" in status
    assert "Connecting" not in status
    assert tv.call_panel.lines() == ["本大厅没有功能区“Q”。", "There is no zone 'Q' in this hall."]
    qtbot.wait(1500)  # a reconnection would have come by now (first delay 0.5 s)
    assert not display.feed.online and tv.header.status_text() == status
    assert not display.feed.board.synced
    image = tv.grab().toImage()
    assert not image.isNull()


def test_tv_without_the_hall_file_takes_a_zones_ticket_prefix(
    qtbot: QtBot, tmp_path: Path, open_tv: Callable[[str, str], Display]
) -> None:
    server = ServerProcess(tmp_path, config=SAMPLE_HALL).start()  # zone welfare, prefix B
    try:
        display = open_tv(server.url, "b")
        qtbot.waitUntil(lambda: display.feed.board.synced, timeout=WAIT_MS)
        assert display.feed.client.zone == "welfare"
        assert {t.zone for t in display.tv.grid.tiles} == {"welfare"}
        qtbot.waitUntil(lambda: display.tv.header.zone[0].startswith("民生服务区"), timeout=WAIT_MS)
        assert display.tv.header.status_text() == ""
    finally:
        server.stop()


def test_announcer_of_a_zone_the_hall_lacks_says_so_and_exits_2(
    hall_server: ServerProcess,
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "counter_display", "announcer"]
    done = subprocess.run(
        [*command, "--server", hall_server.url, "--zone", "Q"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2, done.stderr
    assert "There is no zone 'Q' in this hall. Nothing to announce." in done.stderr
    assert "本大厅没有功能区“Q”。无可播报" in done.stderr and "Traceback" not in done.stderr


def test_window_display_of_a_window_the_hall_lacks_says_so(
    hall_server: ServerProcess, make_window_display: Callable[..., WindowScreen]
) -> None:
    screen = make_window_display(hall_server.url, window=99)
    assert screen.screen.lines() == [
        "本大厅没有99号窗口，请检查 --window",
        "This hall has no window 99: check --window",
    ]
    good = make_window_display(hall_server.url, window=1)
    assert "没有" not in good.screen.lines()[0]


def test_counter_console_of_a_window_the_hall_lacks_says_so_on_its_sign_in_page(
    qtbot: QtBot, hall_server: ServerProcess, make_counter: Callable[..., Counter]
) -> None:
    login = make_counter(hall_server.url, window=99).window.login_page
    qtbot.waitUntil(lambda: "本大厅没有99号窗口" in login.window_name.text(), timeout=WAIT_MS)
    assert "This hall has no window 99" in login.window_name.text()
    login = make_counter(hall_server.url, window=1).window.login_page
    qtbot.waitUntil(lambda: login.matters.text() != "", timeout=WAIT_MS)  # the catalogue is in
    assert "没有" not in login.window_name.text()


def test_evaluator_of_a_window_the_hall_lacks_says_so_in_its_top_bar(
    qtbot: QtBot, hall_server: ServerProcess
) -> None:
    evaluator = build_evaluator(server=hall_server.url, window=99, key="test-evaluator-key-1")
    try:
        label = evaluator.window.window_label
        qtbot.waitUntil(lambda: "本大厅没有99号窗口" in label.text(), timeout=WAIT_MS)
        assert "This hall has no window 99" in label.text()
    finally:
        evaluator.close()
