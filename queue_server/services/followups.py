"""好差评 follow-ups: a rating of 不满意 (2) or 非常不满意 (1) opens one for the matter's
department; staff record each contact, and close it with a resolution and a note.

Follow-ups are opened lazily from the event log, not by the rating use case: `sync_followups`
reads the `ticket.evaluated` events after a cursor kept in `sync_cursors` and opens one per
bad rating (idempotent by ticket token, the cursor row locked while it runs). Every use case
here syncs first, so a follow-up exists as soon as anyone looks. Its deadlines are dated
from the rating itself: contact within `contact_within_min` minutes, closed by the end of the
`fix_within_workdays`-th working day after (working days: days the hall schedule opens).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from queue_server.adapters.operations import Operations
from queue_server.adapters.uow import SqlUnitOfWork, in_batch
from queue_server.domain import errors
from queue_server.domain.events import Event
from queue_server.domain.schedule import Schedule
from queue_server.hall import Hall

CURSOR = "followups"
WORST_FINE_RATING = 3  # 基本满意; anything below opens a follow-up
BATCH = 500
RESOLUTIONS = ("contacted", "fixed", "appeal")


@dataclass(frozen=True)
class Note:
    at: datetime
    actor: str
    kind: str  # contact | close
    note: str
    resolution: str | None


@dataclass(frozen=True)
class Followup:
    id: int
    ticket: str
    day: date
    matter: str
    zone: str
    department: str
    window: int | None
    staff_id: str | None
    rating: int
    reasons: list[str]
    comment: str
    status: str  # open | contacted | closed
    opened_at: datetime
    contact_due: datetime
    fix_due: datetime
    contacted_at: datetime | None
    closed_at: datetime | None
    resolution: str | None
    contact_overdue: bool
    fix_overdue: bool
    notes: list[Note]


def workdays_end(schedule: Schedule, day: date, n: int) -> datetime:
    """The end (next local midnight) of the `n`-th working day after `day`."""
    current = day
    for _ in range(n * 7 + 400):
        current += timedelta(days=1)
        if schedule.spans_on(current):
            n -= 1
            if n == 0:
                return schedule.day_start(current + timedelta(days=1)).astimezone(UTC)
    return schedule.day_start(day + timedelta(days=n + 1)).astimezone(UTC)  # no hours at all


def sync_followups(hall: Hall, uow: SqlUnitOfWork) -> int:
    """Open a follow-up for each bad rating logged since the last sync; how many opened."""
    ops = Operations(uow.conn)
    rules = hall.config.followups
    seq = ops.cursors.hold(CURSOR)
    opened = 0
    while True:
        batch = ops.cursors.events_since(seq, ["ticket.evaluated"], limit=BATCH)
        for ev in batch:
            seq = ev.seq or seq
            rating = ev.data.get("rating")
            if not isinstance(rating, int) or rating >= WORST_FINE_RATING or not ev.token:
                continue
            matter = hall.config.matter(ev.matter or "")
            department = matter.department if matter else ""
            values = {
                "ticket_token": ev.token,
                "ticket": ev.ticket or "",
                "day": hall.schedule.hall_day(ev.at),
                "matter": ev.matter or "",
                "zone": ev.zone or "",
                "department": department,
                "window_no": ev.window,
                "staff_id": ev.data.get("staff"),
                "rating": rating,
                "reasons": list(ev.data.get("reasons") or []),
                "status": "open",
                "opened_at": ev.at,
                "contact_due": ev.at + timedelta(minutes=rules.contact_within_min),
                "fix_due": workdays_end(
                    hall.schedule, hall.schedule.hall_day(ev.at), rules.fix_within_workdays
                ),
                "source_seq": ev.seq,
            }
            fid = ops.followups.add(values)
            if fid is not None:
                opened += 1
                uow.events.append([_event("followup.opened", hall.now(), "system", fid, values)])
        if len(batch) < BATCH:
            break
    ops.cursors.move(CURSOR, seq)
    return opened


def ensure_synced(hall: Hall) -> None:
    """Sync only when there is something new: reads stay out of the write lock. The sync
    itself is a write: on SQLite it runs on the hall's writer thread like every other write
    (group commit, no second writer queueing for the lock); the caller (a thread-pool
    thread, never the event loop) waits for it."""
    with hall.uow(write=False) as uow:
        cursors = Operations(uow.conn).cursors
        fresh = cursors.events_since(cursors.peek(CURSOR), ["ticket.evaluated"], limit=1)
    if not fresh:
        return
    if hall.writer is not None and not in_batch():
        hall.writer.submit(sync, hall).result()
    else:
        sync(hall)


def sync(hall: Hall) -> int:
    """Open the follow-ups of the bad ratings logged since the last sync, in a unit of work
    of its own; how many opened."""
    with hall.uow() as uow:
        opened = sync_followups(hall, uow)
        uow.commit()
    if opened:
        hall.notify()
    return opened


def list_followups(
    hall: Hall, *, status: str | None, department: str | None, limit: int = 200
) -> list[Followup]:
    """Follow-ups, newest first: `open` (not closed), `overdue`, `closed`, or all; of one
    department (a lead's) or, with `department` None, of every department (an admin's)."""
    ensure_synced(hall)
    now = hall.now()
    with hall.uow(write=False) as uow:
        ops = Operations(uow.conn)
        rows = ops.followups.find(status, now, department=department, limit=limit)
        notes = ops.followups.notes([r["id"] for r in rows])
        comments = ops.followups.comments([r["ticket_token"] for r in rows])
    return [_followup(r, notes[r["id"]], comments.get(r["ticket_token"], ""), now) for r in rows]


def contact(
    hall: Hall, followup_id: int, *, note: str, actor: str, department: str | None
) -> Followup:
    """Record a contact with the citizen (every attempt is kept, each with its note).
    `department`: the caller's (a lead's); another department's follow-up is unknown."""
    return _act(
        hall,
        followup_id,
        actor=actor,
        note=note,
        kind="contact",
        resolution=None,
        department=department,
    )


