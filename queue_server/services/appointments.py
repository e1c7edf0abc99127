"""预约: free slots, booking a check-in slot, looking a booking up, cancelling it.

Check-in is `services.tickets.issue_ticket(appointment_code=…)` at the kiosk. A booking's
status is stored as `booked`, `checked_in`, `cancelled` or (for past days, by the sweep in
`book`) `no_show`; on read a booking of today not checked in by its slot + the late window
shows as `no_show`, and one checked in after that window (served as a walk-in) as `late`.
The stored row stays `booked` until the day is over, so a late citizen still gets a ticket.
Voiding the ticket before any call undoes the check-in (`release_check_in`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from queue_server.adapters.operations import Operations
from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.config import Matter
from queue_server.domain import errors, identity
from queue_server.domain.booking import CODE_ALPHABET, CODE_LENGTH, booking_status, slot_starts
from queue_server.domain.events import Event
from queue_server.domain.model import Ticket
from queue_server.hall import Hall
from queue_server.services import address_limit


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    capacity: int
    booked: int

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.booked)


@dataclass(frozen=True)
class Booking:
    code: str
    matter: str
    day: date
    slot_start: datetime
    slot_end: datetime
    check_in_from: datetime
    check_in_until: datetime
    status: str  # booked | checked_in | late | no_show | cancelled
    channel: str
    id_masked: str | None
    ticket: str | None
    created_at: datetime


def booking_channel(kind: str | None, role: str | None) -> str:
    """The channel a booking is recorded on, from who books (`kind`, `role` of the caller;
    None without signing in): the phone page `mobile`, a kiosk's key `kiosk`, and `desk`
    for anyone of the hall's staff — the guide desk, a window clerk, an admin, a
    department's lead (首席代表) — since staff book for a citizen in front of them or on the
    phone to them: their role says who they are, not how the citizen came. Other devices
    (display, evaluator, counter) are refused before they get here (api/routes/appointments.py,
    `booking_principal`); were one to get here, it would keep its role."""
    if kind is None:
        return "mobile"
    if kind == "staff":
        return "desk"
    return (role or kind)[:10]


def capacity(hall: Hall, matter: Matter) -> int:
    """Bookings per slot for a matter; 0 when it cannot be booked."""
    rules = hall.config.appointments
    if not rules.enabled or (rules.matters and matter.code not in rules.matters):
        return 0
    if not hall.windows_of[matter.code]:
        return 0
    return rules.capacity_by_matter.get(matter.code, rules.capacity)


def _bookable_matter(hall: Hall, code: str) -> tuple[Matter, int]:
    m = hall.matter(code)
    cap = capacity(hall, m)
    if cap <= 0:
        raise errors.NotBookable(
            f"Matter {m.code} cannot be booked in advance; take a ticket at the kiosk.",
            f"“{m.name}”不提供预约，请到自助取号机取号。",
        )
    return m, cap


def _offered(hall: Hall, day: date, now: datetime) -> list[datetime]:
    """The slots of `day` still open for booking at `now`."""
    today = hall.schedule.hall_day(now)
    if not today <= day <= today + timedelta(days=hall.config.appointments.horizon_days):
        return []
    starts = slot_starts(hall.schedule, day, minutes=hall.config.appointments.slot_minutes)
    return [s for s in starts if s > now]


def available_slots(hall: Hall, *, matter: str, day: date) -> list[Slot]:
    """Every bookable slot of the day with what is left of its capacity."""
    m, cap = _bookable_matter(hall, matter)
    now = hall.now()
    length = timedelta(minutes=hall.config.appointments.slot_minutes)
    with hall.uow(write=False) as uow:
        booked = Operations(uow.conn).bookings.booked_per_slot(m.code, day)
    return [Slot(s, s + length, cap, booked.get(s, 0)) for s in _offered(hall, day, now)]


def bookable_matters(hall: Hall) -> list[tuple[Matter, int]]:
    """The matters that can be booked, in catalogue order, with their places per slot."""
    found = ((m, capacity(hall, m)) for m in hall.config.matters)
    return [(m, cap) for m, cap in found if cap > 0]


def takes_check_ins(hall: Hall) -> bool:
    """Whether the kiosk should offer check-in today: always while appointments are on;
    once `[appointments] enabled = false`, only while a booking made before is still to check
    in today (POST /tickets honours those; nothing new can be booked)."""
    if hall.config.appointments.enabled:
        return True
    now = hall.now()
    since = now - timedelta(minutes=hall.config.hall.appointment_late_min)  # not a no-show yet
    matters = [m.code for m in hall.config.matters]  # a booking of a matter since removed: no
    with hall.uow(write=False) as uow:
        bookings = Operations(uow.conn).bookings
        return bookings.any_to_check_in(matters, hall.schedule.hall_day(now), since=since)


def id_required(hall: Hall, m: Matter) -> bool:
    """Whether a booking for `m` must give the applicant's ID number."""
    return hall.config.appointments.require_id or m.real_name


