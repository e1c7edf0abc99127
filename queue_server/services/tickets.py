"""Use cases of the citizen side: issue a ticket, follow it, re-queue it, rate it."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy.exc import IntegrityError

from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.domain import errors, identity
from queue_server.domain.dispatch import Profile, queue_order
from queue_server.domain.estimate import tickets_ahead
from queue_server.domain.events import Event
from queue_server.domain.model import GREEN_CATEGORIES, Priority, Status, Ticket
from queue_server.hall import Hall
from queue_server.services import appointments, waits

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Position:
    """Where a waiting ticket stands: people ahead, minutes to wait, windows to go to."""

    waiting_ahead: int
    estimated_wait_min: int
    windows: list[int]


@dataclass(frozen=True)
class Issued:
    """The answer to a ticket request: the ticket, where it stands now, and whether it was
    issued earlier for the same Idempotency-Key (a retry) rather than just now."""

    ticket: Ticket
    position: Position | None  # None once the ticket no longer waits (a late retry)
    replayed: bool = False


@dataclass(frozen=True)
class _Request:
    """A keyed ticket request: its key is unique per caller and hall day."""

    issued_by: str
    key: str
    digest: str


def issue_ticket(
    hall: Hall,
    *,
    matter: str,
    channel: str,
    priority: str,
    actor: str,
    id_number: str | None = None,
    phone: str | None = None,
    appointment_code: str | None = None,
) -> tuple[Ticket, Position]:
    """Issue a numbered ticket; it is committed before this returns (so before printing)."""
    issued = take_ticket(
        hall,
        matter=matter,
        channel=channel,
        priority=priority,
        actor=actor,
        id_number=id_number,
        phone=phone,
        appointment_code=appointment_code,
    )
    assert issued.position is not None  # a new ticket waits
    return issued.ticket, issued.position


def take_ticket(
    hall: Hall,
    *,
    matter: str,
    channel: str,
    priority: str,
    actor: str,
    id_number: str | None = None,
    phone: str | None = None,
    appointment_code: str | None = None,
    request_key: str | None = None,
    green_category: str | None = None,
) -> Issued:
    """Issue a ticket, or with `request_key` (the Idempotency-Key header) give back the one
    this caller already took today with that key.

    A retry of a request whose answer was lost (the kiosk timed out, the server committed
    anyway) so returns the same ticket, re-positioned now, without a second ticket, a second
    `ticket.issued` event or a second count against quotas and per-ID limits. The same key
    with another request body is refused (`idempotency_conflict`).

    `green_category`: whom a green-channel ticket is for (`GREEN_CATEGORIES`: 老年人,
    残疾人, 孕妇, 军人, 其他), kept on the ticket (the counter console shows it) and recorded
    on its `ticket.issued` event for the statistics.
    """
    if green_category is not None:
        if priority != Priority.GREEN:
            raise errors.GreenCategoryNotGreen()
        if green_category not in GREEN_CATEGORIES:
            raise ValueError(f"unknown green-channel category {green_category!r}")
    m = hall.matter(matter)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    # Codes are printed upper-case; a citizen may type them in either case.
    appointment_code = appointment_code.strip().upper() if appointment_code else None
    request = None
    if request_key is not None:
        id_hash = _id(hall, id_number)[0] if id_number else None
        what: tuple[str | None, ...] = (m.code, channel, priority, id_hash, phone, appointment_code)
        if green_category is not None:  # appended only when given: older digests still match
            what += (green_category,)
        request = _Request(actor, request_key, _digest(hall.secret, what))
    try:
        return _issue_new(
            hall,
            m.code,
            now=now,
            day=day,
            channel=channel,
            priority=priority,
            actor=actor,
            id_number=id_number,
            phone=phone,
            appointment_code=appointment_code,
            request=request,
            green_category=green_category,
        )
    except errors.IdempotencyConflict:
        raise
    except (errors.HallqError, IntegrityError):
        # Refused, or the unique index hit: a twin request with the same key may have
        # committed meanwhile (PostgreSQL transactions overlap; the hall may have closed
        # since the first try): then answer with its ticket.
        if request is None:
            raise
        with hall.uow(write=False) as uow:
            found = _replay(hall, uow, day, request, hall.now())
        if found is None:
            raise
        return found


# Who issues on which channel (the per-channel statistics trust it): the first is the one a
# caller that declares none issues on. Admins may record any channel.
CHANNELS = {
    "kiosk": ("kiosk",),
    "desk": ("desk",),
    "staff": ("desk",),
    "admin": ("desk", "kiosk", "mobile"),
}


def channel_for(role: str, declared: str | None) -> str:
    """The channel of a ticket issued by a caller of `role`: derived when not `declared`,
    refused (`channel_mismatch`) when declared but not the caller's."""
    allowed = CHANNELS.get(role, ())
    if not allowed:
        raise errors.Forbidden()
    if declared is None:
        return allowed[0]
    if declared not in allowed:
        raise errors.ChannelMismatch(
            f"A {role} issues tickets on channel {' or '.join(allowed)}, not {declared}.",
            f"该调用方的取号渠道应为{'或'.join(allowed)}，不能为{declared}。",
        )
    return declared


