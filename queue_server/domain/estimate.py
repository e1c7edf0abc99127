"""Estimated wait (ARCHITECTURE §3) and the rolling median of service times."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from queue_server.domain.dispatch import Policy, Profile, sort_key
from queue_server.domain.model import Status, Ticket


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
    """Work ahead (the median service minutes of each ticket's matter) over open windows."""
    work = sum(service_min(matter) for matter in ahead)
    return work / max(open_windows, 1)


def median_or(samples: Sequence[float], fallback: float, *, min_samples: int = 3) -> float:
    """The median of recent service times, or the configured figure until there are enough."""
    if len(samples) < min_samples:
        return fallback
    return float(statistics.median(samples))
