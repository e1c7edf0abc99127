"""`hallq counter | display | window-display | evaluator | announcer | demo` (via APP_COMMANDS).

Argument parsing only: Qt loads when a command runs, not when the `hallq` parser is built.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

DEFAULT_SERVER = "http://127.0.0.1:8000"


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"size must look like 1920x1080, not {text!r} / 尺寸应形如 1920x1080"
        ) from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"size {text!r} is out of range / 尺寸超出范围")
    return w, h


def _common(p: argparse.ArgumentParser, *, screen: bool = True) -> None:
    server = os.environ.get("HALLQ_SERVER", DEFAULT_SERVER)
    p.add_argument("--server", default=server, help=f"queue server URL (default {server})")
    p.add_argument("--config", type=Path, help="hall TOML: keys, voice, printers, holidays")
    if screen:
        p.add_argument(
            "--windowed", action="store_true", help="an ordinary window, not full screen"
        )
        p.add_argument("--size", type=_size, help="window size, e.g. 1920x1080 (windowed)")


def _run(name: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from counter_display import __main__ as apps  # Qt loads here

        return int(getattr(apps, name)(args))

    return run


def add_parsers(sub: Any) -> None:
    """Register the counter-side apps on the `hallq` sub-command parser."""
    counter = sub.add_parser("counter", help="staff console of one window")
    counter.add_argument("--window", type=int, required=True, help="window number")
    counter.add_argument("--printer", help="notice printer: [printers.NAME], a URI or png:///DIR")
    counter.add_argument("--staff", default="", help="staff ID to fill in at sign-in")
    _common(counter)
    counter.set_defaults(func=_run("run_counter"))

    display = sub.add_parser("display", help="hall TV (full screen), with voice")
    display.add_argument("--zone", help="only this zone (its code, or its ticket prefix)")
    display.add_argument("--no-voice", action="store_true", help="do not announce calls")
    display.add_argument(
        "--key", default=os.environ.get("HALLQ_DISPLAY_KEY"), help="display device key (optional)"
    )
    display.add_argument(
        "--layout",
        choices=("auto", "landscape", "portrait"),
        help=(
            "auto: portrait on a screen at most 2:3 wide, else landscape; default: the layout"
            " of this display's [[devices]] entry (found by --key) in --config, else auto"
        ),
    )
    _common(display)
    display.set_defaults(func=_run("run_display"))

    window = sub.add_parser("window-display", help="the screen above one counter")
    window.add_argument("--window", type=int, required=True, help="window number")
    _common(window)
    window.set_defaults(func=_run("run_window_display"))

    evaluator = sub.add_parser("evaluator", help="好差评 rating pad facing the citizen")
    evaluator.add_argument("--window", type=int, required=True, help="window number")
    evaluator.add_argument(
        "--key",
        default=os.environ.get("HALLQ_EVALUATOR_KEY"),
        help="evaluator device key (or HALLQ_EVALUATOR_KEY)",
    )
    _common(evaluator)
    evaluator.set_defaults(func=_run("run_evaluator"))

    announcer = sub.add_parser("announcer", help="voice announcer without a screen")
    announcer.add_argument("--zone", help="only this zone (its code, or its ticket prefix)")
    _common(announcer, screen=False)
    announcer.set_defaults(func=_run("run_announcer"))

    demo = sub.add_parser(
        "demo", help="server + kiosk + TV + counters + window display + evaluator"
    )
    demo.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    demo.add_argument("--data-dir", type=Path, help="database and printouts (default: temp dir)")
    demo.add_argument("--config", type=Path, help="hall TOML (default: the sample hall)")
    demo.add_argument("--windows", default="5,6", help="counter windows (default 5,6)")
    demo.add_argument("--no-voice", action="store_true", help="silent hall TV")

    def run_demo(args: argparse.Namespace) -> int:
        from counter_display.demo import run

        return run(args)

    demo.set_defaults(func=run_demo)