def _id(hall: Hall, id_number: str) -> tuple[str, str]:
    """The keyed hash and the masked form of an ID number (refused when not valid)."""
    plain = identity.normalize_id(id_number)
    return identity.id_hash(plain, hall.secret), identity.mask_id(plain)


def _digest(secret: bytes, what: tuple[str | None, ...]) -> str:
    """What the request asked for, keyed (it may hold an ID hash and a phone number)."""
    return hmac.new(secret, json.dumps(what).encode(), hashlib.sha256).hexdigest()


def _replay(
    hall: Hall, uow: SqlUnitOfWork, day: date, request: _Request, now: datetime
) -> Issued | None:
    found = uow.tickets.by_request(day, request.issued_by, request.key)
    if found is None:
        return None
    ticket, digest = found
    if digest is None or not hmac.compare_digest(digest, request.digest):
        raise errors.IdempotencyConflict()
    position = _position(hall, uow, ticket, now) if ticket.status is Status.WAITING else None
    log.info("retry by %s answered with the ticket it took: %s", request.issued_by, ticket.number)
    return Issued(ticket, position, replayed=True)


def _issue_new(
    hall: Hall,
    matter: str,
    *,
    now: datetime,
    day: date,
    channel: str,
    priority: str,
    actor: str,
    id_number: str | None,
    phone: str | None,
    appointment_code: str | None,
    request: _Request | None,
    green_category: str | None,
) -> Issued:
    m = hall.matter(matter)
    # Closed: only an appointment may still check in (decided once its booking is read).
    is_open = _check_open(hall, now, appointment=appointment_code is not None)
    if not hall.windows_of[m.code]:
        raise errors.NoOpenWindow()
    id_hash = masked = None
    if id_number:
        id_hash, masked = _id(hall, id_number)
    elif m.real_name:
        raise errors.IdRequired()
    with hall.uow() as uow:
        if request is not None:
            # A retry: the ticket this key already took, if any (and not refused by the
            # limits that ticket now counts against).
            found = _replay(hall, uow, day, request, now)
            if found is not None:
                return found
        appointment_at = None
        if appointment_code:
            appointment_at = _check_in_at(
                hall, uow, appointment_code, m.code, now, id_hash, is_open=is_open
            )
        if m.daily_quota and uow.tickets.count_issued(day, matter=m.code) >= m.daily_quota:
            raise errors.QuotaExhausted()
        if id_hash:
            _check_id_limits(hall, uow, day, m.code, id_hash)
        prefix = hall.zone_prefix[m.zone]
        ticket = Ticket(
            day=day,
            number="",  # numbered below
            token=secrets.token_urlsafe(12),
            matter=m.code,
            zone=m.zone,
            issued_at=now,
            channel=channel,
            priority=Priority(priority),
            green_category=green_category,
            appointment_at=appointment_at,
            queued_at=max(now, appointment_at) if appointment_at else now,
            id_hash=id_hash,
            id_masked=masked,
            phone=phone,
        )
        # The position first, the number last: on PostgreSQL the counter row stays locked
        # from the number to the commit, and every issue of the zone waits for it; taking
        # the event log's lock first means no one holds that row while queueing for it.
        position = _position(hall, uow, ticket, now)
        uow.events.serialize()
        ticket.number = f"{prefix}{uow.counters.next(day, prefix):03d}"
        uow.tickets.add(
            ticket,
            issued_by=actor,
            request_key=request.key if request else None,
            request_digest=request.digest if request else None,
        )
        if appointment_code:
            uow.appointments.mark_used(appointment_code, ticket.token)
        uow.events.append(
            [
                Event(
                    type="ticket.issued",
                    at=now,
                    actor=actor,
                    ticket=ticket.number,
                    token=ticket.token,
                    matter=m.code,
                    zone=m.zone,
                    data={
                        "channel": channel,
                        "priority": priority,
                        "appointment": appointment_at is not None,
                        "waiting_ahead": position.waiting_ahead,
                        "estimated_wait_min": position.estimated_wait_min,
                    }
                    | ({"green_category": green_category} if green_category else {}),
                )
            ]
        )
        uow.commit()
    hall.notify()
    return Issued(ticket, position)


