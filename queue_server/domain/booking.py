"""预约: what became of a booking, as of a moment. One rule for the booking page, the desk
and the statistics.

A booking is stored `booked`, `checked_in`, `cancelled` or `no_show` (past days' `booked`
rows are swept to `no_show` only when someone books: until then they stay `booked`). As of
`now`, a `booked` row whose slot + the late window has passed is a no-show (爽约), and a
check-in after that window (the ticket was issued as a walk-in) is `late`. Also the hall
day's bookable slots, which the booking service and the generated month both use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from queue_server.domain.schedule import Schedule

BOOKED = "booked"  # not checked in yet, and still in time
CHECKED_IN = "checked_in"
LATE = "late"  # checked in after the late window: served as a walk-in
NO_SHOW = "no_show"  # 爽约
CANCELLED = "cancelled"
STATUSES = (BOOKED, CHECKED_IN, LATE, NO_SHOW, CANCELLED)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud without doubt
CODE_LENGTH = 6


def booking_status(
    stored: str, *, slot_start: datetime, late_min: int, checked_in_late: bool, now: datetime
) -> str:
    """The status of a stored booking at `now` (never written back: a read-time rule).

    `checked_in_late`: its ticket was issued past the late window (no appointment time)."""
    if stored == CHECKED_IN and checked_in_late:
        return LATE
    if stored == BOOKED and now > slot_start + timedelta(minutes=late_min):
        return NO_SHOW
    return stored


def slot_starts(schedule: Schedule, day: date, *, minutes: int) -> list[datetime]:
    """Slot starts (UTC) of a hall day: whole slots inside each span, ending by the cutoff."""
    step = timedelta(minutes=minutes)
    cutoff = timedelta(minutes=schedule.issue_cutoff_min)
    out: list[datetime] = []
    for start, end in schedule.spans_on(day):
        at = datetime.combine(day, start, schedule.tz)
        last_end = datetime.combine(day, end, schedule.tz) - cutoff
        while at + step <= last_end:
            out.append(at.astimezone(UTC))
            at += step
    return out
