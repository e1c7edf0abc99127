"""`hallq display|announcer --zone Z` and `hallq counter|window-display|evaluator --window N`
with `--config FILE`: a prefix names its zone, and a zone or window the
hall file lacks is refused at once in both languages (the server would answer 404 forever)."""

from __future__ import annotations

import pytest

from counter_display.__main__ import _zone, check_window
from queue_server.cli import main
from queue_server.config import load_hall
from tests.serverproc import MINI_HALL


def test_a_zone_is_taken_by_its_code_or_its_ticket_prefix() -> None:
    hall = load_hall(MINI_HALL)
    zone = hall.zones[0]
    assert _zone(zone.code, hall) == zone.code
    assert _zone(zone.prefix, hall) == zone.code
    assert _zone(zone.prefix.lower(), hall) == zone.code  # as the browser pages take it
    assert _zone("anything", None) == "anything"  # without the hall file the server decides


@pytest.mark.parametrize("command", ["display", "announcer"])
def test_a_zone_the_hall_file_lacks_is_refused_in_both_languages(command: str) -> None:
    with pytest.raises(SystemExit, match="the hall has no such zone.*大厅配置中没有功能区“Q”"):
        main([command, "--zone", "Q", "--config", str(MINI_HALL), "--server", "http://127.0.0.1:9"])


def test_a_zone_neither_code_nor_prefix_of_the_hall_is_refused() -> None:
    with pytest.raises(SystemExit, match="its zones: A \\(A\\), B \\(B\\)"):
        _zone("Q", load_hall(MINI_HALL))


@pytest.mark.parametrize("command", ["counter", "window-display", "evaluator"])
def test_a_window_the_hall_file_lacks_is_refused_in_both_languages(command: str) -> None:
    argv = [command, "--window", "99", "--config", str(MINI_HALL), "--key", "evaluator-key"]
    if command != "evaluator":
        argv = argv[:-2]
    with pytest.raises(SystemExit, match="--window 99: the hall has no such window.*没有99号窗口"):
        main([*argv, "--server", "http://127.0.0.1:9"])


def test_a_window_of_the_hall_passes_and_without_the_file_the_server_decides() -> None:
    check_window(1, load_hall(MINI_HALL))
    check_window(99, None)
