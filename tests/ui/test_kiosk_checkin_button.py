"""The 预约签到 button follows the server: shown on the home and closed screens while it takes
check-ins, hidden (not greyed out) when the hall's `[appointments] enabled = false`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from tests.serverproc import MINI_HALL, ServerProcess
from tests.ui.kiosk_support import WAIT_MS, MakeKiosk, make_kiosk, on_screen  # noqa: F401


@pytest.fixture(params=[True, False], ids=["appointments-on", "appointments-off"])
def open_hall(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[bool, str]]:
    """A server on the mini hall (open all hours) with appointments on or off, and its URL."""
    enabled: bool = request.param
    config = tmp_path / "hall.toml"
    text = MINI_HALL.read_text(encoding="utf-8")
    config.write_text(text + ("" if enabled else "\n[appointments]\nenabled = false\n"), "utf-8")
    server = ServerProcess(tmp_path, config=config).start()
    try:
        yield enabled, server.url
    finally:
        server.stop()


def test_check_in_button_is_on_home_and_closed_screens_only_when_appointments_are_on(
    qtbot: QtBot,
    open_hall: tuple[bool, str],
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    enabled, url = open_hall
    kiosk = make_kiosk(url)
    w, c = kiosk.window, kiosk.controller
    on_screen(qtbot, kiosk, Screen.HOME)
    qtbot.waitUntil(lambda: c.appointments is not None, timeout=WAIT_MS)  # the server has said
    assert w.home.appointment_button.isVisible() is enabled
    assert w.home.appointment_button.isHidden() is not enabled  # gone, not just greyed out
    assert w.home.appointment_button.isEnabled()
    assert w.home.green_button.isVisible() and w.home.requeue_button.isVisible()

    closed = json.loads(json.dumps(c.catalog_json))
    closed["hall"]["issuing"] = False  # the hall stops issuing: the closed screen
    c.apply_catalog(closed)
    on_screen(qtbot, kiosk, Screen.CLOSED)
    assert w.closed.appointment_button.isVisible() is enabled
    assert w.closed.appointment_button.isHidden() is not enabled
    assert w.closed.appointment_note.isVisible() is enabled
