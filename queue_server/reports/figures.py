"""Pure figures of the monthly report: the department case table, the busy-hour heat map and
the 只跑一次 rate. Events and visits in, dataclasses out; no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.stats import CASE_OUTCOMES, share

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
RETURN_DAYS = 30  # 只跑一次: no second visit for the same matter within this many days


# --- 各窗口单位办件情况 (seed 000's table) ------------------------------------------------
@dataclass(frozen=True)
class DeptRow:
    code: str
    name: str
    approval: int  # 行政审批类
    service: int  # 服务类

    @property
    def total(self) -> int:
        return self.approval + self.service


@dataclass(frozen=True)
class DeptTable:
    rows: list[DeptRow]

    @property
    def approval(self) -> int:
        return sum(r.approval for r in self.rows)

    @property
    def service(self) -> int:
        return sum(r.service for r in self.rows)

    @property
    def total(self) -> int:
        return self.approval + self.service

    def to_dict(self) -> dict[str, object]:
        return {
            "rows": [
                {
                    "department": r.code,
                    "name": r.name,
                    "approval": r.approval,
                    "service": r.service,
                    "total": r.total,
                }
                for r in self.rows
            ],
            "total": {"approval": self.approval, "service": self.service, "total": self.total},
        }


class DepartmentCases:
    """办件 per department and category: completions with outcome done or accepted."""

    def __init__(self, config: HallConfig) -> None:
        self.config = config
        self.matter = {m.code: (m.department, m.category) for m in config.matters}
        self.counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, ev: Event) -> None:
        if ev.type != "ticket.completed" or ev.data.get("outcome", "done") not in CASE_OUTCOMES:
            return
        dept, category = self.matter.get(ev.matter or "", ("?", "service"))
        self.counts[dept][0 if category == "approval" else 1] += 1

    def result(self) -> DeptTable:
        """Every configured department in configuration order (暂无业务 ones with zeros)."""
        rows = [
            DeptRow(d.code, d.name, *self.counts.get(d.code, (0, 0)))
            for d in self.config.departments
        ]
        if "?" in self.counts:  # matters no longer in the configuration
            rows.append(DeptRow("?", "其他（已删除事项）", *self.counts["?"]))
        return DeptTable(rows)


# --- busy hours ---------------------------------------------------------------------------
@dataclass(frozen=True)
class HeatMap:
    counts: list[list[int]]  # [weekday 0=Mon][hour 0..23] tickets issued
    days: list[int]  # per weekday: days of that weekday on which tickets were issued
    daily: dict[str, dict[str, int]]  # ISO day → issued / served / no_show

    def average(self, weekday: int, hour: int) -> float:
        """Tickets issued in that hour on an average day of that weekday."""
        days = self.days[weekday]
        return round(self.counts[weekday][hour] / days, 1) if days else 0.0

    def hours(self) -> list[int]:
        """The hours with any ticket, from the first to the last."""
        used = [h for h in range(24) if any(row[h] for row in self.counts)]
        return list(range(used[0], used[-1] + 1)) if used else []

    def busiest(self, n: int = 3) -> list[tuple[int, int, float]]:
        """The `n` busiest (weekday, hour, average tickets) cells."""
        cells = [(self.average(d, h), d, h) for d in range(7) for h in range(24)]
        top = sorted((c for c in cells if c[0] > 0), key=lambda c: (-c[0], c[1], c[2]))[:n]
        return [(d, h, avg) for avg, d, h in top]

    def to_dict(self) -> dict[str, object]:
        return {
            "weekdays": list(WEEKDAYS_ZH),
            "hours": self.hours(),
            "counts": self.counts,
            "days": self.days,
            "average": [[self.average(d, h) for h in range(24)] for d in range(7)],
            "busiest": [
                {"weekday": d, "weekday_name": WEEKDAYS_ZH[d], "hour": h, "average": avg}
                for d, h, avg in self.busiest()
            ],
            "daily": self.daily,
        }


class BusyHours:
    """Tickets issued by local weekday and hour, and issued / served / no-show per day."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.counts = [[0] * 24 for _ in range(7)]
        self.daily: defaultdict[date, dict[str, int]] = defaultdict(
            lambda: {"issued": 0, "served": 0, "no_show": 0}
        )

    def add(self, ev: Event) -> None:
        key = {
            "ticket.issued": "issued",
            "ticket.completed": "served",
            "ticket.no_show": "no_show",
        }.get(ev.type)
        if key is None:
            return
        local = ev.at.astimezone(self.tz)
        self.daily[local.date()][key] += 1
        if key == "issued":
            self.counts[local.weekday()][local.hour] += 1

    def result(self) -> HeatMap:
        days = [0] * 7
        for day, figures in self.daily.items():
            if figures["issued"]:
                days[day.weekday()] += 1
        daily = {d.isoformat(): dict(v) for d, v in sorted(self.daily.items())}
        return HeatMap([row[:] for row in self.counts], days, daily)


