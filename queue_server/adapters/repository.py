"""Repositories over SQLAlchemy Core: rows in, domain dataclasses out."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, case, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from queue_server.adapters import tables as t
from queue_server.domain.events import Event
from queue_server.domain.model import (
    Outcome,
    Priority,
    Rank,
    Status,
    Ticket,
    WindowState,
    WindowStatus,
)


def to_db(moment: datetime | None) -> datetime | None:
    """Aware datetime → naive UTC for storage."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC)


_TIMES = ("issued_at", "queued_at", "appointment_at", "called_at", "served_at", "finished_at")
_PLAIN = (
    "day",
    "number",
    "token",
    "matter",
    "zone",
    "channel",
    "returning",
    "target_window",
    "window",
    "recalls",
    "calls",
    "transfers",
    "requeued",
    "id_hash",
    "id_masked",
    "phone",
    "rated",
)


# Domain attribute → column, where the plain name is an SQL keyword.
_COLUMN = {"returning": "is_returning", "window": "window_no"}


def _ticket_values(ticket: Ticket) -> dict[str, Any]:
    values: dict[str, Any] = {_COLUMN.get(n, n): getattr(ticket, n) for n in _PLAIN}
    values.update({name: to_db(getattr(ticket, name)) for name in _TIMES})
    values["status"] = ticket.status.value
    values["priority"] = ticket.priority.value
    values["outcome"] = ticket.outcome.value if ticket.outcome else None
    return values


def _ticket(row: Any) -> Ticket:
    m = row._mapping
    kwargs: dict[str, Any] = {name: m[_COLUMN.get(name, name)] for name in _PLAIN}
    kwargs.update({name: from_db(m[name]) for name in _TIMES})
    return Ticket(
        **kwargs,
        id=m["id"],
        status=Status(m["status"]),
        priority=Priority(m["priority"]),
        outcome=Outcome(m["outcome"]) if m["outcome"] else None,
    )


class TicketRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, ticket: Ticket) -> None:
        ticket.id = self.conn.execute(
            insert(t.tickets).values(_ticket_values(ticket)).returning(t.tickets.c.id)
        ).scalar_one()

    def save(self, ticket: Ticket) -> None:
        self.conn.execute(
            update(t.tickets).where(t.tickets.c.id == ticket.id).values(_ticket_values(ticket))
        )

    def claim(self, ticket: Ticket) -> bool:
        """Save a ticket just called, only if it is still waiting (compare-and-set)."""
        result = self.conn.execute(
            update(t.tickets)
            .where(t.tickets.c.id == ticket.id, t.tickets.c.status == Status.WAITING.value)
            .values(_ticket_values(ticket))
        )
        return result.rowcount == 1

    def by_token(self, token: str) -> Ticket | None:
        row = self.conn.execute(select(t.tickets).where(t.tickets.c.token == token)).first()
        return _ticket(row) if row else None

    def by_number(self, day: date, number: str) -> Ticket | None:
        row = self.conn.execute(
            select(t.tickets).where(t.tickets.c.day == day, t.tickets.c.number == number)
        ).first()
        return _ticket(row) if row else None

    def waiting(self, day: date, matters: Collection[str] | None = None) -> list[Ticket]:
        query = select(t.tickets).where(
            t.tickets.c.status == Status.WAITING.value, t.tickets.c.day == day
        )
        if matters is not None:
            query = query.where(t.tickets.c.matter.in_(list(matters)))
        return [_ticket(row) for row in self.conn.execute(query)]

    def in_hand(self) -> dict[int, Ticket]:
        """Tickets currently called or being served, by window."""
        rows = self.conn.execute(
            select(t.tickets).where(
                t.tickets.c.status.in_([Status.CALLED.value, Status.SERVING.value])
            )
        )
        return {tk.window: tk for tk in map(_ticket, rows) if tk.window is not None}

    def waiting_counts(self, day: date) -> dict[str, int]:
        """Waiting tickets per zone."""
        rows = self.conn.execute(
            select(t.tickets.c.zone, func.count())
            .where(t.tickets.c.status == Status.WAITING.value, t.tickets.c.day == day)
            .group_by(t.tickets.c.zone)
        )
        return {str(zone): int(n) for zone, n in rows}

    def ahead_of_new(
        self,
        day: date,
        matters: Collection[str],
        *,
        now: datetime,
        queued_at: datetime,
        rank: Rank,
        max_wait_min: float,
    ) -> dict[str, int]:
        """Per matter, waiting tickets a new ticket of `rank` would have ahead of it.

        The same order as `Ticket.rank` + `dispatch.sort_key` for an untargeted ticket,
        counted in SQL so issuing stays cheap however long the queue; a test checks the two
        agree on random queues.
        """
        c = t.tickets.c
        row_rank = case(
            (c.queued_at < to_db(now - timedelta(minutes=max_wait_min)), int(Rank.STARVED)),
            (c.priority == Priority.GREEN.value, int(Rank.GREEN)),
            (
                and_(c.appointment_at.is_not(None), c.appointment_at <= to_db(now)),
                int(Rank.APPOINTMENT),
            ),
            (c.is_returning.is_(True), int(Rank.RETURNING)),
            else_=int(Rank.NORMAL),
        )
        if rank is Rank.STARVED:
            before = and_(row_rank == int(Rank.STARVED), c.queued_at <= to_db(queued_at))
        else:
            before = or_(
                row_rank < int(rank), and_(row_rank == int(rank), c.queued_at <= to_db(queued_at))
            )
        rows = self.conn.execute(
            select(c.matter, func.count())
            .where(
                c.status == Status.WAITING.value,
                c.day == day,
                c.matter.in_(list(matters)),
                c.target_window.is_(None),
                before,
            )
            .group_by(c.matter)
        )
        return {str(m): int(n) for m, n in rows}

    def last_finished_at(self, day: date, window: int) -> Ticket | None:
        """The ticket this window finished most recently today."""
        row = self.conn.execute(
            select(t.tickets)
            .where(
                t.tickets.c.day == day,
                t.tickets.c.window_no == window,
                t.tickets.c.finished_at.is_not(None),
            )
            .order_by(t.tickets.c.finished_at.desc())
            .limit(1)
        ).first()
        return _ticket(row) if row else None

    def served_count(self, day: date, window: int) -> int:
        """Tickets this window finished today (any outcome but no-show)."""
        query = select(func.count()).where(
            t.tickets.c.day == day,
            t.tickets.c.window_no == window,
            t.tickets.c.status == Status.DONE.value,
        )
        return int(self.conn.execute(query).scalar_one())

    def count_issued(
        self, day: date, *, matter: str | None = None, id_hash: str | None = None
    ) -> int:
        query = select(func.count()).select_from(t.tickets).where(t.tickets.c.day == day)
        if matter is not None:
            query = query.where(t.tickets.c.matter == matter)
        if id_hash is not None:
            query = query.where(t.tickets.c.id_hash == id_hash)
        return int(self.conn.execute(query).scalar_one())

    def recent_service_minutes(
        self, matters: Collection[str], *, per_matter: int = 30
    ) -> dict[str, list[float]]:
        """The latest service durations (minutes) per matter, for the rolling median."""
        out: dict[str, list[float]] = {}
        if not matters:
            return out
        rows = self.conn.execute(
            select(t.tickets.c.matter, t.tickets.c.served_at, t.tickets.c.finished_at)
            .where(
                t.tickets.c.matter.in_(list(matters)),
                t.tickets.c.status == Status.DONE.value,
                t.tickets.c.served_at.is_not(None),
            )
            .order_by(t.tickets.c.finished_at.desc())
            .limit(per_matter * len(matters))
        )
        for matter, start, end in rows:
            samples = out.setdefault(matter, [])
            if len(samples) < per_matter:
                samples.append((end - start).total_seconds() / 60)
        return out


