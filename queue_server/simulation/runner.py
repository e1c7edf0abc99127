"""Run simulated hall days: build the hall variant, draw the arrivals, run, summarize."""

from __future__ import annotations

import logging
import random
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta

from queue_server.simulation.arrivals import generate_arrivals, issuing_spans, opening_spans
from queue_server.simulation.engine import DayOutcome, DaySimulation
from queue_server.simulation.hallmodel import SimHall, comprehensive, staffed, with_windows
from queue_server.simulation.metrics import SimResult, summarize
from queue_server.simulation.params import SimParams, matter_weights

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Run:
    result: SimResult
    days: list[DayOutcome]
    hall: SimHall


def workdays(hall: SimHall, start: date, count: int) -> list[date]:
    """The first `count` days from `start` on which the hall opens."""
    out: list[date] = []
    day = start
    while len(out) < count:
        if hall.schedule.spans_on(day):
            out.append(day)
        day += timedelta(days=1)
        if (day - start).days > 366 + count:
            raise ValueError("the hall has no opening hours in the coming year")
    return out


def prepare(base: SimHall, params: SimParams) -> tuple[SimHall, dict[str, float], int]:
    """The hall variant to run, the demand weights and the expected tickets a day.

    Demand is fixed before staffing and pooling: fewer staff or pooled windows face the
    same citizens.
    """
    hall = base
    if params.windows is not None:
        hall = with_windows(hall, params.windows)
    weights = matter_weights(hall, params.mix)
    expected = params.expected_tickets(params.windows or len(hall.profiles))
    if params.open_fraction < 1:
        hall = staffed(hall, params.open_fraction, rng=random.Random(params.seed))
    if params.comprehensive:
        hall = comprehensive(hall)
    if hall.uncovered():
        raise ValueError(f"no staffed window serves: {', '.join(hall.uncovered())}")
    return hall, weights, expected


def run_day(
    hall: SimHall,
    day: date,
    *,
    expected: float,
    weights: dict[str, float],
    params: SimParams,
    rng: random.Random,
    recent: dict[str, deque[float]],
) -> tuple[DaySimulation, DayOutcome]:
    """Draw `day`'s arrivals and simulate it: the finished simulation and its outcome.
    `recent` carries the service-time median from day to day."""
    arrivals = generate_arrivals(
        hall, day=day, expected=expected, weights=weights, params=params, rng=rng
    )
    sim = DaySimulation(
        hall,
        day=day,
        opening=opening_spans(hall, day),
        issuing=issuing_spans(hall, day),
        recall_delay_min=params.recall_delay_min,
        exact=params.exact,
        recent=recent,
    )
    outcome = sim.run(arrivals)
    log.debug("simulated %s: %d arrivals", day, len(arrivals))
    return sim, outcome


def simulate(base: SimHall, params: SimParams) -> Run:
    """Simulate `params.days` independent hall days (the service-time median carries over)."""
    hall, weights, expected = prepare(base, params)
    rng = random.Random(params.seed)
    recent: dict[str, deque[float]] = {}
    days = []
    for day in workdays(hall, params.start, params.days):
        _, outcome = run_day(
            hall,
            day,
            expected=expected,
            weights=weights,
            params=params,
            rng=rng,
            recent=recent,
        )
        days.append(outcome)
    result = summarize(
        days,
        hall=hall,
        variant="comprehensive" if params.comprehensive else "profiles",
        mix=params.mix,
        seed=params.seed,
    )
    return Run(result=result, days=days, hall=hall)
