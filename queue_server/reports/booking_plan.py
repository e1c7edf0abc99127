"""The bookings (预约) of a generated month, consistent with its appointment tickets.

Every appointment ticket of the month is the check-in of a booking: the booking is stored
`checked_in` with the ticket's token, as a real check-in marks it (`mark_used`), for a slot
the booking service offers (`domain.booking.slot_starts`, within the matter's places per
slot) whose check-in window holds the ticket's issue time. Around them, at assumed rates
(docs/REPORTS.md, "The generated month"), the bookings that did not end in an on-time
ticket: late check-ins (a kiosk walk-in ticket), no-shows (爽约, left `booked` as the server
leaves them), cancellations, and a few citizens who book again and again and never come.
Seeded draws only; no I/O.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from queue_server.config import HallConfig, Matter
from queue_server.domain.booking import (
    BOOKED,
    CANCELLED,
    CHECKED_IN,
    CODE_ALPHABET,
    CODE_LENGTH,
    slot_starts,
)
from queue_server.domain.events import Event
from queue_server.domain.model import Ticket
from queue_server.domain.schedule import Schedule
from queue_server.reports.people import new_person

# Assumed rates, for a demonstration month (not measured in any hall):
NO_SHOW_SHARE = 0.115  # of the bookings due: a show-up rate (履约率) of 88.5 %
CANCEL_SHARE = 0.05  # of the bookings made
LATE_SHARE = 0.04  # of the check-ins: came after the slot + the late window (a walk-in)
LATE_BY_MIN = 45  # … by at most this much more than the late window
REPEAT_PEOPLE = 3  # citizens who book again and again and do not come
REPEAT_SHARE = 0.3  # of the no-shows, theirs
REPEAT_EACH = 4  # each of them takes this many before the next one starts
LEAD_DAYS = (0.20, 0.35, 0.20, 0.10, 0.05, 0.04, 0.03, 0.03)  # booked 0, 1, … 7 days ahead
BOOKING_HOURS = (time(7), time(23))  # local hours in which citizens book on the phone
CHANNEL = "mobile"  # the phone page: actor "citizen"

Person = tuple[str, str]  # (ID hash, masked ID)


@dataclass
class GeneratedBooking:
    code: str
    matter: str
    zone: str
    day: date
    slot_start: datetime  # UTC, as the booking service stores it
    created_at: datetime
    person: Person | None
    ticket: str | None = None  # the token of its check-in ticket
    late: bool = False  # checked in after the late window: its ticket is a walk-in
    cancelled_at: datetime | None = None

    @property
    def status(self) -> str:
        """As stored: `checked_in`, `cancelled`, or `booked` (a no-show until swept)."""
        if self.ticket:
            return CHECKED_IN
        return CANCELLED if self.cancelled_at else BOOKED

    def events(self) -> list[Event]:
        """The log entries the booking service writes when it is made and cancelled."""
        slot = {"slot": self.slot_start.isoformat()}
        out = [
            Event(
                "appointment.booked",
                self.created_at,
                "citizen",
                matter=self.matter,
                zone=self.zone,
                data=slot | {"channel": CHANNEL},
            )
        ]
        if self.cancelled_at:
            out.append(
                Event(
                    "appointment.cancelled",
                    self.cancelled_at,
                    "citizen",
                    matter=self.matter,
                    data=slot,
                )
            )
        return out


def capacity(config: HallConfig, matter: Matter) -> int:
    """Bookings per slot for a matter, 0 when it cannot be booked (the rule of
    `services.appointments.capacity`, read from the configuration alone)."""
    rules = config.appointments
    if not rules.enabled or (rules.matters and matter.code not in rules.matters):
        return 0
    if not any(matter.code in w.profile for w in config.windows):
        return 0
    return rules.capacity_by_matter.get(matter.code, rules.capacity)


@dataclass
class _Quota:
    """How many of something a day gets: `ratio` × a base, rounded so that the month's total
    stays within one of the expected number (systematic sampling with a random offset)."""

    ratio: float
    offset: float
    due: float = 0.0

    def take(self, base: int) -> int:
        before, self.due = self.due, self.due + base * self.ratio
        return math.floor(self.due + self.offset) - math.floor(before + self.offset)


class MonthBookings:
    """The month's bookings, made up day by day as the generated hall days come."""

    def __init__(
        self, config: HallConfig, schedule: Schedule, *, first: date, rng: random.Random
    ) -> None:
        rules, hall = config.appointments, config.hall
        self.rng = rng
        self.schedule = schedule
        self.first = first  # nothing is booked before the month begins
        self.slot_min, self.horizon = rules.slot_minutes, rules.horizon_days
        self.early = timedelta(minutes=hall.appointment_early_min)
        self.late = timedelta(minutes=hall.appointment_late_min)
        self.max_upcoming, self.max_per_day = (
            rules.max_upcoming_per_id,
            rules.max_bookings_per_id_per_day,
        )
        self.zones = {m.code: m.zone for m in config.matters}
        self.places = {m.code: capacity(config, m) for m in config.matters}
        self.id_required = {m.code: rules.require_id or m.real_name for m in config.matters}
        self.quota = {
            kind: _Quota(share / (1 - share), rng.random())
            for kind, share in (
                ("late", LATE_SHARE),
                ("no_show", NO_SHOW_SHARE),
                ("cancelled", CANCEL_SHARE),
            )
        }
        self.regular_quota = _Quota(REPEAT_SHARE, rng.random())
        self.regulars = [new_person(rng) for _ in range(REPEAT_PEOPLE)]
        self.taken: Counter[tuple[str, datetime]] = Counter()
        self.of_person: defaultdict[str, list[GeneratedBooking]] = defaultdict(list)
        self.codes: set[str] = set()
        self.today: list[GeneratedBooking] = []

    # --- the check-ins of the day's tickets ----------------------------------------------------
    def check_in_slot(self, matter: str, *, issued: datetime, wanted: datetime) -> datetime | None:
        """The slot an appointment ticket issued at `issued` was booked for, now taken: a
        bookable slot with a place left whose check-in window holds `issued`, nearest the
        simulator's `wanted`. None when there is none: the ticket is a walk-in then."""
        fits = [
            s
            for s in self.slots(self.schedule.hall_day(issued))
            if s - self.early <= issued <= s + self.late and self._free(matter, s)
        ]
        if not fits:
            return None
        slot = min(fits, key=lambda s: (abs(s - wanted), s))
        self.taken[matter, slot] += 1
        return slot

    def checked_in(
        self, ticket: Ticket, *, matter: str, slot: datetime, who: Person | None, late: bool = False
    ) -> None:
        """The booking `ticket` checked in (its slot already taken)."""
        b = self._booking(matter, ticket.day, slot, before=min(slot, ticket.issued_at))
        b.person = who or self._anyone(matter)
        b.ticket, b.late = ticket.token, late
        self._keep(b)

    def close_day(
        self, day: date, walk_ins: list[tuple[Ticket, str, Person | None]]
    ) -> list[GeneratedBooking]:
        """After the day's check-ins (`walk_ins`: its kiosk walk-in tickets, with the matter
        each was issued for and who took it): the late check-ins, the no-shows and the
        cancellations; then every booking of the day."""
        self._late(day, walk_ins, self.quota["late"].take(len(self.today)))
        came = [b.matter for b in self.today]
        for _ in range(self.quota["no_show"].take(len(came))):
            self._extra(day, self.rng.choice(came), no_show=True)
        made = [b.matter for b in self.today]
        for _ in range(self.quota["cancelled"].take(len(made))):
            self._extra(day, self.rng.choice(made), no_show=False)
        out, self.today = self.today, []
        return out

    # --- the others -----------------------------------------------------------------------------
    def _late(self, day: date, walk_ins: list[tuple[Ticket, str, Person | None]], n: int) -> None:
        longest = self.late + timedelta(minutes=LATE_BY_MIN)
        options = [
            (ticket, matter, who)
            for ticket, matter, who in walk_ins
            if any(self.late < ticket.issued_at - s <= longest for s in self._open(day, matter))
        ]
        for ticket, matter, who in self.rng.sample(options, min(n, len(options))):
            slots = [
                s for s in self._open(day, matter) if self.late < ticket.issued_at - s <= longest
            ]
            if slots:
                slot = self.rng.choice(slots)
                self.taken[matter, slot] += 1
                self.checked_in(ticket, matter=matter, slot=slot, who=who, late=True)

    def _extra(self, day: date, matter: str, *, no_show: bool) -> None:
        """A booking not checked in: a no-show, or one cancelled before its slot."""
        slots = self._open(day, matter)
        if not slots:
            return
        slot = self.rng.choice(slots)
        b = self._booking(matter, day, slot, before=slot - timedelta(minutes=20))
        if no_show:
            b.person = self._regular(b) if self.regular_quota.take(1) else None
        else:
            spare = (slot - timedelta(minutes=5) - b.created_at).total_seconds()
            b.cancelled_at = b.created_at + timedelta(seconds=self.rng.uniform(60, max(60, spare)))
        b.person = b.person or self._anyone(matter)
        self.taken[matter, slot] += 1
        self._keep(b)

    def _regular(self, b: GeneratedBooking) -> Person | None:
        """One of the citizens who keep not coming, if the booking rules let them book this:
        the first with fewer than REPEAT_EACH, else the one with fewest (so that even a small
        month has someone who failed to come twice)."""
        count = [len(self.of_person[p[0]]) for p in self.regulars]
        order = sorted(
            range(len(self.regulars)),
            key=lambda i: (count[i] >= REPEAT_EACH, count[i] if count[i] >= REPEAT_EACH else i),
        )
        return next(
            (self.regulars[i] for i in order if self._allowed(self.regulars[i][0], b)), None
        )

    def _allowed(self, person: str, new: GeneratedBooking) -> bool:
        """The booking service's per-person limits, counted conservatively: one booking a day,
        fewer than `max_upcoming_per_id` ahead and `max_bookings_per_id_per_day` made a day."""
        mine = [*self.of_person[person], new]
        if any(b.day == new.day for b in mine[:-1]):
            return False
        for b in mine:
            before = [o for o in mine if o is not b and o.created_at < b.created_at]
            ahead = sum(o.slot_start >= b.created_at - self.late for o in before)
            made_on = self.schedule.hall_day(b.created_at)
            same_day = sum(self.schedule.hall_day(o.created_at) == made_on for o in before)
            if ahead >= self.max_upcoming or same_day >= self.max_per_day:
                return False
        return True

    # --- helpers --------------------------------------------------------------------------------
    def slots(self, day: date) -> list[datetime]:
        return slot_starts(self.schedule, day, minutes=self.slot_min)

    def _free(self, matter: str, slot: datetime) -> bool:
        # Cancelled bookings keep their place here: at no moment was a slot over capacity.
        return self.taken[matter, slot] < self.places.get(matter, 0)

    def _open(self, day: date, matter: str) -> list[datetime]:
        return [s for s in self.slots(day) if self._free(matter, s)]

    def _anyone(self, matter: str) -> Person | None:
        return new_person(self.rng) if self.id_required.get(matter, True) else None

    def _booking(
        self, matter: str, day: date, slot: datetime, *, before: datetime
    ) -> GeneratedBooking:
        return GeneratedBooking(
            code=self._code(),
            matter=matter,
            zone=self.zones[matter],
            day=day,
            slot_start=slot,
            created_at=self._made(day, before),
            person=None,
        )

    def _keep(self, b: GeneratedBooking) -> None:
        self.today.append(b)
        if b.person:
            self.of_person[b.person[0]].append(b)

    def _made(self, day: date, before: datetime) -> datetime:
        """When a booking for `day` was made: some days ahead (within the booking horizon, and
        not before the month began), in the hours citizens book in, 10 min before `before`."""
        ahead = self.rng.choices(range(len(LEAD_DAYS)), LEAD_DAYS)[0]
        made_on = day - timedelta(days=min(ahead, self.horizon, (day - self.first).days))
        tz = self.schedule.tz
        lo = datetime.combine(made_on, BOOKING_HOURS[0], tz)
        hi = min(datetime.combine(made_on, BOOKING_HOURS[1], tz), before - timedelta(minutes=10))
        if hi <= lo:  # a slot early in the morning, booked that morning
            lo = max(self.schedule.day_start(made_on), hi - timedelta(hours=1))
        return lo + timedelta(seconds=round(self.rng.uniform(0, (hi - lo).total_seconds())))

    def _code(self) -> str:
        while True:
            code = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if code not in self.codes:
                self.codes.add(code)
                return code