# --- 只跑一次 --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Visit:
    """A real-name ticket: who (keyed ID hash), for which matter, when."""

    id_hash: str
    matter: str
    at: datetime


@dataclass(frozen=True)
class RunOnce:
    episodes: int  # citizen × matter first visits in the range
    returned: int  # of those, how many came back for the same matter within RETURN_DAYS
    by_department: dict[str, tuple[int, int]] = field(default_factory=dict)
    provisional: bool = False  # the RETURN_DAYS after the range are not all in the log yet

    @property
    def once(self) -> int:
        return self.episodes - self.returned

    @property
    def rate_pct(self) -> float | None:
        return share(self.once, self.episodes)

    def to_dict(self) -> dict[str, object]:
        return {
            "episodes": self.episodes,
            "returned": self.returned,
            "once": self.once,
            "rate_pct": self.rate_pct,
            "provisional": self.provisional,
            "return_days": RETURN_DAYS,
            "by_department": {
                d: {"episodes": e, "returned": r, "rate_pct": share(e - r, e)}
                for d, (e, r) in self.by_department.items()
            },
        }


def run_once(
    visits: Iterable[Visit],
    *,
    start: datetime,
    end: datetime,
    department_of: dict[str, str] | None = None,
    observed_until: datetime | None = None,
) -> RunOnce:
    """只跑一次: share of real-name citizens who did not come back for the same matter.

    Per (ID hash, matter) the visits form episodes: a visit opens an episode unless it falls
    within RETURN_DAYS of the start of the previous one, in which case it is a return. The
    episodes that open in [start, end) are counted; those with a return did not "run once".
    Pass visits from RETURN_DAYS before `start` to RETURN_DAYS after `end`.
    """
    window = timedelta(days=RETURN_DAYS)
    by_pair: defaultdict[tuple[str, str], list[datetime]] = defaultdict(list)
    for v in visits:
        by_pair[(v.id_hash, v.matter)].append(v.at)
    episodes = returned = 0
    per_dept: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (_who, matter), times in by_pair.items():
        dept = (department_of or {}).get(matter, "?")
        for opened, came_back in _episodes(times, window):
            if start <= opened < end:
                episodes += 1
                returned += came_back
                per_dept[dept][0] += 1
                per_dept[dept][1] += came_back
    provisional = observed_until is not None and observed_until < end + window
    return RunOnce(
        episodes,
        returned,
        {d: (e, r) for d, (e, r) in sorted(per_dept.items())},
        provisional,
    )


def _episodes(times: list[datetime], window: timedelta) -> list[tuple[datetime, bool]]:
    """(start, came back) per episode: a visit within `window` of a start is a return."""
    out: list[tuple[datetime, bool]] = []
    for at in sorted(times):
        if out and at <= out[-1][0] + window:
            out[-1] = (out[-1][0], True)
        else:
            out.append((at, False))
    return out
