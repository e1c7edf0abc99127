"""A seeded month of hall events for the reports (`hallq report generate-month`).

Each hall day of the month is run by the day simulator (`queue_server.simulation`: real
dispatch, real ticket state machine). Its tickets are then replayed through the domain
`Ticket` with what the simulator leaves out — counter outcomes (办结, 受理, 补正, 不予受理, 咨询),
a few transfers, 好差评 ratings, real-name citizens who come back, the staff's 一日三签, and
the bookings (预约) behind the appointment tickets and beside them (`booking_plan`) — so every
event and row is one the server itself would record. Pure: nothing is written here.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.domain.model import Outcome, Priority, Ticket
from queue_server.reports.booking_plan import GeneratedBooking, MonthBookings, Person
from queue_server.reports.people import Citizens, SignRecord, Staffing
from queue_server.simulation.engine import DaySimulation, Record
from queue_server.simulation.hallmodel import from_config
from queue_server.simulation.params import Mix, SimParams
from queue_server.simulation.runner import prepare, run_day

DEFAULT_TICKETS = 400  # a day; the sample hall keeps most waits within target at this load
TRANSFER_SHARE = 0.02  # of services at a window serving several matters
RATED_SHARE = 0.65  # of finished services the citizen rates
# Counter outcomes by matter kind (即办件 / 承诺件): outcome → probability.
OUTCOME_MIX = {
    "immediate": {"done": 0.90, "needs_more": 0.05, "consulted": 0.04, "rejected": 0.01},
    "promised": {"accepted": 0.82, "needs_more": 0.10, "consulted": 0.06, "rejected": 0.02},
}
CHANNELS = {"kiosk": 0.85, "mobile": 0.10, "desk": 0.05}
# Whom a green-channel ticket serves (an assumed mix for the demonstration month, mostly the
# elderly); drawn from a stream of its own, so the month's other figures do not move.
GREEN_MIX = {"elderly": 0.60, "disabled": 0.18, "pregnant": 0.08, "military": 0.09, "other": 0.05}


@dataclass(frozen=True, kw_only=True)
class MonthPlan:
    month: date  # any day of the month
    seed: int = 1
    tickets: int = DEFAULT_TICKETS  # expected tickets per hall day
    mix: Mix = "seed"

    @property
    def days(self) -> list[date]:
        first = self.month.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return [first + timedelta(days=i) for i in range((nxt - first).days)]


@dataclass
class Rating:
    token: str
    rating: int
    reasons: list[str]
    at: datetime
    window: int
    staff: str


@dataclass
class GeneratedDay:
    day: date
    tickets: list[Ticket] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    signins: list[SignRecord] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    bookings: list[GeneratedBooking] = field(default_factory=list)  # for this day's slots


def generate_month(
    config: HallConfig, plan: MonthPlan, *, on_day: Callable[[date], None] | None = None
) -> Iterator[GeneratedDay]:
    """The month's days in order: each hall day, and a closed day only for the bookings made
    on it (their `appointment.*` events). A day comes once no later day can book on it."""
    params = SimParams(seed=plan.seed, tickets=plan.tickets, mix=plan.mix)
    hall, weights, expected = prepare(from_config(config), params)
    arrivals_rng = random.Random(plan.seed)
    people_rng = random.Random(f"{plan.seed}:{plan.month:%Y-%m}:people")
    staffing = Staffing(config, people_rng)
    citizens = Citizens(people_rng)
    replay = _Replay(
        config, people_rng, green_rng=random.Random(f"{plan.seed}:{plan.month:%Y-%m}:green")
    )
    # A stream of its own: the bookings leave the month's other draws as they were.
    bookings = MonthBookings(
        config,
        hall.schedule,
        first=plan.days[0],
        rng=random.Random(f"{plan.seed}:{plan.month:%Y-%m}:bookings"),
    )
    pending: dict[date, GeneratedDay] = {}
    recent: dict[str, deque[float]] = {}
    for day in plan.days:
        if hall.schedule.spans_on(day):
            sim, _ = run_day(
                hall,
                day,
                expected=expected,
                weights=weights,
                params=params,
                rng=arrivals_rng,
                recent=recent,
            )
            out = pending.setdefault(day, GeneratedDay(day))
            _day(out, sim, staffing, citizens, replay, bookings)
            for booking in out.bookings:
                for ev in booking.events():
                    made_on = hall.schedule.hall_day(ev.at)
                    pending.setdefault(made_on, GeneratedDay(made_on)).events.append(ev)
            if on_day is not None:
                on_day(day)
        # No later day books as far back as this: those days are complete.
        yield from _ready(pending, before=day - timedelta(days=bookings.horizon - 1))
    yield from _ready(pending, before=None)


def _ready(pending: dict[date, GeneratedDay], *, before: date | None) -> Iterator[GeneratedDay]:
    for day in sorted(d for d in pending if before is None or d < before):
        out = pending.pop(day)
        out.events.sort(key=lambda ev: ev.at)  # stable: one ticket's events keep their order
        yield out


def _day(
    out: GeneratedDay,
    sim: DaySimulation,
    staffing: Staffing,
    citizens: Citizens,
    replay: _Replay,
    bookings: MonthBookings,
) -> None:
    day = out.day
    rota = staffing.rota()
    first_call: dict[int, datetime] = {}
    last_finish: dict[int, datetime] = {}
    for rec in sorted((r for r, _ in sim.by_token.values() if r.window), key=lambda r: r.called):
        first_call.setdefault(rec.window, sim.at(rec.called))
        last_finish[rec.window] = max(last_finish.get(rec.window, sim.at(0)), sim.at(rec.finished))
    spans = [
        (
            datetime.combine(day, a, sim.midnight.tzinfo),
            datetime.combine(day, b, sim.midnight.tzinfo),
        )
        for a, b in sim.hall.schedule.spans_on(day)
    ]
    out.signins, sign_events = staffing.signs(
        spans=spans, rota=rota, first_call=first_call, last_finish=last_finish
    )
    out.events += sign_events
    walk_ins: list[tuple[Ticket, str, Person | None]] = []
    for simulated in sim.tickets:
        record, _arrival = sim.by_token[simulated.token]
        who = citizens.identify(simulated.matter, day) if replay.real_name(simulated) else None
        slot = None
        if simulated.appointment_at is not None:
            slot = bookings.check_in_slot(
                simulated.matter,
                issued=simulated.issued_at,
                wanted=simulated.appointment_at,
            )
        ticket, events = replay.ticket(simulated, record, sim, rota, who, slot=slot)
        if slot is not None:
            bookings.checked_in(ticket, matter=simulated.matter, slot=slot, who=who)
        elif ticket.channel == "kiosk":
            walk_ins.append((ticket, simulated.matter, who))
        out.tickets.append(ticket)
        out.events += events
        if who is not None:
            ending = ticket.outcome.value if ticket.outcome else ticket.status.value
            citizens.visited(simulated.matter, day, ending, who)
        if ticket.outcome is not None and replay.rng.random() < RATED_SHARE:
            out.ratings.append(replay.rate(ticket, staffing, rota))
            out.events.append(replay.rating_event(ticket, out.ratings[-1]))
    out.bookings = bookings.close_day(day, walk_ins)


class _Replay:
    """Turns one simulated ticket into the events the server would have recorded."""

    def __init__(self, config: HallConfig, rng: random.Random, *, green_rng: random.Random) -> None:
        self.config = config
        self.rng = rng
        self.green_rng = green_rng
        self.matters = {m.code: m for m in config.matters}
        self.profiles = {w.number: list(w.profile) for w in config.windows}
        self.target_s = config.hall.target_wait_min * 60
        kiosks = [d.id for d in config.devices if d.role == "kiosk"]
        self.kiosk = f"device:{kiosks[0]}" if kiosks else "device:kiosk"
        desks = [s.id for s in config.staff if s.role == "desk"]
        self.desk = f"staff:{desks[0]}" if desks else "staff:desk"

    def real_name(self, ticket: Ticket) -> bool:
        return self.matters[ticket.matter].real_name

    def ticket(
        self,
        sim_ticket: Ticket,
        record: Record,
        sim: DaySimulation,
        rota: dict[int, tuple[str, str]],
        who: tuple[str, str] | None,
        *,
        slot: datetime | None,
    ) -> tuple[Ticket, list[Event]]:
        """`slot`: the booking's slot for a ticket checked in by appointment in time. An
        appointment without one (no place, or no slot around its check-in) is a walk-in."""
        rng = self.rng
        channel = "kiosk" if sim_ticket.appointment_at else _pick(rng, CHANNELS)
        queued = sim_ticket.queued_at if sim_ticket.appointment_at is None else sim_ticket.issued_at
        if slot is not None:
            queued = max(sim_ticket.issued_at, slot)  # as services.tickets queues a check-in
        green = _pick(self.green_rng, GREEN_MIX) if sim_ticket.priority is Priority.GREEN else None
        t = Ticket(
            day=sim_ticket.day,
            number=sim_ticket.number,
            token=rng.randbytes(12).hex()[:16],
            matter=sim_ticket.matter,
            zone=sim_ticket.zone,
            issued_at=sim_ticket.issued_at,
            channel=channel,
            priority=sim_ticket.priority,
            green_category=green,
            queued_at=queued,
            appointment_at=slot,
            id_hash=who[0] if who else None,
            id_masked=who[1] if who else None,
        )
        # The phone page's tickets are the citizen's own, as the server records them.
        actor = {"kiosk": self.kiosk, "desk": self.desk}.get(channel, "citizen")
        issued = Event(
            "ticket.issued",
            t.issued_at,
            actor,
            None,
            t.number,
            t.token,
            t.matter,
            t.zone,
            data={
                "channel": channel,
                "priority": t.priority.value,
                "appointment": t.appointment_at is not None,
                "waiting_ahead": record.ahead,
                "estimated_wait_min": record.shown_estimate,
            }
            | ({"green_category": green} if green else {}),
        )
        if not record.window:  # never called (the simulator serves everyone; kept for safety)
            t.cancel(sim.at(24 * 60 - 1), actor="system")
            return t, [issued, *t.events]
        staff = f"staff:{rota.get(record.window, ('system', ''))[0]}"
        called, finished = sim.at(record.called), sim.at(record.finished)
        t.call(record.window, called, actor=staff)
        if record.no_show:
            for k in range(1, sim.hall.max_recalls + 1):
                t.recall(
                    called + timedelta(minutes=k), actor=staff, max_recalls=sim.hall.max_recalls
                )
            t.no_show(finished, actor=staff)
            return t, [issued, *t.events]
        others = [m for m in self.profiles.get(record.window, []) if m != t.matter]
        if others and rng.random() < TRANSFER_SHARE:
            moved = called + (finished - called) * rng.uniform(0.1, 0.3)
            matter = self.matters[rng.choice(others)]
            t.transfer(
                moved, actor=staff, matter=matter.code, zone=matter.zone, window=record.window
            )
            t.call(record.window, moved, actor=staff)
        outcome = Outcome(_pick(rng, OUTCOME_MIX[self.matters[t.matter].kind]))
        missing: list[str] = []
        if outcome is Outcome.NEEDS_MORE:
            names = [m.name for m in self.matters[t.matter].guide.materials]
            missing = rng.sample(names, min(len(names), rng.randint(1, 2)))
        t.complete(outcome, finished, actor=staff, missing=missing, note="")
        return t, [issued, *t.events]

    def rate(self, t: Ticket, staffing: Staffing, rota: dict[int, tuple[str, str]]) -> Rating:
        assert t.window is not None and t.finished_at is not None
        waited = next(float(e.data["wait_s"]) for e in t.events if e.type == "ticket.called")
        rating = staffing.rating(
            window=t.window,
            waited_long=waited > self.target_s,
            bad_outcome=t.outcome in (Outcome.NEEDS_MORE, Outcome.REJECTED),
        )
        t.rated = True
        return Rating(
            token=t.token,
            rating=rating,
            reasons=staffing.reasons(rating),
            at=t.finished_at + timedelta(seconds=self.rng.uniform(10, 90)),
            window=t.window,
            staff=rota.get(t.window, ("", ""))[0],
        )

    @staticmethod
    def rating_event(t: Ticket, r: Rating) -> Event:
        return Event(
            "ticket.evaluated",
            r.at,
            "citizen",
            r.window,
            t.number,
            t.token,
            t.matter,
            t.zone,
            data={"rating": r.rating, "reasons": r.reasons, "staff": r.staff},
        )


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]
