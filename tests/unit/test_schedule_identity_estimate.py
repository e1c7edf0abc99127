"""Hall day, opening hours and cutoff; resident IDs; the wait estimate."""

from __future__ import annotations

from datetime import date, time

import pytest

from queue_server.domain import errors
from queue_server.domain.estimate import estimated_wait_min, median_or
from queue_server.domain.identity import check_digit, id_hash, mask_id, normalize_id
from queue_server.domain.schedule import Schedule
from tests.conftest import hall_time

WEEK = tuple(
    ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30))) if d < 5 else () for d in range(7)
)
HALL = Schedule(
    "Asia/Shanghai",
    WEEK,
    holidays=frozenset({date(2026, 10, 1)}),
    extra_workdays=frozenset({date(2026, 10, 10)}),
    issue_cutoff_min=30,
)


@pytest.mark.parametrize(
    ("moment", "issuing"),
    [
        ("2026-11-23 08:29", False),
        ("2026-11-23 08:30", True),
        ("2026-11-23 11:29", True),
        ("2026-11-23 11:30", False),  # 30 min before the noon closing
        ("2026-11-23 13:30", True),
        ("2026-11-23 17:00", False),
        ("2026-11-22 10:00", False),  # Sunday
        ("2026-10-01 10:00", False),  # National Day holiday
        ("2026-10-10 10:00", True),  # a Saturday made a working day (调休)
    ],
)
def test_tickets_are_issued_only_in_opening_hours_before_the_cutoff(
    moment: str, issuing: bool
) -> None:
    assert HALL.issuing(hall_time(moment)) is issuing


def test_next_opening_after_friday_closing_is_monday_morning() -> None:
    nxt = HALL.next_opening(hall_time("2026-11-27 18:00"))
    assert nxt is not None and HALL.local(nxt).isoformat().startswith("2026-11-30T08:30")


def test_hall_day_follows_the_hall_time_zone_not_utc() -> None:
    assert HALL.hall_day(hall_time("2026-11-24 00:30")) == date(2026, 11, 24)


VALID = "11010519491231002X"


def test_valid_resident_id_is_accepted_and_lower_case_x_normalised() -> None:
    assert normalize_id(VALID.lower()) == VALID
    assert check_digit(VALID[:17]) == "X"


@pytest.mark.parametrize(
    "bad",
    ["110105194912310021", "1101051949123100", "11010519491331002X", "abcdefghijklmnopqr", ""],
)
def test_bad_resident_id_is_refused_with_a_bilingual_message(bad: str) -> None:
    with pytest.raises(errors.InvalidIdNumber) as info:
        normalize_id(bad)
    assert info.value.message_zh.startswith("身份证号码无效")


def test_id_is_stored_as_keyed_hash_and_shown_masked() -> None:
    digest = id_hash(VALID, b"secret")
    assert VALID not in digest and len(digest) == 64
    assert digest != id_hash(VALID, b"other-secret")
    assert mask_id(VALID) == "110***********002X"


def test_estimated_wait_is_work_ahead_over_open_windows() -> None:
    minutes = {"a": 10.0, "b": 4.0}
    assert estimated_wait_min(["a", "a", "b"], open_windows=2, service_min=minutes.get) == 12.0
    assert estimated_wait_min([], open_windows=0, service_min=minutes.get) == 0


def test_rolling_median_replaces_configured_minutes_once_there_are_samples() -> None:
    assert median_or([3.0, 4.0], fallback=10) == 10
    assert median_or([3.0, 4.0, 20.0], fallback=10) == 4.0
