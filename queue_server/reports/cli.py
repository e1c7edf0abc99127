"""`hallq report` (statistics of a range of hall days) and `hallq report generate-month`.

Registered through `queue_server.cli.APP_COMMANDS`; only argparse is imported until a command
runs, so building the `hallq` parser stays cheap.
"""

from __future__ import annotations

import argparse
import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

log = logging.getLogger(__name__)
FORMATS = ("table", "csv", "xlsx", "html", "json")
SECTIONS = (
    "overview",
    "departments",
    "windows",
    "matters",
    "quality",
    "satisfaction",
    "green",
    "bookings",
    "bookings_departments",
    "bookings_matters",
    "heatmap",
    "ranking",
    "attendance",
    "attendance_exceptions",
)
MAX_DAYS = 366


def now() -> datetime:
    """The moment the report is made: the hall's today and which sign slots have passed
    follow from it. Tests replace it with a fixed clock."""
    return datetime.now(UTC)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date like 2026-10-01 / 日期格式应为2026-10-01"
        ) from None


def _month(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a month like 2026-10 / 月份格式应为2026-10"
        ) from None


def add_parsers(sub: Any) -> None:
    """Register `report` and `report generate-month` on the `hallq` sub-command parsers."""
    p = sub.add_parser(
        "report",
        help="statistics and monthly report from the event log",
        description="Statistics of hall days from the event log; see docs/REPORTS.md.",
    )
    p.add_argument("--from", dest="start", type=_day, help="first hall day, YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_day, help="last hall day (default: --from)")
    p.add_argument("--month", type=_month, help="a whole month, YYYY-MM (instead of --from/--to)")
    p.add_argument("--db", help="database URL or SQLite file (default: the server's)")
    p.add_argument("--config", help="hall TOML file (default: HALLQ_CONFIG or the sample hall)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output (default table)")
    p.add_argument("--out", help="output file (xlsx/html default: hallq-report-FROM_TO.EXT)")
    p.add_argument("--section", choices=SECTIONS, help="only this section (table, csv)")
    p.add_argument("--min-served", type=int, default=20, help="services to be ranked (20)")
    p.set_defaults(func=cmd_report)
    rsub = p.add_subparsers(dest="report_command", metavar="{generate-month}")
    g = rsub.add_parser(
        "generate-month",
        help="write a seeded, simulated month of events into a database",
        description="Simulate every hall day of a month (the day simulator + the domain) and "
        "write tickets, events, sign-ins and ratings through the real tables.",
    )
    g.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    g.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    g.add_argument("--db", required=True, help="database URL or SQLite file (created if new)")
    g.add_argument("--config", help="hall TOML file (default: the sample hall)")
    g.add_argument("--tickets", type=int, default=400, help="expected tickets a day (400)")
    g.add_argument("--mix", choices=("seed", "capacity"), default="seed", help="demand mix")
    g.set_defaults(func=cmd_generate)


def _period(args: argparse.Namespace) -> tuple[date, date]:
    if args.month is not None:
        if args.start or args.end:
            raise ValueError("give --month or --from/--to, not both / --month与--from/--to只能选一")
        nxt = (args.month + timedelta(days=32)).replace(day=1)
        return args.month, nxt - timedelta(days=1)
    if args.start is None:
        raise ValueError("give --from YYYY-MM-DD (or --month) / 请指定--from或--month")
    end = args.end or args.start
    if end < args.start or (end - args.start).days > MAX_DAYS:  # as the API
        raise ValueError(
            "--to must not be before --from, and the range at most a year "
            "/ 结束日期不能早于开始日期，且范围不超过一年"
        )
    return args.start, end


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[day]}"),
        console=Console(stderr=True),
        transient=True,
    )


def _load(args: argparse.Namespace) -> tuple[Any, str]:
    from queue_server.cli import _db_url
    from queue_server.config import Settings, load_hall

    settings = Settings()
    config = load_hall(args.config or settings.config)
    url = _db_url(args.db) if args.db else settings.resolved_database_url()
    return config, url


def cmd_report(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from queue_server.adapters.uow import SqlUnitOfWork
    from queue_server.config import ConfigError
    from queue_server.reports.model import Period, hall_schedule
    from queue_server.reports.source import NoDatabase, open_database, read_report

    made = now()
    if args.min_served < 0:
        log.error("--min-served must be ≥ 0 / 参与排名的最少办件数不能为负")
        return 2
    try:
        start, end = _period(args)
        config, url = _load(args)
        # Days after the hall's today are not counted: the report then runs to date.
        period = Period(start, end).until(hall_schedule(config).hall_day(made))
        engine = open_database(url)
    except ValidationError:
        raise  # a bad HALLQ_* variable: `hallq` names it
    except (ValueError, ConfigError, NoDatabase) as exc:  # PeriodNotBegun is a ValueError
        log.error("%s", exc)
        return 2
    with _progress() as progress, SqlUnitOfWork(engine, write=False) as uow:
        task = progress.add_task("读取事件日志", total=len(period.days()), day="")
        report = read_report(
            uow,
            config,
            period,
            now=made,
            on_day=lambda d: progress.update(task, advance=1, day=d.isoformat()),
            min_served=args.min_served,
        )
    engine.dispose()
    log.info("%s: %d days, %d events read", period.label, len(period.days()), report.events)
    from queue_server.reports.output import write_report

    try:
        return write_report(report, config, fmt=args.format, out=args.out, section=args.section)
    except OSError as exc:
        log.error("cannot write %s: %s / 无法写入报表文件", exc.filename or args.out, exc.strerror)
        return 2


def cmd_generate(args: argparse.Namespace) -> int:
    from queue_server.config import ConfigError
    from queue_server.ops.common import shown
    from queue_server.reports.generate import MonthPlan, generate_month
    from queue_server.reports.store import MonthNotEmpty, prepare_database, write_day

    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations of a new file: quiet
    if args.tickets < 0:  # checked before the database is created or touched
        log.error("--tickets must be ≥ 0 / 每日取号数不能为负")
        return 2
    try:
        config, url = _load(args)
        plan = MonthPlan(month=args.month, seed=args.seed, tickets=args.tickets, mix=args.mix)
        engine = prepare_database(url, config, first=plan.days[0], last=plan.days[-1])
    except (ConfigError, MonthNotEmpty, ValueError) as exc:
        log.error("%s", exc)
        return 2
    tickets = events = 0
    with _progress() as progress:
        task = progress.add_task(f"生成 {args.month:%Y-%m}", total=len(plan.days), day="")
        for day in generate_month(config, plan):
            write_day(engine, day)
            tickets += len(day.tickets)
            events += len(day.events)
            progress.update(task, completed=(day.day - plan.days[0]).days + 1, day=str(day.day))
    engine.dispose()
    log.info(
        "wrote %d tickets and %d events for %s into %s",
        tickets,
        events,
        f"{args.month:%Y-%m}",
        shown(url),
    )
    return 0
