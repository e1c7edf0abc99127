"""Citizens of one hall day: non-homogeneous Poisson arrivals with a morning and an afternoon peak.

Everything random about a citizen (matter, green channel, appointment, service time, whether
they will miss the call) is drawn here, before any dispatch, so two hall variants can be
compared on exactly the same arrivals.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import date

from queue_server.simulation.hallmodel import SimHall
from queue_server.simulation.params import SimParams

# Relative arrival intensity by local time of day: a base plus two Gaussian peaks, the
# morning one higher (9:45, σ 50 min) than the afternoon one (14:45, σ 55 min).
_BASE = 0.35
_PEAKS = ((9 * 60 + 45, 50.0, 1.0), (14 * 60 + 45, 55.0, 0.75))
_SLOT_MIN = 15  # appointment slots start on the quarter hour
_CHECK_IN_LEAD_MIN = 5  # an appointment is checked in at least this early (up to +15 min)


def day_shape(minute: float) -> float:
    """Relative arrival intensity at `minute` after local midnight."""
    return _BASE + sum(h * math.exp(-0.5 * ((minute - mu) / sd) ** 2) for mu, sd, h in _PEAKS)


@dataclass(frozen=True)
class Arrival:
    """One citizen at the kiosk; times are minutes after local midnight."""

    at: float
    matter: str
    service_min: float
    green: bool = False
    slot: float | None = None  # appointment slot start
    no_show: bool = False


def issuing_spans(hall: SimHall, day: date) -> list[tuple[float, float]]:
    """When tickets are issued: each opening span up to the cutoff before it closes."""
    cutoff = hall.schedule.issue_cutoff_min
    out = []
    for start, end in hall.schedule.spans_on(day):
        a = start.hour * 60 + start.minute
        b = end.hour * 60 + end.minute - cutoff
        if b > a:
            out.append((float(a), float(b)))
    return out


def opening_spans(hall: SimHall, day: date) -> list[tuple[float, float]]:
    return [
        (float(s.hour * 60 + s.minute), float(e.hour * 60 + e.minute))
        for s, e in hall.schedule.spans_on(day)
    ]


def generate_arrivals(
    hall: SimHall,
    *,
    day: date,
    expected: float,
    weights: dict[str, float],
    params: SimParams,
    rng: random.Random,
) -> list[Arrival]:
    """Arrivals of one day by thinning: `expected` tickets on average, split by `weights`."""
    spans = issuing_spans(hall, day)
    if not spans or expected <= 0:
        return []
    grid = [(a + i + 0.5) for a, b in spans for i in range(int(b - a))]
    integral = sum(day_shape(m) for m in grid)  # per-minute Riemann sum of the shape
    peak = max(day_shape(m) for m in grid)
    rate_max = expected * peak / integral  # arrivals per minute at the busiest moment
    codes = list(weights)
    cum = []
    total = 0.0
    for code in codes:
        total += weights[code]
        cum.append(total)
    sigma = params.service_sigma
    out: list[Arrival] = []
    for a, b in spans:
        t = a
        while True:
            t += rng.expovariate(rate_max)
            if t >= b:
                break
            if rng.random() * peak >= day_shape(t):
                continue  # thinned: the intensity at t is below the peak
            code = codes[min(bisect.bisect_right(cum, rng.random() * total), len(codes) - 1)]
            mean = hall.matters[code].service_minutes
            service = rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)
            green = rng.random() < params.green_share
            slot = None
            if rng.random() < params.appointment_share:
                slot = math.ceil((t + _CHECK_IN_LEAD_MIN) / _SLOT_MIN) * _SLOT_MIN
            no_show = rng.random() < params.no_show_prob
            out.append(Arrival(t, code, service, green, slot, no_show))
    return out