class CounterRepository:
    """Daily number sequences per prefix: one atomic upsert, never reused."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def next(self, day: date, prefix: str) -> int:
        dialect = self.conn.dialect.name
        maker = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = (
            maker(t.counters)
            .values(day=day, prefix=prefix, last=1)
            .on_conflict_do_update(
                index_elements=[t.counters.c.day, t.counters.c.prefix],
                set_={"last": t.counters.c.last + 1},
            )
            .returning(t.counters.c.last)
        )
        return int(self.conn.execute(stmt).scalar_one())


class WindowRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, number: int, *, lock: bool = False) -> WindowState:
        query = select(t.windows).where(t.windows.c.number == number)
        if lock and self.conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = self.conn.execute(query).first()
        if row is None:
            state = WindowState(number=number)
            self.conn.execute(insert(t.windows).values(self._values(state)))
            return state
        return self._state(row)

    def all(self) -> list[WindowState]:
        return [self._state(r) for r in self.conn.execute(select(t.windows))]

    def save(self, state: WindowState) -> None:
        self.conn.execute(
            update(t.windows).where(t.windows.c.number == state.number).values(self._values(state))
        )

    def ensure(self, numbers: Iterable[int]) -> None:
        known = set(self.conn.execute(select(t.windows.c.number)).scalars())
        for number in numbers:
            if number not in known:
                self.conn.execute(insert(t.windows).values(self._values(WindowState(number))))

    @staticmethod
    def _values(state: WindowState) -> dict[str, Any]:
        return {
            "number": state.number,
            "status": state.status.value,
            "staff_id": state.staff_id,
            "current": state.current,
            "pause_reason": state.pause_reason,
            "priority_streak": state.priority_streak,
        }

    @staticmethod
    def _state(row: Any) -> WindowState:
        m = row._mapping
        return WindowState(
            number=m["number"],
            status=WindowStatus(m["status"]),
            staff_id=m["staff_id"],
            current=m["current"],
            pause_reason=m["pause_reason"],
            priority_streak=m["priority_streak"],
        )


_EVENT_LOCK = 0x4841_4C51  # "HALQ"
EVENTS_CHANNEL = "hallq_events"


class EventRepository:
    """The append-only event log; `seq` is its primary key."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def append(self, events: Iterable[Event]) -> list[Event]:
        stored: list[Event] = []
        for ev in events:
            if not stored and self.conn.dialect.name == "postgresql":
                # Serialise appenders until commit so seq order equals commit order and a
                # subscriber never sees seq 6 before seq 5 commits.
                self.conn.execute(select(func.pg_advisory_xact_lock(_EVENT_LOCK)))
                # Delivered at commit to every server process listening (see adapters.notify).
                self.conn.execute(select(func.pg_notify(EVENTS_CHANNEL, "")))
            seq = self.conn.execute(
                insert(t.events)
                .values(
                    type=ev.type,
                    at=to_db(ev.at),
                    actor=ev.actor,
                    window_no=ev.window,
                    ticket=ev.ticket,
                    token=ev.token,
                    matter=ev.matter,
                    zone=ev.zone,
                    data=ev.data,
                )
                .returning(t.events.c.seq)
            ).scalar_one()
            stored.append(_with_seq(ev, seq))
        return stored

    def since(self, seq: int, *, limit: int = 1000) -> list[Event]:
        rows = self.conn.execute(
            select(t.events).where(t.events.c.seq > seq).order_by(t.events.c.seq).limit(limit)
        )
        return [event_from_row(r) for r in rows]

    def between(self, start: datetime, end: datetime) -> list[Event]:
        rows = self.conn.execute(
            select(t.events)
            .where(t.events.c.at >= to_db(start), t.events.c.at < to_db(end))
            .order_by(t.events.c.seq)
        )
        return [event_from_row(r) for r in rows]

    def last_seq(self) -> int:
        return int(
            self.conn.execute(select(func.coalesce(func.max(t.events.c.seq), 0))).scalar_one()
        )

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
