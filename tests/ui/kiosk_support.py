"""Fixtures and helpers for the kiosk UI tests: a kiosk built by the composition root.

Import the fixtures by name into a test module (`from tests.ui.kiosk_support import …`);
`hall_server`, `dead_url` and `silent_url` come from tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import zxingcpp
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.__main__ import Kiosk, build_kiosk
from kiosk.flow import Screen
from kiosk.printing import SlipPrinter
from kiosk.settings import KioskSettings
from queue_server.client import QueueClient
from tests.integration.fake_escpos_printer import FakeNetworkPrinter
from tests.serverproc import MINI_HALL

KIOSK_KEY = "test-kiosk-key"
WAIT_MS = 10000
MakeKiosk = Callable[..., Kiosk]


@pytest.fixture
def fake_printer() -> Iterator[FakeNetworkPrinter]:
    """A network thermal printer on 127.0.0.1 that records every job."""
    with FakeNetworkPrinter() as printer:
        yield printer


@pytest.fixture
def make_kiosk(qtbot: QtBot) -> Iterator[MakeKiosk]:
    """Factory: `make_kiosk(url, printer_uri=…, **settings)` → a shown kiosk, closed at the end."""
    made: list[Kiosk] = []

    def make(
        url: str,
        *,
        printer_uri: str = "",
        printer: SlipPrinter | None = None,
        wait_catalog: bool = True,
        **overrides: Any,
    ) -> Kiosk:
        values: dict[str, Any] = {
            "server": url,
            "key": KIOSK_KEY,
            "printer": printer_uri,
            "config": MINI_HALL,
            "admin_pin": "2468",
            "request_timeout_s": 3.0,
            **overrides,
        }
        kiosk = build_kiosk(KioskSettings(**values), printer=printer, printer_name="kiosk-test")
        made.append(kiosk)
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        if wait_catalog:
            qtbot.waitUntil(lambda: kiosk.controller.catalog is not None, timeout=WAIT_MS)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()


def tap(qtbot: QtBot, widget: QWidget) -> None:
    """A finger on the middle of a widget that must be visible and enabled."""
    qtbot.waitUntil(widget.isVisible, timeout=WAIT_MS)  # a new widget shows on the next loop
    assert widget.isEnabled(), f"{widget!r} is disabled"
    qtbot.mouseClick(
        widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2)
    )


def on_screen(qtbot: QtBot, kiosk: Kiosk, screen: Screen) -> None:
    qtbot.waitUntil(lambda: kiosk.controller.flow.current.screen is screen, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: kiosk.window.stack.currentWidget() is kiosk.window.screens[screen])


def matter_button(qtbot: QtBot, kiosk: Kiosk, code: str) -> QWidget:
    """The button of a matter on the current page of the list (waits for it to be listed)."""

    def found() -> list[QWidget]:
        return [b for b in kiosk.window.matters.buttons if b.property("matter") == code]

    qtbot.waitUntil(lambda: bool(found()), timeout=WAIT_MS)
    return found()[0]


def take_ticket(qtbot: QtBot, kiosk: Kiosk, zone: str, matter: str) -> dict[str, Any]:
    """Home → zone → matter → guide → take: the ticket the kiosk shows."""
    w = kiosk.window
    on_screen(qtbot, kiosk, Screen.HOME)
    tap(qtbot, w.home.zone_buttons[zone])
    on_screen(qtbot, kiosk, Screen.MATTERS)
    tap(qtbot, matter_button(qtbot, kiosk, matter))
    on_screen(qtbot, kiosk, Screen.GUIDE)
    tap(qtbot, w.guide.take_button)
    on_screen(qtbot, kiosk, Screen.TICKET)
    return kiosk.controller.ticket


def read_qr(image: QImage) -> str:
    """Decode the QR code in a Qt image (grey or colour)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    buffer = bytes(grey.constBits())[: grey.bytesPerLine() * grey.height()]
    from PIL import Image

    pil = Image.frombytes(
        "L", (grey.width(), grey.height()), buffer, "raw", "L", grey.bytesPerLine()
    )
    results = zxingcpp.read_barcodes(pil)
    assert results, "no QR code found"
    return str(results[0].text)


def event_listener(qtbot: QtBot, url: str) -> tuple[QueueClient, list[dict[str, Any]]]:
    """A client on the live event stream; the list collects what it receives."""
    client = QueueClient(url)
    events: list[dict[str, Any]] = []
    client.event.connect(events.append)
    with qtbot.waitSignal(client.resynced, timeout=WAIT_MS):
        client.connect_events()
    return client, events
