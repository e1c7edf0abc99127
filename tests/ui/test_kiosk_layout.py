"""Every screen fits the two hall screens (1920×1080, 1080×1920) in both languages and modes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from kiosk.printing import MemoryPrinter
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import MakeKiosk, make_kiosk, on_screen  # noqa: F401

NOTICE = (
    "欢迎来到长治市郊区政务服务中心！请凭号等候，留意语音叫号和屏幕提示；过号后可凭号票在取号机"
    "扫码重新排队一次。办事前可在自助取号机查阅《办事指南》，一次备齐申请材料。本中心推行"
    "“一窗受理、限时办结”，对服务有意见建议请使用窗口评价器或拨打12345政务服务便民热线。"
)
NOTICE_EN = (
    "Welcome to the Changzhi Jiaoqu District Government Service Centre. Please wait for your "
    "number to be called; if you miss your call, scan your slip at the kiosk to re-queue once. "
    "Check the service guide at the self-service kiosk and bring all required materials. Rate "
    "our service on the counter evaluator or call the 12345 government hotline."
)


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
    hall = c.catalog.hall  # type: ignore[union-attr]
    w.closed.set_hall(replace(hall, notice=NOTICE, notice_en=NOTICE_EN))  # the sample's length
    w.closed.set_appointments(True)  # the closed screen with its check-in button
    w.home.set_appointments(True)  # …and home with all three special entries
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
