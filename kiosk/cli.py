"""`hallq kiosk` and `hallq slip ticket|notice|test`: registered through APP_COMMANDS.

Nothing here imports Qt: the kiosk's Qt modules load only when `hallq kiosk` runs, and
the slip commands render with Pillow and fetch with httpx.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from kiosk.settings import DEFAULT_SERVER, KioskSettings, parse_size

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)


def _size(text: str) -> tuple[int, int]:
    try:
        return parse_size(text)
    except ValueError as exc:  # argparse shows an ArgumentTypeError's own words
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_kiosk_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", help=f"queue server URL (default {DEFAULT_SERVER})")
    p.add_argument("--key", help="kiosk device key (or HALLQ_KIOSK_KEY)")
    p.add_argument("--printer", help="[printers.NAME] or URI such as network://10.0.0.9:9100")
    p.add_argument("--config", type=Path, help="hall TOML: printer names, the device's printer")
    p.add_argument("--windowed", action="store_true", help="an ordinary window, not full screen")
    p.add_argument("--zone", action="append", default=[], help="only this zone (repeatable)")
    p.add_argument("--language", choices=("zh", "en"), help="language at start (default zh)")
    p.add_argument("--idle-timeout", type=float, help="seconds before going home (default 60)")
    p.add_argument("--admin-pin", help="staff settings PIN (or HALLQ_KIOSK_ADMIN_PIN)")
    p.add_argument("--size", type=_size, help="window size, e.g. 1080x1920 (windowed)")


def kiosk_parser() -> argparse.ArgumentParser:
    """The parser of `python -m kiosk` (the same options as `hallq kiosk`)."""
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="HallQ touch kiosk")
    _add_kiosk_arguments(parser)
    return parser


def settings_from_args(args: argparse.Namespace) -> KioskSettings:
    """Command-line options over `HALLQ_KIOSK_*` variables over defaults."""
    return KioskSettings.from_env(
        server=args.server,
        key=args.key,
        printer=args.printer,
        config=args.config,
        windowed=args.windowed or None,
        zones=tuple(args.zone) or None,
        language=args.language,
        idle_timeout_s=args.idle_timeout,
        admin_pin=args.admin_pin,
        size=args.size,
    )


def cmd_kiosk(args: argparse.Namespace) -> int:
    """`hallq kiosk`: run the kiosk until the staff settings exit it."""
    from kiosk.__main__ import run  # Qt loads here, not when the `hallq` parser is built
    from kiosk.settings import build_printer
    from queue_server.config import ConfigError

    try:
        settings = settings_from_args(args)
        build_printer(settings)  # a bad --config or printer fails here, before Qt starts
        _check_zones(settings)
    except ConfigError as exc:
        sys.stderr.write(f"hallq kiosk: {exc}\n大厅配置有误，取号机未启动。\n")
        return 2
    except ValueError as exc:
        sys.stderr.write(f"hallq kiosk: {exc}\n取号机设置有误，未启动。\n")
        return 2
    return run(settings)


def _check_zones(settings: KioskSettings) -> None:
    """With the hall file known, every `--zone` must name one of its zones (code or prefix):
    a kiosk whose zones match none offers no matters at all."""
    if not settings.zones or settings.config is None:
        return
    from queue_server.config import load_hall

    hall = load_hall(settings.config)
    names = {z.code for z in hall.zones} | {z.prefix for z in hall.zones}
    unknown = [z for z in settings.zones if z not in names]
    if unknown:
        known = ", ".join(f"{z.code} ({z.prefix})" for z in hall.zones)
        raise ValueError(
            f"--zone {', '.join(unknown)}: the hall has no such zone; its zones: {known} / "
            f"大厅配置中没有功能区“{'、'.join(unknown)}”"
        )


# -- hallq slip -----------------------------------------------------------------------------
def _fetch(server: str, path: str) -> Any:
    import httpx

    url = server.rstrip("/") + "/api/v1" + path
    try:
        response = httpx.get(url, timeout=10)
    except httpx.HTTPError as exc:
        raise SystemExit(
            f"无法连接排队服务器。 / Cannot reach the queue server. ({url}: {exc})"
        ) from None
    if response.status_code != 200:
        try:
            err = response.json()["error"]
            raise SystemExit(f"{err['message_zh']} / {err['message']} ({url})")
        except (ValueError, KeyError, TypeError):
            raise SystemExit(f"HTTP {response.status_code} from {url}") from None
    return response.json()


def _ticket_image(args: argparse.Namespace) -> Image.Image:
    from kiosk.catalog import Catalog
    from kiosk.entry import ticket_token
    from kiosk.slipdata import ticket_image

    token = ticket_token(args.token)
    if token is None:
        raise SystemExit(
            f"not a ticket token or status URL: {args.token!r} / 不是号票码或号票状态网址"
        )
    ticket = _fetch(args.server, f"/tickets/{quote(token, safe='')}")
    catalog = Catalog.from_json(_fetch(args.server, "/catalog"))
    return ticket_image(ticket, catalog, paper_mm=args.paper)


def _notice_image(args: argparse.Namespace) -> Image.Image:
    from kiosk.slips import render_notice
    from queue_server.config import load_hall

    hall = load_hall(args.config)
    matter = hall.matter(args.matter)
    if matter is None:
        raise SystemExit(f"no matter {args.matter!r} in {args.config} / 配置中没有该事项")
    windows = [w.number for w in hall.windows if matter.code in w.profile]
    return render_notice(
        hall_name=hall.hall.name,
        matter=matter,
        windows=windows,
        paper_mm=args.paper,
        # Hall time, whatever the machine's clock zone is (often UTC on a server).
        issued_at=datetime.now(ZoneInfo(hall.hall.timezone)).replace(tzinfo=None),
    )


def _test_image(args: argparse.Namespace) -> Image.Image:
    from kiosk.slipdata import test_page

    return test_page(printer=args.printer or "preview", paper_mm=args.paper, server=args.server)


def cmd_slip(args: argparse.Namespace) -> int:
    """`hallq slip ticket|notice|test`: print the slip, or render it to a PNG."""
    from kiosk.printing import PrinterUnavailable, printer_from_config
    from queue_server.config import ConfigError, load_hall

    if args.out:
        args.paper = args.paper or 80
        try:
            image = args.render(args)
        except ConfigError as exc:
            sys.stderr.write(f"hallq slip: {exc}\n")
            return 2
        try:
            image.save(args.out)
        except (OSError, ValueError) as exc:
            sys.stderr.write(
                f"hallq slip: cannot write {args.out}: {exc}\n无法写入文件 {args.out}。\n"
            )
            return 2
        log.info("wrote %s (%dx%d)", args.out, image.width, image.height)
        return 0
    try:
        printer = printer_from_config(args.printer, load_hall(args.config))
    except ConfigError as exc:
        sys.stderr.write(f"hallq slip: {exc}\n")
        return 2
    except ValueError as exc:
        sys.stderr.write(f"hallq slip: {exc}\n打印机名称或地址有误。\n")
        return 2
    paper = int(getattr(printer, "paper_mm", 80))
    if args.paper and args.paper != paper:
        log.warning(
            "printer %s has %d mm paper: ignoring --paper %d", args.printer, paper, args.paper
        )
    args.paper = paper
    try:
        printer.print_image(args.render(args))
    except PrinterUnavailable as exc:
        sys.stderr.write(f"{exc.message_zh} / {exc.message} ({exc.detail})\n")
        return 3
    log.info("printed on %s", args.printer)
    return 0


def _slip_parsers(sub: Any) -> None:
    from queue_server.config import SAMPLE_HALL

    slip = sub.add_parser("slip", help="print or render a ticket, notice or test slip")
    kinds = slip.add_subparsers(dest="slip_command", required=True)
    ticket = kinds.add_parser("ticket", help="the slip of an issued ticket")
    ticket.add_argument("token", help="ticket token or its status URL")
    ticket.set_defaults(render=_ticket_image)
    notice = kinds.add_parser("notice", help="the one-time notice of a matter")
    notice.add_argument("matter", help="matter code")
    notice.set_defaults(render=_notice_image)
    test = kinds.add_parser("test", help="the printer test page")
    test.set_defaults(render=_test_image)
    for p in (ticket, notice, test):
        p.add_argument("--server", default=DEFAULT_SERVER, help="queue server URL")
        p.add_argument("--config", type=Path, default=SAMPLE_HALL, help="hall TOML")
        p.add_argument("--paper", type=int, choices=(80, 58), help="paper mm for --out (80)")
        out = p.add_mutually_exclusive_group(required=True)
        out.add_argument("--printer", help="[printers.NAME] or a printer URI")
        out.add_argument("--out", type=Path, help="write the slip image to this PNG instead")
        p.set_defaults(func=cmd_slip)


def add_parsers(sub: Any) -> None:
    """Register `kiosk` and `slip` on the `hallq` sub-command parser."""
    kiosk = sub.add_parser("kiosk", help="run the touch kiosk (full screen)")
    _add_kiosk_arguments(kiosk)
    kiosk.set_defaults(func=cmd_kiosk)
    _slip_parsers(sub)
