"""The counter console against a real `hallq serve`: sign-in, calls, keys, refusals, pause,
with the hall TV and the window display following."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_display.announcer import RecordingAnnouncer
from counter_display.apps import Counter, Display, WindowScreen
from counter_display.i18n import Texts
from counter_display.texts import GREEN_CATEGORY_TEXTS
from queue_server.domain.model import GREEN_CATEGORIES
from queue_server.stats import GREEN_CATEGORY_NAMES
from tests.ui.counter_support import (
    WAIT_MS,
    Hall,
    click,
    hall,
    make_counter,
    make_display,
    make_window_display,
    mini_hall,
    shown_call,
    sign_in,
)

__all__ = ["hall", "make_counter", "make_display", "make_window_display", "mini_hall"]


def message(counter: Counter) -> str:
    return counter.window.message.text()


def test_sign_in_shows_staff_role_and_todays_sign_in_then_call_next_shows_everywhere(
    qtbot: QtBot,
    hall: Hall,
    make_counter: Callable[..., Counter],
    make_display: Callable[..., tuple[Display, RecordingAnnouncer]],
    make_window_display: Callable[..., WindowScreen],
) -> None:
    url = hall.server.url
    hall.issue("yyzz", priority="green")
    display, announcer = make_display(url)
    screen = make_window_display(url, window=1)
    assert screen.screen.lines()[0] == "暂未开放"  # nobody signed in yet
    counter = make_counter(url)
    assert not counter.window.pad.buttons["call_next"].isVisible()  # the sign-in page
    sign_in(qtbot, counter, "s1a", "1111")

    top = counter.window.top
    assert "张敏" in top.staff.text() and "A角" in top.staff.text()
    assert sum("—" not in chip.text() for chip in top.slots.values()) == 1  # this slot's sign-in
    pad = counter.window.pad.buttons
    assert {a for a, b in pad.items() if b.isEnabled()} == {"call_next", "pause"}

    click(qtbot, pad["call_next"])
    card = counter.window.card
    qtbot.waitUntil(lambda: card.number.text() == "A001", timeout=WAIT_MS)
    assert card.green.isVisible() and "个体工商户营业执照办理" in card.matter.text()
    assert "已等候" in card.details.text()
    assert {a for a, b in pad.items() if b.isEnabled()} == {
        "recall",
        "no_show",
        "suspend",
        "transfer",
        "complete",
    }
    qtbot.waitUntil(lambda: shown_call(display) == ("A001", True), timeout=WAIT_MS)
    assert display.tv.call_panel.lines()[2] == "请 A001 号到 1 号窗口办理"
    qtbot.waitUntil(lambda: screen.screen.lines()[0] == "A001", timeout=WAIT_MS)
    assert screen.screen.lines()[1] == "请到本窗口办理"
    assert [(c.number, c.window, c.recall) for c in announcer.calls] == [("A001", 1, False)]

    click(qtbot, pad["recall"])  # 重呼: announced again, as a recall
    qtbot.waitUntil(lambda: len(announcer.calls) == 2, timeout=WAIT_MS)
    assert (announcer.calls[1].number, announcer.calls[1].recall) == ("A001", True)
    assert display.tv.recent.calls[0].recall


def test_a_green_ticket_in_hand_says_whom_the_green_channel_serves(
    qtbot: QtBot, hall: Hall, make_counter: Callable[..., Counter]
) -> None:
    hall.issue("yyzz", priority="green", green_category="pregnant")
    hall.issue("yyzz", priority="green")  # taken without a category (the desk, older kiosks)
    counter = make_counter(hall.server.url)
    sign_in(qtbot, counter, "s1a", "1111")
    console, card = counter.window, counter.window.card
    assert not card.green.isVisible()

    click(qtbot, console.pad.buttons["call_next"])
    qtbot.waitUntil(lambda: card.number.text() == "A001", timeout=WAIT_MS)
    assert card.green.isVisible()
    assert card.green.text() == "绿色通道 Green channel\n孕妇 Pregnant"
    assert console.minimumSizeHint().width() <= 1366  # still fits a 1366-pixel counter screen

    qtbot.waitUntil(lambda: console.pad.buttons["no_show"].isEnabled(), timeout=WAIT_MS)
    click(qtbot, console.pad.buttons["no_show"])
    qtbot.waitUntil(lambda: console.pad.buttons["call_next"].isEnabled(), timeout=WAIT_MS)
    click(qtbot, console.pad.buttons["call_next"])
    qtbot.waitUntil(lambda: card.number.text() == "A002", timeout=WAIT_MS)
    assert card.green.isVisible() and card.green.text() == "绿色通道 Green channel"


def test_the_green_categories_read_as_in_the_statistics(qapp: QApplication) -> None:
    """Every category the server takes has a label, in the Chinese of the monthly report."""
    texts = Texts(install=False)
    assert set(GREEN_CATEGORY_TEXTS) == set(GREEN_CATEGORIES)
    shown = {code: texts.zh(source) for code, source in GREEN_CATEGORY_TEXTS.items()}
    assert shown == {code: GREEN_CATEGORY_NAMES[code] for code in GREEN_CATEGORIES}


def test_wrong_pin_is_refused_then_f1_calls_next_and_f6_with_nothing_called_is_refused(
    qtbot: QtBot, hall: Hall, make_counter: Callable[..., Counter]
) -> None:
    hall.issue("yyzz")
    counter = make_counter(hall.server.url)
    console = counter.window
    login = console.login_page
    qtbot.keyClicks(login.staff_id, "s1a")
    qtbot.keyClicks(login.pin, "9999")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)  # a wrong PIN
    qtbot.waitUntil(lambda: "工号或密码错误" in login.message.text(), timeout=WAIT_MS)
    assert "Wrong staff ID or PIN" in login.message.text()
    assert console.pages.currentWidget() is login
    sign_in(qtbot, counter, "s1a", "1111")

    qtbot.keyClick(console, Qt.Key.Key_F6)  # 办结 with nothing called
    qtbot.waitUntil(lambda: "没有正在办理的号票" in message(counter), timeout=WAIT_MS)
    assert "no ticket in hand" in message(counter)
    assert console.side.currentWidget() is console.pad

    qtbot.keyClick(console, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: console.card.number.text() == "A001", timeout=WAIT_MS)
    assert "已呼叫 A001" in message(counter)


def test_server_refusal_of_a_third_recall_shows_its_chinese_and_english_message(
    qtbot: QtBot, hall: Hall, make_counter: Callable[..., Counter]
) -> None:
    hall.issue("yyzz")
    counter = make_counter(hall.server.url)
    sign_in(qtbot, counter, "s1a", "1111")
    pad = counter.window.pad.buttons
    click(qtbot, pad["call_next"])
    qtbot.waitUntil(lambda: counter.session.ticket is not None, timeout=WAIT_MS)
    for n in (1, 2):  # the mini hall allows two recalls
        qtbot.waitUntil(lambda: pad["recall"].isEnabled(), timeout=WAIT_MS)
        click(qtbot, pad["recall"])
        recalled = f"已重呼 {n} 次"
        details = counter.window.card.details
        qtbot.waitUntil(lambda: recalled in details.text(), timeout=WAIT_MS)  # noqa: B023
    qtbot.waitUntil(lambda: pad["recall"].isEnabled(), timeout=WAIT_MS)
    click(qtbot, pad["recall"])
    qtbot.waitUntil(lambda: "已达最大重呼次数" in message(counter), timeout=WAIT_MS)
    assert "maximum number of times" in message(counter)
    assert counter.window.message_box.property("role") == "message-error"
    qtbot.waitUntil(lambda: pad["no_show"].isEnabled(), timeout=WAIT_MS)  # not stuck busy


def test_pause_with_a_reason_shows_on_the_tv_and_window_display_and_resume_clears_it(
    qtbot: QtBot,
    hall: Hall,
    make_counter: Callable[..., Counter],
    make_display: Callable[..., tuple[Display, RecordingAnnouncer]],
    make_window_display: Callable[..., WindowScreen],
) -> None:
    url = hall.server.url
    display, _ = make_display(url)
    screen = make_window_display(url, window=1)
    counter = make_counter(url)
    sign_in(qtbot, counter, "s1a", "1111")
    console = counter.window
    click(qtbot, console.pad.buttons["pause"])
    assert console.side.currentWidget() is console.pause_panel
    click(qtbot, console.pause_panel.reasons["会议"])
    click(qtbot, console.pause_panel.confirm)

    tile = lambda: display.feed.board.windows[1]  # noqa: E731
    qtbot.waitUntil(lambda: tile().state == "paused", timeout=WAIT_MS)
    assert tile().pause_reason == "会议"
    assert any(t.number == 1 and t.state == "paused" for t in display.tv.grid.visible_tiles())
    qtbot.waitUntil(lambda: screen.screen.lines() == ["暂停服务", "会议"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.pad.buttons["resume"].isEnabled(), timeout=WAIT_MS)
    assert "会议" in console.card.matter.text()

    click(qtbot, console.pad.buttons["resume"])
    qtbot.waitUntil(lambda: tile().state == "idle", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.screen.lines()[0] == "欢迎光临，请等候叫号", timeout=WAIT_MS)


def test_transfer_to_another_window_frees_this_one_and_queues_the_ticket_there(
    qtbot: QtBot, hall: Hall, make_counter: Callable[..., Counter]
) -> None:
    ticket = hall.issue("spjy")
    counter = make_counter(hall.server.url)
    sign_in(qtbot, counter, "s1a", "1111")
    console = counter.window
    click(qtbot, console.pad.buttons["call_next"])
    qtbot.waitUntil(lambda: console.pad.buttons["transfer"].isEnabled(), timeout=WAIT_MS)
    click(qtbot, console.pad.buttons["transfer"])
    panel = console.transfer_panel
    assert not panel.confirm.isEnabled()
    item = next(
        panel.windows.item(i)
        for i in range(panel.windows.count())
        if panel.windows.item(i).text().startswith("2号")
    )
    panel.windows.setCurrentItem(item)
    click(qtbot, panel.confirm)
    qtbot.waitUntil(lambda: "已转移" in message(counter), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.card.number.text() == "—", timeout=WAIT_MS)
    status, public = hall.server.get(f"/api/v1/tickets/{ticket['token']}")
    assert status == 200 and public["status"] == "waiting"
