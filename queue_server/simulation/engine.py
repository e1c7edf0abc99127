"""One hall day as a discrete-event simulation; every dispatch decision is the domain's.

Each staffed window is a server: when it is free it calls `choose_next` with real `Ticket`
objects and its `WindowState.priority_streak`, then drives the ticket through the domain state
machine (`call` → `complete`, or `call` → `recall`… → `no_show`). At issue the simulator
records what the hall would show: people ahead by `tickets_ahead` over the matter's pool and
`projected_wait_min` over the matter's windows (each free, or busy with the ticket it called),
with the typical time (`typical_or`) of each matter's recent services.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from queue_server.domain.dispatch import Profile, choose_next
from queue_server.domain.estimate import (
    WindowLoad,
    projected_wait_min,
    remaining_min,
    tickets_ahead,
    typical_or,
)
from queue_server.domain.model import Outcome, Priority, Ticket, WindowState
from queue_server.simulation.arrivals import Arrival
from queue_server.simulation.hallmodel import SimHall
from queue_server.simulation.queues import MatterQueues

ACTOR = "sim"
RECENT_SERVICES = 30  # as the server: the typical time of the last 30 services of a matter
_FINISH, _ARRIVE = 0, 1  # at equal times a window frees up before the next citizen arrives


@dataclass
class Record:
    """One ticket's day, in minutes after local midnight."""

    number: str
    matter: str
    green: bool
    appointment: bool
    no_show: bool
    issued: float
    shown_estimate: int  # minutes, rounded as the kiosk prints it
    ahead: int
    window: int = 0
    called: float = 0.0
    finished: float = 0.0
    wait_min: float = 0.0  # the domain's `waited_s` at the call (from the queue time)

    @property
    def occupied_min(self) -> float:
        return self.finished - self.called


@dataclass
class DayOutcome:
    day: date
    windows: tuple[int, ...]
    records: list[Record]  # in call order
    arrivals: int
    refused: int  # arrivals turned away by a matter's daily quota
    statuses: dict[str, int]  # domain ticket states at the end of the day
    opening: list[tuple[float, float]]
    issuing: list[tuple[float, float]]
    busy_open: dict[int, float]  # minutes served inside opening hours
    busy_over: dict[int, float]  # minutes served outside them (延时服务)