def _check_open(hall: Hall, now: datetime, *, appointment: bool = False) -> bool:
    """Whether the hall issues tickets now; refused when it does not, unless the request
    checks in an `appointment` (then False: `_check_in_at` decides)."""
    if hall.open_all_hours or hall.schedule.issuing(now):
        return True
    if appointment:
        return False
    _closed(hall, now)


def _closed(hall: Hall, now: datetime) -> NoReturn:
    nxt = hall.schedule.next_opening(now)
    when = nxt.strftime("%Y-%m-%d %H:%M") if nxt else "—"
    raise errors.HallClosed(
        f"The hall is not issuing tickets now; issuing starts again at {when}.",
        f"当前不在取号时间，下次取号时间：{when}。",
    )


def _check_id_limits(hall: Hall, uow: SqlUnitOfWork, day: Any, matter: str, id_hash: str) -> None:
    h = hall.config.hall
    if uow.tickets.count_issued(day, id_hash=id_hash) >= h.id_daily_limit:
        raise errors.IdLimit(
            f"This ID number has taken {h.id_daily_limit} tickets today, the daily limit.",
            f"该身份证号今日已取号{h.id_daily_limit}次，已达上限。",
        )
    if uow.tickets.count_issued(day, matter=matter, id_hash=id_hash) >= h.id_matter_daily_limit:
        raise errors.IdLimit(
            f"This ID number already holds {h.id_matter_daily_limit} ticket(s) for this matter "
            "today.",
            f"该身份证号今日已取该事项{h.id_matter_daily_limit}次，已达上限。",
        )


def _check_in_at(
    hall: Hall,
    uow: SqlUnitOfWork,
    code: str,
    matter: str,
    now: datetime,
    id_hash: str | None,
    *,
    is_open: bool,
) -> datetime | None:
    """`_check_in`, also while walk-in issuing is closed: a booking due (from its
    `check_in_from`) for a slot of an opening span of today checks in then, and its ticket
    waits for the slot — the first slot of a span checks in before the span opens, during
    the lunch break or before the morning opening, as the booking told the citizen. Anything
    else while closed is refused as before (`hall_closed`), but a check-in not yet due says
    when it will be (`appointment_not_due`)."""
    if is_open:
        return _check_in(hall, uow, code, matter, now, id_hash)
    try:
        slot = _check_in(hall, uow, code, matter, now, id_hash)
    except errors.AppointmentNotDue:
        raise
    except errors.HallqError:
        _closed(hall, now)
    if slot is None or not hall.schedule.issuing(slot):
        _closed(hall, now)  # late (a walk-in now), or the slot's span no longer opens
    return slot


