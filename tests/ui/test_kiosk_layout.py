"""Every screen fits the two hall screens (1920×1080, 1080×1920) in both languages and modes."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from kiosk.printing import MemoryPrinter
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import MakeKiosk, make_kiosk, on_screen  # noqa: F401


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_screen_fits_without_growing_the_window(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
    size: tuple[int, int],
) -> None:
    kiosk = make_kiosk(hall_server.url, printer=MemoryPrinter(), size=size)
    w, c = kiosk.window, kiosk.controller
    c.open_matter("ylbx")
    on_screen(qtbot, kiosk, Screen.GUIDE)
    c.flow.home()
    c.open_matter("yyzz")
    c.take_ticket("yyzz")  # the ticket screen with its slip preview: the tallest one
    qtbot.waitUntil(lambda: w.ticket.state == "printed", timeout=10000)
    for language in ("zh", "en"):
        kiosk.lang.set_language(language)
        for elderly in (False, True):
            w.set_elderly(elderly)
            qtbot.wait(50)  # let the style sheet and the LanguageChange events land
            room = w.stack.size()
            for name, screen in w.screens.items():
                need = screen.minimumSizeHint()
                assert need.width() <= room.width() and need.height() <= room.height(), (
                    f"{name} needs {need.toTuple()} of {room.toTuple()} "
                    f"({language}, elderly={elderly})"
                )
            assert w.size().toTuple() == size
