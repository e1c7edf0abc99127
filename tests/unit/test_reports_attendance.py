"""一日三签 from sign-in events: the three slots, late and missing signs, A/B roles."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.reports.attendance import (
    LATE,
    MISSING,
    ON_TIME,
    PENDING,
    Attendance,
    SignIn,
    attendance,
    day_slots,
    signin_of,
)
from queue_server.reports.model import hall_schedule

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 11, 23)


def at(hhmm: str, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), SHANGHAI)


def sign(staff: str, hhmm: str, window: int | None = 1, day: date = MONDAY) -> SignIn:
    return SignIn(staff, window, at(hhmm, day), "A")


def marks(result: Attendance, staff: str, day: date = MONDAY) -> tuple[str, ...]:
    return next(r.marks for r in result.records if r.staff == staff and r.day == day)


def test_a_two_span_day_has_morning_noon_and_closing_signs(mini_config: HallConfig) -> None:
    slots = day_slots(MONDAY, hall_schedule(mini_config))
    assert [s.name for s in slots] == ["上午签到", "午间签到", "下午签退"]
    assert [s.due for s in slots] == [at("08:30"), at("13:30"), None]
    assert (slots[0].opens, slots[0].closes) == (at("06:30"), at("12:00"))
    assert (slots[1].opens, slots[1].closes) == (at("12:00"), at("17:00"))
    assert (slots[2].opens, slots[2].closes) == (at("17:00"), at("21:30"))


def test_closed_days_expect_no_signs(mini_config: HallConfig) -> None:
    schedule = hall_schedule(mini_config)
    assert day_slots(date(2026, 11, 28), schedule) == []  # Saturday
    assert day_slots(date(2026, 10, 1), schedule) == []  # holiday in the test hall


def test_signs_before_each_span_are_on_time_and_after_it_late(mini_config: HallConfig) -> None:
    signs = [sign("s1a", "08:20"), sign("s1a", "13:41"), sign("s1a", "17:35")]
    result = attendance(signs, mini_config, hall_schedule(mini_config), start=MONDAY, end=MONDAY)
    assert marks(result, "s1a") == (ON_TIME, LATE, ON_TIME)
    s1a = next(s for s in result.staff if s.staff == "s1a")
    assert (s1a.expected, s1a.on_time, s1a.late, s1a.missing) == (3, 2, 1, 0)
    assert s1a.rate_pct == round(200 / 3, 1) and s1a.full_days == 0


def test_a_sign_exactly_at_opening_is_on_time_and_a_minute_after_is_late(
    mini_config: HallConfig,
) -> None:
    signs = [sign("s1a", "08:30"), sign("s2a", "08:31", window=2)]
    result = attendance(signs, mini_config, hall_schedule(mini_config), start=MONDAY, end=MONDAY)
    assert marks(result, "s1a")[0] == ON_TIME and marks(result, "s2a")[0] == LATE


def test_a_sign_left_out_is_missing_and_a_second_login_counts_once(
    mini_config: HallConfig,
) -> None:
    signs = [sign("s1a", "08:10"), sign("s1a", "09:40"), sign("s1a", "11:00")]
    result = attendance(signs, mini_config, hall_schedule(mini_config), start=MONDAY, end=MONDAY)
    assert marks(result, "s1a") == (ON_TIME, MISSING, MISSING)
    assert next(r.times for r in result.records if r.staff == "s1a")[0] == "08:10"


def test_an_absent_a_role_misses_all_signs_and_the_covering_b_role_is_expected_that_day(
    mini_config: HallConfig,
) -> None:
    signs = [sign("s1b", "08:15"), sign("s1b", "13:20"), sign("s1b", "17:31")]
    result = attendance(signs, mini_config, hall_schedule(mini_config), start=MONDAY, end=MONDAY)
    assert marks(result, "s1a") == (MISSING, MISSING, MISSING)
    assert marks(result, "s1b") == (ON_TIME, ON_TIME, ON_TIME)
    assert result.window_rate(1) == 100.0  # the window itself was signed by its B role
    assert result.window_rate(2) == 0.0


def test_b_roles_and_admins_are_not_expected_on_days_they_do_not_sign(
    mini_config: HallConfig,
) -> None:
    signs = [sign("admin", "08:00", window=None)]
    result = attendance(signs, mini_config, hall_schedule(mini_config), start=MONDAY, end=MONDAY)
    people = {s.staff for s in result.staff}
    assert people == {"s1a", "s2a", "s3a", "s4a"}  # the A roles of the four windows


def test_a_lead_opening_the_follow_ups_page_is_not_a_sign_in(mini_config: HallConfig) -> None:
    """A 首席代表 signs in without a window to handle follow-ups: no 一日三签 is expected of
    that; signing in at a window (covering) counts as anyone's."""
    signs = [sign("lead-scj", "08:10", window=None), sign("lead-rsj", "08:15", window=4)]
    result = attendance(signs, mini_config, hall_schedule(mini_config), start=MONDAY, end=MONDAY)
    assert "lead-scj" not in {s.staff for s in result.staff}
    assert marks(result, "lead-rsj") == (ON_TIME, MISSING, MISSING)


