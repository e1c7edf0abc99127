"""When things go wrong: printer down, server down or silent, hall closed; staff access."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from kiosk.printing import EscposSlipPrinter, MemoryPrinter, PrinterUnavailable
from tests.integration.fake_escpos_printer import (
    FakeNetworkPrinter,
    SilentPrinter,
    refusing_uri,
)
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import (  # noqa: F401 - fixtures
    MakeKiosk,
    event_listener,
    make_kiosk,
    matter_button,
    on_screen,
    read_qr,
    take_ticket,
    tap,
)


def test_printer_down_still_shows_the_ticket_with_its_qr_and_reports_the_fault(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    listener, events = event_listener(qtbot, hall_server.url)
    holder, uri = refusing_uri()  # the port is taken but nobody listens: refused at once
    try:
        kiosk = make_kiosk(hall_server.url, printer_uri=uri)
        w = kiosk.window
        ticket = take_ticket(qtbot, kiosk, "A", "yyzz")
        qtbot.waitUntil(lambda: w.ticket.state == "failed", timeout=10000)
    finally:
        holder.close()
    assert w.ticket.number.text() == ticket["number"]
    assert w.ticket.qr.isVisible() and w.ticket.scan_text.isVisible()
    assert "请扫码保存号码" in w.ticket.scan_text.text()
    assert "Scan to keep your place" in w.ticket.scan_text.text()
    assert read_qr(w.ticket.qr.pixmap().toImage()) == ticket["status_url"]
    assert "打印机" in w.ticket.fault_text.text()  # what the printer said, in Chinese

    def fault_seen() -> bool:
        return any(e["type"] == "printer.fault" for e in events)

    qtbot.waitUntil(fault_seen, timeout=10000)
    (fault,) = [e for e in events if e["type"] == "printer.fault"]
    assert fault["ticket"] == ticket["number"] and fault["reason"] == "refused"
    assert fault["printer"] == kiosk.slips.printer.name
    listener.close()


def test_paper_out_is_a_fault_too_and_the_kiosk_goes_home_after_its_longer_countdown(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    printer = MemoryPrinter(fail_with=PrinterUnavailable("paper_out", "DLE EOT 4 says 0"))
    kiosk = make_kiosk(hall_server.url, printer=printer, fault_screen_s=1.0)
    take_ticket(qtbot, kiosk, "B", "sybx")
    qtbot.waitUntil(lambda: kiosk.window.ticket.state == "failed", timeout=10000)
    assert "缺纸" in kiosk.window.ticket.fault_text.text()
    on_screen(qtbot, kiosk, Screen.HOME)


def test_printer_that_never_answers_times_out_while_the_screen_stays_live(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    with SilentPrinter() as silent:  # accepts the connection, never answers the status query
        printer = EscposSlipPrinter(silent.uri, timeout_s=1.0)
        kiosk = make_kiosk(hall_server.url, printer=printer)
        w = kiosk.window
        ticket = take_ticket(qtbot, kiosk, "A", "yyzz")
        assert w.ticket.state == "printing"
        tap(qtbot, w.top.language_button)  # the GUI thread is free while the printer hangs
        qtbot.waitUntil(lambda: w.ticket.heading.text() == "Your number")
        qtbot.waitUntil(lambda: w.ticket.state == "failed", timeout=10000)
    assert w.ticket.fault is not None and w.ticket.fault.code == "timeout"
    assert read_qr(w.ticket.qr.pixmap().toImage()) == ticket["status_url"]


def test_slip_sent_whole_but_never_confirmed_by_the_printer_is_a_fault_too(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    listener, events = event_listener(qtbot, hall_server.url)
    # answers the paper query, takes every byte of the slip, never answers the receipt query
    with FakeNetworkPrinter(mute_after=1) as fake:
        kiosk = make_kiosk(hall_server.url, printer=EscposSlipPrinter(fake.uri, timeout_s=1.0))
        w = kiosk.window
        ticket = take_ticket(qtbot, kiosk, "A", "yyzz")
        qtbot.waitUntil(lambda: w.ticket.state == "failed", timeout=10000)
        [job] = fake.wait_for_jobs(1)
    assert job.endswith(b"\x10\x04\x01")  # the whole slip went out, then the query
    assert w.ticket.fault is not None and w.ticket.fault.code == "timeout"
    assert read_qr(w.ticket.qr.pixmap().toImage()) == ticket["status_url"]
    qtbot.waitUntil(lambda: any(e["type"] == "printer.fault" for e in events), timeout=10000)
    (fault,) = [e for e in events if e["type"] == "printer.fault"]
    assert fault["ticket"] == ticket["number"] and fault["reason"] == "timeout"
    listener.close()


def test_server_down_says_so_in_both_languages_and_the_screen_still_answers(
    qtbot: QtBot,
    dead_url: str,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(dead_url, wait_catalog=False)
    w = kiosk.window
    qtbot.waitUntil(lambda: "无法连接服务器" in w.home.status.text(), timeout=10000)
    assert "Cannot reach the server" in w.home.status.text() and w.home.status.isVisible()
    tap(qtbot, w.top.language_button)  # the UI is alive: it switches language
    qtbot.waitUntil(lambda: w.home.title.text() == "Please choose a service zone")
    assert w.top.language_button.text() == "中文"
    tap(qtbot, w.home.green_button)
    on_screen(qtbot, kiosk, Screen.GREEN)


def test_server_lost_mid_flow_refuses_the_ticket_bilingually(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    hall_server.kill()
    tap(qtbot, w.guide.take_button)
    qtbot.waitUntil(lambda: w.message.code == "network", timeout=10000)
    said = "\n".join(w.message.texts())
    assert "无法连接服务器" in said and "Cannot reach the server" in said
    assert "导办台" in said  # what to do instead
    tap(qtbot, w.message.ok)
    tap(qtbot, w.nav.home_button)
    on_screen(qtbot, kiosk, Screen.HOME)


def test_silent_server_shows_the_busy_indicator_and_never_freezes(
    qtbot: QtBot,
    hall_server: ServerProcess,
    silent_url: str,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    # No retries here (test_kiosk_retry.py has them): one 2 s timeout, then the message.
    kiosk = make_kiosk(hall_server.url, request_timeout_s=2.0, issue_retries=0)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    kiosk.client.api_url = silent_url + "/api/v1"  # the server stops answering
    tap(qtbot, w.guide.take_button)
    assert not w.busy.isVisible()  # not before 200 ms
    qtbot.waitUntil(w.busy.isVisible, timeout=1000)
    w.top.clock.setText("")
    qtbot.waitUntil(lambda: bool(w.top.clock.text()), timeout=1500)  # the clock still ticks
    with qtbot.waitSignal(w.busy.spinner_turned, timeout=500):  # and the spinner turns
        pass
    qtbot.waitUntil(lambda: w.message.code == "network", timeout=5000)
    assert not w.busy.isVisible()
    assert "无法连接服务器" in w.message.texts()[1]


def test_closed_hall_shows_the_next_opening_until_it_issues_again(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    closed = json.loads(json.dumps(kiosk.controller.catalog_json))
    closed["hall"].update(issuing=False, next_opening="2026-06-01T00:30:00+00:00")
    kiosk.controller.apply_catalog(closed)
    on_screen(qtbot, kiosk, Screen.CLOSED)
    assert not w.nav.isVisible()
    assert w.closed.title.text() == "暂停取号"
    assert "6月1日 08:30" in w.closed.next_opening.text()  # in the hall's time zone
    kiosk.controller.refresh_catalog()  # the periodic re-check: the server issues again
    on_screen(qtbot, kiosk, Screen.HOME)


def test_admin_needs_the_long_press_and_the_pin(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, admin_hold_s=0.3)
    w = kiosk.window
    tap(qtbot, w.top.emblem)  # a short tap does nothing
    assert kiosk.controller.flow.current.screen is Screen.HOME
    with qtbot.waitSignal(w.top.emblem.held, timeout=3000):
        qtbot.mousePress(w.top.emblem, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(w.top.emblem, Qt.MouseButton.LeftButton)
    on_screen(qtbot, kiosk, Screen.PIN)
    for ch in "1111":
        tap(qtbot, w.pin.keypad.keys[ch])
    assert w.pin.display.text() == "●●●●"
    tap(qtbot, w.pin.confirm_button)
    assert w.pin.error.isVisible() and kiosk.controller.flow.current.screen is Screen.PIN
    tap(qtbot, w.pin.keypad.clear_key)
    for ch in "2468":
        tap(qtbot, w.pin.keypad.keys[ch])
    tap(qtbot, w.pin.confirm_button)
    on_screen(qtbot, kiosk, Screen.ADMIN)
    assert hall_server.url in w.admin.facts.text()
    w.close()
    assert w.isVisible()  # locked: only the staff settings close the kiosk
    with qtbot.waitSignal(w.quit_requested, timeout=3000):
        tap(qtbot, w.admin.quit_button)
