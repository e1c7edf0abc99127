"""Statistics computed from the event log (one source of truth), per window/department/matter.

Pure computation: events in, plain dicts out. `Summary` takes events one at a time, so a long
range can be streamed day by day; `summarize` is the one-shot form.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.domain.model import GREEN_CATEGORIES

SATISFIED = (4, 5)  # 满意, 非常满意 → 满意率
GOOD = (3, 4, 5)  # not 差评 (不满意, 非常不满意) → 好评率
RATING_LEVELS = (5, 4, 3, 2, 1)
RATING_NAMES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
OUTCOMES = ("done", "accepted", "needs_more", "rejected", "consulted")
CASE_OUTCOMES = frozenset({"done", "accepted"})  # 办件: finished on the spot or accepted
# 绿色通道: who a green ticket was for (`ticket.issued` data `green_category`). Older events, and
# green tickets issued without one, count as "unspecified" (未注明).
UNSPECIFIED = "unspecified"
GREEN_CATEGORY_NAMES = {
    "elderly": "老年人",
    "disabled": "残疾人",
    "pregnant": "孕妇",
    "military": "军人",
    "other": "其他",
    UNSPECIFIED: "未注明",
}
GREEN_KEYS = (*GREEN_CATEGORIES, UNSPECIFIED)  # the `green_…` columns, in this order
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
    # added with the monthly reports; older readers keep the columns above
    "called",
    "no_show_pct",
    "cases",
    *OUTCOMES,
    "onsite_pct",
    "good_pct",
    *(f"rating_{r}" for r in RATING_LEVELS),
    "cancelled",  # 作废 by the guide desk (still counted in `issued`)
    # added with the green-channel report; each counts tickets issued, as `issued` does
    "green",
    "appointment",
    *(f"green_{c}" for c in GREEN_KEYS),
)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile on the sorted values (p50 of [1, 2, 3, 4] is 3), 1 decimal."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return round(ordered[k], 1)


def share(part: int, whole: int) -> float | None:
    """`part / whole` in percent with one decimal; None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


def green_category(data: dict[str, Any]) -> str | None:
    """The category of a `ticket.issued` event's green ticket; None for a normal ticket."""
    if data.get("priority") != "green":
        return None
    category = data.get("green_category")
    if not category:
        return UNSPECIFIED
    # A category this version does not know was still noted at issue: 其他, not 未注明.
    return category if category in GREEN_CATEGORIES else "other"


@dataclass
class _Acc:
    issued: int = 0
    called: int = 0
    served: int = 0
    no_show: int = 0
    transferred: int = 0
    cancelled: int = 0
    green_by: Counter[str] = field(default_factory=Counter)  # green tickets per category
    appointment: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    ratings: Counter[int] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    onsite: int = 0  # immediate matters done at the first call
    onsite_base: int = 0  # immediate matters completed (consultations excluded)

    def row(self, level: str, key: str, name: str, target_min: float) -> dict[str, Any]:
        waits = [w / 60 for w in self.waits]
        rated = sum(self.ratings.values())
        row: dict[str, Any] = {
            "level": level,
            "key": key,
            "name": name,
            "issued": self.issued,
            "served": self.served,
            "no_show": self.no_show,
            "transferred": self.transferred,
            "wait_p50_min": percentile(waits, 50),
            "wait_p90_min": percentile(waits, 90),
            "wait_max_min": round(max(waits), 1) if waits else None,
            "service_p50_min": percentile([s / 60 for s in self.services], 50),
            "within_target_pct": share(sum(w <= target_min for w in waits), len(waits)),
            "ratings": rated,
            "rating_avg": (round(statistics.fmean(self.ratings.elements()), 2) if rated else None),
            "satisfaction_pct": share(sum(self.ratings[r] for r in SATISFIED), rated),
            "called": self.called,
            "no_show_pct": share(self.no_show, self.called),
            "cases": sum(self.outcomes[o] for o in CASE_OUTCOMES),
        }
        row.update({o: self.outcomes[o] for o in OUTCOMES})
        row["onsite_pct"] = share(self.onsite, self.onsite_base)
        row["good_pct"] = share(sum(self.ratings[r] for r in GOOD), rated)
        row.update({f"rating_{r}": self.ratings[r] for r in RATING_LEVELS})
        row["cancelled"] = self.cancelled
        row["green"] = self.green_by.total()
        row["appointment"] = self.appointment
        row.update({f"green_{c}": self.green_by[c] for c in GREEN_KEYS})
        return row


