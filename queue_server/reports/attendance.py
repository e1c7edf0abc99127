"""一日三签: staff sign-ins per day against the expected signs, late and missing ones.

The signs of a hall day follow its opening spans: one at the start of each span and one at
closing (签退). For the usual two-span day (08:30–12:00, 13:30–17:30) those are the three
signs 上午签到, 午间签到 and 下午签退. See docs/REPORTS.md for the exact windows.

A slot is judged only once it can be: when a sign falls inside it, or when it has closed. Until
then (today's report, before the slot's interval has passed) it is pending: neither expected
nor missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.domain.schedule import Schedule
from queue_server.stats import share

EARLIEST_MIN = 120  # the first sign counts from two hours before opening
END_LEAD_MIN = 30  # 签退 counts from 30 minutes before closing …
END_LAG_MIN = 240  # … to four hours after (延时服务)
LATE_GRACE_MIN = 0  # a start sign after the span opens (plus this) is late
ON_TIME, LATE, MISSING, PENDING = "on_time", "late", "missing", "pending"
MARK_ZH = {ON_TIME: "正常", LATE: "迟到", MISSING: "缺签", PENDING: "未到时"}


@dataclass(frozen=True)
class Slot:
    name: str
    opens: datetime
    closes: datetime  # signs in [opens, closes) belong to this slot
    due: datetime | None  # later than this is late; None: the closing sign is never late


@dataclass(frozen=True)
class SignIn:
    staff: str
    window: int | None
    at: datetime
    ab_role: str = ""


@dataclass(frozen=True)
class StaffDay:
    staff: str
    day: date
    windows: tuple[int, ...]
    marks: tuple[str, ...]  # per slot: on_time | late | missing | pending (not yet judged)
    times: tuple[str | None, ...]  # per slot: local HH:MM of the sign that counted

    def count(self, mark: str) -> int:
        return self.marks.count(mark)

    @property
    def judged(self) -> int:
        """Slots judged so far: every slot but the pending ones."""
        return len(self.marks) - self.count(PENDING)


@dataclass(frozen=True)
class StaffAttendance:
    staff: str
    name: str
    days: int
    expected: int
    on_time: int
    late: int
    missing: int
    full_days: int  # days with every sign on time

    @property
    def rate_pct(self) -> float | None:
        return share(self.on_time, self.expected)


@dataclass(frozen=True)
class Attendance:
    slot_names: tuple[str, ...]
    days: list[date]  # hall days (open) in the range
    staff: list[StaffAttendance]
    records: list[StaffDay]
    windows: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # exp, on time, late

    def window_rate(self, number: int) -> float | None:
        expected, on_time, _late = self.windows.get(number, (0, 0, 0))
        return share(on_time, expected)

    def to_dict(self) -> dict[str, object]:
        return {
            "slots": list(self.slot_names),
            "days": [d.isoformat() for d in self.days],
            "staff": [{**s.__dict__, "rate_pct": s.rate_pct} for s in self.staff],
            "records": [
                {
                    "staff": r.staff,
                    "day": r.day.isoformat(),
                    "windows": list(r.windows),
                    "marks": list(r.marks),
                    "times": list(r.times),
                }
                for r in self.records
            ],
            "windows": {
                str(n): {"expected": e, "on_time": o, "late": lt, "rate_pct": share(o, e)}
                for n, (e, o, lt) in sorted(self.windows.items())
            },
        }


def day_slots(day: date, schedule: Schedule) -> list[Slot]:
    """The sign slots of a hall day in local time; none when the hall is closed."""
    tz = schedule.tz
    spans = [
        (datetime.combine(day, a, tz), datetime.combine(day, b, tz))
        for a, b in schedule.spans_on(day)
    ]
    if not spans:
        return []
    lead = timedelta(minutes=END_LEAD_MIN)
    grace = timedelta(minutes=LATE_GRACE_MIN)
    slots = []
    for k, (start, end) in enumerate(spans):
        opens = start - timedelta(minutes=EARLIEST_MIN) if k == 0 else spans[k - 1][1]
        closes = end if k < len(spans) - 1 else max(end - lead, start + grace)
        name = "上午签到" if k == 0 else ("午间签到" if len(spans) == 2 else f"第{k + 1}时段签到")
        slots.append(Slot(name, opens, closes, start + grace))
    close = spans[-1][1]
    slots.append(Slot("下午签退", close - lead, close + timedelta(minutes=END_LAG_MIN), None))
    return slots


def mark(
    slot: Slot, signs: list[datetime], now: datetime | None = None
) -> tuple[str, datetime | None]:
    """The earliest sign inside the slot decides: on time, late, or missing, or pending while
    the slot is still open at `now` (None: every slot has passed)."""
    inside = [s for s in signs if slot.opens <= s < slot.closes]
    if not inside:
        return (PENDING if now is not None and now < slot.closes else MISSING), None
    first = min(inside)
    return (LATE if slot.due is not None and first > slot.due else ON_TIME), first


def signin_of(ev: Event) -> SignIn | None:
    """A `staff.signed_in` event as a sign-in (actor `staff:ID`)."""
    if ev.type != "staff.signed_in" or not ev.actor.startswith("staff:"):
        return None
    return SignIn(
        ev.actor.removeprefix("staff:"), ev.window, ev.at, str(ev.data.get("ab_role", ""))
    )


def attendance(
    signins: Iterable[SignIn],
    config: HallConfig,
    schedule: Schedule,
    *,
    start: date,
    end: date,
    now: datetime | None = None,
) -> Attendance:
    """Per staff and day the signs made against the slots, for the hall days start..end.

    Expected every hall day: each window's A-role staff member, and anyone (staff or desk)
    who signed in that day (a B role covering). Each window is expected to have its slots
    signed by whoever works there. As of `now` (None: after every slot): signs after it are
    not read, slots still open at it are pending, not missing, and a staff member's day with
    nothing judged yet gets no record. A lead's (首席代表) sign-in without a window opens the
    follow-ups page, it is no 签到, and is not read; at a window it counts as anyone's.
    """
    roles = {s.id: s.role for s in config.staff}
    names = {s.id: s.name for s in config.staff}
    regulars = {w.staff_a for w in config.windows if w.staff_a and roles.get(w.staff_a) != "admin"}
    by_day: defaultdict[date, list[SignIn]] = defaultdict(list)
    for s in signins:
        if s.window is None and roles.get(s.staff) == "lead":
            continue
        if now is None or s.at <= now:  # as of `now`: a later sign has not happened yet
            by_day[schedule.local(s.at).date()].append(s)
    days: list[date] = []
    records: list[StaffDay] = []
    windows: dict[int, list[int]] = {w.number: [0, 0, 0] for w in config.windows}
    day = start
    while day <= end:
        slots = day_slots(day, schedule)
        if slots:
            days.append(day)
            today = by_day.get(day, [])
            present = {s.staff for s in today if roles.get(s.staff, "staff") != "admin"}
            for person in sorted(regulars | present):
                mine = [s for s in today if s.staff == person]
                record = _staff_day(person, day, slots, mine, now)
                if record.judged:
                    records.append(record)
            for number, acc in windows.items():
                signs = [schedule.local(s.at) for s in today if s.window == number]
                marks = [mark(slot, signs, now)[0] for slot in slots]
                acc[0] += len(marks) - marks.count(PENDING)
                acc[1] += marks.count(ON_TIME)
                acc[2] += marks.count(LATE)
        day += timedelta(days=1)
    slot_names = tuple(s.name for s in day_slots(days[0], schedule)) if days else ()
    per_window = {n: (e, o, lt) for n, (e, o, lt) in windows.items()}
    return Attendance(slot_names, days, _per_staff(records, names), records, per_window)


def _per_staff(records: list[StaffDay], names: dict[str, str]) -> list[StaffAttendance]:
    by_staff: defaultdict[str, list[StaffDay]] = defaultdict(list)
    for r in records:
        by_staff[r.staff].append(r)
    return [
        StaffAttendance(
            staff=sid,
            name=names.get(sid, sid),
            days=len(rs),
            expected=sum(r.judged for r in rs),
            on_time=sum(r.count(ON_TIME) for r in rs),
            late=sum(r.count(LATE) for r in rs),
            missing=sum(r.count(MISSING) for r in rs),
            full_days=sum(1 for r in rs if r.count(ON_TIME) == len(r.marks)),  # none pending
        )
        for sid, rs in sorted(by_staff.items())
    ]


def _staff_day(
    staff: str, day: date, slots: list[Slot], mine: list[SignIn], now: datetime | None
) -> StaffDay:
    tz = slots[0].opens.tzinfo
    signs = [s.at.astimezone(tz) for s in mine]
    marked = [mark(slot, signs, now) for slot in slots]
    return StaffDay(
        staff=staff,
        day=day,
        windows=tuple(sorted({s.window for s in mine if s.window is not None})),
        marks=tuple(m for m, _ in marked),
        times=tuple(at.strftime("%H:%M") if at else None for _, at in marked),
    )
