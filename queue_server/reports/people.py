"""The people of a generated month: window staff (AB角, 一日三签) and citizens (real-name
IDs that come back, 好差评 ratings). Seeded draws only; no I/O.
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from queue_server.config import HallConfig
from queue_server.domain import identity
from queue_server.domain.events import Event
from queue_server.domain.model import WindowState

GENERATED_ID_KEY = b"hallq-generated-month"  # keys the ID hashes of generated citizens
REGION = "140411"  # 长治市郊区, as the sample hall
BAD_REASONS = ("等候时间长", "办事效率低", "一次性告知不到位", "服务态度差", "材料要求不清楚")
GOOD_REASONS = ("服务热情", "办事高效", "一次性告知清楚", "环境整洁")
# After a visit ends this way: (chance the citizen comes back for the same matter, max days).
RETURNS = {
    "needs_more": (0.85, 10),  # 补正: back with the missing material
    "consulted": (0.5, 14),  # asked first, applies later
    "no_show": (0.6, 7),
    "rejected": (0.3, 20),
    "done": (0.02, 25),
    "accepted": (0.02, 25),
}


@dataclass(frozen=True)
class SignRecord:
    staff: str
    window: int
    at: datetime
    ab_role: str


@dataclass
class Staffing:
    """Per-staff habits and per-window quality, drawn once for the month."""

    config: HallConfig
    rng: random.Random
    late_prob: dict[str, float] = field(default_factory=dict)
    quality: dict[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        on_rota = {sid for w in self.config.windows for sid in (w.staff_a, w.staff_b)}
        for s in self.config.staff:
            if s.role == "lead" and s.id not in on_rota:
                continue  # never signs at a window; nor may it change the window staff's draws
            self.late_prob[s.id] = self.rng.choices((0.02, 0.08, 0.25), (0.7, 0.2, 0.1))[0]
        for w in self.config.windows:
            self.quality[w.number] = self.rng.gauss(0, 1)

    def rota(self) -> dict[int, tuple[str, str]]:
        """Who works each window today: A, or B when A is away (4 % of days)."""
        out = {}
        for w in self.config.windows:
            if w.staff_b and (not w.staff_a or self.rng.random() < 0.04):
                out[w.number] = (w.staff_b, "B")
            elif w.staff_a:
                out[w.number] = (w.staff_a, "A")
        return out

    def signs(
        self,
        *,
        spans: list[tuple[datetime, datetime]],
        rota: dict[int, tuple[str, str]],
        first_call: dict[int, datetime],
        last_finish: dict[int, datetime],
    ) -> tuple[list[SignRecord], list[Event]]:
        """一日三签 of the day's staff, and the window opening and closing they cause."""
        rng, records, events = self.rng, [], []
        minutes = timedelta(minutes=1)
        for number, (staff, role) in sorted(rota.items()):
            times = []
            for k, (start, _end) in enumerate(spans):
                if k > 0 and rng.random() < 0.02:
                    continue  # forgot to sign after lunch
                late = rng.random() < self.late_prob[staff]
                at = start + (rng.uniform(1, 20) if late else -rng.uniform(2, 35)) * minutes
                if k == 0 and number in first_call and at >= first_call[number]:
                    at = first_call[number] - rng.uniform(0.5, 3) * minutes  # called → was there
                times.append(at)
            close = max(spans[-1][1], last_finish.get(number, spans[-1][1]))
            if rng.random() >= 0.03:  # 3 %: left without signing out
                times.append(close + rng.uniform(0, 15) * minutes)
            state = WindowState(number=number)
            for i, at in enumerate(times):
                records.append(SignRecord(staff, number, at, role))
                events.append(
                    Event("staff.signed_in", at, f"staff:{staff}", number, data={"ab_role": role})
                )
                if i == 0:
                    state.open(staff, at, role=role)
            if times:  # closed at sign-out, or at the end of service by whoever left without
                closed = max(times[-1], close) + timedelta(seconds=5)
                state.close(closed, actor=f"staff:{staff}")
            events += state.events
        return records, events

    def rating(self, *, window: int, waited_long: bool, bad_outcome: bool) -> int:
        """好差评 on the 1–5 scale: mostly 5, worse after a long wait or a refusal."""
        mu = 4.75 + 0.3 * self.quality.get(window, 0.0) - 0.8 * waited_long - 0.7 * bad_outcome
        return max(1, min(5, math.floor(self.rng.gauss(mu, 0.75) + 0.5)))

    def reasons(self, rating: int) -> list[str]:
        if rating <= 2:
            return self.rng.sample(BAD_REASONS, self.rng.randint(1, 2))
        if rating == 5 and self.rng.random() < 0.5:
            return [self.rng.choice(GOOD_REASONS)]
        return []


@dataclass
class Citizens:
    """Real-name citizens: new ones, and those who come back for the same matter."""

    rng: random.Random
    pending: dict[str, list[tuple[date, int, str, str]]] = field(default_factory=dict)
    _n: int = 0

    def identify(self, matter: str, day: date) -> tuple[str, str]:
        """(ID hash, masked ID) of the next citizen taking a ticket for `matter` on `day`."""
        due = self.pending.get(matter)
        if due and due[0][0] <= day:
            _, _, hashed, masked = heapq.heappop(due)
            return hashed, masked
        return new_person(self.rng)

    def visited(self, matter: str, day: date, ending: str, who: tuple[str, str]) -> None:
        """Maybe schedule a return visit after a visit that ended with `ending`."""
        chance, days = RETURNS.get(ending, (0.0, 1))
        if self.rng.random() < chance:
            self._n += 1
            back = day + timedelta(days=self.rng.randint(1, days))
            heapq.heappush(self.pending.setdefault(matter, []), (back, self._n, *who))


def new_person(rng: random.Random) -> tuple[str, str]:
    """(ID hash, masked ID) of a new citizen: a valid-looking resident ID, keyed-hashed as the
    server hashes one (with the generator's own key) and masked as it masks one."""
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
    first17 = f"{REGION}{born:%Y%m%d}{rng.randrange(1000):03d}"
    number = first17 + identity.check_digit(first17)
    return identity.id_hash(number, GENERATED_ID_KEY), identity.mask_id(number)