class Summary:
    """Accumulates events into per window / department / matter figures and a total."""

    LEVELS = ("window", "department", "matter")

    def __init__(self, config: HallConfig) -> None:
        self.config = config
        self.dept_of = {m.code: m.department for m in config.matters}
        self.kind_of = {m.code: m.kind for m in config.matters}
        self.by: dict[str, defaultdict[str, _Acc]] = {lv: defaultdict(_Acc) for lv in self.LEVELS}
        self.total = _Acc()
        self._first_called: set[str] = set()

    def _accs(self, ev: Event, matter: str | None = None) -> list[_Acc]:
        """The total, and the rows of the event's window and of `matter` (default: the
        event's) and its department."""
        out = [self.total]
        matter = matter or ev.matter
        if matter:
            out.append(self.by["matter"][matter])
            out.append(self.by["department"][self.dept_of.get(matter, "?")])
        if ev.window is not None:
            out.append(self.by["window"][str(ev.window)])
        return out

    def add(self, ev: Event) -> None:
        """Count one event of the log (events of other types are ignored)."""
        kind = ev.type
        if kind == "ticket.issued":
            green = green_category(ev.data)
            appointment = bool(ev.data.get("appointment"))
            for a in self._accs(ev):
                a.issued += 1
                a.appointment += appointment
                if green is not None:
                    a.green_by[green] += 1
        elif kind == "ticket.called":
            token = ev.token or f"#{ev.seq}"
            if token in self._first_called:
                return  # a re-call after a transfer or re-queue is not a new wait
            self._first_called.add(token)
            for a in self._accs(ev):
                a.called += 1
                a.waits.append(float(ev.data.get("wait_s", 0)))
        elif kind == "ticket.completed":
            self._completed(ev)
        elif kind == "ticket.no_show":
            for a in self._accs(ev):
                a.no_show += 1
        elif kind == "ticket.transferred":
            # 转出: the event's `matter` is where the ticket went; it left `from_matter` (the
            # same matter for a transfer to another window), at the event's window.
            for a in self._accs(ev, str(ev.data.get("from_matter") or "") or None):
                a.transferred += 1
        elif kind == "ticket.cancelled":
            for a in self._accs(ev):
                a.cancelled += 1
        elif kind == "ticket.evaluated":
            rating = int(ev.data.get("rating", 0))
            if 1 <= rating <= 5:
                for a in self._accs(ev):
                    a.ratings[rating] += 1

    def _completed(self, ev: Event) -> None:
        outcome = str(ev.data.get("outcome", "done"))
        immediate = self.kind_of.get(ev.matter or "") == "immediate"
        counted = immediate and outcome != "consulted"
        onsite = counted and outcome == "done" and bool(ev.data.get("first_call"))
        for a in self._accs(ev):
            a.served += 1
            a.services.append(float(ev.data.get("service_s", 0)))
            a.outcomes[outcome] += 1
            a.onsite_base += counted
            a.onsite += onsite

    def result(self) -> dict[str, Any]:
        """`total` plus `by_window`, `by_department`, `by_matter` rows (COLUMNS)."""
        target = self.config.hall.target_wait_min
        names = {
            "window": {str(w.number): w.name for w in self.config.windows},
            "department": {d.code: d.name for d in self.config.departments},
            "matter": {m.code: m.name for m in self.config.matters},
        }
        result: dict[str, Any] = {"total": self.total.row("total", "", "合计", target)}
        for level, table in self.by.items():
            order = {key: i for i, key in enumerate(names[level])}  # configuration order
            result[f"by_{level}"] = [
                acc.row(level, key, names[level].get(key, key), target)
                for key, acc in sorted(table.items(), key=lambda kv: _sort(kv[0], order))
            ]
        return result


def summarize(events: Iterable[Event], config: HallConfig) -> dict[str, Any]:
    """Per window, department and matter: issued (green, appointment), served, no-show,
    waits, service, ratings."""
    acc = Summary(config)
    for ev in events:
        acc.add(ev)
    return acc.result()


def _sort(key: str, order: dict[str, int]) -> tuple[int, int, str]:
    """Configured keys in configuration order, then unknown ones (numbers numerically)."""
    if key in order:
        return (0, order[key], "")
    return (1, int(key), "") if key.isdigit() else (1, 0, key)


def to_csv(summary: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for level in ("window", "department", "matter"):
        writer.writerows(summary[f"by_{level}"])
    writer.writerow(summary["total"])
    return out.getvalue()
