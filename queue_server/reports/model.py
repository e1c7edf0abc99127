"""The report of a range of hall days: every figure, built from the event log in one pass.

`ReportBuilder` takes events one at a time (so a long range streams day by day) and, with the
real-name visits for 只跑一次, makes a `Report`. Pure: no database, no files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.domain.schedule import Schedule
from queue_server.reports.attendance import Attendance, SignIn, attendance, signin_of
from queue_server.reports.bookings import BookingRecord, Bookings, booking_figures
from queue_server.reports.figures import (
    RETURN_DAYS,
    BusyHours,
    DepartmentCases,
    DeptTable,
    HeatMap,
    RunOnce,
    Visit,
    run_once,
)
from queue_server.reports.ranking import MIN_SERVED, Ranking, rank_windows, window_figures
from queue_server.stats import Summary


def hall_schedule(config: HallConfig) -> Schedule:
    """The hall's opening days and hours, as `queue_server.hall.Hall.schedule` builds them."""
    h = config.hall
    return Schedule(
        timezone=h.timezone,
        weekly=tuple(tuple(h.spans(d)) for d in range(7)),
        holidays=frozenset(h.holidays),
        extra_workdays=frozenset(h.extra_workdays),
        issue_cutoff_min=h.issue_cutoff_min,
    )


class PeriodNotBegun(ValueError):
    """The period asked for starts after the hall's today: there is nothing to report yet."""

    def __init__(self, period: Period, today: date) -> None:
        super().__init__(
            f"{period.label} has not begun: the hall's today is {today.isoformat()} "
            f"/ 统计期间{period.label}尚未开始（大厅今日为{today.isoformat()}）"
        )


@dataclass(frozen=True)
class Period:
    """Hall days `start`..`end` inclusive, in the hall's time zone.

    `asked_end` is set when the period asked for ran past the hall's today and was cut there
    (`until`): the report then runs "to date" (截至今日), and its label says so."""

    start: date
    end: date
    asked_end: date | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    def until(self, today: date) -> Period:
        """The period cut at the hall's `today`: days that have not come are not counted (nor
        their signs missing). Raises `PeriodNotBegun` when it starts after `today`."""
        if self.start > today:
            raise PeriodNotBegun(self, today)
        if self.end <= today:
            return self
        return Period(self.start, today, self.asked_end or self.end)

    @property
    def to_date(self) -> bool:
        """Cut at the hall's today (the period asked for has not ended)."""
        return self.asked_end is not None

    def bounds(self, schedule: Schedule) -> tuple[datetime, datetime]:
        """[local midnight of start, local midnight after end) as aware datetimes."""
        return schedule.day_start(self.start), schedule.day_start(self.end + timedelta(days=1))

    def visit_bounds(self, schedule: Schedule) -> tuple[datetime, datetime]:
        """The wider range of real-name visits that 只跑一次 needs."""
        start, end = self.bounds(schedule)
        return start - timedelta(days=RETURN_DAYS), end + timedelta(days=RETURN_DAYS)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    @property
    def label(self) -> str:
        """E.g. 2026年10月, or 2026-10-09 至 2026-10-15; a period cut at today adds it:
        2026年12月（截至2026-12-02）."""
        s, e = self.start, self.asked_end or self.end
        last = date(e.year + e.month // 12, e.month % 12 + 1, 1) - timedelta(days=1)
        if s.day == 1 and (s.year, s.month) == (e.year, e.month) and e == last:
            asked = f"{s.year}年{s.month}月"
        else:
            asked = f"{s.isoformat()} 至 {e.isoformat()}"
        return f"{asked}（截至{self.end.isoformat()}）" if self.to_date else asked


@dataclass(frozen=True)
class Report:
    hall: str
    timezone: str
    period: Period
    target_wait_min: int
    open_days: int
    summary: dict[str, Any]
    departments: DeptTable
    heatmap: HeatMap
    attendance: Attendance
    ranking: Ranking
    run_once: RunOnce
    bookings: Bookings
    generated_at: datetime
    events: int = 0  # events read

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def total(self) -> dict[str, Any]:
        return dict(self.summary["total"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "hall": self.hall,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "to_date": self.period.to_date,
            "asked_to": (self.period.asked_end or self.period.end).isoformat(),
            "target_wait_min": self.target_wait_min,
            "open_days": self.open_days,
            "generated_at": self.generated_at.isoformat(),
            "summary": self.summary,
            "departments": self.departments.to_dict(),
            "heatmap": self.heatmap.to_dict(),
            "attendance": self.attendance.to_dict(),
            "ranking": self.ranking.to_dict(),
            "run_once": self.run_once.to_dict(),
            "bookings": self.bookings.to_dict(),
        }


class ReportBuilder:
    """Feed the period's events with `add`, then `finish` with the real-name visits."""

    def __init__(self, config: HallConfig, period: Period, *, min_served: int = MIN_SERVED):
        self.config = config
        self.period = period
        self.schedule = hall_schedule(config)
        self.min_served = min_served
        self.summary = Summary(config)
        self.departments = DepartmentCases(config)
        self.busy = BusyHours(self.schedule.tz)
        self.signins: list[SignIn] = []
        self.events = 0

    def add(self, ev: Event) -> None:
        self.events += 1
        self.summary.add(ev)
        self.departments.add(ev)
        self.busy.add(ev)
        signin = signin_of(ev)
        if signin is not None:
            self.signins.append(signin)

    def add_all(self, events: Iterable[Event]) -> ReportBuilder:
        for ev in events:
            self.add(ev)
        return self

    def finish(
        self,
        visits: Iterable[Visit] = (),
        *,
        now: datetime,
        bookings: Iterable[BookingRecord] = (),
    ) -> Report:
        """The report as of `now`: the period is cut at the hall's today, and sign slots that
        have not passed by `now` are pending, not missing; so are bookings still in time."""
        summary = self.summary.result()
        sched = self.schedule
        period = self.period.until(sched.hall_day(now))
        att = attendance(
            self.signins, self.config, sched, start=period.start, end=period.end, now=now
        )
        figures = window_figures(summary["by_window"], att, self.config)
        start, end = period.bounds(sched)
        once = run_once(
            visits,
            start=start,
            end=end,
            department_of={m.code: m.department for m in self.config.matters},
            observed_until=now,
        )
        return Report(
            hall=self.config.hall.name,
            timezone=self.config.hall.timezone,
            period=period,
            target_wait_min=self.config.hall.target_wait_min,
            open_days=len(att.days),
            summary=summary,
            departments=self.departments.result(),
            heatmap=self.busy.result(),
            attendance=att,
            ranking=rank_windows(figures, min_served=self.min_served),
            run_once=once,
            bookings=booking_figures(
                (b for b in bookings if period.start <= b.day <= period.end), self.config, now=now
            ),
            generated_at=now,
            events=self.events,
        )
