"""预约履约: what became of the bookings of a range of hall days — made, checked in, no-shows
(爽约), cancelled — and the show-up rate (履约率), per day, department and matter.

The one computation behind `/stats/bookings`, `/stats/summary`'s and `/stats/report`'s
`bookings`, and every `hallq report` format. Pure: booking records in, figures out. The
status of each booking as of `now` is `domain.booking.booking_status`, the rule the booking
page and the desk show, so a past booking still stored `booked` counts as a no-show here
without the report writing anything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from queue_server.config import HallConfig
from queue_server.domain.booking import CANCELLED, CHECKED_IN, LATE, NO_SHOW, booking_status
from queue_server.stats import share

OTHER = "?"  # a matter no longer configured (its department unknown)
# Each figure's key with its Chinese and English label: the JSON gives both (`labels`) for a
# page in either language; the report's tables use the Chinese one as their header.
BOOKING_LABELS: dict[str, tuple[str, str]] = {
    "booked": ("预约", "bookings"),
    "checked_in": ("已签到", "checked in"),
    "late": ("其中迟到", "of which late"),
    "no_show": ("爽约", "no-shows"),
    "cancelled": ("已取消", "cancelled"),
    "pending": ("待签到", "not yet due"),
    "show_up_pct": ("履约率%", "show-up rate %"),
}
REPEAT_NO_SHOWS = 2  # people with at least this many no-shows in the period are named a count


@dataclass(frozen=True)
class BookingRecord:
    """A stored booking, as `BookingRepository.of_days` reads it."""

    matter: str
    day: date
    slot_start: datetime
    status: str  # as stored
    checked_in_late: bool  # its ticket was issued after the late window (a walk-in)
    person: str | None = None  # the keyed ID hash; None when booked without an ID


@dataclass
class BookingCounts:
    booked: int = 0  # bookings for the day(s), whatever became of them
    checked_in: int = 0  # on time or late
    late: int = 0  # of the check-ins, those after the late window
    no_show: int = 0
    cancelled: int = 0
    pending: int = 0  # not checked in, and still in time (today's later slots)

    def add(self, status: str) -> None:
        self.booked += 1
        if status in (CHECKED_IN, LATE):
            self.checked_in += 1
            self.late += status == LATE
        elif status == NO_SHOW:
            self.no_show += 1
        elif status == CANCELLED:
            self.cancelled += 1
        else:
            self.pending += 1

    @property
    def show_up_pct(self) -> float | None:
        """履约率 = checked in ÷ (checked in + no-shows); None when no booking was due."""
        return share(self.checked_in, self.checked_in + self.no_show)

    def to_dict(self) -> dict[str, Any]:
        return {
            "booked": self.booked,
            "checked_in": self.checked_in,
            "late": self.late,
            "no_show": self.no_show,
            "cancelled": self.cancelled,
            "pending": self.pending,
            "show_up_pct": self.show_up_pct,
        }


@dataclass(frozen=True)
class BookingRow:
    key: str  # ISO day, department or matter code
    name: str
    counts: BookingCounts
    department: str = ""  # a matter's department name


@dataclass(frozen=True)
class Bookings:
    total: BookingCounts
    by_day: list[BookingRow]
    by_department: list[BookingRow]
    by_matter: list[BookingRow]
    no_show_people: int = 0  # people (by ID hash) with a no-show in the period
    repeat_no_show_people: int = 0  # … with REPEAT_NO_SHOWS or more
    late_min: int = 0  # a booking not checked in by its slot + this is a no-show

    def to_dict(self) -> dict[str, Any]:
        def rows(level: str, items: list[BookingRow]) -> list[dict[str, Any]]:
            out = []
            for r in items:
                row: dict[str, Any] = {"day": r.key} if level == "day" else {"key": r.key}
                if level != "day":
                    row["name"] = r.name
                if level == "matter":
                    row["department"] = r.department
                out.append({**row, **r.counts.to_dict()})
            return out

        return {
            "total": {
                **self.total.to_dict(),
                "no_show_people": self.no_show_people,
                "repeat_no_show_people": self.repeat_no_show_people,
            },
            "by_day": rows("day", self.by_day),
            "by_department": rows("department", self.by_department),
            "by_matter": rows("matter", self.by_matter),
            "no_show_after_min": self.late_min,
            "labels": {k: {"zh": zh, "en": en} for k, (zh, en) in BOOKING_LABELS.items()},
        }


def booking_figures(
    records: Iterable[BookingRecord], config: HallConfig, *, now: datetime
) -> Bookings:
    """The figures of `records` (the bookings of the period's days) as of `now`."""
    late_min = config.hall.appointment_late_min
    dept_of = {m.code: m.department for m in config.matters}
    total = BookingCounts()
    per: dict[str, defaultdict[str, BookingCounts]] = {
        level: defaultdict(BookingCounts) for level in ("day", "department", "matter")
    }
    no_shows: Counter[str] = Counter()
    for r in records:
        status = booking_status(
            r.status,
            slot_start=r.slot_start,
            late_min=late_min,
            checked_in_late=r.checked_in_late,
            now=now,
        )
        for counts in (
            total,
            per["day"][r.day.isoformat()],
            per["department"][dept_of.get(r.matter, OTHER)],
            per["matter"][r.matter],
        ):
            counts.add(status)
        if status == NO_SHOW and r.person:
            no_shows[r.person] += 1
    return Bookings(
        total=total,
        by_day=[BookingRow(day, day, per["day"][day]) for day in sorted(per["day"])],
        by_department=_ordered(per["department"], {d.code: d.name for d in config.departments}, {}),
        by_matter=_ordered(
            per["matter"],
            {m.code: m.name for m in config.matters},
            {m.code: _dept_name(config, m.department) for m in config.matters},
        ),
        no_show_people=len(no_shows),
        repeat_no_show_people=sum(n >= REPEAT_NO_SHOWS for n in no_shows.values()),
        late_min=late_min,
    )


def _dept_name(config: HallConfig, code: str) -> str:
    return next((d.name for d in config.departments if d.code == code), code)


def _ordered(
    counts: dict[str, BookingCounts], names: dict[str, str], departments: dict[str, str]
) -> list[BookingRow]:
    """Rows with bookings, in configuration order; unknown keys (since removed) last."""
    order = {key: i for i, key in enumerate(names)}
    keys = sorted(counts, key=lambda k: (k not in order, order.get(k, 0), k))
    return [
        BookingRow(
            k,
            names.get(k, "其他（已删除事项）" if k == OTHER else k),
            counts[k],
            departments.get(k, ""),
        )
        for k in keys
    ]
