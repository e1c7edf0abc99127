"""Render the counter-side apps to docs/screenshots/: hall TV, counter console, window display,
evaluator.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_counter.py [--only tv,counter]

Starts a real `hallq serve` on the sample hall (config/hall.toml), signs staff in at many
windows and calls tickets over HTTP so the hall looks busy, then builds each app with the
same builders as `hallq` and saves `QWidget.grab()` of each screen. Voice is a recording
fake; the notice printer a PNG preview in a temporary directory.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from counter_display.announcer import RecordingAnnouncer  # noqa: E402
from counter_display.apps import (  # noqa: E402
    build_counter,
    build_display,
    build_evaluator,
    build_window_display,
)
from counter_display.notice import PreviewPrinter  # noqa: E402
from queue_server.config import SAMPLE_HALL, load_hall  # noqa: E402
from queue_server.domain.identity import check_digit  # noqa: E402
from tests.serverproc import ServerProcess  # noqa: E402

log = logging.getLogger("screenshots")
OUT = ROOT / "docs" / "screenshots"
KIOSK = "demo-kiosk-key-1"
EVALUATOR = "demo-evaluator-key-5"


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Run the event loop until `condition()` holds (a script, not widget code)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shot(widget: QWidget, name: str) -> None:
    settle()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    log.info("wrote %s", path.relative_to(ROOT))


class Hall:
    """The sample hall's server, driven over HTTP to look like mid-morning."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.hall = load_hall(SAMPLE_HALL)
        self.tokens: dict[int, str] = {}
        self.ids = 0

    def ok(self, answer: tuple[int, Any]) -> Any:
        status, body = answer
        if status >= 300:
            raise RuntimeError(f"server said {status}: {body}")
        return body

    def sign_in(self, window: int) -> str:
        staff = self.hall.window(window).staff_a  # type: ignore[union-attr]
        body = {"staff_id": staff, "pin": "1234", "window": window}
        self.tokens[window] = self.ok(self.server.post("/api/v1/auth/login", body))["token"]
        return self.tokens[window]

    def issue(self, matter: str, **extra: Any) -> dict[str, Any]:
        body = {"matter": matter, **extra}
        config = self.hall.matter(matter)
        if config is not None and config.real_name and "id_number" not in body:
            self.ids += 1
            body["id_number"] = resident_id(self.ids)
        return self.ok(self.server.post("/api/v1/tickets", body, token=KIOSK))

    def act(self, window: int, action: str, body: dict[str, Any] | None = None) -> Any:
        return self.server.post(f"/api/v1/windows/{window}/{action}", body, self.tokens[window])

    def busy_morning(self) -> None:
        """Most windows open, many tickets, calls all over the hall, two windows paused."""
        for w in self.hall.windows:
            if w.number % 7 == 3 and w.number != 38:
                continue  # a few windows not staffed: 暂未开放
            self.sign_in(w.number)
            for _ in range(3):
                self.issue(w.profile[0])
        for w in self.hall.windows:
            if w.number in self.tokens and w.number not in (5, 6, 37, 38, 12, 44):
                self.act(w.number, "call-next")
                if w.number % 2:
                    self.act(w.number, "start")
        for number, reason in ((12, "午休"), (44, "会议")):
            self.act(number, "pause", {"reason": reason})


def resident_id(n: int = 0) -> str:
    """A valid (checksummed) resident ID number, different for each `n`."""
    first17 = f"1404021985031{n:04d}"
    return first17 + check_digit(first17)


def tv_shots(hall: Hall, url: str) -> None:
    sizes = (
        ((1920, 1080), None),
        ((3840, 2160), None),
        ((1280, 720), "licence"),
        ((1080, 1920), None),  # portrait: a TV on its side
        ((1080, 1728), "licence"),  # portrait 10:16, one zone
    )
    for size, zone in sizes:
        display = build_display(server=url, announcer=RecordingAnnouncer(), zone=zone)
        tv = display.tv
        tv.resize(*size)
        tv.show()
        wait_until(lambda: display.feed.board.synced and bool(tv.header.hall[0]))  # noqa: B023
        window = 38 if zone else 6
        hall.issue(hall.hall.window(window).profile[0])  # type: ignore[union-attr]
        hall.act(window, "complete", {"outcome": "done"})  # whatever it had in hand
        hall.ok(hall.act(window, "call-next"))
        wait_until(lambda: tv.call_panel.showing is not None)  # noqa: B023
        settle(0.6)
        name = f"display-tv-zone-{size[0]}x{size[1]}" if zone else f"display-tv-{size[0]}x{size[1]}"
        shot(tv, name)
        display.close()