class DaySimulation:
    """The event loop of one day. Build, then `run(arrivals)` once."""

    def __init__(
        self,
        hall: SimHall,
        *,
        day: date,
        opening: list[tuple[float, float]],
        issuing: list[tuple[float, float]],
        recall_delay_min: float = 1.0,
        exact: bool = False,
        recent: dict[str, deque[float]] | None = None,
    ) -> None:
        self.hall = hall
        self.day = day
        self.opening = opening
        self.issuing = issuing
        self.recall_delay = recall_delay_min
        self.exact = exact
        self.midnight = datetime.combine(day, time(), hall.schedule.tz)
        self.profiles: dict[int, Profile] = {p.window: p for p in hall.profiles}
        self.states = {n: WindowState(number=n) for n in self.profiles}
        self.queues = {code: MatterQueues() for code in hall.matters}
        self.recent = recent if recent is not None else {}
        self.typical = {
            code: typical_or(list(self.recent.get(code, ())), spec.service_minutes)
            for code, spec in hall.matters.items()
        }
        self.idle: dict[int, float] = {}
        self.events: list[tuple[float, int, int, int, object]] = []
        self.seq = itertools.count()
        self.numbers: dict[str, int] = {}
        self.issued: dict[str, int] = {}
        self.records: list[Record] = []
        self.by_token: dict[str, tuple[Record, Arrival]] = {}
        self.tickets: list[Ticket] = []
        self.refused = 0
        self.busy_open = dict.fromkeys(self.profiles, 0.0)
        self.busy_over = dict.fromkeys(self.profiles, 0.0)

    def at(self, minute: float) -> datetime:
        return self.midnight + timedelta(minutes=minute)

    def run(self, arrivals: list[Arrival]) -> DayOutcome:
        start = self.opening[0][0] if self.opening else 0.0
        for n, state in self.states.items():
            state.open(f"staff-{n}", self.at(start), role="staff")
            self.idle[n] = start
        for arrival in arrivals:
            self._push(arrival.at, _ARRIVE, 0, arrival)
        while self.events:
            t, kind, _, window, payload = heapq.heappop(self.events)
            if kind == _ARRIVE:
                assert isinstance(payload, Arrival)
                self._arrive(t, payload)
            else:
                assert isinstance(payload, Ticket)
                self._finish(t, window, payload)
        return DayOutcome(
            day=self.day,
            windows=tuple(self.profiles),
            records=self.records,
            arrivals=len(arrivals),
            refused=self.refused,
            statuses=dict(Counter(t.status.value for t in self.tickets)),
            opening=self.opening,
            issuing=self.issuing,
            busy_open=self.busy_open,
            busy_over=self.busy_over,
        )

    # --- events -------------------------------------------------------------------------
    def _push(self, t: float, kind: int, window: int, payload: object) -> None:
        heapq.heappush(self.events, (t, kind, next(self.seq), window, payload))

    def _arrive(self, t: float, arrival: Arrival) -> None:
        spec = self.hall.matters[arrival.matter]
        if spec.daily_quota and self.issued.get(spec.code, 0) >= spec.daily_quota:
            self.refused += 1  # 409 quota_exhausted at the kiosk
            return
        self.issued[spec.code] = self.issued.get(spec.code, 0) + 1
        seq = self.numbers[spec.prefix] = self.numbers.get(spec.prefix, 0) + 1
        now = self.at(t)
        slot = self.at(arrival.slot) if arrival.slot is not None else None
        ticket = Ticket(
            day=self.day,
            number=f"{spec.prefix}{seq:03d}",
            token=f"{self.day.isoformat()}-{spec.prefix}{seq}",
            matter=spec.code,
            zone=spec.zone,
            issued_at=now,
            priority=Priority.GREEN if arrival.green else Priority.NORMAL,
            appointment_at=slot,
            queued_at=max(now, slot) if slot else now,
        )
        ahead, estimate = self._estimate(ticket, now)
        record = Record(
            number=ticket.number,
            matter=spec.code,
            green=arrival.green,
            appointment=slot is not None,
            no_show=arrival.no_show,
            issued=t,
            shown_estimate=round(estimate),
            ahead=ahead,
        )
        self.by_token[ticket.token] = (record, arrival)
        self.tickets.append(ticket)
        self.queues[spec.code].of(ticket).append(ticket)
        idle = [(self.idle[w], w) for w in self.hall.windows_of[spec.code] if w in self.idle]
        if idle:
            self._call(min(idle)[1], t)

    def _estimate(self, ticket: Ticket, now: datetime) -> tuple[int, float]:
        """What the kiosk would print: people ahead and minutes (ARCHITECTURE §3)."""
        pool = self.hall.pools[ticket.matter]
        if self.exact:
            waiting = [w for m in pool.matters for w in self.queues[m].all()]
            ahead = [t.matter for t in tickets_ahead(ticket, waiting, pool, now, self.hall.policy)]
        else:
            ahead = self._ahead_by_queue(ticket, pool, now)
        minutes = projected_wait_min(
            ticket.matter,
            windows=[self._load(w, now) for w in self.hall.windows_of[ticket.matter]],
            profiles=self.profiles,
            ahead=Counter(ahead),
            waiting={m: self.queues[m].count() for m in pool.matters},
            serving=self.hall.serving,
            service_min=self.typical.__getitem__,
            policy=self.hall.policy,
        )
        return len(ahead), minutes

    def _load(self, window: int, now: datetime) -> WindowLoad:
        """The window as the server sees it: free, or busy with a ticket called at a time."""
        token = self.states[window].current
        if token is None:
            return WindowLoad(window)
        record, _ = self.by_token[token]
        elapsed = (now - self.at(record.called)).total_seconds() / 60
        return WindowLoad(window, remaining_min(self.typical[record.matter], elapsed))

    def _ahead_by_queue(self, ticket: Ticket, pool: Profile, now: datetime) -> list[str]:
        """The matters of the tickets ahead, asking `tickets_ahead` about few tickets.

        The newest plain and green ticket of a matter decide for their whole queue when they
        are ahead (the usual case); appointments are asked about one by one.
        """
        queues = [(m, mq) for m in pool.matters if (mq := self.queues[m])]
        asked = [q[-1] for _, mq in queues for q in (mq.plain, mq.green) if q]
        asked += [t for _, mq in queues for t in mq.appointment]
        hits = {id(t) for t in tickets_ahead(ticket, asked, pool, now, self.hall.policy)}
        ahead: list[str] = []
        for m, mq in queues:
            n = sum(1 for t in mq.appointment if id(t) in hits) if mq.appointment else 0
            for q in (mq.plain, mq.green):
                if q:
                    n += len(q) if id(q[-1]) in hits else self._ahead_in(ticket, q, pool, now)
            ahead.extend(itertools.repeat(m, n))
        return ahead

    def _ahead_in(self, ticket: Ticket, queue: list[Ticket], pool: Profile, now: datetime) -> int:
        """How many of one class queue (oldest first) `tickets_ahead` puts before `ticket`.

        Those ahead are a prefix of the queue (see `MatterQueues.contenders`), so a binary search
        with the domain's own comparison finds its length.
        """

        def is_ahead(index: int) -> bool:
            return bool(tickets_ahead(ticket, (queue[index],), pool, now, self.hall.policy))

        lo, hi = 0, len(queue) - 1  # the caller saw that the newest, queue[hi], is not ahead
        while lo < hi:
            mid = (lo + hi) // 2
            if is_ahead(mid):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _call(self, window: int, t: float) -> None:
        profile = self.profiles[window]
        state = self.states[window]
        if self.exact:
            waiting = [w for m in profile.matters for w in self.queues[m].all()]
        else:
            waiting = [w for m in profile.matters if (q := self.queues[m]) for w in q.contenders()]
        now = self.at(t)
        choice = choose_next(
            profile, waiting, now, self.hall.policy, priority_streak=state.priority_streak
        )
        if choice is None:
            self.idle[window] = t
            return
        self.idle.pop(window, None)
        ticket, rank = choice
        self.queues[ticket.matter].remove(ticket)
        ticket.call(window, now, actor=ACTOR)
        state.took(ticket.token, rank)
        record, arrival = self.by_token[ticket.token]
        record.window, record.called = window, t
        record.wait_min = ticket.waited_s(now) / 60
        self.records.append(record)
        if arrival.no_show:
            occupied = (self.hall.max_recalls + 1) * self.recall_delay
        else:
            occupied = arrival.service_min
        self._push(t + occupied, _FINISH, window, ticket)

    def _finish(self, t: float, window: int, ticket: Ticket) -> None:
        record, arrival = self.by_token[ticket.token]
        now = self.at(t)
        if arrival.no_show:
            for k in range(1, self.hall.max_recalls + 1):
                when = self.at(record.called + k * self.recall_delay)
                ticket.recall(when, actor=ACTOR, max_recalls=self.hall.max_recalls)
            ticket.no_show(now, actor=ACTOR)
        else:
            ticket.complete(Outcome.DONE, now, actor=ACTOR, missing=[], note="")
            self._note_service(ticket.matter, ticket.service_s(now) / 60)
        record.finished = t
        self._account(window, record.called, t)
        self.states[window].release()
        self._call(window, t)

    def _note_service(self, matter: str, minutes: float) -> None:
        samples = self.recent.setdefault(matter, deque(maxlen=RECENT_SERVICES))
        samples.append(minutes)
        self.typical[matter] = typical_or(list(samples), self.hall.matters[matter].service_minutes)

    def _account(self, window: int, start: float, end: float) -> None:
        inside = sum(max(0.0, min(end, b) - max(start, a)) for a, b in self.opening)
        self.busy_open[window] += inside
        self.busy_over[window] += (end - start) - inside
