"""Statistics computed from the event log (one source of truth), per window/department/matter."""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from queue_server.config import HallConfig
from queue_server.domain.events import Event

SATISFIED = (4, 5)  # 满意, 非常满意
COLUMNS = (
    "level",
    "key",
    "name",
    "issued",
    "served",
    "no_show",
    "transferred",
    "wait_p50_min",
    "wait_p90_min",
    "wait_max_min",
    "service_p50_min",
    "within_target_pct",
    "ratings",
    "rating_avg",
    "satisfaction_pct",
)


@dataclass
class _Acc:
    issued: int = 0
    served: int = 0
    no_show: int = 0
    transferred: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)

    def row(self, level: str, key: str, name: str, target_min: float) -> dict[str, Any]:
        waits = [w / 60 for w in self.waits]
        return {
            "level": level,
            "key": key,
            "name": name,
            "issued": self.issued,
            "served": self.served,
            "no_show": self.no_show,
            "transferred": self.transferred,
            "wait_p50_min": _pct(waits, 50),
            "wait_p90_min": _pct(waits, 90),
            "wait_max_min": round(max(waits), 1) if waits else None,
            "service_p50_min": _pct([s / 60 for s in self.services], 50),
            "within_target_pct": (
                round(100 * sum(w <= target_min for w in waits) / len(waits), 1) if waits else None
            ),
            "ratings": len(self.ratings),
            "rating_avg": round(statistics.fmean(self.ratings), 2) if self.ratings else None,
            "satisfaction_pct": (
                round(100 * sum(r in SATISFIED for r in self.ratings) / len(self.ratings), 1)
                if self.ratings
                else None
            ),
        }


def _pct(values: list[float], p: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return round(ordered[k], 1)


def summarize(events: Iterable[Event], config: HallConfig) -> dict[str, Any]:
    """Per window, department and matter: issued, served, no-show, waits, service, ratings."""
    dept_of = {m.code: m.department for m in config.matters}
    by: dict[str, dict[str, _Acc]] = {
        "window": defaultdict(_Acc),
        "department": defaultdict(_Acc),
        "matter": defaultdict(_Acc),
    }
    total = _Acc()
    first_called: set[str] = set()

    def accs(ev: Event) -> list[_Acc]:
        out = [total]
        if ev.matter:
            out += [by["matter"][ev.matter], by["department"][dept_of.get(ev.matter, "?")]]
        if ev.window is not None:
            out.append(by["window"][str(ev.window)])
        return out

    for ev in events:
        if ev.type == "ticket.issued":
            for a in accs(ev):
                a.issued += 1
        elif ev.type == "ticket.called" and ev.token not in first_called:
            first_called.add(ev.token or "")
            for a in accs(ev):
                a.waits.append(float(ev.data.get("wait_s", 0)))
        elif ev.type == "ticket.completed":
            for a in accs(ev):
                a.served += 1
                a.services.append(float(ev.data.get("service_s", 0)))
        elif ev.type == "ticket.no_show":
            for a in accs(ev):
                a.no_show += 1
        elif ev.type == "ticket.transferred":
            for a in accs(ev):
                a.transferred += 1
        elif ev.type == "ticket.evaluated":
            for a in accs(ev):
                a.ratings.append(int(ev.data.get("rating", 0)))
    target = config.hall.target_wait_min
    names = {
        "window": {str(w.number): w.name for w in config.windows},
        "department": {d.code: d.name for d in config.departments},
        "matter": {m.code: m.name for m in config.matters},
    }
    result: dict[str, Any] = {"total": total.row("total", "", "合计", target)}
    for level, table in by.items():
        result[f"by_{level}"] = [
            acc.row(level, key, names[level].get(key, key), target)
            for key, acc in sorted(table.items(), key=lambda kv: _sort(kv[0]))
        ]
    return result


def _sort(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (0, key)


def to_csv(summary: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for level in ("window", "department", "matter"):
        writer.writerows(summary[f"by_{level}"])
    writer.writerow(summary["total"])
    return out.getvalue()
