"""Repositories of the hall operations: bookings, follow-ups, the event-log cursor, the desk.

They work on the connection of a unit of work (`Operations(uow.conn)`), so a use case keeps
one transaction across the core repositories and these.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, case, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from queue_server.adapters import tables as t
from queue_server.adapters.repository import event_from_row, from_db, to_db
from queue_server.domain.events import Event

_LOCK_CLASS = 0x4851  # "HQ": the two-int advisory key space, apart from the event log's lock
LIVE = ("booked", "checked_in", "no_show")  # every booking status but "cancelled"


def _db_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: to_db(v) if isinstance(v, datetime) else v for k, v in values.items()}


def _times(row: Any, *names: str) -> dict[str, Any]:
    data = dict(row._mapping)
    for name in names:
        data[name] = from_db(data[name])
    return data


class Operations:
    """The operations repositories over one transaction's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.bookings = BookingRepository(conn)
        self.followups = FollowupRepository(conn)
        self.cursors = CursorRepository(conn)
        self.desk = DeskRepository(conn)
        self.floor = FloorRepository(conn)

    def lock(self, *key: str) -> None:
        """Serialise writers of one key until commit (PostgreSQL; SQLite writers queue anyway)."""
        if self.conn.dialect.name != "postgresql":
            return
        crc = zlib.crc32("\x1f".join(key).encode())
        objid = crc - 2**32 if crc >= 2**31 else crc
        self.conn.execute(select(func.pg_advisory_xact_lock(_LOCK_CLASS, objid)))


class BookingRepository:
    """What `records.AppointmentRepository` lacks: details, live counts, per-person checks."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def exists(self, code: str) -> bool:
        query = select(t.appointments.c.code).where(t.appointments.c.code == code)
        return self.conn.execute(query).first() is not None

    def add_details(
        self, code: str, *, channel: str, id_masked: str | None, phone: str | None
    ) -> None:
        self.conn.execute(
            insert(t.appointment_details).values(
                code=code, channel=channel, id_masked=id_masked, phone=phone
            )
        )

    def get(self, code: str) -> dict[str, Any] | None:
        """The booking joined with its details and, once checked in, its ticket."""
        a, d, tk = t.appointments, t.appointment_details, t.tickets
        query = (
            select(
                a,
                d.c.channel,
                d.c.id_masked,
                d.c.cancelled_at,
                tk.c.number.label("ticket"),
                tk.c.appointment_at.label("ticket_appointment_at"),
            )
            .outerjoin(d, d.c.code == a.c.code)
            .outerjoin(tk, tk.c.token == a.c.ticket_token)
            .where(a.c.code == code)
        )
        row = self.conn.execute(query).first()
        if row is None:
            return None
        return _times(row, "slot_start", "created_at", "cancelled_at", "ticket_appointment_at")

    def booked_per_slot(self, matter: str, day: date) -> dict[datetime, int]:
        a = t.appointments.c
        rows = self.conn.execute(
            select(a.slot_start, func.count())
            .where(a.matter == matter, a.day == day, a.status.in_(LIVE))
            .group_by(a.slot_start)
        )
        return {m: int(n) for m, n in ((from_db(s), n) for s, n in rows) if m is not None}

    def count_slot(self, matter: str, slot_start: datetime) -> int:
        a = t.appointments.c
        query = select(func.count()).where(
            a.matter == matter, a.slot_start == to_db(slot_start), a.status.in_(LIVE)
        )
        return int(self.conn.execute(query).scalar_one())

    def holds(self, day: date, matter: str, id_hash: str) -> bool:
        """Whether this person has a booking (not cancelled) for the matter on that day."""
        a = t.appointments.c
        query = select(a.code).where(
            a.id_hash == id_hash, a.day == day, a.matter == matter, a.status.in_(LIVE)
        )
        return self.conn.execute(query).first() is not None

    def upcoming(self, id_hash: str, *, since: datetime) -> int:
        a = t.appointments.c
        query = select(func.count()).where(
            a.id_hash == id_hash, a.status == "booked", a.slot_start >= to_db(since)
        )
        return int(self.conn.execute(query).scalar_one())

    def any_to_check_in(self, matters: list[str], day: date, *, since: datetime) -> bool:
        """Whether a booking of `day` for one of `matters` is still `booked` with its slot
        from `since` on (the matter list lets the (matter, slot_start) index answer)."""
        a = t.appointments.c
        query = select(a.code).where(
            a.matter.in_(matters), a.slot_start >= to_db(since), a.day == day, a.status == "booked"
        )
        return self.conn.execute(query.limit(1)).first() is not None

    def made_since(self, id_hash: str, since: datetime) -> int:
        """Bookings this person made since `since`, cancelled ones included (no churning)."""
        a = t.appointments.c
        query = select(func.count()).where(a.id_hash == id_hash, a.created_at >= to_db(since))
        return int(self.conn.execute(query).scalar_one())

    def made_from(self, address_hash: str, *, since: datetime, newest: int) -> list[datetime]:
        """When the newest `newest` bookings from this client address after `since` were
        made, newest first; cancelled ones included (no churning). One range of the
        (address_hash, created_at) index."""
        a = t.appointments.c
        query = (
            select(a.created_at)
            .where(a.address_hash == address_hash, a.created_at > to_db(since))
            .order_by(a.created_at.desc())
            .limit(newest)
        )
        found = (from_db(at) for at in self.conn.execute(query).scalars())
        return [at for at in found if at is not None]

    def cancel(self, code: str, now: datetime) -> None:
        self.conn.execute(
            update(t.appointments).where(t.appointments.c.code == code).values(status="cancelled")
        )
        self.conn.execute(
            update(t.appointment_details)
            .where(t.appointment_details.c.code == code)
            .values(cancelled_at=to_db(now))
        )

    def release(self, ticket_token: str, *, matter: str, since: datetime, until: datetime) -> bool:
        """The booking of `matter` with its slot in [since, until) checked in with this ticket
        is `booked` again, without a ticket (the matter and the range let the
        (matter, slot_start) index find it). False when no booking had this ticket."""
        a = t.appointments.c
        result = self.conn.execute(
            update(t.appointments)
            .where(
                a.matter == matter,
                a.slot_start >= to_db(since),
                a.slot_start < to_db(until),
                a.ticket_token == ticket_token,
                a.status == "checked_in",
            )
            .values(status="booked", ticket_token=None)
        )
        return bool(result.rowcount)

    def sweep_no_shows(self, today: date) -> int:
        """Bookings of past days never checked in are recorded as no-shows (爽约)."""
        a = t.appointments.c
        result = self.conn.execute(
            update(t.appointments)
            .where(a.status == "booked", a.day < today)
            .values(status="no_show")
        )
        return int(result.rowcount or 0)

    def of_days(self, first: date, last: date) -> list[dict[str, Any]]:
        """Every booking for the hall days `first`..`last` (cancelled ones too), with whether
        its ticket was issued in time (`ticket_appointment_at`): the statistics' input."""
        a, tk = t.appointments, t.tickets
        query = (
            select(
                a.c.matter,
                a.c.day,
                a.c.slot_start,
                a.c.status,
                a.c.id_hash,
                tk.c.number.label("ticket"),
                tk.c.appointment_at.label("ticket_appointment_at"),
            )
            .outerjoin(tk, tk.c.token == a.c.ticket_token)
            .where(a.c.day >= first, a.c.day <= last)
            .order_by(a.c.slot_start, a.c.code)
        )
        return [_times(r, "slot_start", "ticket_appointment_at") for r in self.conn.execute(query)]

    def of_person(self, id_hash: str, *, from_day: date) -> list[dict[str, Any]]:
        a = t.appointments.c
        rows = self.conn.execute(
            select(t.appointments)
            .where(a.id_hash == id_hash, a.day >= from_day)
            .order_by(a.slot_start)
        )
        return [_times(r, "slot_start", "created_at") for r in rows]


class FollowupRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, values: dict[str, Any]) -> int | None:
        """Open a follow-up; None when this ticket already has one (idempotent by token)."""
        maker = pg_insert if self.conn.dialect.name == "postgresql" else sqlite_insert
        stmt = (
            maker(t.followups)
            .values(_db_values(values))
            .on_conflict_do_nothing(index_elements=[t.followups.c.ticket_token])
            .returning(t.followups.c.id)
        )
        return self.conn.execute(stmt).scalar_one_or_none()

    def get(self, followup_id: int) -> dict[str, Any] | None:
        row = self.conn.execute(select(t.followups).where(t.followups.c.id == followup_id)).first()
        return _times(row, *_FOLLOWUP_TIMES) if row else None

    def find(
        self, status: str | None, now: datetime, *, department: str | None, limit: int
    ) -> list[dict[str, Any]]:
        """`open` (not closed), `overdue` (not closed, past a deadline), `closed`, or all;
        of one department, or (None) of every department."""
        f = t.followups.c
        query = select(t.followups)
        if department is not None:
            query = query.where(f.department == department)
        if status == "closed":
            query = query.where(f.status == "closed")
        elif status in ("open", "overdue"):
            query = query.where(f.status != "closed")
        if status == "overdue":
            query = query.where(_overdue(now))
        rows = self.conn.execute(query.order_by(f.opened_at.desc(), f.id.desc()).limit(limit))
        return [_times(r, *_FOLLOWUP_TIMES) for r in rows]

    def update(self, followup_id: int, **values: Any) -> None:
        self.conn.execute(
            update(t.followups).where(t.followups.c.id == followup_id).values(_db_values(values))
        )

    def add_note(
        self,
        followup_id: int,
        *,
        at: datetime,
        actor: str,
        kind: str,
        note: str,
        resolution: str | None = None,
    ) -> None:
        self.conn.execute(
            insert(t.followup_notes).values(
                followup_id=followup_id,
                at=to_db(at),
                actor=actor,
                kind=kind,
                note=note,
                resolution=resolution,
            )
        )

    def notes(self, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        if not ids:
            return out
        n = t.followup_notes.c
        rows = self.conn.execute(
            select(t.followup_notes).where(n.followup_id.in_(ids)).order_by(n.at, n.id)
        )
        for row in rows:
            out[row.followup_id].append(_times(row, "at"))
        return out

    def comments(self, tokens: list[str]) -> dict[str, str]:
        """The citizens' own words, from their ratings."""
        if not tokens:
            return {}
        e = t.evaluations.c
        rows = self.conn.execute(select(e.token, e.comment).where(e.token.in_(tokens)))
        return {str(tok): str(comment or "") for tok, comment in rows}

    def open_by_zone(self, now: datetime) -> dict[str, tuple[int, int]]:
        """Per zone: follow-ups not closed, and how many of them are overdue."""
        f = t.followups.c
        late = func.sum(case((_overdue(now), 1), else_=0))
        rows = self.conn.execute(
            select(f.zone, func.count(), late).where(f.status != "closed").group_by(f.zone)
        )
        return {str(z): (int(n), int(o or 0)) for z, n, o in rows}


_FOLLOWUP_TIMES = ("opened_at", "contact_due", "fix_due", "contacted_at", "closed_at")


def _overdue(now: datetime) -> Any:
    f = t.followups.c
    moment = to_db(now)
    return or_(and_(f.contacted_at.is_(None), f.contact_due < moment), f.fix_due < moment)


class CursorRepository:
    """Readers of the event log remember the last `seq` they handled."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def peek(self, name: str) -> int:
        query = select(t.sync_cursors.c.seq).where(t.sync_cursors.c.name == name)
        return int(self.conn.execute(query).scalar_one_or_none() or 0)

    def hold(self, name: str) -> int:
        """The cursor, locked until commit, so two syncs never handle the same events."""
        maker = pg_insert if self.conn.dialect.name == "postgresql" else sqlite_insert
        self.conn.execute(maker(t.sync_cursors).values(name=name, seq=0).on_conflict_do_nothing())
        query = select(t.sync_cursors.c.seq).where(t.sync_cursors.c.name == name)
        if self.conn.dialect.name == "postgresql":
            query = query.with_for_update()
        return int(self.conn.execute(query).scalar_one())

    def move(self, name: str, seq: int) -> None:
        self.conn.execute(
            update(t.sync_cursors).where(t.sync_cursors.c.name == name).values(seq=seq)
        )

    def events_since(self, seq: int, types: list[str], *, limit: int) -> list[Event]:
        e = t.events.c
        rows = self.conn.execute(
            select(t.events).where(e.seq > seq, e.type.in_(types)).order_by(e.seq).limit(limit)
        )
        return [event_from_row(r) for r in rows]


class DeskRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def tickets_of(self, day: date, id_hash: str) -> list[dict[str, Any]]:
        c = t.tickets.c
        rows = self.conn.execute(
            select(t.tickets).where(c.day == day, c.id_hash == id_hash).order_by(c.issued_at, c.id)
        )
        return [_times(r, "issued_at", "called_at", "finished_at") for r in rows]

    def record_lookup(self, *, at: datetime, actor: str, id_hash: str, found: int) -> None:
        self.conn.execute(
            insert(t.desk_lookups).values(at=to_db(at), actor=actor, id_hash=id_hash, found=found)
        )


class FloorRepository:
    """Figures of the hall floor for the supervision dashboard."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def waiting_by_zone(self, day: date) -> dict[str, tuple[int, datetime | None]]:
        """Per zone: waiting tickets and the earliest time one of them is queued from."""
        c = t.tickets.c
        rows = self.conn.execute(
            select(c.zone, func.count(), func.min(c.queued_at))
            .where(c.status == "waiting", c.day == day)
            .group_by(c.zone)
        )
        return {str(z): (int(n), from_db(oldest)) for z, n, oldest in rows}

    def events_of_type(self, kind: str, *, since: datetime, limit: int) -> list[Event]:
        """The newest `limit` events of `kind` from `since` on, newest first."""
        return self.events_among([kind], since=since, limit=limit)[::-1]

    def events_among(
        self, kinds: list[str], *, since: datetime, limit: int | None = None
    ) -> list[Event]:
        """The events of these types from `since` on (the newest `limit`), oldest first."""
        e = t.events.c
        query = select(t.events).where(e.type.in_(kinds), e.at >= to_db(since))
        rows = self.conn.execute(query.order_by(e.seq.desc()).limit(limit))
        return [event_from_row(r) for r in rows][::-1]

    def event(self, seq: int) -> Event | None:
        """The event with this seq, if any."""
        row = self.conn.execute(select(t.events).where(t.events.c.seq == seq)).first()
        return event_from_row(row) if row is not None else None

    def events_of_seqs(self, seqs: list[int]) -> list[Event]:
        """The events with these seqs (those that exist), oldest first."""
        if not seqs:
            return []
        e = t.events.c
        rows = self.conn.execute(select(t.events).where(e.seq.in_(seqs)).order_by(e.seq))
        return [event_from_row(r) for r in rows]
