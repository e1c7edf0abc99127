"""预约履约 figures from booking records: the read-time no-show rule and the rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from queue_server.config import HallConfig
from queue_server.reports.booking_sections import booking_sections
from queue_server.reports.bookings import BookingRecord, booking_figures

MONDAY = date(2026, 11, 23)
SLOT = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in the hall; the mini hall's grace: 15


def _record(
    status: str, *, matter: str = "yyzz", late: bool = False, person: str | None = None
) -> BookingRecord:
    return BookingRecord(matter, MONDAY, SLOT, status, late, person)


def test_a_booking_not_checked_in_is_a_no_show_only_once_its_grace_has_passed(
    mini_config: HallConfig,
) -> None:
    records = [_record("booked", person="p1")]
    grace_end = SLOT + timedelta(minutes=15)
    pending = booking_figures(records, mini_config, now=grace_end).total
    assert (pending.pending, pending.no_show, pending.show_up_pct) == (1, 0, None)
    gone = booking_figures(records, mini_config, now=grace_end + timedelta(seconds=1))
    assert (gone.total.pending, gone.total.no_show, gone.total.show_up_pct) == (0, 1, 0.0)
    assert gone.no_show_people == 1 and gone.repeat_no_show_people == 0


def test_stored_outcomes_late_check_ins_and_removed_matters(mini_config: HallConfig) -> None:
    records = [
        _record("checked_in"),
        _record("checked_in", late=True),
        _record("no_show", person="p1"),  # swept by a later booking
        _record("booked", person="p1"),  # not swept yet: the same person's second no-show
        _record("booked"),  # no ID: a no-show, but not a person counted
        _record("cancelled", matter="gone"),  # a matter no longer configured
    ]
    b = booking_figures(records, mini_config, now=SLOT + timedelta(hours=2))
    assert b.total.to_dict() == {
        "booked": 6,
        "checked_in": 2,
        "late": 1,
        "no_show": 3,
        "cancelled": 1,
        "pending": 0,
        "show_up_pct": 40.0,
    }
    assert (b.no_show_people, b.repeat_no_show_people) == (1, 1)
    assert [(r.key, r.name) for r in b.by_department] == [
        ("scj", "市场监管局"),
        ("?", "其他（已删除事项）"),
    ]
    assert [(r.key, r.department) for r in b.by_matter] == [("yyzz", "市场监管局"), ("gone", "")]
    day, depts, matters = booking_sections(b, "11月23日")
    assert day.rows == [["2026-11-23", "周一", 6, 2, 1, 3, 1, 0, 40.0]]
    assert day.notes[0] == (
        "11月23日预约6个：已签到2个（其中迟到1个）、爽约3个、已取消1个，履约率40.0%。"
    )
    assert depts.total == ["合计", 6, 2, 1, 3, 1, 0, 40.0]
    assert matters.rows[-1] == ["gone", "gone", "", 1, 0, 0, 0, 1, 0, None]
