"""The call-next policy (ARCHITECTURE §3): which waiting ticket a window takes next."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from queue_server.domain.model import PRIORITY_RANKS, Rank, Status, Ticket


@dataclass(frozen=True)
class Profile:
    """A window's work profile: the ordered matters it serves and how to order them."""

    window: int
    matters: tuple[str, ...]
    order_rule: str = "fifo"  # "fifo" across matters, or "profile" order first
    _position: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_position", {m: i for i, m in enumerate(self.matters)})

    def serves(self, matter: str) -> bool:
        return matter in self._position

    def position(self, matter: str) -> int:
        return self._position[matter]


def windows_serving(profiles: Iterable[Profile]) -> dict[str, list[int]]:
    """Matter code → the windows whose profile includes it, in window order."""
    out: dict[str, list[int]] = {}
    for p in sorted(profiles, key=lambda p: p.window):
        for code in p.matters:
            out.setdefault(code, []).append(p.window)
    return out


def competing_pools(profiles: Iterable[Profile]) -> dict[str, Profile]:
    """Per matter, a profile of every matter that competes for the same windows.

    The estimate counts the people ahead of a new ticket in this pool.
    """
    by_number = {p.window: p for p in profiles}
    pools = {}
    for code, numbers in windows_serving(by_number.values()).items():
        matters: dict[str, None] = {}  # an ordered set
        for n in numbers:
            matters.update(dict.fromkeys(by_number[n].matters))
        pools[code] = Profile(window=0, matters=tuple(matters))
    return pools


@dataclass(frozen=True)
class Policy:
    max_wait_min: float = 60
    priority_streak_cap: int = 3


# Rank used for a ticket sent to another window: any window may still take it, last.
_ELSEWHERE = len(Rank)


def sort_key(
    ticket: Ticket, profile: Profile, now: datetime, policy: Policy
) -> tuple[int, int, datetime, str]:
    """Order of service at this window: class, profile position (if used), time, number."""
    rank: int = ticket.rank(now, max_wait_min=policy.max_wait_min)
    if ticket.target_window is not None and ticket.target_window != profile.window:
        rank = _ELSEWHERE
    position = profile.position(ticket.matter) if profile.order_rule == "profile" else 0
    if rank == Rank.STARVED:
        position = 0  # a starved ticket goes by time alone
    return (rank, position, ticket.order_time, ticket.number)


def choose_next(
    profile: Profile,
    waiting: Iterable[Ticket],
    now: datetime,
    policy: Policy,
    *,
    priority_streak: int = 0,
) -> tuple[Ticket, Rank] | None:
    """Pick the next ticket for `profile`'s window, or None when none of its matters waits.

    After `priority_streak_cap` consecutive green/appointment calls the longest-waiting
    walk-in goes next, so priority never starves the others.
    """
    eligible = [t for t in waiting if t.status is Status.WAITING and profile.serves(t.matter)]
    if not eligible:
        return None
    keyed = sorted((sort_key(t, profile, now, policy), i) for i, t in enumerate(eligible))
    best_key, best_i = keyed[0]
    if best_key[0] in PRIORITY_RANKS and priority_streak >= policy.priority_streak_cap:
        walk_ins = [
            (eligible[i].order_time, eligible[i].number, i)
            for key, i in keyed
            if key[0] in (Rank.RETURNING, Rank.NORMAL)
        ]
        if walk_ins:
            best_i = min(walk_ins)[2]
            return eligible[best_i], Rank.NORMAL
    ticket = eligible[best_i]
    return ticket, Rank(min(best_key[0], Rank.NORMAL))


def queue_order(
    tickets: Sequence[Ticket], profile: Profile, now: datetime, policy: Policy
) -> list[Ticket]:
    """Waiting tickets of the profile in the order this window would call them (no cap)."""
    eligible = [t for t in tickets if t.status is Status.WAITING and profile.serves(t.matter)]
    return sorted(eligible, key=lambda t: sort_key(t, profile, now, policy))
