"""The counter console's Qt-free rules: what it enables, keys, sign-in slots, promised dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from counter_display.console_logic import (
    DEFAULT_KEYS,
    enabled_actions,
    key_map,
    keys_of,
    promised_date,
    signin_slots,
    waited_minutes,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def enabled(**state: object) -> set[str]:
    values: dict[str, object] = {
        "signed_in": True,
        "busy": False,
        "window_status": "open",
        "ticket_status": None,
        **state,
    }
    return set(enabled_actions(**values))  # type: ignore[arg-type]


def test_open_window_with_nothing_in_hand_can_call_next_or_pause_only() -> None:
    assert enabled() == {"call_next", "pause"}


def test_called_ticket_can_be_recalled_marked_no_show_suspended_transferred_or_completed() -> None:
    assert enabled(ticket_status="called") == {
        "recall",
        "no_show",
        "suspend",
        "transfer",
        "complete",
    }


def test_ticket_being_served_can_no_longer_be_recalled_or_marked_no_show() -> None:
    assert enabled(ticket_status="serving") == {"suspend", "transfer", "complete"}


def test_paused_window_can_only_resume() -> None:
    assert enabled(window_status="paused") == {"resume"}


@pytest.mark.parametrize(
    "state",
    [{"busy": True}, {"signed_in": False}, {"window_status": "closed"}, {"window_status": None}],
)
def test_nothing_is_enabled_while_busy_signed_out_or_closed(state: dict[str, object]) -> None:
    assert enabled(**state) == set()


def test_f1_to_f8_map_the_eight_actions_and_the_hall_can_add_usb_keys() -> None:
    assert DEFAULT_KEYS["F1"] == "call_next" and DEFAULT_KEYS["F8"] == "resume"
    keys = key_map({"F9": "call_next", "Ctrl+R": "recall", "F10": "dance"})
    assert keys["F9"] == "call_next" and keys["Ctrl+R"] == "recall"
    assert "F10" not in keys  # an unknown action is skipped, not a crash
    assert keys_of("call_next", keys) == ["F1", "F9"]


def test_sign_ins_fall_into_the_morning_noon_and_afternoon_slots_in_hall_time() -> None:
    times = [
        datetime(2026, 11, 23, 0, 31, tzinfo=UTC),  # 08:31 in Shanghai
        datetime(2026, 11, 23, 0, 45, tzinfo=UTC),  # a second morning sign-in: the first counts
        datetime(2026, 11, 23, 6, 58, tzinfo=UTC),  # 14:58
    ]
    slots = signin_slots(times, SHANGHAI)
    assert slots["morning"] is not None and slots["morning"].strftime("%H:%M") == "08:31"
    assert slots["noon"] is None
    assert slots["afternoon"] is not None and slots["afternoon"].strftime("%H:%M") == "14:58"


def test_promised_date_counts_working_days_skipping_weekends_and_holidays() -> None:
    monday = date(2026, 11, 23)
    assert promised_date(monday, 5) == date(2026, 11, 30)  # the next Monday
    assert promised_date(monday, 1, holidays=[date(2026, 11, 24)]) == date(2026, 11, 25)
    friday = date(2026, 9, 18)  # 2026-09-20 is a worked Sunday (调休)
    assert promised_date(friday, 1, extra_workdays=[date(2026, 9, 20)]) == date(2026, 9, 20)
    assert promised_date(monday, 0) == monday


def test_waited_minutes_is_whole_minutes_from_ticket_to_call() -> None:
    issued = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    assert waited_minutes(issued, datetime(2026, 11, 23, 2, 12, 59, tzinfo=UTC)) == 12
    assert waited_minutes(None, issued) is None
