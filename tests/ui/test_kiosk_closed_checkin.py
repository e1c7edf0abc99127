"""Appointment check-in from the closed screen: before walk-in issuing opens, a booking that
is due checks in at the kiosk (against a real server whose hall hours make it closed now)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from kiosk.flow import Screen
from queue_server.adapters.tables import appointments
from tests.serverproc import ServerProcess, mini_hall_in, zone_at_hour
from tests.ui.kiosk_support import (  # noqa: F401 - fixtures
    KIOSK_KEY,
    WAIT_MS,
    MakeKiosk,
    make_kiosk,
    on_screen,
    tap,
)

GOOD_ID = "11010519491231002X"


class ClosedHall:
    """A server whose hall opens in 20 minutes (hours in a zone where it is mid-morning now),
    so walk-ins are refused while a booking for the first slot is due already."""

    def __init__(self, workdir: Path, *, appointments_enabled: bool = True) -> None:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        self.tz = zone_at_hour(10, now)
        local = now.astimezone(self.tz)
        self.opens = now + timedelta(minutes=21)
        span = f"{self.opens.astimezone(self.tz):%H:%M}-{local + timedelta(hours=4):%H:%M}"
        text = mini_hall_in(self.tz)
        text = re.sub(r"holidays = \[.*\]\n", "", text)
        days = "".join(f'{d} = ["{span}"]\n' for d in "mon tue wed thu fri sat sun".split())
        text = re.sub(r"(\[hall\.hours\]\n)(?:\w+ = .*\n)+", lambda m: m.group(1) + days, text)
        if not appointments_enabled:
            text += "\n[appointments]\nenabled = false\n"
        config = workdir / "closed_hall.toml"
        config.write_text(text, encoding="utf-8")
        self.day = local.date()
        self.server = ServerProcess(workdir, config=config, open_all_hours=False)

    def book(self, code: str, matter: str, slot: datetime) -> None:
        """A booking straight into the hall's table (no ID hash: any ID checks it in)."""
        engine = create_engine(f"sqlite:///{self.server.db}")
        with engine.begin() as conn:
            conn.execute(
                appointments.insert().values(
                    code=code,
                    matter=matter,
                    status="booked",
                    day=self.day,
                    slot_start=slot.replace(tzinfo=None),
                    created_at=datetime.now(UTC).replace(tzinfo=None),
                )
            )
        engine.dispose()


@pytest.fixture
def closed_hall(tmp_path: Path) -> Iterator[ClosedHall]:
    hall = ClosedHall(tmp_path)
    hall.server.start()
    try:
        yield hall
    finally:
        hall.server.stop()


def enter_code(qtbot: QtBot, kiosk: object, code: str) -> None:
    """Closed screen → 预约签到 → type the code → Next."""
    w = kiosk.window  # type: ignore[attr-defined]
    on_screen(qtbot, kiosk, Screen.CLOSED)  # type: ignore[arg-type]
    tap(qtbot, w.closed.appointment_button)
    on_screen(qtbot, kiosk, Screen.APPOINTMENT)  # type: ignore[arg-type]
    qtbot.keyClicks(w.appointment.field, code)
    tap(qtbot, w.appointment.submit_button)


def test_closed_screen_checks_in_a_due_appointment_and_comes_back(
    qtbot: QtBot,
    closed_hall: ClosedHall,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    server = closed_hall.server
    closed_hall.book("AM-0900", "yyzz", closed_hall.opens)
    walk_in = server.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK_KEY)
    assert walk_in[0] == 409 and walk_in[1]["error"]["code"] == "hall_closed"  # walk-ins wait
    kiosk = make_kiosk(server.url)
    w = kiosk.window
    on_screen(qtbot, kiosk, Screen.CLOSED)
    assert w.closed.title.text() == "暂停取号"
    qtbot.waitUntil(w.closed.appointment_button.isVisible, timeout=WAIT_MS)
    assert w.closed.appointment_button.texts() == ["预约签到", "Appointment check-in"]
    qtbot.waitUntil(lambda: w.closed.appointment_button.height() >= 150, timeout=2000)
    assert not w.nav.isVisible()

    tap(qtbot, w.closed.appointment_button)  # Back returns to the closed screen
    on_screen(qtbot, kiosk, Screen.APPOINTMENT)
    assert w.nav.isVisible() and w.nav.back_button.isVisible()
    tap(qtbot, w.nav.back_button)
    on_screen(qtbot, kiosk, Screen.CLOSED)
    tap(qtbot, w.closed.appointment_button)  # …and so does the idle timeout
    qtbot.keyClicks(w.appointment.field, "AM")
    w.idle.idle.emit()
    on_screen(qtbot, kiosk, Screen.CLOSED)
    assert w.appointment.field.text() == ""

    enter_code(qtbot, kiosk, "am-0900")
    on_screen(qtbot, kiosk, Screen.GUIDE)  # the booking's matter, looked up by its code
    assert w.guide.take_button.texts()[0] == "签到取号"
    tap(qtbot, w.guide.take_button)
    on_screen(qtbot, kiosk, Screen.TICKET)
    ticket = kiosk.controller.ticket
    assert ticket["matter"] == "yyzz" and ticket["number"].startswith("A")
    status, booking = server.get("/api/v1/appointments/AM-0900")
    assert status == 200 and booking["status"] == "checked_in"
    tap(qtbot, w.nav.home_button)  # done: the next citizen sees the closed screen again
    on_screen(qtbot, kiosk, Screen.CLOSED)


