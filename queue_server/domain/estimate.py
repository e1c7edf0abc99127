"""Estimated wait (ARCHITECTURE §3) and the typical service time of a matter.

The estimate projects each open window that serves the matter forward in time: it is free
when its ticket in hand is expected to finish (`remaining_min`), then it works through the
tickets it would call first (`backlog_min`); the first window to get through calls the new
ticket. A ticket of a matter served by n windows costs each of them 1/n of its service: the
others take their share. A window ordered by its profile serves earlier matters first.
The server (`services.tickets._position`, `services.views.catalog`) and the day simulator
(`simulation.engine`) both call `projected_wait_min`, so the simulator measures the
estimate the hall prints.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from queue_server.domain.dispatch import Policy, Profile, sort_key
from queue_server.domain.model import Status, Ticket

# A service that has overrun its typical time is expected to need this share of it again.
OVERRUN_SHARE = 0.25
# Share of the shortest and of the longest recent services left out of the typical time.
TRIM_SHARE = 0.1


def tickets_ahead(
    ticket: Ticket, pool: Iterable[Ticket], profile: Profile, now: datetime, policy: Policy
) -> list[Ticket]:
    """Waiting tickets that the windows serving `ticket` would call before it."""
    mine = sort_key(ticket, profile, now, policy)
    return [
        t
        for t in pool
        if t.status is Status.WAITING
        and t.token != ticket.token
        and profile.serves(t.matter)
        and sort_key(t, profile, now, policy) < mine
    ]


def estimated_wait_min(
    ahead: Iterable[str], *, open_windows: int, service_min: Callable[[str], float]
) -> float:
    """Work ahead (the median service minutes of each ticket's matter) over open windows.

    The first approximation, kept as a reference: halls print `projected_wait_min`.
    """
    work = sum(service_min(matter) for matter in ahead)
    return work / max(open_windows, 1)


def remaining_min(typical_min: float, elapsed_min: float) -> float:
    """Expected minutes left of a service in hand that started `elapsed_min` ago."""
    return max(typical_min - elapsed_min, OVERRUN_SHARE * typical_min)


@dataclass(frozen=True)
class WindowLoad:
    """An open window serving the matter: free now, or in `free_in_min` minutes."""

    number: int
    free_in_min: float = 0.0


def backlog_min(
    profile: Profile,
    matter: str,
    *,
    ahead: Mapping[str, int],
    waiting: Mapping[str, int],
    serving: Mapping[str, int],
    service_min: Callable[[str], float],
    by_profile: bool | None = None,
) -> float:
    """Minutes of work this window does before it would call a new ticket of `matter`.

    Each ticket ahead of a matter x is shared by the `serving[x]` open windows of x. A
    window that orders by its profile first serves every waiting ticket of the matters
    listed before `matter`, and none of those listed after it (`by_profile=False`: by the
    pool's order, as a window does once the tickets have waited past `max_wait_min`).
    """
    if by_profile is None:
        by_profile = profile.order_rule == "profile"
    mine = profile.position(matter)
    total = 0.0
    for x in profile.matters:
        if by_profile and x != matter:
            n = waiting.get(x, 0) if profile.position(x) < mine else 0
        else:
            n = ahead.get(x, 0)
        if n:
            total += n * service_min(x) / max(serving.get(x, 1), 1)
    return total


def projected_wait_min(
    matter: str,
    *,
    windows: Sequence[WindowLoad],
    profiles: Mapping[int, Profile],
    ahead: Mapping[str, int],
    waiting: Mapping[str, int],
    serving: Mapping[str, int],
    service_min: Callable[[str], float],
    policy: Policy,
) -> float:
    """Minutes until one of `windows` (the open ones serving `matter`) calls a new ticket.

    Each window is free when its ticket in hand is done (`remaining_min`), then works
    through its backlog (`backlog_min`); the first to get there calls the ticket.
    `ahead`: per matter, the waiting tickets that come before the new one in the pool's
    order (`tickets_ahead`); `waiting`: per matter, all waiting tickets; `serving`: per
    matter, the open windows that serve it. A wait past `policy.max_wait_min` makes the
    tickets starve, and then every window calls by time alone.
    """
    if not windows:
        return 0.0

    # Windows with the same profile have the same backlog: a comprehensive hall has one
    # profile for all its windows, so this computes it once, not once per window.
    known: dict[tuple[tuple[str, ...], str, bool | None], float] = {}

    def backlog(profile: Profile, by_profile: bool | None = None) -> float:
        key = (profile.matters, profile.order_rule, by_profile)
        if key not in known:
            known[key] = backlog_min(
                profile,
                matter,
                ahead=ahead,
                waiting=waiting,
                serving=serving,
                service_min=service_min,
                by_profile=by_profile,
            )
        return known[key]

    best = math.inf
    for w in windows:
        profile = profiles[w.number]
        wait = w.free_in_min + backlog(profile)
        if profile.order_rule == "profile" and wait > policy.max_wait_min:
            wait = w.free_in_min + backlog(profile, by_profile=False)
        best = min(best, wait)
    return best


def typical_or(samples: Sequence[float], fallback: float, *, min_samples: int = 3) -> float:
    """The typical service minutes: the mean of recent services without the 10 % shortest
    and longest (at least one of each), or the configured figure until there are enough.

    The mean, not the median, because waits add service times up and services are
    right-skewed (a lognormal with CV 0.66 has its median at 0.84 × the mean); trimmed, so
    one service left open for hours does not move the estimate.
    """
    if len(samples) < min_samples:
        return fallback
    ordered = sorted(samples)
    cut = max(1, round(len(ordered) * TRIM_SHARE))
    return statistics.fmean(ordered[cut:-cut])


def median_or(samples: Sequence[float], fallback: float, *, min_samples: int = 3) -> float:
    """The median of recent service times, or the configured figure until there are enough."""
    if len(samples) < min_samples:
        return fallback
    return float(statistics.median(samples))
