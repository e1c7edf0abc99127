"""The append-only event log: append in commit order, read by `seq`."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from queue_server.adapters import statements as q
from queue_server.adapters import tables as t
from queue_server.adapters.timeutil import from_db, to_db
from queue_server.domain.events import Event

_EVENT_LOCK = 0x4841_4C51  # "HALQ"
EVENTS_CHANNEL = "hallq_events"
_TOKEN: tuple[int, str] = (0, "")


def process_token() -> str:
    """This server process, in its NOTIFY payloads (new after a fork)."""
    global _TOKEN
    pid = os.getpid()
    if _TOKEN[0] != pid:
        _TOKEN = (pid, f"{pid}-{secrets.token_hex(4)}")
    return _TOKEN[1]


# Revoked staff sessions, for the other server processes' session caches (adapters.notify):
# payload "token:<sha256 hex>" (a logout) or "window:<n>" (a sign-in ends that window's others).
SESSIONS_CHANNEL = "hallq_sessions"


def event_row(ev: Event) -> dict[str, Any]:
    """The columns of the events table for `ev` (without `seq`, which the database assigns)."""
    return {
        "type": ev.type,
        "at": to_db(ev.at),
        "actor": ev.actor,
        "window_no": ev.window,
        "ticket": ev.ticket,
        "token": ev.token,
        "matter": ev.matter,
        "zone": ev.zone,
        "data": ev.data,
    }


class EventRepository:
    """The append-only event log; `seq` is its primary key."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._locked = False  # one repository per transaction (unit of work)
        self.appended: list[Event] = []  # with their seq, in order

    def serialize(self) -> None:
        """PostgreSQL: take the appenders' lock now, until commit (`append` takes it anyway).

        A use case that must also lock a hot row before appending (the number counter) takes
        this first, so it never holds that row while queueing for this lock.
        """
        if self.conn.dialect.name == "postgresql" and not self._locked:
            # Serialise appenders until commit so seq order equals commit order and a
            # subscriber never sees seq 6 before seq 5 commits.
            self.conn.execute(q.EVENT_LOCK, {"p_key": _EVENT_LOCK})
            # Delivered at commit to every server process listening (see adapters.notify);
            # the payload says which process committed, so it need not read its own events
            # back (it has them from the unit of work: adapters.uow.publish_commits).
            self.conn.execute(
                q.NOTIFY_PAYLOAD, {"p_channel": EVENTS_CHANNEL, "p_payload": process_token()}
            )
            self._locked = True

    def append(self, events: Iterable[Event]) -> list[Event]:
        stored: list[Event] = []
        for ev in events:
            if not stored:
                self.serialize()
            seq = self.conn.execute(q.EVENT_INSERT, event_row(ev)).scalar_one()
            stored.append(_with_seq(ev, seq))
        self.appended.extend(stored)
        return stored

    def since(self, seq: int, *, limit: int = 1000) -> list[Event]:
        rows = self.conn.execute(q.EVENTS_SINCE, {"p_seq": seq, "p_limit": limit})
        return [event_from_row(r) for r in rows]

    def between(self, start: datetime, end: datetime) -> list[Event]:
        rows = self.conn.execute(
            select(t.events)
            .where(t.events.c.at >= to_db(start), t.events.c.at < to_db(end))
            .order_by(t.events.c.seq)
        )
        return [event_from_row(r) for r in rows]

    def last_seq(self) -> int:
        return int(self.conn.execute(q.EVENTS_LAST_SEQ).scalar_one())

    def recent_calls(self, limit: int, since: datetime, zone: str | None = None) -> list[Event]:
        """The latest calls and recalls made since `since` (the start of the hall day)."""
        query = select(t.events).where(
            t.events.c.type.in_(["ticket.called", "ticket.recalled"]),
            t.events.c.at >= to_db(since),
        )
        if zone:
            query = query.where(t.events.c.zone == zone)
        rows = self.conn.execute(query.order_by(t.events.c.seq.desc()).limit(limit))
        return [event_from_row(r) for r in rows]


def _with_seq(ev: Event, seq: int) -> Event:
    return Event(
        type=ev.type,
        at=ev.at,
        actor=ev.actor,
        window=ev.window,
        ticket=ev.ticket,
        token=ev.token,
        matter=ev.matter,
        zone=ev.zone,
        data=ev.data,
        seq=seq,
    )


def event_from_row(row: Any) -> Event:
    m = row._mapping
    at = from_db(m["at"])
    assert at is not None
    return Event(
        type=m["type"],
        at=at,
        actor=m["actor"],
        window=m["window_no"],
        ticket=m["ticket"],
        token=m["token"],
        matter=m["matter"],
        zone=m["zone"],
        data=m["data"],
        seq=m["seq"],
    )
