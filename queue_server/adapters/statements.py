"""Prebuilt SQL statements of the hot paths (issue, call-next, complete, the event log).

Each statement is built once, at import, with bind parameters; executing it then skips
SQLAlchemy's statement construction and finds its compiled form in the engine's cache at
once. Building `update(...).values({...})` per call cost ~0.7 ms, the prebuilt one ~0.04 ms
(docs/PERFORMANCE.md). Values go in as execute() parameters: an INSERT or
UPDATE without `.values()` takes its columns from the parameter names.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import (
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    insert,
    or_,
    select,
    union_all,
    update,
)

from queue_server.adapters import tables as t
from queue_server.domain.model import Priority, Rank, Status, WindowStatus

tc = t.tickets.c
WAITING = Status.WAITING.value

TICKET_INSERT = insert(t.tickets).returning(tc.id)
TICKET_UPDATE = update(t.tickets).where(tc.id == bindparam("p_id"))
TICKET_CLAIM = update(t.tickets).where(tc.id == bindparam("p_id"), tc.status == WAITING)
TICKET_BY_TOKEN = select(t.tickets).where(tc.token == bindparam("p_token"))
TICKET_BY_NUMBER = select(t.tickets).where(
    tc.day == bindparam("p_day"), tc.number == bindparam("p_number")
)
TICKET_BY_REQUEST = select(t.tickets).where(
    tc.day == bindparam("p_day"),
    tc.issued_by == bindparam("p_issued_by"),
    tc.request_key == bindparam("p_request_key"),
)
_WAITING_TODAY = and_(tc.status == WAITING, tc.day == bindparam("p_day"))
_IN_MATTERS = tc.matter.in_(bindparam("p_matters", expanding=True))
_NOT_SKIPPED = tc.id.not_in(bindparam("p_skip", expanding=True))
TICKETS_WAITING = select(t.tickets).where(_WAITING_TODAY)
TICKETS_WAITING_IN = select(t.tickets).where(_WAITING_TODAY, _IN_MATTERS)


def _contenders() -> Select:
    """Waiting tickets of some matters that can be next at a window (see `contenders`).

    Per matter, priority, returning flag and target window: the one that came first
    (queue time, then number); every appointment ticket, whose due time orders it.
    """
    first = (
        func.row_number()
        .over(
            partition_by=(tc.matter, tc.priority, tc.is_returning, tc.target_window),
            order_by=(tc.queued_at, tc.number),
        )
        .label("p_first")
    )
    inner = (
        select(t.tickets, first).where(
            _WAITING_TODAY, _IN_MATTERS, _NOT_SKIPPED, tc.appointment_at.is_(None)
        )
    ).subquery()
    firsts = select(*(inner.c[col.name] for col in t.tickets.c)).where(inner.c.p_first == 1)
    appointments = select(t.tickets).where(
        _WAITING_TODAY, _IN_MATTERS, _NOT_SKIPPED, tc.appointment_at.is_not(None)
    )
    return union_all(firsts, appointments)  # type: ignore[return-value]


TICKETS_CONTENDING = _contenders()
# PostgreSQL: lock a waiting ticket for this transaction, or nothing if another one holds it.
TICKET_LOCK_WAITING = (
    select(tc.id)
    .where(tc.id == bindparam("p_id"), tc.status == WAITING)
    .with_for_update(skip_locked=True)
)
TICKETS_IN_HAND = select(t.tickets).where(
    tc.status.in_([Status.CALLED.value, Status.SERVING.value])
)
WAITING_BY_ZONE = select(tc.zone, func.count()).where(_WAITING_TODAY).group_by(tc.zone)


def _queue_counts(*, starved: bool) -> Select:
    """Per matter: waiting tickets ahead of a new ticket of rank `p_rank`, and all waiting.

    The same order as `Ticket.rank` + `dispatch.sort_key` for an untargeted ticket (a test
    checks the two agree on random queues).
    """
    row_rank = case(
        (tc.queued_at < bindparam("p_starved_before"), int(Rank.STARVED)),
        (tc.priority == Priority.GREEN.value, int(Rank.GREEN)),
        (
            and_(tc.appointment_at.is_not(None), tc.appointment_at <= bindparam("p_now")),
            int(Rank.APPOINTMENT),
        ),
        (tc.is_returning.is_(True), int(Rank.RETURNING)),
        else_=int(Rank.NORMAL),
    )
    mine = bindparam("p_queued_at", type_=tc.queued_at.type)
    if starved:
        before = and_(row_rank == int(Rank.STARVED), tc.queued_at <= mine)
    else:
        rank = bindparam("p_rank", type_=Integer)
        before = or_(row_rank < rank, and_(row_rank == rank, tc.queued_at <= mine))
    ahead = func.sum(case((before, 1), else_=0))
    return (
        select(tc.matter, ahead, func.count())
        .where(_WAITING_TODAY, _IN_MATTERS, tc.target_window.is_(None))
        .group_by(tc.matter)
    )


QUEUE_COUNTS = _queue_counts(starved=False)
QUEUE_COUNTS_STARVED = _queue_counts(starved=True)


@lru_cache(maxsize=64)
def recent_services(matters: int, per_matter: int) -> Select:
    """The latest finished services of `matters` matters (`p_m0`, `p_m1`, …), newest first.

    One index range scan (matter, finished_at) per matter, so the cost does not grow with
    the months of history in the table.
    """
    parts = []
    for i in range(matters):
        one = (
            select(tc.matter, tc.served_at, tc.finished_at)
            .where(
                tc.matter == bindparam(f"p_m{i}"),
                tc.finished_at.is_not(None),
                tc.status == Status.DONE.value,
                tc.served_at.is_not(None),
            )
            .order_by(tc.finished_at.desc())
            .limit(per_matter)
            .subquery()
        )
        parts.append(select(one.c.matter, one.c.served_at, one.c.finished_at))
    return parts[0] if matters == 1 else union_all(*parts)  # type: ignore[return-value]


def _issued_count(*, matter: bool, id_hash: bool) -> Select:
    """Tickets of a day that count against quotas and per-ID limits: not the cancelled."""
    query = (
        select(func.count())
        .select_from(t.tickets)
        .where(tc.day == bindparam("p_day"), tc.status != Status.CANCELLED.value)
    )
    if matter:
        query = query.where(tc.matter == bindparam("p_matter"))
    if id_hash:
        query = query.where(tc.id_hash == bindparam("p_id_hash"))
    return query


# (by matter, by ID hash) → the count of tickets issued on a day
ISSUED_COUNT = {
    (m, i): _issued_count(matter=m, id_hash=i) for m in (False, True) for i in (False, True)
}

wc = t.windows.c
WINDOW_GET = select(t.windows).where(wc.number == bindparam("p_number"))
WINDOW_GET_FOR_UPDATE = WINDOW_GET.with_for_update()
WINDOW_INSERT = insert(t.windows)
WINDOW_UPDATE = update(t.windows).where(wc.number == bindparam("p_number"))
WINDOWS_ALL = select(t.windows)
# Some windows: open or not, and the matter and call time of the ticket in hand (the estimate).
WINDOW_LOADS = (
    select(wc.number, wc.status == WindowStatus.OPEN.value, tc.matter, tc.called_at)
    .select_from(
        t.windows.outerjoin(
            t.tickets,
            and_(
                tc.token == wc.current,
                tc.status.in_([Status.CALLED.value, Status.SERVING.value]),
            ),
        )
    )
    .where(wc.number.in_(bindparam("p_numbers", expanding=True)))
)

ec = t.events.c
EVENT_INSERT = insert(t.events).returning(ec.seq)
EVENTS_SINCE = (
    select(t.events)
    .where(ec.seq > bindparam("p_seq"))
    .order_by(ec.seq)
    .limit(bindparam("p_limit", type_=Integer))
)
EVENTS_LAST_SEQ = select(func.coalesce(func.max(ec.seq), 0))
EVENT_LOCK = select(func.pg_advisory_xact_lock(bindparam("p_key")))
NOTIFY_PAYLOAD = select(func.pg_notify(bindparam("p_channel"), bindparam("p_payload")))
