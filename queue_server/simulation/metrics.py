"""Summary figures of simulated days and the Erlang-C (M/M/c) reference wait."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from queue_server.simulation.engine import DayOutcome, Record
from queue_server.simulation.hallmodel import SimHall


def erlang_b(servers: int, load: float) -> float:
    """Erlang B blocking probability by the stable recursion B(k) = aB(k-1) / (k + aB(k-1))."""
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """Probability of waiting in M/M/c with `load` = λ/μ erlangs; 1.0 when load ≥ servers."""
    if load <= 0:
        return 0.0
    if load >= servers:
        return 1.0
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1 - b))


def mmc_wait(servers: int, arrival_rate: float, mean_service: float) -> float:
    """Mean wait in queue Wq = C(c, a) / (cμ − λ) of M/M/c; inf when not stable."""
    if arrival_rate <= 0:
        return 0.0
    mu = 1.0 / mean_service
    load = arrival_rate / mu
    if load >= servers:
        return math.inf
    return erlang_c(servers, load) / (servers * mu - arrival_rate)


@dataclass(frozen=True)
class DepartmentFigures:
    department: str
    windows: int  # staffed windows serving any of its matters (shared ones count for each)
    tickets: int
    wait_mean: float
    wait_p90: float


@dataclass(frozen=True)
class SimResult:
    """What a simulated run reports (minutes unless named otherwise)."""

    hall: str
    variant: str  # "profiles" (as configured) or "comprehensive" (every window serves all)
    mix: str
    seed: int
    days: int
    windows: int
    tickets: int
    refused: int
    served: int
    no_shows: int
    wait_mean: float
    wait_p50: float
    wait_p90: float
    wait_max: float
    within_target_pct: float
    target_wait_min: float
    green_wait_mean: float | None
    normal_wait_mean: float | None
    utilization_mean: float
    utilization_min: float
    utilization_max: float
    overtime_min: float  # window-minutes of 延时服务 after closing, per day
    last_finish: str  # latest end of service, HH:MM
    estimate_mae: float
    estimate_bias: float  # mean (shown − actual): positive = the hall overestimates
    arrival_rate: float  # tickets per minute of issuing time
    mean_service: float  # window minutes per ticket (service, or a no-show's recalls)
    offered_load: float  # a / c
    erlang_c_wait: float | None  # stationary M/M/c Wq; None when a ≥ c
    erlang_c_hourly_wait: float | None  # hourly M/M/c Wq weighted by arrivals
    overloaded_hours: int  # hours with a ≥ c (then the hourly figure is None)
    mgc_wait: float | None  # Allen–Cunneen M/G/c: Wq · (1 + Cs²) / 2
    ratio: float | None  # wait_mean / erlang_c_wait (the stationary bound)
    ratio_hourly: float | None  # wait_mean / erlang_c_hourly_wait
    departments: tuple[DepartmentFigures, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _quantile(values: Sequence[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _clock(minute: float) -> str:
    """HH:MM after local midnight; the next day's hours get "+1d" (延时服务 past midnight)."""
    days, m = divmod(round(minute), 24 * 60)
    return f"{m // 60:02d}:{m % 60:02d}" + (f"+{days}d" if days else "")


def _utilization(day: DayOutcome, window: int) -> float:
    """Busy share of the opening hours (延时服务 after closing is not counted)."""
    open_min = sum(b - a for a, b in day.opening)
    return day.busy_open[window] / open_min if open_min else 0.0