def _check_in(
    hall: Hall,
    uow: SqlUnitOfWork,
    code: str,
    matter: str,
    now: datetime,
    id_hash: str | None = None,
) -> datetime | None:
    """Check in an appointment: early → waits for its slot; late → a normal ticket.

    An ID number given at check-in (always, for a real-name matter) must be the one the
    booking was made with: a code passed on or sold does not check in someone else.
    """
    appt = uow.appointments.get(code)
    if appt is None or appt["matter"] != matter or appt["day"] != hall.schedule.hall_day(now):
        raise errors.UnknownAppointment()
    booked_by = appt["id_hash"]
    if id_hash is not None and booked_by and not hmac.compare_digest(id_hash, booked_by):
        log.warning("appointment check-in refused: the ID is not the booking's")
        raise errors.IdMismatch()
    if appt["status"] == "cancelled":
        raise errors.AppointmentCancelled()
    if appt["status"] != "booked":
        raise errors.AppointmentUsed()
    h = hall.config.hall
    slot: datetime = appt["slot_start"]
    if now < slot - timedelta(minutes=h.appointment_early_min):
        raise errors.AppointmentNotDue(
            f"Check-in opens {h.appointment_early_min} min before the slot "
            f"({hall.schedule.local(slot):%H:%M}).",
            f"请在预约时段（{hall.schedule.local(slot):%H:%M}）前{h.appointment_early_min}分钟内签到。",
        )
    if now > slot + timedelta(minutes=h.appointment_late_min):
        return None  # late: served as a walk-in
    return slot