def available_days(hall: Hall, *, matter: str) -> list[tuple[date, list[Slot]]]:
    """The days from today to the horizon with slots still open, each with those slots
    (full ones included): one read for the whole horizon."""
    m, cap = _bookable_matter(hall, matter)
    now = hall.now()
    today = hall.schedule.hall_day(now)
    length = timedelta(minutes=hall.config.appointments.slot_minutes)
    out: list[tuple[date, list[Slot]]] = []
    with hall.uow(write=False) as uow:
        ops = Operations(uow.conn)
        for offset in range(hall.config.appointments.horizon_days + 1):
            day = today + timedelta(days=offset)
            starts = _offered(hall, day, now)
            if starts:
                booked = ops.bookings.booked_per_slot(m.code, day)
                out.append((day, [Slot(s, s + length, cap, booked.get(s, 0)) for s in starts]))
    return out


def book(
    hall: Hall,
    *,
    matter: str,
    day: date,
    slot: str,
    id_number: str | None,
    phone: str | None,
    channel: str,
    actor: str,
    address: str | None = None,
) -> Booking:
    """Book a slot: the limit per client address (`address`, the `client_key` of a booking
    made without signing in; None when it does not count), capacity per slot, one booking
    per person per day per matter, the per-ID limits."""
    now = hall.now()
    with hall.uow() as uow:
        ops = Operations(uow.conn)
        # Lock order: address, person, slot — never another. An address over its limit is
        # refused before anything else is looked at.
        address_hash = address_limit.hold(hall, ops, address, now) if address else None
        m, cap = _bookable_matter(hall, matter)
        id_hash, masked = _person(hall, m, id_number)
        local = datetime.combine(day, time.fromisoformat(slot), hall.schedule.tz)
        start = local.astimezone(UTC)
        if start not in _offered(hall, day, now):
            raise errors.SlotUnavailable()
        if id_hash:
            ops.lock("appointment-person", id_hash)
        ops.lock("appointment-slot", m.code, day.isoformat())
        today = hall.schedule.hall_day(now)
        ops.bookings.sweep_no_shows(today)
        if id_hash:
            _check_person(hall, ops, id_hash, m.code, day, now)
        if ops.bookings.count_slot(m.code, start) >= cap:
            raise errors.SlotFull()
        code = _new_code(ops)
        uow.appointments.add(
            code=code,
            matter=m.code,
            day=day,
            slot_start=start,
            id_hash=id_hash,
            now=now,
            address_hash=address_hash,
        )
        ops.bookings.add_details(code, channel=channel, id_masked=masked, phone=phone)
        uow.events.append(
            [
                Event(
                    type="appointment.booked",
                    at=now,
                    actor=actor,
                    matter=m.code,
                    zone=m.zone,
                    data={"slot": start.isoformat(), "channel": channel},
                )
            ]
        )
        row = ops.bookings.get(code)
        uow.commit()
    hall.notify()
    assert row is not None
    return booking_view(hall, row, now)


def _person(hall: Hall, m: Matter, id_number: str | None) -> tuple[str | None, str | None]:
    """The ID's keyed hash and masked form; the plain number goes no further than here."""
    if id_number:
        plain = identity.normalize_id(id_number)
        return identity.id_hash(plain, hall.secret), identity.mask_id(plain)
    if id_required(hall, m):
        raise errors.IdRequired(
            "An appointment needs the applicant's ID number.", "预约需要填写申请人的身份证号。"
        )
    return None, None


def _check_person(
    hall: Hall, ops: Operations, id_hash: str, matter: str, day: date, now: datetime
) -> None:
    rules = hall.config.appointments
    if ops.bookings.holds(day, matter, id_hash):
        raise errors.AlreadyBooked()
    late = timedelta(minutes=hall.config.hall.appointment_late_min)
    if ops.bookings.upcoming(id_hash, since=now - late) >= rules.max_upcoming_per_id:
        raise errors.BookingLimit(
            f"This ID number already holds {rules.max_upcoming_per_id} upcoming appointments.",
            f"该身份证号已有{rules.max_upcoming_per_id}个未到期的预约，请先办理或取消。",
        )
    since = hall.schedule.day_start(hall.schedule.hall_day(now))
    if ops.bookings.made_since(id_hash, since) >= rules.max_bookings_per_id_per_day:
        raise errors.BookingLimit(
            f"This ID number has made {rules.max_bookings_per_id_per_day} bookings today.",
            f"该身份证号今日已预约{rules.max_bookings_per_id_per_day}次，请明天再试。",
        )