def hourly_wait(
    days: Sequence[DayOutcome], servers: int, mean_service: float
) -> tuple[float | None, int]:
    """Arrival-weighted mean of the M/M/c wait of each clock hour of issuing."""
    counts: dict[tuple[int, int], int] = {}
    minutes: dict[tuple[int, int], float] = {}
    for i, d in enumerate(days):
        for a, b in d.issuing:
            for hour in range(int(a // 60), int(math.ceil(b / 60))):
                span = min(b, (hour + 1) * 60) - max(a, hour * 60)
                if span > 0:
                    minutes[i, hour] = minutes.get((i, hour), 0.0) + span
        for r in d.records:
            counts[i, int(r.issued // 60)] = counts.get((i, int(r.issued // 60)), 0) + 1
    total = sum(counts.values())
    if not total:
        return 0.0, 0
    weighted = 0.0
    overloaded = 0
    for key, n in counts.items():
        wq = mmc_wait(servers, n / minutes[key], mean_service)
        if math.isinf(wq):
            overloaded += 1
        else:
            weighted += n * wq
    return (None if overloaded else weighted / total), overloaded


def summarize(
    days: Sequence[DayOutcome], *, hall: SimHall, variant: str, mix: str, seed: int
) -> SimResult:
    """Figures over every ticket of every day."""
    records: list[Record] = [r for d in days for r in d.records]
    waits = [r.wait_min for r in records]
    servers = len(days[0].windows)
    issuing_min = sum(b - a for d in days for a, b in d.issuing)
    utils = [statistics.fmean(_utilization(d, w) for d in days) for w in days[0].windows]
    errors = [r.shown_estimate - (r.called - r.issued) for r in records]
    occupied = [r.occupied_min for r in records] or [0.0]
    mean_service = statistics.fmean(occupied)
    rate = len(records) / issuing_min if issuing_min else 0.0
    wq = mmc_wait(servers, rate, mean_service) if mean_service else 0.0
    hourly, overloaded = hourly_wait(days, servers, mean_service) if mean_service else (0.0, 0)
    cs2 = statistics.pvariance(occupied) / mean_service**2 if mean_service else 0.0
    stationary = None if math.isinf(wq) else wq
    wait_mean = statistics.fmean(waits) if waits else 0.0
    target = hall.target_wait_min
    return SimResult(
        hall=hall.name,
        variant=variant,
        mix=mix,
        seed=seed,
        days=len(days),
        windows=servers,
        tickets=len(records),
        refused=sum(d.refused for d in days),
        served=sum(not r.no_show for r in records),
        no_shows=sum(r.no_show for r in records),
        wait_mean=wait_mean,
        wait_p50=_quantile(waits, 50),
        wait_p90=_quantile(waits, 90),
        wait_max=max(waits, default=0.0),
        within_target_pct=100 * sum(w <= target for w in waits) / max(len(waits), 1),
        target_wait_min=target,
        green_wait_mean=_mean([r.wait_min for r in records if r.green]),
        normal_wait_mean=_mean([r.wait_min for r in records if not r.green]),
        utilization_mean=statistics.fmean(utils) if utils else 0.0,
        utilization_min=min(utils, default=0.0),
        utilization_max=max(utils, default=0.0),
        overtime_min=sum(sum(d.busy_over.values()) for d in days) / len(days),
        last_finish=_clock(max((r.finished for r in records), default=0.0)),
        estimate_mae=statistics.fmean(abs(e) for e in errors) if errors else 0.0,
        estimate_bias=statistics.fmean(errors) if errors else 0.0,
        arrival_rate=rate,
        mean_service=mean_service,
        offered_load=rate * mean_service / servers if servers else 0.0,
        erlang_c_wait=stationary,
        erlang_c_hourly_wait=hourly,
        overloaded_hours=overloaded,
        mgc_wait=None if stationary is None else stationary * (1 + cs2) / 2,
        ratio=wait_mean / stationary if stationary else None,
        ratio_hourly=wait_mean / hourly if hourly else None,
        departments=by_department(records, hall),
    )


def by_department(records: Sequence[Record], hall: SimHall) -> tuple[DepartmentFigures, ...]:
    """Per department: where the waiting happens, worst mean wait first."""
    waits: dict[str, list[float]] = {}
    for r in records:
        waits.setdefault(hall.matters[r.matter].department, []).append(r.wait_min)
    windows: dict[str, set[int]] = {}
    for code, numbers in hall.windows_of.items():
        windows.setdefault(hall.matters[code].department, set()).update(numbers)
    rows = [
        DepartmentFigures(dept, len(windows[dept]), len(w), statistics.fmean(w), _quantile(w, 90))
        for dept, w in waits.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.wait_mean, r.department)))