def test_closed_screen_refusals_and_the_id_of_a_real_name_booking(
    qtbot: QtBot,
    closed_hall: ClosedHall,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    closed_hall.book("PM-1400", "yyzz", closed_hall.opens + timedelta(hours=2))
    closed_hall.book("ID-0900", "ylbx", closed_hall.opens)
    kiosk = make_kiosk(closed_hall.server.url)
    w = kiosk.window

    enter_code(qtbot, kiosk, "ZZ-404")  # unknown: refused at once, still on the code entry
    qtbot.waitUntil(lambda: w.message.code == "unknown_appointment", timeout=WAIT_MS)
    said = "\n".join(w.message.texts())
    assert "未找到该预约码" in said and "No appointment with this code" in said
    assert kiosk.controller.flow.current.screen is Screen.APPOINTMENT
    tap(qtbot, w.message.ok)
    tap(qtbot, w.nav.home_button)

    enter_code(qtbot, kiosk, "PM-1400")  # booked for later: not due, and says from when
    on_screen(qtbot, kiosk, Screen.GUIDE)
    tap(qtbot, w.guide.take_button)
    qtbot.waitUntil(lambda: w.message.code == "appointment_not_due", timeout=WAIT_MS)
    slot = f"{(closed_hall.opens + timedelta(hours=2)).astimezone(closed_hall.tz):%H:%M}"
    said = "\n".join(w.message.texts())
    assert "未能取号" in said and "签到" in said and "Check-in opens" in said and slot in said
    tap(qtbot, w.message.ok)
    assert kiosk.controller.flow.current.screen is Screen.GUIDE  # the hall stays closed
    tap(qtbot, w.nav.home_button)

    enter_code(qtbot, kiosk, "ID-0900")  # a real-name matter: the ID keypad, then the ticket
    on_screen(qtbot, kiosk, Screen.GUIDE)
    tap(qtbot, w.guide.take_button)
    on_screen(qtbot, kiosk, Screen.IDENTITY)
    for ch in GOOD_ID:
        tap(qtbot, w.identity.keypad.keys[ch])
    tap(qtbot, w.identity.confirm_button)
    on_screen(qtbot, kiosk, Screen.TICKET)
    assert kiosk.controller.ticket["matter"] == "ylbx"
    assert kiosk.controller.ticket["id_masked"] == "110***********002X"


def test_no_check_in_button_when_the_hall_takes_no_appointments(
    qtbot: QtBot,
    tmp_path: Path,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    hall = ClosedHall(tmp_path, appointments_enabled=False)
    hall.server.start()
    try:
        kiosk = make_kiosk(hall.server.url)
        on_screen(qtbot, kiosk, Screen.CLOSED)
        qtbot.waitUntil(lambda: kiosk.controller.appointments is False, timeout=WAIT_MS)
        assert not kiosk.window.closed.appointment_button.isVisible()
        assert not kiosk.window.closed.appointment_note.isVisible()
    finally:
        hall.server.stop()


def test_a_booking_made_before_appointments_were_turned_off_checks_in_then_the_button_goes(
    qtbot: QtBot,
    tmp_path: Path,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    hall = ClosedHall(tmp_path, appointments_enabled=False)
    hall.server.start()
    try:
        hall.book("AM-0900", "yyzz", hall.opens)  # booked while they were on: still honoured
        kiosk = make_kiosk(hall.server.url)
        w, c = kiosk.window, kiosk.controller
        on_screen(qtbot, kiosk, Screen.CLOSED)
        qtbot.waitUntil(w.closed.appointment_button.isVisible, timeout=WAIT_MS)
        still_closed = c.catalog_json
        opened = json.loads(json.dumps(still_closed))
        opened["hall"]["issuing"] = True  # and from home, had the hall been open
        c.apply_catalog(opened)
        on_screen(qtbot, kiosk, Screen.HOME)
        assert w.home.appointment_button.isVisible()
        c.apply_catalog(still_closed)

        enter_code(qtbot, kiosk, "AM-0900")
        on_screen(qtbot, kiosk, Screen.GUIDE)
        tap(qtbot, w.guide.take_button)
        on_screen(qtbot, kiosk, Screen.TICKET)
        assert c.ticket["matter"] == "yyzz"
        tap(qtbot, w.nav.home_button)
        on_screen(qtbot, kiosk, Screen.CLOSED)
        c.refresh_catalog()  # the next re-check: nothing is left to check in today
        qtbot.waitUntil(w.closed.appointment_button.isHidden, timeout=WAIT_MS)
        assert c.appointments is False and w.home.appointment_button.isHidden()
    finally:
        hall.server.stop()


def test_reopening_keeps_a_check_in_under_way(
    qtbot: QtBot,
    closed_hall: ClosedHall,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(closed_hall.server.url)
    w = kiosk.window
    on_screen(qtbot, kiosk, Screen.CLOSED)
    tap(qtbot, w.closed.appointment_button)
    on_screen(qtbot, kiosk, Screen.APPOINTMENT)
    qtbot.keyClicks(w.appointment.field, "AB")
    opened = json.loads(json.dumps(kiosk.controller.catalog_json))
    opened["hall"]["issuing"] = True  # issuing opens while the code is being typed
    kiosk.controller.apply_catalog(opened)
    assert kiosk.controller.flow.current.screen is Screen.APPOINTMENT
    assert w.appointment.field.text() == "AB"
    tap(qtbot, w.nav.home_button)
    on_screen(qtbot, kiosk, Screen.HOME)
