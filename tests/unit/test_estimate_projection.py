"""The printed wait: windows projected forward (`domain.estimate.projected_wait_min`)."""

from __future__ import annotations

import pytest

from queue_server.domain.dispatch import Policy, Profile
from queue_server.domain.estimate import (
    WindowLoad,
    backlog_min,
    projected_wait_min,
    remaining_min,
    typical_or,
)

MINUTES = {"a": 10.0, "b": 4.0, "c": 20.0}.__getitem__
POLICY = Policy(max_wait_min=60)


def wait(
    windows: list[WindowLoad],
    profiles: dict[int, Profile],
    ahead: dict[str, int],
    *,
    waiting: dict[str, int] | None = None,
    serving: dict[str, int] | None = None,
    matter: str = "a",
) -> float:
    return projected_wait_min(
        matter,
        windows=windows,
        profiles=profiles,
        ahead=ahead,
        waiting=waiting or {},
        serving=serving or {m: len(windows) for m in "abc"},
        service_min=MINUTES,
        policy=POLICY,
    )


def test_nobody_ahead_and_a_free_window_means_no_wait() -> None:
    assert wait([WindowLoad(1)], {1: Profile(1, ("a",))}, {}) == 0


def test_nobody_ahead_but_every_window_busy_waits_for_the_first_to_finish() -> None:
    profiles = {1: Profile(1, ("a",)), 2: Profile(2, ("a",))}
    busy = [WindowLoad(1, 7.0), WindowLoad(2, 3.0)]
    assert wait(busy, profiles, {}) == 3.0


def test_tickets_ahead_are_shared_by_the_windows_that_serve_them() -> None:
    profiles = {1: Profile(1, ("a",)), 2: Profile(2, ("a",))}
    assert wait([WindowLoad(1), WindowLoad(2)], profiles, {"a": 4}) == 4 * 10 / 2


def test_a_ticket_ahead_of_another_matter_costs_only_its_windows_share() -> None:
    # Window 1 serves a and b; b is also served by three windows that never serve a.
    profiles = {1: Profile(1, ("a", "b"))}
    alone = wait([WindowLoad(1)], profiles, {"b": 4}, serving={"a": 1, "b": 1})
    shared = wait([WindowLoad(1)], profiles, {"b": 4}, serving={"a": 1, "b": 4})
    assert alone == 16 and shared == 4


def test_a_profile_window_serves_earlier_matters_first_and_later_ones_after() -> None:
    profile = Profile(1, ("b", "a", "c"), order_rule="profile")
    work = backlog_min(
        profile,
        "a",
        ahead={"a": 1, "b": 0, "c": 5},
        waiting={"a": 3, "b": 2, "c": 9},
        serving={"a": 1, "b": 1, "c": 1},
        service_min=MINUTES,
    )
    assert work == 2 * 4 + 1 * 10  # every waiting b, the a ahead, no c


def test_past_the_starvation_limit_a_profile_window_calls_by_time_alone() -> None:
    profiles = {1: Profile(1, ("c", "a"), order_rule="profile")}
    # No c ticket came before the new a ticket; one a ticket did.
    short = wait([WindowLoad(1)], profiles, {"a": 1}, waiting={"c": 2})
    assert short == 2 * 20 + 10  # 50 min: the window serves its c tickets first
    long = wait([WindowLoad(1)], profiles, {"a": 1}, waiting={"c": 3})
    assert long == 10  # 70 min > max_wait_min: everyone starves, the order is by time


def test_remaining_service_counts_down_then_keeps_a_quarter() -> None:
    assert remaining_min(10, 4) == 6
    assert remaining_min(10, 30) == pytest.approx(2.5)


def test_typical_time_is_a_trimmed_mean_that_ignores_one_forgotten_service() -> None:
    assert typical_or([3.0, 4.0], fallback=10) == 10  # too few samples
    assert typical_or([3.0, 4.0, 20.0], fallback=10) == 4.0  # three: the middle one
    samples = [10.0] * 29 + [600.0]  # one service left open for ten hours
    assert typical_or(samples, fallback=5) == 10.0
    skewed = [5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0, 15.0, 20.0, 30.0]
    assert typical_or(skewed, fallback=5) > 9.5  # the mean, above the median (9.5)
