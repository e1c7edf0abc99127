"""Writing a generated month into a HallQ database through the real tables and repositories."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select

from queue_server.adapters import tables as t
from queue_server.adapters.db import make_engine
from queue_server.adapters.event_log import event_row
from queue_server.adapters.migrate import upgrade
from queue_server.adapters.operations import Operations
from queue_server.adapters.repository import to_db
from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.reports.booking_plan import CHANNEL, GeneratedBooking
from queue_server.reports.generate import GeneratedDay
from queue_server.reports.model import hall_schedule

log = logging.getLogger(__name__)


class MonthNotEmpty(Exception):
    """The database already has events in the month to generate."""


def prepare_database(url: str, config: HallConfig, *, first: date, last: date) -> Engine:
    """Create or migrate the database; refuse one that already has events in first..last."""
    engine = make_engine(url)
    upgrade(engine)
    schedule = hall_schedule(config)
    start, end = schedule.day_start(first), schedule.day_start(last + timedelta(days=1))
    with SqlUnitOfWork(engine) as uow:
        existing = uow.conn.execute(
            select(func.count())
            .select_from(t.events)
            .where(t.events.c.at >= to_db(start), t.events.c.at < to_db(end))
        ).scalar_one()
        if existing:
            engine.dispose()
            raise MonthNotEmpty(
                f"the database already has {existing} events between {first} and {last}; "
                f"use a new file / 数据库中该月已有{existing}条事件，请换一个新文件"
            )
        uow.windows.ensure(w.number for w in config.windows)
        uow.commit()
    return engine


def write_day(engine: Engine, day: GeneratedDay) -> None:
    """One day in one transaction: tickets, the bookings of its slots, sign-ins, ratings, then
    the events in order."""
    with SqlUnitOfWork(engine) as uow:
        for ticket in day.tickets:
            uow.tickets.add(ticket)
        _bookings(uow, day.bookings)
        if any(ev.type == "appointment.booked" for ev in day.events):
            # Each booking made today recorded earlier days' bookings not checked in as
            # no-shows; the last days' stay `booked`, as in a hall where nobody books after.
            Operations(uow.conn).bookings.sweep_no_shows(day.day)
        for s in day.signins:
            uow.signins.add(
                staff_id=s.staff, window=s.window, day=day.day, now=s.at, ab_role=s.ab_role
            )
        for r in day.ratings:
            uow.evaluations.add(
                token=r.token,
                rating=r.rating,
                reasons=r.reasons,
                comment="",
                now=r.at,
                window=r.window,
                staff_id=r.staff,
            )
        if day.events:
            # One multi-row insert: `seq` follows the list, which is in time order.
            uow.conn.execute(insert(t.events), _rows(day.events))
        uow.commit()
    log.debug(
        "%s: %d tickets, %d bookings, %d events",
        day.day,
        len(day.tickets),
        len(day.bookings),
        len(day.events),
    )


def _bookings(uow: SqlUnitOfWork, bookings: Iterable[GeneratedBooking]) -> None:
    """Through the booking service's repositories: made, then checked in or cancelled."""
    ops = Operations(uow.conn)
    for b in bookings:
        id_hash, masked = b.person or (None, None)
        uow.appointments.add(
            code=b.code,
            matter=b.matter,
            day=b.day,
            slot_start=b.slot_start,
            id_hash=id_hash,
            now=b.created_at,
        )
        ops.bookings.add_details(b.code, channel=CHANNEL, id_masked=masked, phone=None)
        if b.ticket:
            uow.appointments.mark_used(b.code, b.ticket)
        elif b.cancelled_at:
            ops.bookings.cancel(b.code, b.cancelled_at)


def _rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [event_row(ev) for ev in events]
