"""Composition root of the touch kiosk: real client, printer, fonts, translations, window.

`python -m kiosk [options]` is `hallq kiosk [options]`. Tests call `build_kiosk` with their
own settings (a real server URL, a fake network printer) and drive the returned window.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.controller import KioskController
from kiosk.fonts import Weight, font_path
from kiosk.helpcall import HelpDesk
from kiosk.i18n import Languages
from kiosk.printing import SlipPrinter
from kiosk.printjob import PrintService
from kiosk.settings import KioskSettings, build_printer
from kiosk.slipdesk import SlipDesk
from kiosk.theme import FONT_FAMILY
from kiosk.window import KioskWindow
from queue_server.client import QueueClient

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    """A built kiosk and the parts tests and benchmarks reach into."""

    window: KioskWindow
    controller: KioskController
    client: QueueClient
    lang: Languages
    slips: SlipDesk
    printer: PrintService

    def close(self) -> None:
        """Unlock, close the window, stop timers and wait for the workers."""
        self.controller.stop()
        self.window.locked = False
        self.window.close()
        self.client.close()
        self.printer.wait()
        self.controller.finder.wait()
        self.lang.close()
        self.window.deleteLater()


def load_fonts() -> None:
    """Register the bundled CJK font (regular and bold) and make it the default."""
    weights: tuple[Weight, ...] = ("regular", "bold")
    for weight in weights:
        if QFontDatabase.addApplicationFont(str(font_path(weight))) < 0:
            log.warning("could not load %s", font_path(weight))
    font = QFont(FONT_FAMILY)
    font.setPixelSize(28)
    QApplication.setFont(font)


def build_kiosk(
    settings: KioskSettings,
    *,
    printer: SlipPrinter | None = None,
    printer_name: str = "",
    paper_mm: int = 80,
) -> Kiosk:
    """Wire a kiosk from settings; `printer` overrides the one the settings name."""
    load_fonts()
    if printer is None:
        printer_name, printer, paper_mm = build_printer(settings)
    lang = Languages(settings.language)
    client = QueueClient(
        settings.server,
        token=settings.key or None,
        timeout_ms=int(settings.request_timeout_s * 1000),
    )
    service = PrintService(printer, name=printer_name, paper_mm=paper_mm)
    slips = SlipDesk(service, client)
    helpdesk = HelpDesk(client, cooldown_s=settings.help_cooldown_s)
    controller = KioskController(
        client=client, slips=slips, helpdesk=helpdesk, settings=settings, lang=lang
    )
    window = KioskWindow(controller, lang)
    for part in (lang, client, service, slips, helpdesk, controller):
        part.setParent(window)  # one owner: closing the window frees the kiosk
    window.resize(*settings.size)
    controller.start()
    return Kiosk(window, controller, client, lang, slips, service)


def show(kiosk: Kiosk, settings: KioskSettings) -> None:
    """Full screen and on top in the hall; an ordinary window with `--windowed`."""
    window = kiosk.window
    window.setWindowTitle("HallQ")
    if settings.windowed:
        window.show()
        return
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setCursor(Qt.CursorShape.BlankCursor)  # touch screen: no mouse pointer
    window.showFullScreen()


def run(settings: KioskSettings) -> int:
    """Run the kiosk until the staff settings exit it."""
    if not settings.key:
        log.warning("no kiosk device key (--key or HALLQ_KIOSK_KEY): tickets will be refused")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    kiosk = build_kiosk(settings)
    kiosk.window.quit_requested.connect(app.quit)
    kiosk.window.fullscreen_toggled.connect(lambda: _toggle_full_screen(kiosk))
    show(kiosk, settings)
    code = app.exec()
    kiosk.close()
    return int(code)


def _toggle_full_screen(kiosk: Kiosk) -> None:
    window = kiosk.window
    if window.isFullScreen():
        window.showNormal()
    else:
        window.showFullScreen()


def main(argv: list[str] | None = None) -> int:
    """`python -m kiosk`: the options of `hallq kiosk`."""
    from kiosk.cli import cmd_kiosk, kiosk_parser

    args = kiosk_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return cmd_kiosk(args)  # as `hallq kiosk`: bad settings are refused before Qt starts


if __name__ == "__main__":
    raise SystemExit(main())
