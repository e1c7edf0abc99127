"""Small statistics helpers shared by the benchmarks (no numpy)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; nan for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary(samples: Sequence[float]) -> dict[str, float]:
    """n, mean, p50, p90, p99 and max of latency samples (ms)."""
    if not samples:
        return {"n": 0, "mean": math.nan, "p50": math.nan, "p90": math.nan, "p99": math.nan}
    return {
        "n": len(samples),
        "mean": statistics.fmean(samples),
        "p50": percentile(samples, 50),
        "p90": percentile(samples, 90),
        "p99": percentile(samples, 99),
        "max": max(samples),
    }


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan
