"""The running hall: configuration turned into look-ups, the clock, the unit-of-work factory.

Built once per process by `queue_server.bootstrap`; tests build it with their own clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Protocol

from sqlalchemy import Engine

from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.adapters.writer import SerialWriter
from queue_server.config import Device, HallConfig, Matter
from queue_server.domain import errors
from queue_server.domain.dispatch import Policy, Profile, competing_pools, windows_serving
from queue_server.domain.estimate import median_or
from queue_server.domain.schedule import Schedule


class Clock(Protocol):
    def __call__(self) -> datetime: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Hall:
    """Everything a use case needs besides its arguments."""

    config: HallConfig
    uow: Callable[..., SqlUnitOfWork]
    secret: bytes
    clock: Clock = utc_now
    open_all_hours: bool = False
    token_hours: float = 12.0
    session_cache_s: float = 5.0  # how long a staff token's session is trusted unread
    notify: Callable[[], None] = field(default=lambda: None)
    engine: Engine | None = None
    # SQLite: the one thread that runs the write endpoints' use cases, in committed groups
    # (adapters/writer.py); None on PostgreSQL, where they run side by side in the pool.
    writer: SerialWriter | None = None

    def now(self) -> datetime:
        return self.clock()

    @cached_property
    def schedule(self) -> Schedule:
        h = self.config.hall
        return Schedule(
            timezone=h.timezone,
            weekly=tuple(tuple(h.spans(d)) for d in range(7)),
            holidays=frozenset(h.holidays),
            extra_workdays=frozenset(h.extra_workdays),
            issue_cutoff_min=h.issue_cutoff_min,
        )

    @cached_property
    def policy(self) -> Policy:
        h = self.config.hall
        return Policy(max_wait_min=h.max_wait_min, priority_streak_cap=h.priority_streak_cap)

    @cached_property
    def profiles(self) -> dict[int, Profile]:
        return {
            w.number: Profile(window=w.number, matters=tuple(w.profile), order_rule=w.order_rule)
            for w in self.config.windows
        }

    @cached_property
    def windows_of(self) -> dict[str, list[int]]:
        """Matter code → numbers of the windows whose profile includes it."""
        serving = windows_serving(self.profiles.values())
        return {m.code: serving.get(m.code, []) for m in self.config.matters}

    @cached_property
    def pools(self) -> dict[str, Profile]:
        """Per matter, a profile covering every matter that competes for its windows."""
        pools = competing_pools(self.profiles.values())
        return {m.code: pools.get(m.code, Profile(0, (m.code,))) for m in self.config.matters}

    @cached_property
    def device_by_key_hash(self) -> dict[str, Device]:
        """SHA-256 (hex) of each `[[devices]] key` → the device (the first, as configured)."""
        out: dict[str, Device] = {}
        for device in self.config.devices:
            out.setdefault(hashlib.sha256(device.key.encode()).hexdigest(), device)
        return out

    @cached_property
    def zone_prefix(self) -> dict[str, str]:
        return {z.code: z.prefix for z in self.config.zones}

    @cached_property
    def _matters(self) -> dict[str, Matter]:
        return {m.code: m for m in self.config.matters}

    def matter(self, code: str) -> Matter:
        try:
            return self._matters[code]
        except KeyError:
            raise errors.UnknownMatter(
                f"No matter with code {code!r} in this hall.", f"本大厅没有编码为“{code}”的事项。"
            ) from None

    def window_numbers(self) -> list[int]:
        return [w.number for w in self.config.windows]

    def check_window(self, number: int) -> None:
        if number not in self.profiles:
            raise errors.UnknownWindow(
                f"There is no window {number} in this hall.", f"本大厅没有{number}号窗口。"
            )

    def service_minutes(self, recent: dict[str, list[float]]) -> Callable[[str], float]:
        """Median of the recent service times of a matter, else its configured minutes."""

        def minutes(code: str) -> float:
            matter = self._matters.get(code)
            return median_or(recent.get(code) or [], matter.service_minutes if matter else 10.0)

        return minutes