def _new_code(ops: Operations) -> str:
    for _ in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not ops.bookings.exists(code):
            return code
    raise RuntimeError("no free appointment code after 20 draws")  # 32**6 codes: unreachable


def get_booking(hall: Hall, code: str) -> Booking:
    """A booking by its code (the citizen's capability), with its status as of now."""
    now = hall.now()
    with hall.uow(write=False) as uow:
        row = Operations(uow.conn).bookings.get(normalize_code(code))
    if row is None:
        raise errors.UnknownAppointment("No appointment with this code.", "未找到该预约码。")
    return booking_view(hall, row, now)


def cancel(hall: Hall, code: str, *, actor: str, id_number: str | None, on_behalf: bool) -> Booking:
    """Cancel before the slot begins. The citizen repeats the ID it was booked with; the
    desk and admins (`on_behalf`) need not."""
    now = hall.now()
    code = normalize_code(code)
    with hall.uow() as uow:
        ops = Operations(uow.conn)
        row = ops.bookings.get(code)
        if row is None:
            raise errors.UnknownAppointment("No appointment with this code.", "未找到该预约码。")
        if row["id_hash"] and not on_behalf:
            given = identity.normalize_id(id_number) if id_number else None
            if given is None or identity.id_hash(given, hall.secret) != row["id_hash"]:
                raise errors.IdMismatch()
        status = _status(hall, row, now)
        if status == "cancelled":
            raise errors.AppointmentCancelled()
        if status in ("checked_in", "late"):
            raise errors.AppointmentUsed()
        if now >= row["slot_start"]:
            raise errors.AppointmentPast()
        ops.bookings.cancel(code, now)
        uow.events.append(
            [
                Event(
                    type="appointment.cancelled",
                    at=now,
                    actor=actor,
                    matter=row["matter"],
                    data={"slot": row["slot_start"].isoformat()},
                )
            ]
        )
        row = ops.bookings.get(code)
        uow.commit()
    hall.notify()
    assert row is not None
    return booking_view(hall, row, now)


def release_check_in(hall: Hall, uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> bool:
    """A check-in ticket voided (作废) on its day before any window called it undoes the
    check-in: the booking is `booked` again, its code checks in again today under the usual
    rules (on time: an appointment; past the late window: a walk-in), and a booking not
    checked in again is a no-show like any other. A ticket once called was the booking's
    visit (the citizen came and was served), and a day over is over: those stay
    `checked_in`. True when a booking was released."""
    if ticket.calls or ticket.day != hall.schedule.hall_day(now):
        return False
    since = hall.schedule.day_start(ticket.day)
    until = hall.schedule.day_start(ticket.day + timedelta(days=1))
    bookings = Operations(uow.conn).bookings
    return bookings.release(ticket.token, matter=ticket.matter, since=since, until=until)


def normalize_code(code: str) -> str:
    return code.strip().upper()


def _status(hall: Hall, row: dict[str, Any], now: datetime) -> str:
    return booking_status(
        str(row["status"]),
        slot_start=row["slot_start"],
        late_min=hall.config.hall.appointment_late_min,
        # came after the check-in window: its ticket was issued as a walk-in
        checked_in_late=bool(row["ticket"]) and row["ticket_appointment_at"] is None,
        now=now,
    )


def booking_view(hall: Hall, row: dict[str, Any], now: datetime) -> Booking:
    """A stored booking row (`BookingRepository.get`) as seen at `now`."""
    h = hall.config.hall
    start: datetime = row["slot_start"]
    return Booking(
        code=row["code"],
        matter=row["matter"],
        day=row["day"],
        slot_start=start,
        slot_end=start + timedelta(minutes=hall.config.appointments.slot_minutes),
        check_in_from=start - timedelta(minutes=h.appointment_early_min),
        check_in_until=start + timedelta(minutes=h.appointment_late_min),
        status=_status(hall, row, now),
        channel=row["channel"] or "mobile",
        id_masked=row["id_masked"],
        ticket=row["ticket"],
        created_at=row["created_at"],
    )