def counter_shots(hall: Hall, url: str, prints: Path) -> None:
    from PySide6.QtTest import QTest

    hall.issue("gsj-gt-sl", priority="green", green_category="elderly", id_number=resident_id())
    counter = build_counter(
        server=url, window=37, hall=hall.hall, printer=PreviewPrinter(prints), staff_hint="w37a"
    )
    console = counter.window
    console.resize(1366, 800)
    console.show()
    shot(console, "counter-login")
    console.login_page.pin.setText("1234")
    QTest.mouseClick(console.login_page.sign_in, Qt.MouseButton.LeftButton)
    wait_until(lambda: counter.session.view is not None)
    shot(console, "counter-idle")
    QTest.mouseClick(console.pad.buttons["call_next"], Qt.MouseButton.LeftButton)
    wait_until(lambda: counter.session.ticket is not None)
    shot(console, "counter-calling")
    console.trigger("complete")
    console.complete_panel.outcome_buttons["needs_more"].setChecked(True)
    boxes = list(console.complete_panel.checks.values())
    boxes[0].setChecked(True)
    if len(boxes) > 2:
        boxes[2].setChecked(True)
    shot(console, "counter-complete-needs-more")
    console.complete_panel.outcome_buttons["accepted"].setChecked(True)
    shot(console, "counter-complete-accepted")
    console.side.setCurrentWidget(console.pad)
    console.trigger("transfer")
    shot(console, "counter-transfer")
    console.side.setCurrentWidget(console.pad)
    QTest.mouseClick(console.pad.buttons["recall"], Qt.MouseButton.LeftButton)
    wait_until(lambda: not counter.session.busy)
    QTest.mouseClick(console.pad.buttons["recall"], Qt.MouseButton.LeftButton)
    wait_until(lambda: not counter.session.busy)
    QTest.mouseClick(console.pad.buttons["recall"], Qt.MouseButton.LeftButton)  # refused
    wait_until(lambda: "最大重呼" in console.message.text())
    shot(console, "counter-refused")
    counter.close()


def window_display_shots(hall: Hall, url: str) -> None:
    for window, name in ((38, "calling"), (12, "paused"), (3, "closed")):
        screen = build_window_display(server=url, window=window)
        screen.screen.resize(1280, 400)
        screen.screen.show()
        wait_until(lambda: screen.feed.board.synced)  # noqa: B023
        if name == "calling":
            hall.issue("gsj-gs-bg")
            hall.act(38, "complete", {"outcome": "done"})
            hall.act(38, "call-next")
            wait_until(lambda: screen.screen.tile.current is not None)  # noqa: B023
        shot(screen.screen, f"window-display-{name}")
        screen.close()


def evaluator_shots(hall: Hall, url: str) -> None:
    ev = build_evaluator(server=url, window=5, key=EVALUATOR)
    ev.window.resize(1280, 800)
    ev.window.show()
    wait_until(lambda: ev.client.online)
    settle(0.5)
    shot(ev.window, "evaluator-idle")
    hall.act(5, "complete", {"outcome": "done"})
    wait_until(lambda: ev.controller.step.value == "asking")
    shot(ev.window, "evaluator-ask")
    ev.controller.choose(2)
    ev.window.reasons[next(iter(ev.window.reasons))].setChecked(True)
    shot(ev.window, "evaluator-reasons")
    ev.controller.submit_reasons([next(iter(ev.window.reasons))])
    wait_until(lambda: ev.controller.step.value == "thanks")
    shot(ev.window, "evaluator-thanks")
    ev.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma list: tv,counter,window,evaluator")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hallq-shots-") as tmp:
        server = ServerProcess(Path(tmp), config=SAMPLE_HALL).start()
        try:
            hall = Hall(server)
            hall.busy_morning()
            hall.act(5, "call-next")
            if not only or "tv" in only:
                tv_shots(hall, server.url)
            if not only or "counter" in only:
                counter_shots(hall, server.url, Path(tmp) / "prints")
            if not only or "window" in only:
                window_display_shots(hall, server.url)
            if not only or "evaluator" in only:
                evaluator_shots(hall, server.url)
        finally:
            server.stop()
    # Let the closed apps' deferred deletes run while Qt is still up (PySide6 otherwise
    # trips over them while the interpreter finalizes).
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
