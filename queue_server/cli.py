"""The `hallq` command: `serve`, `config check`, `config hash-pin`."""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import sys
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from queue_server.config import (
    SAMPLE_HALL,
    ConfigError,
    DatabaseUrlError,
    Settings,
    check_database_url,
    load_hall,
)

log = logging.getLogger("hallq")

# Modules with `add_parsers(subparsers)` for the client apps' commands (kiosk, counter, …).
APP_COMMANDS: tuple[str, ...] = (
    "kiosk.cli",
    "queue_server.reports.cli",
    "queue_server.ops.cli",
    "counter_display.cli",
)


def _db_url(value: str) -> str:
    """`--db` takes a database URL or a path to an SQLite file."""
    if "://" in value:
        return check_database_url(value)
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from queue_server.bootstrap import create_app

    overrides: dict[str, object] = {}
    if args.config:  # else HALLQ_CONFIG, else the sample hall, as for report and audit
        overrides["config"] = Path(args.config)
    if args.db:
        try:
            overrides["database_url"] = _db_url(args.db)
        except DatabaseUrlError as exc:
            sys.stderr.write(f"hallq serve --db: {exc.message}\n{exc.message_zh}\n")
            return 2
    if args.data_dir:
        overrides["data_dir"] = Path(args.data_dir)
    if args.open_all_hours:
        overrides["open_all_hours"] = True
    settings = Settings(**overrides)  # type: ignore[arg-type]
    try:
        app = create_app(settings, freeze_gc=True)
    except ConfigError as exc:
        _print_problems(exc)
        return 2
    except OSError as exc:  # the data directory or database file cannot be made or opened
        sys.stderr.write(
            f"hallq serve: cannot use {exc.filename}: {exc.strerror}\n"
            f"无法创建或读写数据目录或数据库文件：{exc.filename}\n"
        )
        return 2
    from queue_server.ops.common import shown

    hall = app.state.hall.config.hall
    log.info(
        "serving %s on http://%s:%s (database %s)",
        hall.name,
        args.host,
        args.port,
        shown(settings.resolved_database_url()),  # never the password: it goes to the logs
    )
    try:
        _run_uvicorn(uvicorn, app, args)
    except SystemExit as exc:
        if exc.code == 3:  # uvicorn's STARTUP_FAILURE: it has logged why (in English)
            sys.stderr.write(
                f"hallq serve: the server did not start on {args.host}:{args.port} "
                "(the port may be in use; see above)\n"
                f"服务器未能在 {args.host}:{args.port} 启动（端口可能已被占用，详见上方）。\n"
            )
        raise
    return 0


def _run_uvicorn(uvicorn: Any, app: Any, args: argparse.Namespace) -> None:
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        ws_ping_interval=20,
        # Events are a few hundred bytes on a LAN; compressing each one for each of
        # hundreds of subscribers cost more server time than sending it (PERFORMANCE.md).
        ws_per_message_deflate=False,
        ws_ping_timeout=20,
        timeout_graceful_shutdown=3,
    )


def cmd_config_check(args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console()
    try:
        hall = load_hall(args.file)
    except ConfigError as exc:
        _print_problems(exc)
        return 1
    console.print(
        f"[green]OK[/green] {args.file}: {hall.hall.name} — {len(hall.zones)} zones, "
        f"{len(hall.departments)} departments, {len(hall.windows)} windows, "
        f"{len(hall.matters)} matters, {len(hall.staff)} staff, {len(hall.devices)} devices"
    )
    return 0


def cmd_hash_pin(_args: argparse.Namespace) -> int:
    from queue_server.services.staff import hash_pin

    try:
        pin = getpass.getpass("PIN: ")
    except (EOFError, KeyboardInterrupt):  # Ctrl-D, Ctrl-C, or nothing on a pipe
        sys.stderr.write("\nNo PIN was given. / 未输入密码。\n")
        return 1
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        sys.stderr.write("A PIN is 4 to 8 digits. / 密码应为4至8位数字。\n")
        return 1
    sys.stdout.write(f'pin_hash = "{hash_pin(pin)}"\n')
    return 0


def _print_problems(exc: ConfigError) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{exc.path}: {len(exc.problems)} problem(s) / 配置错误")
    table.add_column("key / 配置项", style="bold red")
    table.add_column("reason / 原因")
    for key, reason in exc.problems:
        table.add_row(key, reason)
    Console(stderr=True).print(table)


class BilingualParser(argparse.ArgumentParser):
    """argparse's own refusals (a missing or unknown option, a bad choice) are English; this
    adds a Chinese line. Sub-command parsers are of the same class."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog}: error: {message}\n"
            f"{self.prog}：命令参数有误（见上一行），用法请看 {self.prog} --help。\n",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = BilingualParser(prog="hallq", description="HallQ — 政务服务大厅排队叫号系统")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the queue server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--config", help="hall TOML file (default: HALLQ_CONFIG or the sample hall)")
    serve.add_argument("--db", help="database URL or SQLite file (default: data dir)")
    serve.add_argument("--data-dir", help="where the SQLite file and secret live")
    serve.add_argument(
        "--open-all-hours", action="store_true", help="ignore opening hours and the cutoff"
    )
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=cmd_serve)

    config = sub.add_parser("config", help="hall configuration tools")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser("check", help="validate a hall TOML file")
    check.add_argument("file", nargs="?", default=str(SAMPLE_HALL))
    check.set_defaults(func=cmd_config_check)
    pin = config_sub.add_parser("hash-pin", help="make a pin_hash for [[staff]]")
    pin.set_defaults(func=cmd_hash_pin)

    from queue_server.simulation.cli import add_parser as add_simulate  # argparse only

    add_simulate(sub)
    for module_name in APP_COMMANDS:
        # Each app registers its own sub-commands; its module imports no Qt until run.
        importlib.import_module(module_name).add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args))
    except ValidationError as exc:
        if exc.title != Settings.__name__:
            raise
        _print_settings_problems(exc)
        return 2
    except Exception as exc:
        from sqlalchemy.exc import OperationalError  # loaded by then anyway

        if not isinstance(exc, OperationalError):
            raise
        # The driver's own words (they never carry the password), then what to check.
        reason = str(exc.orig).strip() if exc.orig is not None else str(exc)
        sys.stderr.write(
            f"The database cannot be opened or used: {reason}\n"
            "无法打开或使用数据库：请检查数据库地址、用户名、密码，以及数据库服务是否在运行。\n"
        )
        return 2


def _print_settings_problems(exc: ValidationError) -> None:
    """A bad `HALLQ_*` variable: its name and the reason, in both languages."""
    for err in exc.errors():
        name = "HALLQ_" + "_".join(str(part) for part in err["loc"]).upper()
        reason = err["msg"].removeprefix("Value error, ")
        sys.stderr.write(f"{name}: {reason}\n环境变量 {name} 的值不可用，请改正后重试。\n")


if __name__ == "__main__":
    raise SystemExit(main())