def close(
    hall: Hall,
    followup_id: int,
    *,
    resolution: str,
    note: str,
    actor: str,
    department: str | None,
) -> Followup:
    """Close: `contacted` (explained), `fixed` (整改 done) or `appeal` (rating disputed)."""
    return _act(
        hall,
        followup_id,
        actor=actor,
        note=note,
        kind="close",
        resolution=resolution,
        department=department,
    )


def _act(
    hall: Hall,
    followup_id: int,
    *,
    actor: str,
    note: str,
    kind: str,
    resolution: str | None,
    department: str | None,
) -> Followup:
    note = note.strip()
    if not note:
        raise errors.NoteRequired()
    now = hall.now()
    with hall.uow() as uow:
        sync_followups(hall, uow)
        ops = Operations(uow.conn)
        row = ops.followups.get(followup_id)
        # Another department's follow-up is as unknown as one that does not exist (and
        # before `followup_closed`): a lead learns nothing from trying ids.
        if row is None or department not in (None, row["department"]):
            raise errors.UnknownFollowup()
        if row["status"] == "closed":
            raise errors.FollowupClosed()
        if kind == "contact":
            ops.followups.update(
                followup_id, status="contacted", contacted_at=row["contacted_at"] or now
            )
        else:
            ops.followups.update(followup_id, status="closed", closed_at=now, resolution=resolution)
        ops.followups.add_note(
            followup_id, at=now, actor=actor, kind=kind, note=note, resolution=resolution
        )
        event = "followup.contacted" if kind == "contact" else "followup.closed"
        uow.events.append(
            [_event(event, now, actor, followup_id, {**row, "resolution": resolution})]
        )
        row = ops.followups.get(followup_id)
        notes = ops.followups.notes([followup_id])[followup_id]
        comment = ops.followups.comments([row["ticket_token"]]) if row else {}
        uow.commit()
    hall.notify()
    assert row is not None
    return _followup(row, notes, comment.get(row["ticket_token"], ""), now)


def _event(kind: str, now: datetime, actor: str, fid: int, f: dict[str, Any]) -> Event:
    """Public on the hall's event stream: no number, window or rating, only the department.
    The ticket token links it in the log and is never broadcast."""
    data: dict[str, Any] = {"followup": fid, "department": f["department"]}
    if f.get("resolution"):
        data["resolution"] = f["resolution"]
    return Event(
        type=kind,
        at=now,
        actor=actor,
        token=f["ticket_token"],
        zone=f["zone"] or None,
        matter=f["matter"] or None,
        data=data,
    )


def _followup(
    row: dict[str, Any], notes: list[dict[str, Any]], comment: str, now: datetime
) -> Followup:
    open_ = row["status"] != "closed"
    return Followup(
        id=int(row["id"]),
        ticket=row["ticket"],
        day=row["day"],
        matter=row["matter"],
        zone=row["zone"],
        department=row["department"],
        window=row["window_no"],
        staff_id=row["staff_id"],
        rating=int(row["rating"]),
        reasons=list(row["reasons"] or []),
        comment=comment,
        status=row["status"],
        opened_at=row["opened_at"],
        contact_due=row["contact_due"],
        fix_due=row["fix_due"],
        contacted_at=row["contacted_at"],
        closed_at=row["closed_at"],
        resolution=row["resolution"],
        contact_overdue=open_ and row["contacted_at"] is None and now > row["contact_due"],
        fix_overdue=open_ and now > row["fix_due"],
        notes=[Note(n["at"], n["actor"], n["kind"], n["note"], n["resolution"]) for n in notes],
    )