def test_only_hall_days_of_the_range_are_expected(mini_config: HallConfig) -> None:
    result = attendance(
        [],
        mini_config,
        hall_schedule(mini_config),
        start=date(2026, 11, 23),
        end=date(2026, 11, 29),
    )
    assert len(result.days) == 5  # Monday to Friday
    s1a = next(s for s in result.staff if s.staff == "s1a")
    assert (s1a.days, s1a.expected, s1a.missing) == (5, 15, 15)


def test_a_signed_in_event_becomes_a_sign_in_and_other_events_do_not() -> None:
    ev = Event("staff.signed_in", at("08:00"), "staff:s1a", 1, data={"ab_role": "A"})
    assert signin_of(ev) == SignIn("s1a", 1, at("08:00"), "A")
    assert signin_of(Event("window.opened", at("08:00"), "staff:s1a", 1)) is None


# --- as of now: slots that have not passed are pending, not missing (QA: 2 December) ---------
def staff_row(result: Attendance, staff: str) -> tuple[int, int, int, int, int]:
    s = next(s for s in result.staff if s.staff == staff)
    return (s.days, s.expected, s.on_time, s.missing, s.full_days)


def test_a_slot_is_missing_only_once_its_interval_has_passed(mini_config: HallConfig) -> None:
    schedule = hall_schedule(mini_config)
    signs = [sign("s1a", "08:20"), sign("s1a", "13:20")]

    def as_of(hhmm: str) -> Attendance:
        return attendance(signs, mini_config, schedule, start=MONDAY, end=MONDAY, now=at(hhmm))

    at_1430 = as_of("14:30")  # the QA case: 下午签退 was counted missing at 14:30
    assert marks(at_1430, "s1a") == (ON_TIME, ON_TIME, PENDING)
    assert staff_row(at_1430, "s1a") == (1, 2, 2, 0, 0)  # not a full day yet
    assert marks(at_1430, "s2a") == (MISSING, PENDING, PENDING)  # the morning has passed
    assert staff_row(at_1430, "s2a") == (1, 1, 0, 1, 0)
    assert at_1430.windows[1] == (2, 2, 0) and at_1430.windows[2] == (1, 0, 0)

    at_1000 = as_of("10:00")  # s2a may still sign, late, until 12:00
    assert "s2a" not in {s.staff for s in at_1000.staff}
    assert marks(at_1000, "s1a") == (ON_TIME, PENDING, PENDING)
    assert at_1000.windows[2] == (0, 0, 0) and at_1000.window_rate(2) is None

    at_2130 = as_of("21:30")  # the closing slot ends at 21:30: now it is missing
    assert marks(at_2130, "s1a") == (ON_TIME, ON_TIME, MISSING)
    assert staff_row(at_2130, "s2a") == (1, 3, 0, 3, 0)
    assert as_of("21:29").records[0].marks[2] == PENDING


def test_signs_after_now_are_not_read_and_earlier_days_are_judged_whole(
    mini_config: HallConfig,
) -> None:
    friday = date(2026, 11, 20)
    signs = [
        sign("s1a", "08:00", day=friday),
        sign("s1a", "13:00", day=friday),
        sign("s1a", "17:30", day=friday),
        sign("s1a", "08:25"),
        sign("s1a", "17:10"),  # after `now`: not happened yet as of 14:30
    ]
    result = attendance(
        signs, mini_config, hall_schedule(mini_config), start=friday, end=MONDAY, now=at("14:30")
    )
    assert result.days == [friday, MONDAY]
    assert marks(result, "s1a", friday) == (ON_TIME, ON_TIME, ON_TIME)
    assert marks(result, "s1a") == (ON_TIME, PENDING, PENDING)
    assert staff_row(result, "s1a") == (2, 4, 4, 0, 1)
