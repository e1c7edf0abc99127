"""The hall day: opening hours, issue cutoff, holidays, and which day a moment belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Span = tuple[time, time]


@dataclass(frozen=True)
class Schedule:
    timezone: str
    weekly: tuple[tuple[Span, ...], ...]  # index 0 = Monday
    holidays: frozenset[date] = field(default_factory=frozenset)
    extra_workdays: frozenset[date] = field(default_factory=frozenset)
    issue_cutoff_min: int = 30

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, now: datetime) -> datetime:
        return now.astimezone(self.tz)

    def hall_day(self, now: datetime) -> date:
        """Ticket numbers restart with each local calendar day of the hall."""
        return self.local(now).date()

    def day_start(self, day: date) -> datetime:
        """Local midnight that opens the hall day `day`."""
        return datetime.combine(day, time.min, self.tz)

    def spans_on(self, day: date) -> tuple[Span, ...]:
        if day in self.holidays:
            return ()
        spans = self.weekly[day.weekday()]
        if not spans and day in self.extra_workdays:
            spans = next((s for s in self.weekly[:5] if s), ())
        return spans

    def issuing(self, now: datetime) -> bool:
        """Tickets are issued during opening spans, up to the cutoff before each closes."""
        local = self.local(now)
        cutoff = timedelta(minutes=self.issue_cutoff_min)
        for start, end in self.spans_on(local.date()):
            opens = datetime.combine(local.date(), start, self.tz)
            closes = datetime.combine(local.date(), end, self.tz)
            if opens <= local < closes - cutoff:
                return True
        return False

    def next_opening(self, now: datetime) -> datetime | None:
        """The next moment issuing starts, within the coming 30 days."""
        local = self.local(now)
        for offset in range(31):
            day = local.date() + timedelta(days=offset)
            for start, _end in self.spans_on(day):
                opens = datetime.combine(day, start, self.tz)
                if opens > local:
                    return opens
        return None
