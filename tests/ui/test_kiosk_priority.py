"""Green channel, real-name tickets, appointments, re-queue and the server's refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from kiosk.flow import Screen
from queue_server.adapters.tables import appointments, events
from tests.serverproc import ServerProcess
from tests.ui.kiosk_support import (  # noqa: F401 - fixtures
    KIOSK_KEY,
    MakeKiosk,
    make_kiosk,
    matter_button,
    on_screen,
    tap,
)

GOOD_ID = "11010519491231002X"
BAD_CHECKSUM = "110105194912310021"


def key_in(qtbot: QtBot, keypad: object, digits: str) -> None:
    for ch in digits:
        tap(qtbot, keypad.keys[ch])  # type: ignore[attr-defined]


def test_green_channel_issues_a_green_ticket(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.green_button)
    on_screen(qtbot, kiosk, Screen.GREEN)
    tap(qtbot, w.green.buttons["disabled"])
    on_screen(qtbot, kiosk, Screen.MATTERS)
    assert w.matters.banner.isVisible() and w.matters.banner.text() == "绿色通道"
    qtbot.keyClicks(w.matters.search_box, "yyzz")
    tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    assert w.guide.take_button.texts()[0] == "绿色通道取号"
    tap(qtbot, w.guide.take_button)
    on_screen(qtbot, kiosk, Screen.TICKET)
    token = kiosk.controller.ticket["token"]
    status, ticket = hall_server.get(f"/api/v1/tickets/{token}")
    assert status == 200 and ticket["priority"] == "green"
    assert w.ticket.badge.isVisible() and w.ticket.badge.text() == "绿色通道"
    # The category chosen reached the server, for the statistics (残疾人 served: N).
    with create_engine(f"sqlite:///{hall_server.db}").connect() as conn:
        (data,) = conn.execute(
            events.select()
            .with_only_columns(events.c.data)
            .where(events.c.type == "ticket.issued", events.c.token == token)
        ).scalars()
    assert (json.loads(data) if isinstance(data, str) else data)["green_category"] == "disabled"


def test_real_name_matter_asks_for_the_id_and_refuses_a_bad_checksum_on_the_spot(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["B"])
    tap(qtbot, matter_button(qtbot, kiosk, "ylbx"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    tap(qtbot, w.guide.take_button)
    on_screen(qtbot, kiosk, Screen.IDENTITY)  # the ID is asked for, nothing issued yet
    key_in(qtbot, w.identity.keypad, BAD_CHECKSUM)
    assert w.identity.display.text() == "110105 19491231 0021"
    busy: list[bool] = []
    kiosk.controller.busy.connect(busy.append)
    tap(qtbot, w.identity.confirm_button)
    assert w.identity.error.isVisible()
    assert "身份证号码无效" in w.identity.error.text() and "not a valid" in w.identity.error.text()
    assert busy == []  # refused on the kiosk: no request went out
    assert hall_server.get("/api/v1/state")[1]["waiting"]["B"] == 0
    tap(qtbot, w.identity.keypad.back_key)
    key_in(qtbot, w.identity.keypad, "X")
    assert not w.identity.error.isVisible()
    tap(qtbot, w.identity.confirm_button)
    on_screen(qtbot, kiosk, Screen.TICKET)
    assert kiosk.controller.ticket["id_masked"] == "110***********002X"


def test_server_asking_for_the_id_shows_the_keypad(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    stale = json.loads(json.dumps(kiosk.controller.catalog_json))
    for matter in stale["matters"]:
        matter["real_name"] = False  # a catalogue from before ylbx became real-name
    kiosk.controller.apply_catalog(stale)
    tap(qtbot, w.home.zone_buttons["B"])
    tap(qtbot, matter_button(qtbot, kiosk, "ylbx"))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    qtbot.waitUntil(lambda: not kiosk.controller.loading)  # the guide's live refresh is in
    kiosk.controller.apply_catalog(stale)
    busy: list[bool] = []
    kiosk.controller.busy.connect(busy.append)
    tap(qtbot, w.guide.take_button)
    on_screen(qtbot, kiosk, Screen.IDENTITY)
    assert busy == [True, False]  # asked the server, which said id_required
    assert not w.message.isVisible()


def test_quota_exhausted_shows_the_bilingual_refusal(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    for _ in range(3):  # spjy has a daily quota of 3
        assert hall_server.post("/api/v1/tickets", {"matter": "spjy"}, KIOSK_KEY)[0] == 201
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.zone_buttons["A"])
    tap(qtbot, matter_button(qtbot, kiosk, "spjy"))
    tap(qtbot, w.guide.take_button)
    qtbot.waitUntil(lambda: w.message.isVisible(), timeout=10000)
    assert w.message.code == "quota_exhausted"
    said = "\n".join(w.message.texts())
    assert "该事项今日号源已取完" in said and "all taken" in said and "未能取号" in said
    assert kiosk.controller.flow.current.screen is Screen.GUIDE
    tap(qtbot, w.message.ok)
    assert not w.message.isVisible()


def test_appointment_check_in_issues_the_booked_ticket_and_refuses_an_unknown_code(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    now = datetime.now(UTC)
    engine = create_engine(f"sqlite:///{hall_server.db}")
    with engine.begin() as conn:  # book straight into the hall's table: any day, any hours
        conn.execute(
            appointments.insert().values(
                code="YY-2024",
                matter="yyzz",
                status="booked",
                day=now.astimezone(ZoneInfo("Asia/Shanghai")).date(),
                slot_start=(now + timedelta(minutes=10)).replace(tzinfo=None),
                created_at=now.replace(tzinfo=None),
            )
        )
    engine.dispose()
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window

    def enter(code: str) -> None:
        kiosk.controller.home()
        tap(qtbot, w.home.appointment_button)
        on_screen(qtbot, kiosk, Screen.APPOINTMENT)
        qtbot.keyClicks(w.appointment.field, code)
        tap(qtbot, w.appointment.submit_button)
        # a server with GET /appointments/{code} answers at once; otherwise the matter list
        qtbot.waitUntil(
            lambda: (
                w.message.code == "unknown_appointment"
                or kiosk.controller.flow.current.screen in (Screen.MATTERS, Screen.GUIDE)
            ),
            timeout=10000,
        )
        if kiosk.controller.flow.current.screen is Screen.MATTERS:
            qtbot.keyClicks(w.matters.search_box, "yyzz")
            tap(qtbot, matter_button(qtbot, kiosk, "yyzz"))
        if not w.message.isVisible():
            on_screen(qtbot, kiosk, Screen.GUIDE)
            assert w.guide.take_button.texts()[0] == "签到取号"
            tap(qtbot, w.guide.take_button)

    enter("zz-404")
    qtbot.waitUntil(lambda: w.message.code == "unknown_appointment", timeout=10000)
    said = "\n".join(w.message.texts())
    assert "未找到" in said and "预约码" in said and "No appointment with this code" in said
    tap(qtbot, w.message.ok)
    enter("yy-2024")
    on_screen(qtbot, kiosk, Screen.TICKET)
    assert kiosk.controller.ticket["matter"] == "yyzz"


def test_requeue_of_a_no_show_ticket_by_scanning_its_status_url(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    _, ticket = hall_server.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK_KEY)
    _, login = hall_server.post(
        "/api/v1/auth/login", {"staff_id": "s1a", "pin": "1111", "window": 1}
    )
    for action in ("call-next", "no-show"):
        assert hall_server.post(f"/api/v1/windows/1/{action}", {}, login["token"])[0] == 200
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.requeue_button)
    on_screen(qtbot, kiosk, Screen.REQUEUE)
    qtbot.keyClicks(w.requeue.field, "not a ticket")
    tap(qtbot, w.requeue.submit_button)
    assert w.message.code == "bad_ticket_code"
    tap(qtbot, w.message.ok)
    w.requeue.field.clear()
    qtbot.keyClicks(w.requeue.field, ticket["status_url"] + "\r")  # a scanner ends with Enter
    on_screen(qtbot, kiosk, Screen.TICKET)
    assert w.ticket.number.text() == ticket["number"]
    assert w.ticket.badge.text() == "已重新排队"
    assert hall_server.get(f"/api/v1/tickets/{ticket['token']}")[1]["status"] == "waiting"
    kiosk.controller.home()
    tap(qtbot, w.home.requeue_button)
    qtbot.keyClicks(w.requeue.field, ticket["token"] + "\r")  # only once
    qtbot.waitUntil(lambda: w.message.code == "requeue_not_allowed", timeout=10000)


def test_without_an_appointment_look_up_the_citizen_picks_the_matter(
    qtbot: QtBot,
    hall_server: ServerProcess,
    dead_url: str,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url)
    w = kiosk.window
    tap(qtbot, w.home.appointment_button)
    qtbot.keyClicks(w.appointment.field, "AB-1")
    real = kiosk.client.api_url
    kiosk.client.api_url = dead_url + "/api/v1"  # the look-up gets no answer
    tap(qtbot, w.appointment.submit_button)
    on_screen(qtbot, kiosk, Screen.MATTERS)
    kiosk.client.api_url = real
    assert w.matters.banner.text() == "预约 AB-1"
    assert not w.message.isVisible()
