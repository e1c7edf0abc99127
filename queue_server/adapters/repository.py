"""Repositories over SQLAlchemy Core: rows in, domain dataclasses out."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Insert, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from queue_server.adapters import statements as q
from queue_server.adapters import tables as t
from queue_server.adapters.event_log import EVENTS_CHANNEL, EventRepository, event_from_row
from queue_server.adapters.timeutil import from_db, to_db
from queue_server.domain.model import (
    Outcome,
    Priority,
    Rank,
    Status,
    Ticket,
    WindowState,
    WindowStatus,
)

_TIMES = ("issued_at", "queued_at", "appointment_at", "called_at", "served_at", "finished_at")
_PLAIN = (
    "day",
    "number",
    "token",
    "matter",
    "zone",
    "channel",
    "green_category",
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

    def add(
        self,
        ticket: Ticket,
        *,
        issued_by: str | None = None,
        request_key: str | None = None,
        request_digest: str | None = None,
    ) -> None:
        """Insert a new ticket; `request_key` (an Idempotency-Key) is unique per day and
        `issued_by`: a second insert with the same three raises IntegrityError."""
        values = _ticket_values(ticket)
        values.update(issued_by=issued_by, request_key=request_key, request_digest=request_digest)
        ticket.id = self.conn.execute(q.TICKET_INSERT, values).scalar_one()

    def by_request(
        self, day: date, issued_by: str, request_key: str
    ) -> tuple[Ticket, str | None] | None:
        """The ticket `issued_by` took on `day` with this Idempotency-Key, and the digest
        of the request that took it."""
        params = {"p_day": day, "p_issued_by": issued_by, "p_request_key": request_key}
        row = self.conn.execute(q.TICKET_BY_REQUEST, params).first()
        return (_ticket(row), row._mapping["request_digest"]) if row else None

    def save(self, ticket: Ticket) -> None:
        self.conn.execute(q.TICKET_UPDATE, {**_ticket_values(ticket), "p_id": ticket.id})

    def claim(self, ticket: Ticket) -> bool:
        """Save a ticket just called, only if it is still waiting (compare-and-set)."""
        result = self.conn.execute(q.TICKET_CLAIM, {**_ticket_values(ticket), "p_id": ticket.id})
        return result.rowcount == 1

    def lock_waiting(self, ticket: Ticket) -> bool:
        """Hold a waiting ticket until commit; False when another transaction holds it or it
        is no longer waiting. PostgreSQL only: SQLite write transactions never overlap."""
        if self.conn.dialect.name != "postgresql":
            return True
        row = self.conn.execute(q.TICKET_LOCK_WAITING, {"p_id": ticket.id}).first()
        return row is not None

    def by_token(self, token: str) -> Ticket | None:
        row = self.conn.execute(q.TICKET_BY_TOKEN, {"p_token": token}).first()
        return _ticket(row) if row else None

    def by_number(self, day: date, number: str) -> Ticket | None:
        row = self.conn.execute(q.TICKET_BY_NUMBER, {"p_day": day, "p_number": number}).first()
        return _ticket(row) if row else None

    def waiting(self, day: date, matters: Collection[str] | None = None) -> list[Ticket]:
        if matters is None:
            rows = self.conn.execute(q.TICKETS_WAITING, {"p_day": day})
        else:
            params = {"p_day": day, "p_matters": list(matters)}
            rows = self.conn.execute(q.TICKETS_WAITING_IN, params)
        return [_ticket(row) for row in rows]

    def contenders(
        self, day: date, matters: Collection[str], *, skip: Collection[int] = ()
    ) -> list[Ticket]:
        """The waiting tickets of `matters` that can be the next one called at any window.

        Per matter, priority, returning flag and target window only the first in the queue
        can be next: a later one never ranks above it (its class only improves with age, to
        starved, and then the queue time decides). Appointments are all contenders.
        `dispatch.choose_next` over these gives the same ticket as over every waiting one
        (a test checks it), while call-next reads a few rows however long the queue.
        `skip`: ticket ids to leave out (taken by a concurrent call-next).
        """
        params = {"p_day": day, "p_matters": list(matters), "p_skip": list(skip)}
        return [_ticket(row) for row in self.conn.execute(q.TICKETS_CONTENDING, params)]

    def in_hand(self) -> dict[int, Ticket]:
        """Tickets currently called or being served, by window."""
        rows = self.conn.execute(q.TICKETS_IN_HAND)
        return {tk.window: tk for tk in map(_ticket, rows) if tk.window is not None}

    def waiting_counts(self, day: date) -> dict[str, int]:
        """Waiting tickets per zone."""
        rows = self.conn.execute(q.WAITING_BY_ZONE, {"p_day": day})
        return {str(zone): int(n) for zone, n in rows}

    def queue_counts(
        self,
        day: date,
        matters: Collection[str],
        *,
        now: datetime,
        queued_at: datetime,
        rank: Rank,
        max_wait_min: float,
    ) -> tuple[dict[str, int], dict[str, int]]:
        """Per matter: the untargeted waiting tickets a new ticket of `rank` would have
        ahead of it, and all untargeted waiting tickets.

        The same order as `Ticket.rank` + `dispatch.sort_key`, counted in SQL so issuing
        stays cheap however long the queue; a test checks the two agree on random queues.
        """
        params = {
            "p_day": day,
            "p_matters": list(matters),
            "p_now": to_db(now),
            "p_starved_before": to_db(now - timedelta(minutes=max_wait_min)),
            "p_queued_at": to_db(queued_at),
            "p_rank": int(rank),
        }
        stmt = q.QUEUE_COUNTS_STARVED if rank is Rank.STARVED else q.QUEUE_COUNTS
        ahead: dict[str, int] = {}
        waiting: dict[str, int] = {}
        for matter, n_ahead, n_waiting in self.conn.execute(stmt, params):
            if n_ahead:
                ahead[str(matter)] = int(n_ahead)
            waiting[str(matter)] = int(n_waiting)
        return ahead, waiting

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
        """Per matter, waiting tickets a new ticket of `rank` would have ahead of it."""
        ahead, _ = self.queue_counts(
            day, matters, now=now, queued_at=queued_at, rank=rank, max_wait_min=max_wait_min
        )
        return ahead

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
        query = q.ISSUED_COUNT[matter is not None, id_hash is not None]
        params = {"p_day": day, "p_matter": matter, "p_id_hash": id_hash}
        return int(self.conn.execute(query, params).scalar_one())

    def recent_service_minutes(
        self, matters: Collection[str], *, per_matter: int = 30
    ) -> dict[str, list[float]]:
        """The latest service durations (minutes) per matter, newest first."""
        codes = sorted(set(matters))
        out: dict[str, list[float]] = {}
        if not codes:
            return out
        params = {f"p_m{i}": code for i, code in enumerate(codes)}
        for matter, start, end in self.conn.execute(
            q.recent_services(len(codes), per_matter), params
        ):
            out.setdefault(matter, []).append((end - start).total_seconds() / 60)
        return out

    def window_loads(
        self, numbers: Collection[int]
    ) -> list[tuple[int, bool, str | None, datetime | None]]:
        """Windows `numbers`: open or not, and the matter and call time of the ticket in hand."""
        rows = self.conn.execute(q.WINDOW_LOADS, {"p_numbers": list(numbers)})
        return [(int(n), bool(is_open), m, from_db(at)) for n, is_open, m, at in rows]


_COUNTER_NEXT: dict[str, Insert] = {}


def _counter_next(dialect: str) -> Insert:
    stmt = _COUNTER_NEXT.get(dialect)
    if stmt is None:
        maker = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = _COUNTER_NEXT[dialect] = (
            maker(t.counters)
            .on_conflict_do_update(
                index_elements=[t.counters.c.day, t.counters.c.prefix],
                set_={"last": t.counters.c.last + 1},
            )
            .returning(t.counters.c.last)
        )
    return stmt


class CounterRepository:
    """Daily number sequences per prefix: one atomic upsert, never reused."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def next(self, day: date, prefix: str) -> int:
        stmt = _counter_next(self.conn.dialect.name)
        params = {"day": day, "prefix": prefix, "last": 1}
        return int(self.conn.execute(stmt, params).scalar_one())


class WindowRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, number: int, *, lock: bool = False) -> WindowState:
        pg = self.conn.dialect.name == "postgresql"
        query = q.WINDOW_GET_FOR_UPDATE if lock and pg else q.WINDOW_GET
        row = self.conn.execute(query, {"p_number": number}).first()
        if row is None:
            state = WindowState(number=number)
            self.conn.execute(q.WINDOW_INSERT, self._values(state))
            return state
        return self._state(row)

    def all(self) -> list[WindowState]:
        return [self._state(r) for r in self.conn.execute(q.WINDOWS_ALL)]

    def save(self, state: WindowState) -> None:
        self.conn.execute(q.WINDOW_UPDATE, {**self._values(state), "p_number": state.number})

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


# The event log and the time conversions live in their own modules; these names stay
# importable from here.
__all__ = [
    "EVENTS_CHANNEL",
    "CounterRepository",
    "EventRepository",
    "TicketRepository",
    "WindowRepository",
    "event_from_row",
    "from_db",
    "to_db",
]
