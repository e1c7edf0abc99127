"""补正 at the counter: the ticked materials go to the server and print, exactly those, on a
network thermal printer; a broken printer gives a clear message and never freezes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from counter_display.apps import Counter
from kiosk.printing import EscposSlipPrinter, MemoryPrinter
from kiosk.slips import render_notice
from queue_server.config import HallConfig
from tests.escpos_decode import decode
from tests.integration.fake_escpos_printer import FakeNetworkPrinter, refusing_uri
from tests.ui.counter_support import (
    FIXED_NOW,
    WAIT_MS,
    Hall,
    click,
    hall,
    make_counter,
    mini_hall,
    sign_in,
)

__all__ = ["hall", "make_counter", "mini_hall"]


@pytest.fixture
def fake_printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as printer:
        yield printer


def printed_bytes(hall_config: HallConfig, missing: list[str] | None) -> bytes:
    """The ESC/POS bytes of the notice the console should print (through the same job code)."""
    matter = hall_config.matter("spjy")
    assert matter is not None
    image = render_notice(
        hall_name=hall_config.hall.name,
        matter=matter,
        windows=[1, 2],
        missing=missing,
        paper_mm=80,
        issued_at=FIXED_NOW.replace(tzinfo=None),  # printed in hall time
    )
    memory = MemoryPrinter(80)
    memory.print_image(image)
    return memory.output


def call_spjy_and_open_complete(qtbot: QtBot, counter: Counter) -> None:
    sign_in(qtbot, counter, "s1a", "1111")
    console = counter.window
    click(qtbot, console.pad.buttons["call_next"])
    qtbot.waitUntil(lambda: console.pad.buttons["complete"].isEnabled(), timeout=WAIT_MS)
    click(qtbot, console.pad.buttons["complete"])
    assert console.side.currentWidget() is console.complete_panel


def test_needs_more_prints_a_notice_of_exactly_the_ticked_materials(
    qtbot: QtBot,
    hall: Hall,
    make_counter: Callable[..., Counter],
    mini_hall: HallConfig,
    fake_printer: FakeNetworkPrinter,
) -> None:
    ticket = hall.issue("spjy")
    counter = make_counter(hall.server.url, printer=EscposSlipPrinter(fake_printer.uri))
    call_spjy_and_open_complete(qtbot, counter)
    panel = counter.window.complete_panel
    assert list(panel.checks) == ["食品经营许可申请书", "营业执照", "食品安全管理制度"]  # the guide

    click(qtbot, panel.outcome_buttons["accepted"])  # 受理: the promised date, 10 working days
    assert "2026年12月7日" in panel.hint.text()
    click(qtbot, panel.outcome_buttons["needs_more"])
    assert not panel.confirm.isEnabled()  # 补正 needs at least one material
    click(qtbot, panel.checks["食品经营许可申请书"])
    click(qtbot, panel.checks["食品安全管理制度"])
    click(qtbot, panel.confirm)

    qtbot.waitUntil(lambda: "补正材料通知已打印" in counter.window.message.text(), timeout=WAIT_MS)
    (job,) = fake_printer.wait_for_jobs(1)
    assert not fake_printer.errors
    picked = ["食品经营许可申请书", "食品安全管理制度"]
    got = decode(job).image
    want = decode(printed_bytes(mini_hall, picked)).image
    assert got.size == want.size and got.tobytes() == want.tobytes()
    everything = decode(printed_bytes(mini_hall, None)).image
    assert everything.height != got.height  # not the full one-time notice
    status, public = hall.server.get(f"/api/v1/tickets/{ticket['token']}")
    assert status == 200 and (public["status"], public["outcome"]) == ("done", "needs_more")


def test_a_printer_that_refuses_gives_a_clear_message_and_the_console_keeps_working(
    qtbot: QtBot, hall: Hall, make_counter: Callable[..., Counter]
) -> None:
    hall.issue("spjy")
    hall.issue("spjy")
    holder, uri = refusing_uri()
    try:
        counter = make_counter(hall.server.url, printer=EscposSlipPrinter(uri, timeout_s=2))
        call_spjy_and_open_complete(qtbot, counter)
        panel = counter.window.complete_panel
        click(qtbot, panel.outcome_buttons["needs_more"])
        click(qtbot, panel.checks["营业执照"])
        click(qtbot, panel.confirm)
        text = counter.window.message.text
        qtbot.waitUntil(lambda: "告知单未打印" in text(), timeout=WAIT_MS)
        assert "打印机拒绝连接" in text() and "refused the connection" in text()
        button = counter.window.pad.buttons["call_next"]
        qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
        click(qtbot, button)  # the next citizen is called as usual
        qtbot.waitUntil(lambda: counter.window.card.number.text() == "A002", timeout=WAIT_MS)
    finally:
        holder.close()
