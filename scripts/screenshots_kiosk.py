"""Render every kiosk screen to docs/screenshots/kiosk-*.png, landscape and portrait, zh and en.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_kiosk.py [--only home,guide]

Starts a real `hallq serve` on the sample hall (config/hall.toml), builds the kiosk with the
composition root and walks it screen by screen through the controller; `QWidget.grab()`
takes each picture. Tickets print to an in-memory printer (a failing one for the fault
screen).
"""

from __future__ import annotations

import argparse
import io
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

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.__main__ import Kiosk, build_kiosk  # noqa: E402
from kiosk.flow import Screen  # noqa: E402
from kiosk.printing import MemoryPrinter, PrinterUnavailable  # noqa: E402
from kiosk.settings import KioskSettings  # noqa: E402
from queue_server.config import SAMPLE_HALL  # noqa: E402
from tests.serverproc import ServerProcess  # noqa: E402

log = logging.getLogger("screenshots")
OUT = ROOT / "docs" / "screenshots"
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
KEY = "demo-kiosk-key-1"
MATTER = "gsj-gs-sl"  # 公司设立登记: a licence matter with a long guide


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the event loop until `condition()` holds (a script, not widget code)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


class Shooter:
    """One kiosk at one size and language; `shot(name)` saves the window."""

    def __init__(self, url: str, orientation: str, language: str, *, failing: bool) -> None:
        self.tag = f"{orientation}-{language}"
        settings = KioskSettings(
            server=url, key=KEY, language=language, size=SIZES[orientation], admin_pin="2468"
        )
        printer = MemoryPrinter(
            fail_with=PrinterUnavailable("paper_out", "DLE EOT 4: no paper") if failing else None
        )
        self.kiosk: Kiosk = build_kiosk(settings, printer=printer, printer_name="kiosk1")
        self.window = self.kiosk.window
        self.window.show()
        wait_until(lambda: self.kiosk.controller.catalog is not None)
        wait_until(lambda: self.kiosk.controller.finder.index is not None)
        wait_until(lambda: self.kiosk.controller.appointments is not None)  # check-in button

    def shot(self, name: str) -> Path:
        settle()
        path = OUT / f"kiosk-{name}-{self.tag}.png"
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.window.grab().save(buffer, "PNG")
        # 256 colours look the same for flat UI and keep the repository a third lighter
        image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
        image.quantize(256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, optimize=True
        )
        log.info("wrote %s", path.relative_to(ROOT))
        return path

    def go(self, action: Callable[[], Any], screen: Screen) -> None:
        action()
        wait_until(lambda: self.kiosk.controller.flow.current.screen is screen)

    def close(self) -> None:
        self.kiosk.close()
        settle(0.1)


def first_zone_with_matters(kiosk: Kiosk) -> str:
    catalog = kiosk.controller.catalog
    assert catalog is not None
    return max(catalog.zones, key=lambda z: len(catalog.in_zone(z.code))).code


def walk(s: Shooter, only: set[str]) -> None:
    c = s.kiosk.controller

    def want(name: str) -> bool:
        return not only or name in only

    if want("home"):
        s.shot("home")
    if want("zone"):
        s.go(lambda: c.open_zone(first_zone_with_matters(s.kiosk)), Screen.MATTERS)
        s.shot("zone")
        c.home()
    if want("search"):
        s.go(c.open_search, Screen.MATTERS)
        s.window.matters.search_box.setText("yyzz")
        s.shot("search")
        c.home()
    if want("guide"):
        s.go(lambda: c.open_matter(MATTER), Screen.GUIDE)
        s.shot("guide")
        c.home()
    if want("green"):
        s.go(c.start_green, Screen.GREEN)
        s.shot("green")
        c.home()
    if want("identity"):
        real = next(m.code for m in c.catalog.matters if m.real_name)  # type: ignore[union-attr]
        s.go(lambda: c.open_matter(real), Screen.GUIDE)
        s.go(lambda: c.take_ticket(real), Screen.IDENTITY)
        for key in "11010519491231":
            s.window.identity.keypad.keys[key].click()
        s.shot("identity")
        c.home()
    if want("appointment"):
        s.go(c.start_appointment, Screen.APPOINTMENT)
        s.window.appointment.field.setText("YY-2024")
        s.shot("appointment")
        c.home()
    if want("requeue"):
        s.go(c.start_requeue, Screen.REQUEUE)
        s.shot("requeue")
        c.home()
    if want("ticket"):
        s.go(lambda: c.open_matter(MATTER), Screen.GUIDE)
        s.go(lambda: c.take_ticket(MATTER), Screen.TICKET)
        wait_until(lambda: s.window.ticket.state != "printing")
        s.shot(
            "ticket-fault"
            if s.kiosk.slips.printer.printer
            and getattr(s.kiosk.slips.printer.printer, "fail_with", None)
            else "ticket"
        )
        c.home()
    if want("error"):
        s.go(lambda: c.open_matter(MATTER), Screen.GUIDE)
        c.problem.emit(
            "No ticket was issued",
            _refusal(
                "quota_exhausted",
                "Today's tickets for this matter are all taken.",
                "该事项今日号源已取完。",
            ),
            "If you need help, please ask the staff at the help desk.",
        )
        s.shot("error")
        s.window.message.dismiss()
        c.home()
    if want("closed"):
        data = dict(c.catalog_json or {})
        nxt = "2026-11-24T08:30:00+08:00"
        data["hall"] = {**data["hall"], "issuing": False, "next_opening": nxt}
        c.apply_catalog(data)
        wait_until(lambda: c.appointments is not None)  # the check-in button, if any
        s.shot("closed")
        data["hall"] = {**data["hall"], "issuing": True}
        c.apply_catalog(data)
    if want("elderly"):
        s.window.set_elderly(True)
        s.go(lambda: c.open_matter(MATTER), Screen.GUIDE)
        s.shot("elderly-guide")
        c.home()
        s.shot("elderly-home")
        s.window.set_elderly(False)
    if want("admin"):
        s.go(c.open_admin, Screen.PIN)
        s.go(lambda: c.submit_pin("2468"), Screen.ADMIN)
        s.shot("admin")
        c.home()
    if want("help"):  # last: the button then rests (Staff called) for a minute
        s.go(lambda: c.open_matter(MATTER), Screen.GUIDE)
        c.call_staff()  # the server's answer: a new call, or this kiosk's call still open
        wait_until(lambda: s.window.message.code == "help_called")
        s.shot("help")
        s.window.message.dismiss()
        c.home()


def _refusal(code: str, message: str, message_zh: str) -> Any:
    from kiosk.entry import Refusal

    return Refusal(code, message, message_zh)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="comma-separated screen names")
    parser.add_argument("--orientation", choices=sorted(SIZES), action="append")
    parser.add_argument("--language", choices=("zh", "en"), action="append")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    only = {n for n in args.only.split(",") if n}
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp), config=SAMPLE_HALL).start()
        try:
            for orientation in args.orientation or sorted(SIZES):
                for language in args.language or ("zh", "en"):
                    for failing in (False, True):
                        if failing and only and "ticket" not in only:
                            continue
                        shooter = Shooter(server.url, orientation, language, failing=failing)
                        walk(shooter, {"ticket"} if failing else only)
                        shooter.close()
        finally:
            server.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
