"""`hallq display` takes its layout from the hall file's `[[devices]]` entry of the TV (found
by `--key`), and `--layout` on the command line wins over it."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_display.__main__ import open_display
from counter_display.apps import Display
from counter_display.cli import add_parsers
from tests.ui.test_display_tv_portrait import assert_one_column, show_at

MINI = Path(__file__).parents[1] / "fixtures" / "mini_hall.toml"
TV_KEY = "test-display-key"  # the mini hall's display device `tv`


def hall_with_tv_layout(workdir: Path, layout: str) -> Path:
    """The mini hall, its display device given `layout`."""
    text = MINI.read_text(encoding="utf-8")
    entry = f'id = "tv"\nrole = "display"\nkey = "{TV_KEY}"\n'
    assert entry in text
    path = workdir / "hall.toml"
    path.write_text(text.replace(entry, f'{entry}layout = "{layout}"\n'), encoding="utf-8")
    return path


def display_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers(dest="command"))
    return parser.parse_args(["display", "--no-voice", "--windowed", *argv])


@pytest.fixture
def start_tv(qtbot: QtBot, dead_url: str) -> Iterator[Callable[..., Display]]:
    """Factory: `start_tv(*argv)` → the TV `hallq display --server DEAD *argv` builds, shown
    at 1920×1080 (a landscape screen)."""
    made: list[Display] = []

    def start(*argv: str) -> Display:
        display = open_display(display_args("--server", dead_url, *argv))
        made.append(display)
        show_at(qtbot, display.tv, (1920, 1080))
        return display

    yield start
    for display in made:
        display.close()


def test_a_tv_configured_portrait_comes_up_portrait_on_a_landscape_screen(
    tmp_path: Path, start_tv: Callable[..., Display]
) -> None:
    hall = hall_with_tv_layout(tmp_path, "portrait")
    tv = start_tv("--config", str(hall), "--key", TV_KEY).tv
    assert tv.layout_mode == "portrait"
    assert tv.portrait
    assert_one_column(tv)


@pytest.mark.parametrize(("given", "portrait"), [("landscape", False), ("auto", False)])
def test_layout_on_the_command_line_wins_over_the_hall_file(
    tmp_path: Path, start_tv: Callable[..., Display], given: str, portrait: bool
) -> None:
    hall = hall_with_tv_layout(tmp_path, "portrait")
    tv = start_tv("--config", str(hall), "--key", TV_KEY, "--layout", given).tv
    assert tv.layout_mode == given
    assert tv.portrait is portrait
    assert tv.call_panel.geometry().right() < tv.grid.geometry().left()  # side by side


def test_a_tv_configured_landscape_stays_landscape_when_turned_on_its_side(
    qtbot: QtBot, tmp_path: Path, start_tv: Callable[..., Display]
) -> None:
    tv = start_tv("--config", str(hall_with_tv_layout(tmp_path, "landscape")), "--key", TV_KEY).tv
    show_at(qtbot, tv, (1080, 1920))
    assert tv.layout_mode == "landscape" and not tv.portrait


def test_without_its_key_or_its_entry_the_tv_lays_itself_out_by_its_size(
    tmp_path: Path,
    start_tv: Callable[..., Display],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HALLQ_DISPLAY_KEY", raising=False)  # --key's default
    hall = str(hall_with_tv_layout(tmp_path, "portrait"))
    assert start_tv("--config", hall).tv.layout_mode == "auto"  # no --key: no entry
    assert start_tv("--key", TV_KEY).tv.layout_mode == "auto"  # no hall file
    with caplog.at_level(logging.WARNING, logger="counter_display.__main__"):
        tv = start_tv("--config", hall, "--key", "not-a-device-key").tv
    assert tv.layout_mode == "auto" and not tv.portrait
    assert "no [[devices]] entry" in caplog.text


def test_a_tv_takes_its_zone_from_its_entry_unless_given_one(
    tmp_path: Path, start_tv: Callable[..., Display]
) -> None:
    text = hall_with_tv_layout(tmp_path, "auto").read_text(encoding="utf-8")
    zoned = tmp_path / "zoned.toml"
    entry = f'key = "{TV_KEY}"\n'
    zoned.write_text(text.replace(entry, f'{entry}zone = "B"\n'), encoding="utf-8")
    assert start_tv("--config", str(zoned), "--key", TV_KEY).feed.board.zone == "B"
    assert start_tv("--config", str(zoned), "--key", TV_KEY, "--zone", "A").feed.board.zone == "A"
    assert (
        start_tv(
            "--config", str(hall_with_tv_layout(tmp_path, "auto")), "--key", TV_KEY
        ).feed.board.zone
        is None
    )
