"""People ahead of a new ticket: the SQL count used when issuing agrees with the domain rule."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from queue_server.domain.estimate import tickets_ahead
from queue_server.domain.model import Priority, Status, Ticket
from queue_server.hall import Hall


@pytest.mark.parametrize("seed", range(6))
def test_sql_count_of_people_ahead_matches_the_dispatch_order(hall: Hall, seed: int) -> None:
    rng = random.Random(seed)
    now = hall.now()
    day = hall.schedule.hall_day(now)
    pool = hall.pools["sybx"]  # ylbx + sybx, two windows
    stored: list[Ticket] = []
    with hall.uow() as uow:
        for i in range(60):
            at = now - timedelta(minutes=rng.uniform(0, 90), microseconds=i)
            appt = at + timedelta(minutes=rng.uniform(-20, 40)) if rng.random() < 0.2 else None
            t = Ticket(
                day=day,
                number=f"B{i:03d}",
                token=f"tok{i}",
                matter=rng.choice(pool.matters),
                zone="B",
                issued_at=at,
                queued_at=max(at, appt) if appt else at,
                appointment_at=appt,
                priority=Priority.GREEN if rng.random() < 0.15 else Priority.NORMAL,
                returning=rng.random() < 0.1,
                target_window=rng.choice([None, None, None, 3]),
                status=rng.choice([Status.WAITING] * 4 + [Status.DONE]),
            )
            uow.tickets.add(t)
            stored.append(t)
        uow.commit()
    for priority in (Priority.NORMAL, Priority.GREEN):
        new = Ticket(
            day=day,
            number="B999",
            token="new",
            matter="sybx",
            zone="B",
            issued_at=now,
            priority=priority,
        )
        expected = tickets_ahead(new, stored, pool, now, hall.policy)
        with hall.uow(write=False) as uow:
            counted = uow.tickets.ahead_of_new(
                day,
                pool.matters,
                now=now,
                queued_at=now,
                rank=new.rank(now, max_wait_min=hall.policy.max_wait_min),
                max_wait_min=hall.policy.max_wait_min,
            )
        by_matter: dict[str, int] = {}
        for t in expected:
            by_matter[t.matter] = by_matter.get(t.matter, 0) + 1
        assert counted == by_matter, priority