def _position(hall: Hall, uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> Position:
    """People ahead and the estimated wait of a waiting ticket."""
    pool = hall.pools[ticket.matter]
    load = waits.read_load(uow, waits.pool_windows(hall, ticket.matter))
    waiting: dict[str, int] = {}
    profiles: dict[int, Profile] | None = None  # the windows' own
    if ticket.target_window is None:
        windows = waits.serving_windows(hall, load, ticket.matter)
        ahead, waiting = uow.tickets.queue_counts(
            ticket.day,
            pool.matters,
            now=now,
            queued_at=ticket.order_time,
            rank=ticket.rank(now, max_wait_min=hall.policy.max_wait_min),
            max_wait_min=hall.policy.max_wait_min,
        )
        if ticket.id is not None and ticket.status is Status.WAITING:
            ahead[ticket.matter] = ahead.get(ticket.matter, 1) - 1  # it counted itself
    else:
        # Sent to one window (back from suspension, transferred there): that window's own
        # order, as its call-next applies it. The pool's profile (window 0) would rank the
        # ticket itself as sent elsewhere, behind everyone.
        target = hall.profiles[ticket.target_window]
        windows = [target.window]
        queue = uow.tickets.waiting(ticket.day, target.matters)
        ahead = Counter(t.matter for t in tickets_ahead(ticket, queue, target, now, hall.policy))
        # Those are exactly the tickets the window calls first: its backlog is their work,
        # whatever its order rule (`backlog_min` by time uses `ahead` alone).
        profiles = {target.window: Profile(window=target.window, matters=target.matters)}
    needed = waits.matters_needed(load, windows, ahead, waiting)
    minutes = waits.wait_minutes(
        hall,
        load,
        ticket.matter,
        windows=windows,
        ahead=ahead,
        waiting=waiting,
        now=now,
        minutes=waits.typical_minutes(hall, uow, needed),
        profiles=profiles,
    )
    shown = [ticket.target_window] if ticket.target_window else hall.windows_of[ticket.matter]
    return Position(sum(ahead.values()), round(minutes), shown)


def position_of(hall: Hall, uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> Position:
    """Where a waiting ticket stands, inside another use case's transaction."""
    return _position(hall, uow, ticket, now)


def ticket_status(hall: Hall, token: str) -> tuple[Ticket, Position | None]:
    """A ticket and, while it waits, its live position."""
    now = hall.now()
    with hall.uow(write=False) as uow:
        ticket = _get(uow, token)
        position = _position(hall, uow, ticket, now) if ticket.status is Status.WAITING else None
    return ticket, position


def requeue(hall: Hall, token: str, *, actor: str) -> tuple[Ticket, Position]:
    """Put a missed ticket back in line once, behind `requeue_gap` waiting tickets."""
    now = hall.now()
    with hall.uow() as uow:
        ticket = _get(uow, token)
        if ticket.day != hall.schedule.hall_day(now):
            raise errors.RequeueNotAllowed()
        pool = hall.pools[ticket.matter]
        line = queue_order(uow.tickets.waiting(ticket.day, pool.matters), pool, now, hall.policy)
        gap = hall.config.hall.requeue_gap
        behind = line[gap - 1].order_time + timedelta(microseconds=1) if len(line) >= gap else now
        ticket.requeue(now, actor=actor, queued_at=behind if gap else now)
        uow.tickets.save(ticket)
        position = _position(hall, uow, ticket, now)
        uow.events.append(ticket.events)
        uow.commit()
    hall.notify()
    return ticket, position


def return_from_suspension(hall: Hall, token: str, *, actor: str) -> tuple[Ticket, Position]:
    """The citizen is back with the missing material: front of the line again."""
    now = hall.now()
    with hall.uow() as uow:
        ticket = _get(uow, token)
        ticket.resume_from_suspension(now, actor=actor)
        uow.tickets.save(ticket)
        position = _position(hall, uow, ticket, now)
        uow.events.append(ticket.events)
        uow.commit()
    hall.notify()
    return ticket, position


def cancel(hall: Hall, token: str, *, actor: str, reason: str) -> Ticket:
    """作废 at the guide desk: a waiting or suspended ticket leaves the line for good. It no
    longer counts against the matter's quota or the person's daily limits; a check-in
    voided before its call frees its booking to check in again."""
    now = hall.now()
    with hall.uow() as uow:
        ticket = _get(uow, token)
        ticket.cancel(now, actor=actor, reason=reason)
        uow.tickets.save(ticket)
        if appointments.release_check_in(hall, uow, ticket, now):
            log.info("ticket %s voided before its call: its booking is booked again", ticket.number)
        uow.events.append(ticket.events)
        uow.commit()
    hall.notify()
    return ticket


def evaluate(
    hall: Hall,
    token: str | None = None,
    *,
    window: int | None = None,
    rating: int,
    reasons: list[str],
    comment: str,
) -> Ticket:
    """好差评: one rating per finished service, on the national 5-level scale.

    By the ticket's token (phone page), or for the service a window finished last (the
    evaluator device facing the citizen at that window).
    """
    now = hall.now()
    with hall.uow() as uow:
        if token is not None:
            ticket = _get(uow, token)
        else:
            assert window is not None
            hall.check_window(window)
            found = uow.tickets.last_finished_at(hall.schedule.hall_day(now), window)
            if found is None:
                raise errors.NotRateable()
            ticket = found
        if ticket.rated:
            raise errors.AlreadyRated()
        if ticket.status is not Status.DONE:
            raise errors.NotRateable()
        staff = uow.windows.get(ticket.window).staff_id if ticket.window else None
        ticket.rated = True
        uow.tickets.save(ticket)
        uow.evaluations.add(
            token=ticket.token,
            rating=rating,
            reasons=reasons,
            comment=comment,
            now=now,
            window=ticket.window,
            staff_id=staff,
        )
        uow.events.append(
            [
                Event(
                    type="ticket.evaluated",
                    at=now,
                    actor="citizen",
                    window=ticket.window,
                    ticket=ticket.number,
                    token=ticket.token,
                    matter=ticket.matter,
                    zone=ticket.zone,
                    data={"rating": rating, "reasons": reasons, "staff": staff},
                )
            ]
        )
        uow.commit()
    hall.notify()
    return ticket


def report_printer_fault(
    hall: Hall, *, actor: str, printer: str, reason: str, message: str, ticket: str | None
) -> None:
    """A kiosk or counter printer failed: the hall staff see it on the event stream."""
    with hall.uow() as uow:
        uow.events.append(
            [
                Event(
                    type="printer.fault",
                    at=hall.now(),
                    actor=actor,
                    ticket=ticket,
                    data={"printer": printer, "reason": reason, "message": message},
                )
            ]
        )
        uow.commit()
    hall.notify()


def _get(uow: SqlUnitOfWork, token: str) -> Ticket:
    ticket = uow.tickets.by_token(token)
    if ticket is None:
        raise errors.UnknownTicket()
    return ticket
