"""Call-next reads only the tickets that can be next; it picks what it would from every one.

`TicketRepository.contenders` keeps, per matter, priority, returning flag and target window,
the first ticket in the queue, plus every appointment (docs/PERFORMANCE.md). These tests
check on random queues, on SQLite and PostgreSQL, that `choose_next` over the contenders
gives the same ticket as over all waiting tickets, and that the SQL queue counts used by the
estimate agree with the domain.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest

from queue_server.domain.dispatch import choose_next
from queue_server.domain.estimate import tickets_ahead
from queue_server.domain.model import Priority, Rank, Status, Ticket
from queue_server.hall import Hall

MATTERS = ("yyzz", "spjy", "ylbx", "sybx", "dbsq")


def random_queue(hall: Hall, rng: random.Random, size: int) -> list[Ticket]:
    """Waiting tickets (and a few finished ones) of every class, some starved, some targeted."""
    now = hall.now()
    day = hall.schedule.hall_day(now)
    out = []
    for i in range(size):
        at = now - timedelta(minutes=rng.uniform(0, 100), microseconds=i)
        appt = at + timedelta(minutes=rng.uniform(-20, 40)) if rng.random() < 0.15 else None
        out.append(
            Ticket(
                day=day,
                number=f"A{i:03d}",
                token=f"tok{i}",
                matter=rng.choice(MATTERS),
                zone="A",
                issued_at=at,
                queued_at=max(at, appt) if appt else at,
                appointment_at=appt,
                priority=Priority.GREEN if rng.random() < 0.2 else Priority.NORMAL,
                returning=rng.random() < 0.1,
                target_window=rng.choice([None] * 6 + [1, 3]),
                status=rng.choice([Status.WAITING] * 5 + [Status.DONE]),
            )
        )
    with hall.uow() as uow:
        for ticket in out:
            uow.tickets.add(ticket)
        uow.commit()
    return out


@pytest.mark.parametrize("seed", range(5))
def test_choosing_among_contenders_gives_the_ticket_chosen_among_all(hall: Hall, seed: int) -> None:
    rng = random.Random(seed)
    random_queue(hall, rng, 80)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    with hall.uow(write=False) as uow:
        for number, profile in hall.profiles.items():
            everyone = uow.tickets.waiting(day, profile.matters)
            few = uow.tickets.contenders(day, profile.matters)
            assert len(few) <= len(everyone)
            for streak in (0, hall.policy.priority_streak_cap):
                full = choose_next(profile, everyone, now, hall.policy, priority_streak=streak)
                fast = choose_next(profile, few, now, hall.policy, priority_streak=streak)
                assert (full and (full[0].number, full[1])) == (
                    fast and (fast[0].number, fast[1])
                ), (number, streak)


def test_a_skipped_ticket_gives_way_to_the_next_of_its_queue(hall: Hall) -> None:
    random_queue(hall, random.Random(9), 60)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    profile = hall.profiles[4]
    with hall.uow(write=False) as uow:
        everyone = uow.tickets.waiting(day, profile.matters)
        first = choose_next(profile, everyone, now, hall.policy)
        assert first is not None
        rest = [t for t in everyone if t.id != first[0].id]
        expected = choose_next(profile, rest, now, hall.policy)
        assert first[0].id is not None
        few = uow.tickets.contenders(day, profile.matters, skip=[first[0].id])
        got = choose_next(profile, few, now, hall.policy)
    assert expected is not None and got is not None
    assert got[0].number == expected[0].number


@pytest.mark.parametrize("seed", range(3))
def test_sql_queue_counts_match_the_domain_order(hall: Hall, seed: int) -> None:
    stored = random_queue(hall, random.Random(100 + seed), 70)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    pool = hall.pools["sybx"]
    probe = Ticket(day=day, number="B999", token="new", matter="sybx", zone="B", issued_at=now)
    with hall.uow(write=False) as uow:
        ahead, waiting = uow.tickets.queue_counts(
            day,
            pool.matters,
            now=now,
            queued_at=now,
            rank=Rank.NORMAL,
            max_wait_min=hall.policy.max_wait_min,
        )
    expected = Counter(t.matter for t in tickets_ahead(probe, stored, pool, now, hall.policy))
    untargeted = [t for t in stored if t.status is Status.WAITING and t.target_window is None]
    assert ahead == dict(expected)
    assert waiting == dict(Counter(t.matter for t in untargeted if t.matter in pool.matters))
