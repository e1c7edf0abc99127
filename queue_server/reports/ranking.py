"""Monthly window ranking: 星级窗口 (1–5 stars) and 三优三差 by weighted z-scores.

score = Σ weight × z, with z the window's figure standardised over the ranked windows (sign
flipped for the no-show rate, where less is better). Stars come from the score standardised
once more. The formula and its reasons are in docs/REPORTS.md.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from queue_server.config import HallConfig
from queue_server.reports.attendance import Attendance

# Figure → (weight, +1 when more is better / −1 when less is better).
WEIGHTS: dict[str, tuple[float, int]] = {
    "volume": (0.30, +1),  # ln(1 + services): volume spans two orders of magnitude
    "within_target": (0.25, +1),  # % of waits within the hall's target
    "satisfaction": (0.25, +1),  # 满意率 of 好差评
    "no_show": (0.10, -1),  # 过号率
    "attendance": (0.10, +1),  # 一日三签 on time at the window
}
STAR_CUTS = (1.0, 0.3, -0.3, -1.0)  # standard score at or above → 5, 4, 3, 2 stars; else 1
MIN_SERVED = 20  # fewer services in the period: not ranked (figures too noisy)
HONOURS = 3  # 三优 / 三差


@dataclass(frozen=True)
class WindowFigures:
    window: int
    name: str
    department: str
    served: int
    within_target_pct: float | None
    satisfaction_pct: float | None
    no_show_pct: float | None
    attendance_pct: float | None

    def metric(self, key: str) -> float | None:
        return {
            "volume": math.log1p(self.served),
            "within_target": self.within_target_pct,
            "satisfaction": self.satisfaction_pct,
            "no_show": self.no_show_pct,
            "attendance": self.attendance_pct,
        }[key]


@dataclass(frozen=True)
class Ranked:
    figures: WindowFigures
    rank: int
    z: dict[str, float]
    score: float
    standard: float
    stars: int
    label: str  # 三优 | 三差 | ""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.figures.__dict__,
            "rank": self.rank,
            "z": self.z,
            "score": self.score,
            "standard": self.standard,
            "stars": self.stars,
            "label": self.label,
        }


@dataclass(frozen=True)
class Ranking:
    ranked: list[Ranked]
    unranked: list[WindowFigures] = field(default_factory=list)
    min_served: int = MIN_SERVED

    @property
    def best(self) -> list[Ranked]:
        return [r for r in self.ranked if r.label == "三优"]

    @property
    def worst(self) -> list[Ranked]:
        return [r for r in self.ranked if r.label == "三差"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": {k: w for k, (w, _) in WEIGHTS.items()},
            "star_cuts": list(STAR_CUTS),
            "min_served": self.min_served,
            "ranked": [r.to_dict() for r in self.ranked],
            "best": [r.figures.window for r in self.best],
            "worst": [r.figures.window for r in self.worst],
            "unranked": [f.window for f in self.unranked],
        }


def zscores(values: list[float | None]) -> list[float]:
    """Population z-scores; a missing value counts as the mean (z = 0), as does no spread."""
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return [0.0] * len(values)
    mean, sd = statistics.fmean(present), statistics.pstdev(present)
    return [0.0 if v is None or sd == 0 else (v - mean) / sd for v in values]


def stars(standard: float) -> int:
    return 5 - next((i for i, cut in enumerate(STAR_CUTS) if standard >= cut), len(STAR_CUTS))


def rank_windows(figures: Iterable[WindowFigures], *, min_served: int = MIN_SERVED) -> Ranking:
    """Rank the windows with at least `min_served` services; best first."""
    everyone = list(figures)
    pool = [f for f in everyone if f.served >= min_served]
    unranked = [f for f in everyone if f.served < min_served]
    if not pool:
        return Ranking([], unranked, min_served)
    z = {
        k: [sign * v for v in zscores([f.metric(k) for f in pool])]
        for k, (_w, sign) in WEIGHTS.items()
    }
    scores = [sum(w * z[k][i] for k, (w, _) in WEIGHTS.items()) for i in range(len(pool))]
    standard = zscores(list(scores))
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], -pool[i].served, pool[i].window))
    honours = min(HONOURS, len(pool) // 2)
    ranked = []
    for rank, i in enumerate(order, start=1):
        label = "三优" if rank <= honours else ("三差" if rank > len(pool) - honours else "")
        ranked.append(
            Ranked(
                figures=pool[i],
                rank=rank,
                z={k: round(z[k][i], 3) for k in WEIGHTS},
                score=round(scores[i], 3),
                standard=round(standard[i], 3),
                stars=stars(standard[i]),
                label=label,
            )
        )
    return Ranking(ranked, unranked, min_served)


def window_figures(
    by_window: list[dict[str, Any]], attendance: Attendance, config: HallConfig
) -> list[WindowFigures]:
    """The ranking inputs of every configured window from the summary and the sign-ins."""
    rows = {r["key"]: r for r in by_window}
    depts = {d.code: d.name for d in config.departments}
    out = []
    for w in config.windows:
        row = rows.get(str(w.number), {})
        out.append(
            WindowFigures(
                window=w.number,
                name=w.name,
                department=depts.get(w.department, "综合窗口"),
                served=int(row.get("served", 0)),
                within_target_pct=row.get("within_target_pct"),
                satisfaction_pct=row.get("satisfaction_pct"),
                no_show_pct=row.get("no_show_pct"),
                attendance_pct=attendance.window_rate(w.number),
            )
        )
    return out
