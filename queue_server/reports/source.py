"""Reading the report's inputs from a HallQ database: the event log and real-name visits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, select

from queue_server.adapters import tables as t
from queue_server.adapters.db import make_engine
from queue_server.adapters.operations import Operations
from queue_server.adapters.repository import from_db, to_db
from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.config import HallConfig
from queue_server.ops.common import shown
from queue_server.reports.bookings import BookingRecord
from queue_server.reports.figures import Visit
from queue_server.reports.model import Period, Report, ReportBuilder, hall_schedule
from queue_server.reports.ranking import MIN_SERVED


class NoDatabase(Exception):
    """The database holds no HallQ event log."""


def open_database(url: str) -> Engine:
    """An engine on an existing HallQ database (nothing is created or migrated)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise NoDatabase(f"no such database file: {path} / 数据库文件不存在")
    engine = make_engine(url)
    if not inspect(engine).has_table("events"):
        engine.dispose()
        raise NoDatabase(f"{shown(url)}: not a HallQ database (no events table) / 不是HallQ数据库")
    return engine


def real_name_visits(conn: Connection, start: datetime, end: datetime) -> list[Visit]:
    """Tickets issued with an ID number in [start, end): who, for which matter, when."""
    rows = conn.execute(
        select(t.tickets.c.id_hash, t.tickets.c.matter, t.tickets.c.issued_at).where(
            t.tickets.c.id_hash.is_not(None),
            t.tickets.c.issued_at >= to_db(start),
            t.tickets.c.issued_at < to_db(end),
        )
    )
    return [Visit(h, m, at) for h, m, issued in rows if (at := from_db(issued)) is not None]


def read_bookings(conn: Connection, period: Period) -> list[BookingRecord]:
    """The bookings for the period's hall days, whatever became of them (only read)."""
    return [
        BookingRecord(
            matter=r["matter"],
            day=r["day"],
            slot_start=r["slot_start"],
            status=r["status"],
            checked_in_late=bool(r["ticket"]) and r["ticket_appointment_at"] is None,
            person=r["id_hash"],
        )
        for r in Operations(conn).bookings.of_days(period.start, period.end)
    ]


def read_report(
    uow: SqlUnitOfWork,
    config: HallConfig,
    period: Period,
    *,
    now: datetime,
    on_day: Callable[[date], None] | None = None,
    min_served: int = MIN_SERVED,
) -> Report:
    """Build the report of `period` as of `now`, reading the event log one hall day at a time.

    The period is cut at the hall's today (`Period.until`): days to come are not read."""
    schedule = hall_schedule(config)
    period = period.until(schedule.hall_day(now))
    builder = ReportBuilder(config, period, min_served=min_served)
    for day in period.days():
        start = schedule.day_start(day)
        builder.add_all(uow.events.between(start, schedule.day_start(day + timedelta(days=1))))
        if on_day is not None:
            on_day(day)
    visits = real_name_visits(uow.conn, *period.visit_bounds(schedule))
    return builder.finish(visits, now=now, bookings=read_bookings(uow.conn, period))
