"""Simulator benchmark: wall time of a 120-window, 4,000-ticket day; estimate error and the
Erlang-C ratios of the sample hall (profiles and all-comprehensive, seed-000 demand).

Figures, all from `queue_server.simulation` (the same code as `hallq simulate`):
- `simulate.day_s`: one 120-window day of ~4,000 tickets (windows cloned from the sample
  hall, as `hallq simulate --windows 120 --tickets 4000`), median of runs, in-process;
- `simulate.estimate_mae_min` / `_bias_min`: the printed estimate − the actual wait, over
  5 days of the sample hall at its default volume (1 day with --quick);
- `simulate.erlang_ratio_sample` / `_comprehensive`: mean wait ÷ stationary M/M/c wait of
  the same days, and `*_hourly` against the hour-by-hour (SIPP) M/M/c wait.
"""

from __future__ import annotations

import time
from statistics import median

from queue_server.config import load_hall
from queue_server.simulation.hallmodel import from_config
from queue_server.simulation.params import SimParams
from queue_server.simulation.runner import simulate


def _ratio(value: float | None) -> float:
    return float("nan") if value is None else value


def run(*, quick: bool) -> dict[str, float]:
    base = from_config(load_hall())
    day_s, big = [], None
    for _ in range(1 if quick else 3):
        start = time.perf_counter()
        big = simulate(base, SimParams(seed=1, windows=120, tickets=4000)).result
        day_s.append(time.perf_counter() - start)
    assert big is not None
    days = 1 if quick else 5
    sample = simulate(base, SimParams(seed=1, days=days)).result
    pooled = simulate(base, SimParams(seed=1, days=days, comprehensive=True)).result
    return {
        "simulate.day_s": median(day_s),
        "simulate.day_tickets": float(big.tickets),
        "simulate.day_estimate_mae_min": big.estimate_mae,
        "simulate.day_mean_wait_min": big.wait_mean,
        "simulate.days": float(days),
        "simulate.estimate_mae_min": sample.estimate_mae,
        "simulate.estimate_bias_min": sample.estimate_bias,
        "simulate.mean_wait_min": sample.wait_mean,
        "simulate.within_target_pct": sample.within_target_pct,
        "simulate.offered_load": sample.offered_load,
        "simulate.erlang_ratio_sample": _ratio(sample.ratio),
        "simulate.erlang_ratio_sample_hourly": _ratio(sample.ratio_hourly),
        "simulate.comprehensive_mean_wait_min": pooled.wait_mean,
        "simulate.comprehensive_estimate_mae_min": pooled.estimate_mae,
        "simulate.erlang_ratio_comprehensive": _ratio(pooled.ratio),
        "simulate.erlang_ratio_comprehensive_hourly": _ratio(pooled.ratio_hourly),
    }
