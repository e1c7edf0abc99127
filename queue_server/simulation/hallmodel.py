"""The hall as the simulator sees it: the same look-ups as `queue_server.hall.Hall`, no database.

`windows_of` and `pools` come from the same domain functions `Hall` uses, so dispatch and the
estimate see the hall the server would run.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from queue_server.domain.dispatch import Policy, Profile, competing_pools, windows_serving
from queue_server.domain.schedule import Schedule

if TYPE_CHECKING:
    from queue_server.config import HallConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatterSpec:
    code: str
    department: str
    category: str
    zone: str
    prefix: str
    service_minutes: float
    daily_quota: int = 0


@dataclass(frozen=True)
class SimHall:
    """Matters, window profiles and rules of one hall; windows are the staffed ones."""

    name: str
    matters: dict[str, MatterSpec]
    profiles: tuple[Profile, ...]
    policy: Policy
    schedule: Schedule
    target_wait_min: float = 30
    max_recalls: int = 2
    windows_of: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    pools: dict[str, Profile] = field(init=False, repr=False, compare=False)
    serving: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        serving = windows_serving(self.profiles)
        pools = competing_pools(self.profiles)
        windows_of = {code: tuple(serving.get(code, ())) for code in self.matters}
        object.__setattr__(self, "windows_of", windows_of)
        object.__setattr__(self, "pools", {c: pools.get(c, Profile(0, (c,))) for c in self.matters})
        object.__setattr__(self, "serving", {c: len(ws) for c, ws in windows_of.items()})

    def uncovered(self) -> list[str]:
        """Matters no staffed window serves (their tickets could never be called)."""
        return [code for code, ws in self.windows_of.items() if not ws]


def from_config(config: HallConfig) -> SimHall:
    """The simulator's view of a validated hall file."""
    h = config.hall
    prefix = {z.code: z.prefix for z in config.zones}
    return SimHall(
        name=h.name,
        matters={
            m.code: MatterSpec(
                code=m.code,
                department=m.department,
                category=m.category,
                zone=m.zone,
                prefix=prefix[m.zone],
                service_minutes=m.service_minutes,
                daily_quota=m.daily_quota,
            )
            for m in config.matters
        },
        profiles=tuple(
            Profile(window=w.number, matters=tuple(w.profile), order_rule=w.order_rule)
            for w in config.windows
        ),
        policy=Policy(max_wait_min=h.max_wait_min, priority_streak_cap=h.priority_streak_cap),
        schedule=Schedule(
            timezone=h.timezone,
            weekly=tuple(tuple(h.spans(d)) for d in range(7)),
            holidays=frozenset(h.holidays),
            extra_workdays=frozenset(h.extra_workdays),
            issue_cutoff_min=h.issue_cutoff_min,
        ),
        target_wait_min=h.target_wait_min,
        max_recalls=h.max_recalls,
    )


def comprehensive(hall: SimHall) -> SimHall:
    """Every window serves every matter, first come first served: a fully pooled hall."""
    everything = tuple(hall.matters)
    profiles = tuple(Profile(window=p.window, matters=everything) for p in hall.profiles)
    return replace(hall, profiles=profiles)


def with_windows(hall: SimHall, count: int) -> SimHall:
    """Clone the windows cyclically (new numbers after the highest) or trim to `count`.

    The i-th new window clones configured window i mod n (53 windows → 120: windows 54–106
    clone 1–53, 107–120 clone 1–14); trimming keeps every matter covered (see `staffed`).
    """
    base = hall.profiles
    if count <= len(base):
        return staffed(hall, count / len(base), rng=random.Random(0))
    top = max(p.window for p in base)
    extra = tuple(
        replace(base[i % len(base)], window=top + 1 + i) for i in range(count - len(base))
    )
    return replace(hall, profiles=base + extra)


def staffed(hall: SimHall, fraction: float, *, rng: random.Random) -> SimHall:
    """Staff about `fraction` of the windows, chosen at random but covering every matter.

    Windows are first picked greedily for the most uncovered matters, then at random, so the
    count can exceed the fraction when covering every matter needs more windows.
    """
    if fraction >= 1:
        return hall
    order = list(hall.profiles)
    rng.shuffle(order)
    target = max(1, round(fraction * len(order)))
    chosen: list[Profile] = []
    missing = set(hall.matters)
    while missing:
        best = max(order, key=lambda p: len(missing.intersection(p.matters)), default=None)
        if best is None or not missing.intersection(best.matters):
            break  # no window serves what is left; `SimHall.uncovered` reports it
        chosen.append(best)
        order.remove(best)
        missing.difference_update(best.matters)
    if len(chosen) > target:
        log.warning(
            "staffing %d windows, not %d: fewer leave a matter unserved", len(chosen), target
        )
    chosen.extend(order[: max(0, target - len(chosen))])
    return replace(hall, profiles=tuple(sorted(chosen, key=lambda p: p.window)))
