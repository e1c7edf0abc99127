"""The guide desk (导办台): real-name look-up of a citizen's tickets and bookings.

The ID number typed at the desk is turned into its keyed hash here and goes no further; the
look-up itself is recorded (查询留痕: who looked, when, the hash, how many tickets found).
Issuing on behalf of a citizen and green-channel tickets go through `POST /tickets` with the
desk's token (channel `desk`): the per-ID limits apply there as at the kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from queue_server.adapters.operations import Operations
from queue_server.domain import errors, identity
from queue_server.hall import Hall
from queue_server.services import appointments
from queue_server.services.tickets import ticket_status


@dataclass(frozen=True)
class DeskTicket:
    number: str
    token: str
    matter: str
    zone: str
    status: str
    priority: str
    green_category: str | None
    channel: str
    id_masked: str | None
    issued_at: datetime
    window: int | None
    called_at: datetime | None
    finished_at: datetime | None
    outcome: str | None
    waiting_ahead: int | None
    estimated_wait_min: int | None


@dataclass(frozen=True)
class Lookup:
    id_masked: str
    day: date
    tickets: list[DeskTicket]
    appointments: list[appointments.Booking]


def lookup(hall: Hall, *, id_number: str, actor: str) -> Lookup:
    """Today's tickets of the person with this ID number, and their bookings from today on."""
    plain = identity.normalize_id(id_number)
    id_hash, masked = identity.id_hash(plain, hall.secret), identity.mask_id(plain)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    with hall.uow() as uow:
        ops = Operations(uow.conn)
        rows = ops.desk.tickets_of(day, id_hash)
        booked = [
            ops.bookings.get(r["code"]) for r in ops.bookings.of_person(id_hash, from_day=day)
        ]
        ops.desk.record_lookup(at=now, actor=actor, id_hash=id_hash, found=len(rows))
        uow.commit()
    tickets = []
    for row in rows:
        ahead = wait = None
        if row["status"] == "waiting":
            try:
                _ticket, position = ticket_status(hall, row["token"])
            except errors.UnknownTicket:  # pragma: no cover - rows were just read
                position = None
            if position is not None:
                ahead, wait = position.waiting_ahead, position.estimated_wait_min
        tickets.append(
            DeskTicket(
                number=row["number"],
                token=row["token"],
                matter=row["matter"],
                zone=row["zone"],
                status=row["status"],
                priority=row["priority"],
                green_category=row["green_category"],
                channel=row["channel"],
                id_masked=row["id_masked"],
                issued_at=row["issued_at"],
                window=row["window_no"],
                called_at=row["called_at"],
                finished_at=row["finished_at"],
                outcome=row["outcome"],
                waiting_ahead=ahead,
                estimated_wait_min=wait,
            )
        )
    return Lookup(
        id_masked=masked,
        day=day,
        tickets=tickets,
        appointments=[appointments.booking_view(hall, b, now) for b in booked if b is not None],
    )
