"""Composition root of the counter-side apps: real client, printer, voice, full screen.

`python -m counter_display <command> [options]` is `hallq <command> [options]` for counter,
display, window-display, evaluator, announcer and demo.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from counter_display.announcer import Announcer, SilentAnnouncer, make_announcer
from counter_display.apps import (
    ASSETS,
    Display,
    build_counter,
    build_display,
    build_evaluator,
    build_window_display,
)
from counter_display.qtkit import keep_none_alive
from kiosk.printing import PrinterUnavailable, SlipPrinter, printer_from_config
from queue_server.config import ConfigError, Device, HallConfig, Voice, load_hall

log = logging.getLogger(__name__)


def _hall(args: argparse.Namespace) -> HallConfig | None:
    path = getattr(args, "config", None)
    if path is None:
        return None
    try:
        return load_hall(path)
    except ConfigError as exc:
        raise SystemExit(f"{exc}") from None


def _zone(zone: str | None, hall: HallConfig | None) -> str | None:
    """A zone code; a ticket prefix (`--zone D`, any case) is accepted when the hall file is known,
    and a zone that file does not have is refused (the server would answer 404 forever)."""
    if not zone or hall is None or hall.zone(zone):
        return zone or None
    code = next((z.code for z in hall.zones if z.prefix.upper() == zone.upper()), None)
    if code is None:
        known = ", ".join(f"{z.code} ({z.prefix})" for z in hall.zones)
        raise SystemExit(
            f"--zone {zone}: the hall has no such zone; its zones: {known} / "
            f"大厅配置中没有功能区“{zone}”"
        )
    return code


def check_window(number: int, hall: HallConfig | None) -> None:
    """With the hall file known, `--window N` must be one of its windows."""
    if hall is not None and hall.window(number) is None:
        numbers = sorted(w.number for w in hall.windows)
        shown = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
        raise SystemExit(
            f"--window {number}: the hall has no such window (its windows: {shown}) / "
            f"大厅配置中没有{number}号窗口"
        )


def notice_printer(
    args: argparse.Namespace, hall: HallConfig | None
) -> tuple[SlipPrinter | None, int]:
    """`--printer` (NAME, URI or png:///DIR), else the counter device's printer, else none."""
    from counter_display.notice import PreviewPrinter

    name = args.printer
    if not name and hall is not None:
        device = next(
            (
                d
                for d in hall.devices
                if d.role == "counter" and d.window == args.window and d.printer
            ),
            None,
        )
        name = device.printer if device else None
    if not name:
        log.info("window %s has no notice printer: notices are not printed", args.window)
        return None, 80
    if name.startswith("png://"):
        return PreviewPrinter(Path(urlsplit(name).path)), 80
    if "://" not in name and hall is None:
        raise SystemExit(f"--printer {name}: a printer name needs --config (or give a URI)")
    try:
        printer = printer_from_config(name, hall)  # type: ignore[arg-type]
    except (ValueError, PrinterUnavailable) as exc:
        raise SystemExit(f"--printer {name}: {exc}") from None
    return printer, int(getattr(printer, "paper_mm", 80))


def _app(gui: bool = True) -> QCoreApplication:
    keep_none_alive()
    app = QApplication.instance() or (QApplication if gui else QCoreApplication)(sys.argv[:1])
    # Ctrl-C and SIGTERM end the app cleanly; Python only sees signals when it runs, so wake it.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: QCoreApplication.quit())
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(300)
    return app


def _show(widget: QWidget, args: argparse.Namespace, default: tuple[int, int]) -> None:
    widget.resize(*(args.size or default))
    if args.windowed:
        widget.show()
    else:
        widget.showFullScreen()


def _exec(app: QCoreApplication, close: Callable[[], None]) -> int:
    code = app.exec()
    close()
    return int(code)


def run_counter(args: argparse.Namespace) -> int:
    """`hallq counter --window N`."""
    hall = _hall(args)
    check_window(args.window, hall)
    app = _app()
    printer, paper = notice_printer(args, hall)
    counter = build_counter(
        server=args.server,
        window=args.window,
        hall=hall,
        printer=printer,
        paper_mm=paper,
        staff_hint=args.staff,
    )
    counter.window.resize(*(args.size or (1366, 800)))
    if args.windowed:
        counter.window.show()
    else:
        counter.window.showMaximized()  # a staff PC: a normal window, as large as the screen
    return _exec(app, counter.close)


def display_device(args: argparse.Namespace, hall: HallConfig | None) -> Device | None:
    """This TV's `[[devices]]` entry in the hall file, found by `--key` (None without them)."""
    if hall is None or not args.key:
        return None
    device = hall.device_with_key(args.key)
    if device is None:
        log.warning("no [[devices]] entry in %s has this display's key", args.config)
    return device


def tv_layout(args: argparse.Namespace, device: Device | None) -> str:
    """`--layout` when given (the command line wins), else the `layout` of this display's
    `[[devices]]` entry, else auto."""
    if args.layout:
        return str(args.layout)
    if device is not None and device.layout:
        log.info("layout %s, from device %s", device.layout, device.id)
        return device.layout
    return "auto"


def tv_zone(args: argparse.Namespace, hall: HallConfig | None, device: Device | None) -> str | None:
    """`--zone` when given, else the `zone` of this display's `[[devices]]` entry (a zone's
    TV shows only that zone's windows, waiting and calls), else the whole hall."""
    if args.zone:
        return _zone(args.zone, hall)
    if device is not None and device.zone:
        log.info("zone %s, from device %s", device.zone, device.id)
        return device.zone
    return None


def open_display(args: argparse.Namespace) -> Display:
    """The hall TV `hallq display` shows, built from its arguments (not yet on screen)."""
    hall = _hall(args)
    device = display_device(args, hall)
    announcer: Announcer = (
        SilentAnnouncer("--no-voice", level=logging.INFO)
        if args.no_voice
        else make_announcer(hall.voice if hall else Voice(), assets_dir=ASSETS)
    )
    return build_display(
        server=args.server,
        announcer=announcer,
        zone=tv_zone(args, hall, device),
        key=args.key,
        layout=tv_layout(args, device),
    )


def run_display(args: argparse.Namespace) -> int:
    """`hallq display [--zone Z] [--no-voice] [--layout L]`."""
    app = _app()
    display = open_display(args)
    _show(display.tv, args, (1920, 1080))
    return _exec(app, display.close)


def run_window_display(args: argparse.Namespace) -> int:
    """`hallq window-display --window N`."""
    check_window(args.window, _hall(args))
    app = _app()
    screen = build_window_display(server=args.server, window=args.window)
    _show(screen.screen, args, (1280, 400))
    return _exec(app, screen.close)


def run_evaluator(args: argparse.Namespace) -> int:
    """`hallq evaluator --window N --key KEY`."""
    if not args.key:
        raise SystemExit(
            "hallq evaluator: give --key (or set HALLQ_EVALUATOR_KEY) / "
            "请用 --key 指定评价器的设备密钥"
        )
    check_window(args.window, _hall(args))
    app = _app()
    evaluator = build_evaluator(server=args.server, window=args.window, key=args.key)
    _show(evaluator.window, args, (1280, 800))
    return _exec(app, evaluator.close)


def run_announcer(args: argparse.Namespace) -> int:
    """`hallq announcer [--zone Z]`: speaks and logs every call, no window."""
    from counter_display.board import HallBoard
    from counter_display.feed import CallAnnouncer, HallFeed, refusal_text
    from queue_server.client import ApiError, QueueClient

    app = _app(gui=False)
    hall = _hall(args)
    zone = _zone(args.zone, hall)
    announcer = make_announcer(hall.voice if hall else Voice(), assets_dir=ASSETS)
    client = QueueClient(args.server, zone=zone)
    feed = HallFeed(client, board=HallBoard(zone=zone))
    voice = CallAnnouncer(feed, announcer)
    feed.online_changed.connect(
        lambda online: log.info("event stream %s", "connected" if online else "lost; reconnecting")
    )

    def refused(err: ApiError) -> None:  # no such zone: nothing will ever be announced
        zh, en = refusal_text(feed.client.zone, err)
        log.error("%s Nothing to announce. / %s无可播报。", en, zh)
        app.exit(2)

    feed.refused.connect(refused)
    feed.start()
    log.info(
        "announcing the calls of %s from %s", f"zone {zone}" if zone else "the hall", args.server
    )

    def close() -> None:
        feed.stop()
        announcer.close()
        voice.deleteLater()

    return _exec(app, close)


def main(argv: list[str] | None = None) -> int:
    """`python -m counter_display counter --window 5` and the other commands."""
    from counter_display.cli import add_parsers

    parser = argparse.ArgumentParser(prog="python -m counter_display")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
