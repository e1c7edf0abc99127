"""`hallq backup`, `hallq restore`, `hallq audit`: registered through APP_COMMANDS.

Exit codes: 0 done (audit: clean), 1 refused or found something (restore onto data, or a
backup onto an existing file, without --force; audit mismatches), 2 could not run (no such
file or folder, a backup onto the live database, no pg_dump, cannot connect …).
"""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from queue_server.config import ConfigError, Settings, load_hall
from queue_server.ops.common import OpsError, database_url

log = logging.getLogger(__name__)


def add_parsers(sub: Any) -> None:
    """Register `backup`, `restore` and `audit` on the `hallq` sub-command parser."""
    backup = sub.add_parser(
        "backup", help="copy the hall database into FILE (safe while the server runs)"
    )
    backup.add_argument("file", type=Path, help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.add_argument(
        "--mkdir", action="store_true", help="create FILE's folder if it does not exist"
    )
    _database_options(backup)
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="load a backup FILE into the database (server off)")
    restore.add_argument("file", type=Path, help="a file made by `hallq backup`")
    restore.add_argument(
        "--force", action="store_true", help="replace a database that already holds data"
    )
    restore.add_argument(
        "--mkdir", action="store_true", help="create the SQLite file's folder if it is missing"
    )
    _database_options(restore)
    restore.set_defaults(func=cmd_restore)

    audit = sub.add_parser("audit", help="replay a day's event log and check the tables by it")
    audit.add_argument("--day", required=True, type=_day, help="hall day, YYYY-MM-DD")
    audit.add_argument("--config", type=Path, help="hall TOML (default: HALLQ_CONFIG / sample)")
    _database_options(audit)
    audit.set_defaults(func=cmd_audit)


def _database_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database URL or SQLite file (default: HALLQ_DATABASE_URL)")
    p.add_argument("--data-dir", help="where the default SQLite file lives")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def cmd_backup(args: argparse.Namespace) -> int:
    from queue_server.ops.backup import backup

    def run() -> int:
        url = database_url(args.db, args.data_dir)
        done = backup(url, args.file, force=args.force, mkdir=args.mkdir)
        counts = "" if done.tickets is None else f": {done.tickets} tickets, {done.events} events"
        _out().print(
            f"[green]OK[/green] {done.database} → {done.file} ({done.size:,} bytes{counts}) "
            "/ 备份完成"
        )
        return 0

    return _guarded(run)


def cmd_restore(args: argparse.Namespace) -> int:
    from queue_server.ops.backup import restore

    def run() -> int:
        done = restore(
            args.file, database_url(args.db, args.data_dir), force=args.force, mkdir=args.mkdir
        )
        _out().print(
            f"[green]OK[/green] {done.file} → {done.database}: {done.tickets} tickets, "
            f"{done.events} events / 恢复完成"
        )
        return 0

    return _guarded(run)


def cmd_audit(args: argparse.Namespace) -> int:
    from queue_server.ops.audit import audit

    def run() -> int:
        try:
            config = load_hall(args.config or Settings().config)
        except ConfigError as exc:
            problems = "; ".join(f"{key}: {why}" for key, why in exc.problems)
            raise OpsError(f"{exc.path}: {problems}", f"大厅配置有误：{problems}") from exc
        report = audit(database_url(args.db, args.data_dir), config, args.day)
        head = (
            f"{report.day}: {report.events} events, {report.tickets} tickets, "
            f"{report.windows} windows"
        )
        if report.clean:
            _out().print(f"[green]OK[/green] {head} — the tables agree with the log / 账实相符")
            return 0
        table = Table(title=f"{head} — {len(report.findings)} finding(s) / 发现不一致")
        for column in ("seq", "subject / 对象", "problem / 问题", "log / 日志", "table / 数据表"):
            table.add_column(column, overflow="fold")
        for f in report.findings:
            table.add_row("" if f.seq is None else str(f.seq), f.subject, f.problem, f.log, f.table)
        _out().print(table)
        return 1

    return _guarded(run)


def _out(*, stderr: bool = False) -> Console:
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console.width = 160  # pipes and log files: one finding per line
    return console


def _guarded(run: Any) -> int:
    try:
        return int(run())
    except OpsError as exc:
        err = _out(stderr=True)
        err.print(f"[bold red]{exc.message}[/bold red]", highlight=False)
        err.print(exc.message_zh, highlight=False)
        return exc.exit_code
