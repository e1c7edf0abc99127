"""The evaluator facing the citizen, against a real server: it asks after each service of its
window, posts one rating, asks why for a bad one, and goes back to idle by itself."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from counter_display.apps import Evaluator
from counter_display.rating import Step
from tests.ui.counter_support import EVALUATOR_KEY, WAIT_MS, Hall, click, hall, make_evaluator

__all__ = ["hall", "make_evaluator"]


def serve_one(hall: Hall, matter: str = "yyzz") -> dict[str, object]:
    """A citizen is served at window 1 from ticket to completion; their ticket."""
    ticket = hall.issue(matter)
    if 1 not in hall.tokens:
        hall.sign_in("s1a", "1111", 1)
    hall.act(1, "call-next")
    hall.act(1, "complete", {"outcome": "done"})
    return ticket


def test_after_a_completion_the_citizen_rates_once_and_the_server_records_it(
    qtbot: QtBot, hall: Hall, make_evaluator: Callable[..., Evaluator]
) -> None:
    evaluator = make_evaluator(hall.server.url)
    screen = evaluator.window
    assert screen.pages.currentWidget() is screen.idle
    ticket = serve_one(hall)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.ask, timeout=WAIT_MS)
    assert str(ticket["number"]) in screen.ask_title.text()

    click(qtbot, screen.faces[4])  # 满意
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.thanks, timeout=WAIT_MS)
    status, public = hall.server.get(f"/api/v1/tickets/{ticket['token']}")
    assert status == 200 and public["rated"] is True
    again = hall.server.post("/api/v1/windows/1/evaluation", {"rating": 1}, EVALUATOR_KEY)
    assert again[0] == 409 and again[1]["error"]["code"] == "already_rated"


def test_a_bad_rating_asks_for_reasons_before_it_is_sent(
    qtbot: QtBot, hall: Hall, make_evaluator: Callable[..., Evaluator]
) -> None:
    evaluator = make_evaluator(hall.server.url)
    screen = evaluator.window
    ticket = serve_one(hall)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.ask, timeout=WAIT_MS)
    click(qtbot, screen.faces[2])  # 不满意
    assert screen.pages.currentWidget() is screen.reasons_page
    assert hall.server.get(f"/api/v1/tickets/{ticket['token']}")[1]["rated"] is False
    click(qtbot, screen.reasons["Long wait"])
    click(qtbot, screen.reasons["Not told everything at once"])
    click(qtbot, screen.submit_button)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.thanks, timeout=WAIT_MS)
    assert "回访整改" in screen.thanks_note.text()
    assert evaluator.controller.flow.reasons == ["Long wait", "Not told everything at once"]
    assert hall.server.get(f"/api/v1/tickets/{ticket['token']}")[1]["rated"] is True


def test_unrated_service_returns_to_the_idle_screen_after_the_timeout(
    qtbot: QtBot, hall: Hall, make_evaluator: Callable[..., Evaluator]
) -> None:
    evaluator = make_evaluator(hall.server.url, ask_s=0.5, thanks_s=0.3)
    screen = evaluator.window
    controller = evaluator.controller
    steps: list[Step] = []  # the screen asks only half a second: record, do not race it
    controller.changed.connect(lambda: steps.append(controller.step))
    serve_one(hall)
    qtbot.waitUntil(lambda: steps[-2:] == [Step.ASKING, Step.IDLE], timeout=WAIT_MS)
    assert screen.pages.currentWidget() is screen.idle
    serve_one(hall)  # the next citizen can rate
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.ask, timeout=WAIT_MS)
    click(qtbot, screen.faces[5])
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.thanks, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.idle, timeout=WAIT_MS)
