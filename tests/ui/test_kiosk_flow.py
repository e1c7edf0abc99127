"""The kiosk driven by taps against a real server and a fake network printer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from tests.escpos_decode import decode
from tests.integration.fake_escpos_printer import FakeNetworkPrinter
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import (  # noqa: F401 - fixtures
    MakeKiosk,
    fake_printer,
    make_kiosk,
    matter_button,
    on_screen,
    read_qr,
    take_ticket,
    tap,
)


def test_whole_flow_by_taps_shows_the_servers_number_and_prints_its_qr(
    qtbot: QtBot,
    hall_server: ServerProcess,
    fake_printer: FakeNetworkPrinter,  # noqa: F811
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, printer_uri=fake_printer.uri)
    w = kiosk.window
    assert {"A", "B"} <= set(w.home.zone_buttons)
    ticket = take_ticket(qtbot, kiosk, "A", "yyzz")
    status, on_server = hall_server.get(f"/api/v1/tickets/{ticket['token']}")
    assert status == 200 and on_server["number"] == ticket["number"] == "A001"
    assert w.ticket.number.text() == "A001"
    assert "1" in w.ticket.windows.text()  # yyzz is served at window 1
    qtbot.waitUntil(lambda: w.ticket.state == "printed", timeout=10000)
    (job,) = fake_printer.wait_for_jobs(1)
    printed = decode(job)
    assert not printed.text  # everything went as a raster image
    assert read_qr_pil(printed.image) == on_server["status_url"]
    assert w.ticket.preview.pixmap() is not None and not w.ticket.preview.pixmap().isNull()
    tap(qtbot, w.ticket.done_button)
    on_screen(qtbot, kiosk, Screen.HOME)


def read_qr_pil(image: object) -> str:
    import zxingcpp

    results = zxingcpp.read_barcodes(image.convert("L"))  # type: ignore[attr-defined]
    assert results, "no QR on the printed slip"
    return str(results[0].text)


def test_search_by_pinyin_initials_finds_the_business_licence(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    qtbot.waitUntil(lambda: kiosk.controller.finder.index is not None, timeout=10000)
    tap(qtbot, w.home.search_box)
    on_screen(qtbot, kiosk, Screen.MATTERS)
    assert w.matters.keyboard.isVisible()
    for key in "yyzz":  # on the on-screen keyboard, as a citizen would
        tap(qtbot, w.matters.keyboard.keys[key.upper()])
    assert w.matters.search_box.text() == "yyzz"
    qtbot.waitUntil(lambda: [b.property("matter") for b in w.matters.buttons] == ["yyzz"])
    assert "营业执照" in w.matters.buttons[0].texts()[0]
    w.matters.search_box.clear()
    qtbot.keyClicks(w.matters.search_box, "shiye")  # full pinyin, typed on a keyboard
    qtbot.waitUntil(lambda: [b.property("matter") for b in w.matters.buttons] == ["sybx"])
    tap(qtbot, matter_button(qtbot, kiosk, "sybx"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    assert w.guide.title.text() == "失业保险金申领"


def test_language_switch_retranslates_the_open_guide(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    assert w.guide.title.text() == "个体工商户营业执照办理"
    assert w.guide.take_button.texts() == ["取号", "Take a ticket"]
    assert w.nav.back_button.texts()[0].endswith("返回")
    tap(qtbot, w.top.language_button)
    qtbot.waitUntil(lambda: w.guide.title.text() == "Business licence for individual businesses")
    assert w.guide.take_button.texts() == ["Take a ticket", "取号"]
    assert w.nav.back_button.texts()[0].endswith("Back")
    assert w.guide.waiting.caption.text() == "People waiting"
    assert w.top.language_button.text() == "中文"
    tap(qtbot, w.top.language_button)
    qtbot.waitUntil(lambda: w.guide.waiting.caption.text() == "当前等候")


def test_idle_timeout_returns_home_and_clears_the_search_box(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, idle_timeout_s=1.0)
    w = kiosk.window
    tap(qtbot, w.top.language_button)
    tap(qtbot, w.top.elderly_button)
    tap(qtbot, w.home.search_box)
    on_screen(qtbot, kiosk, Screen.MATTERS)
    qtbot.keyClicks(w.matters.search_box, "yyzz")
    assert w.matters.search_box.text() == "yyzz" and kiosk.lang.language == "en"
    on_screen(qtbot, kiosk, Screen.HOME)  # nobody touched it for a second
    assert w.matters.search_box.text() == ""
    assert not w.nav.isVisible()
    # the next citizen starts in the hall's language, with the normal type size
    assert kiosk.lang.language == "zh" and not w.elderly
    qtbot.waitUntil(lambda: w.home.title.text() == "请选择办理区域")


def test_a_touch_keeps_the_citizen_on_their_screen(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, idle_timeout_s=1.5)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["B"])
    on_screen(qtbot, kiosk, Screen.MATTERS)
    for _ in range(3):  # 2.1 s in all, never 1.5 s without a touch
        qtbot.wait(700)
        qtbot.mouseClick(w.matters.title, Qt.MouseButton.LeftButton)
    assert kiosk.controller.flow.current.screen is Screen.MATTERS


def test_one_time_notice_prints_from_the_guide_and_is_previewed(
    qtbot: QtBot,
    hall_server: ServerProcess,
    fake_printer: FakeNetworkPrinter,  # noqa: F811
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, printer_uri=fake_printer.uri)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "spjy"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    tap(qtbot, w.guide.notice_button)
    qtbot.waitUntil(lambda: w.preview.isVisible(), timeout=10000)
    (job,) = fake_printer.wait_for_jobs(1)
    image = decode(job).image
    assert image.height > 600  # the whole guide, not a ticket
    qtbot.waitUntil(lambda: w.preview.status.text().startswith("已打印"), timeout=10000)
    tap(qtbot, w.preview.close_button)
    assert not w.preview.isVisible()


def test_portrait_screen_lays_out_within_its_width(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, size=(1080, 1920))
    w = kiosk.window
    qtbot.waitUntil(lambda: w.width() == 1080 and w.height() == 1920)
    for button in [*w.home.zone_buttons.values(), w.home.green_button, w.top.language_button]:
        rect = button.rect().translated(button.mapTo(w, button.rect().topLeft()))
        assert w.rect().contains(rect), button
        assert button.height() >= 64 and button.width() >= 64  # fingers, not mice


def test_elderly_mode_is_one_tap_away_with_larger_text_and_fewer_items_per_page(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.search_box)
    on_screen(qtbot, kiosk, Screen.MATTERS)
    tap(qtbot, w.matters.keyboard_button)  # put the keyboard away: the list gets the room
    qtbot.waitUntil(lambda: not w.matters.keyboard.isVisible())
    normal_size, normal_page = w.matters.title.font().pixelSize(), w.matters.page_size
    tap(qtbot, w.top.elderly_button)
    qtbot.waitUntil(lambda: w.matters.title.font().pixelSize() > normal_size)
    assert w.matters.page_size < normal_page
    assert w.matters.buttons[0].height() > 140
    tap(qtbot, w.top.elderly_button)
    qtbot.waitUntil(lambda: w.matters.title.font().pixelSize() == normal_size)
