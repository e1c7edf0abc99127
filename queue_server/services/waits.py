"""The wait the hall prints: `domain.estimate.projected_wait_min` fed from the database.

Used by issuing, the ticket status page and the catalogue, so all three show the same
figure; the day simulator calls the same domain function with its own state.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine

from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.domain.dispatch import Profile
from queue_server.domain.estimate import (
    WindowLoad,
    projected_wait_min,
    remaining_min,
    typical_or,
)
from queue_server.hall import Hall


@dataclass(frozen=True)
class HallLoad:
    """Which windows are open and what the busy ones have in hand (matter, call time)."""

    open: frozenset[int]
    busy: dict[int, tuple[str, datetime]] = field(default_factory=dict)


def read_load(uow: SqlUnitOfWork, windows: Collection[int]) -> HallLoad:
    """One query: the status of `windows` and the ticket each has in hand."""
    opened: set[int] = set()
    busy: dict[int, tuple[str, datetime]] = {}
    for number, is_open, matter, called_at in uow.tickets.window_loads(windows):
        if is_open:
            opened.add(number)
        if matter is not None and called_at is not None:
            busy[number] = (matter, called_at)
    return HallLoad(frozenset(opened), busy)


def pool_windows(hall: Hall, matter: str) -> set[int]:
    """Every window serving a matter of `matter`'s pool (their open count shares the work)."""
    return {n for x in hall.pools[matter].matters for n in hall.windows_of[x]}


# Typical service minutes per matter, per database, for TYPICAL_TTL_S: they move only when a
# service ends, and reading the last 30 services of each matter on every issue cost ~0.25 ms
# inside the write lock. A completion in this process forgets its matter at once (`forget`);
# other server processes' completions show within the TTL.
TYPICAL_TTL_S = 30.0
_TYPICAL: weakref.WeakKeyDictionary[Engine, dict[str, tuple[float, float]]] = (
    weakref.WeakKeyDictionary()
)


def _typical_cache(hall: Hall) -> dict[str, tuple[float, float]]:
    if hall.engine is None:
        return {}
    return _TYPICAL.setdefault(hall.engine, {})


def typical_minutes(
    hall: Hall, uow: SqlUnitOfWork, matters: Iterable[str]
) -> Callable[[str], float]:
    """Typical service minutes of `matters` (recent services, else configured), cached."""
    cache = _typical_cache(hall)
    now = time.monotonic()
    stale = sorted({m for m in matters if m not in cache or now - cache[m][0] > TYPICAL_TTL_S})
    if stale:
        recent = uow.tickets.recent_service_minutes(stale)
        for code in stale:
            cache[code] = (now, typical_or(recent.get(code) or [], _configured(hall, code)))

    def minutes(code: str) -> float:
        hit = cache.get(code)
        return hit[1] if hit else _configured(hall, code)

    return minutes


def forget(hall: Hall, matter: str) -> None:
    """A service of `matter` ended here: its typical time is read again next time."""
    _typical_cache(hall).pop(matter, None)


def _configured(hall: Hall, code: str) -> float:
    matter = hall.config.matter(code)
    return matter.service_minutes if matter else 10.0


def serving_windows(hall: Hall, load: HallLoad, matter: str) -> list[int]:
    """The open windows serving `matter`; all its windows when none has opened yet."""
    windows = hall.windows_of[matter]
    return [n for n in windows if n in load.open] or windows


def matters_needed(
    load: HallLoad, windows: Iterable[int], ahead: Mapping[str, int], waiting: Mapping[str, int]
) -> set[str]:
    """The matters whose typical service time the estimate uses."""
    in_hand = {load.busy[n][0] for n in windows if n in load.busy}
    return set(ahead) | in_hand | {x for x, n in waiting.items() if n}


def wait_minutes(
    hall: Hall,
    load: HallLoad,
    matter: str,
    *,
    windows: list[int],
    ahead: Mapping[str, int],
    waiting: Mapping[str, int],
    now: datetime,
    minutes: Callable[[str], float],
    profiles: Mapping[int, Profile] | None = None,
) -> float:
    """Minutes until one of `windows` calls a new ticket of `matter` (see the domain);
    `profiles` stand in for the windows' configured ones."""
    opened = load.open if any(n in load.open for n in windows) else None
    serving = {x: _open_count(hall.windows_of[x], opened) for x in hall.pools[matter].matters}
    return projected_wait_min(
        matter,
        windows=[_window_load(load, n, now, minutes) for n in windows],
        profiles=profiles or hall.profiles,
        ahead=ahead,
        waiting=waiting,
        serving=serving,
        service_min=minutes,
        policy=hall.policy,
    )


def _open_count(windows: Iterable[int], opened: frozenset[int] | None) -> int:
    numbers = list(windows)
    if opened is None:
        return len(numbers)
    return sum(1 for n in numbers if n in opened) or len(numbers)


def _window_load(
    load: HallLoad, number: int, now: datetime, minutes: Callable[[str], float]
) -> WindowLoad:
    if number not in load.busy:
        return WindowLoad(number)
    matter, called_at = load.busy[number]
    elapsed = (now - called_at).total_seconds() / 60
    return WindowLoad(number, remaining_min(minutes(matter), elapsed))
