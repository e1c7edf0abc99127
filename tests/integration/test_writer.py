"""The SQLite writer thread (adapters/writer.py): group commit with the guarantees of one
transaction per request — answered only once committed, a failing request alone rolled back,
a broken transaction re-run request by request, every request answered within the busy
timeout."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import OperationalError

from queue_server.adapters import tables as t
from queue_server.adapters.uow import after_commit, write_lock
from queue_server.bootstrap import build_hall
from queue_server.config import HallConfig, Settings
from queue_server.domain import errors
from queue_server.domain.events import Event
from queue_server.hall import Hall
from queue_server.services import staff, tickets, windows

KIOSK = {"channel": "kiosk", "priority": "normal", "actor": "kiosk-1"}


@pytest.fixture
def sqlite_hall(tmp_path: Path, mini_config: HallConfig, clock: Any) -> Iterator[Hall]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'hallq.sqlite3'}",
        data_dir=tmp_path,
        secret="test-secret",
        sqlite_busy_timeout_s=1.0,
    )
    hall = build_hall(settings, mini_config, clock=clock)
    assert hall.writer is not None
    yield hall
    hall.writer.close()


def issue(hall: Hall, matter: str = "yyzz") -> tuple[str, int]:
    ticket, position = tickets.issue_ticket(hall, matter=matter, **KIOSK)
    return ticket.number, position.waiting_ahead


def ticket_numbers(hall: Hall) -> list[str]:
    with hall.uow(write=False) as uow:
        rows = uow.conn.execute(select(t.tickets.c.number).order_by(t.tickets.c.number))
        return [r[0] for r in rows]


def queued_behind_lock(
    hall: Hall, jobs: list[tuple[Any, ...]]
) -> list[concurrent.futures.Future[Any]]:
    """Submit `jobs` while this thread holds the write lock, so that they queue up and run
    as one group once it is released (the first may run alone: the writer took it before
    waiting for the lock)."""
    assert hall.writer is not None and hall.engine is not None
    lock = write_lock(hall.engine)
    assert lock is not None
    with lock:
        futures = [hall.writer.submit(*job) for job in jobs]
        time.sleep(0.1)
    return futures


def test_queued_requests_commit_as_one_group_numbered_in_order(sqlite_hall: Hall) -> None:
    writer = sqlite_hall.writer
    assert writer is not None
    futures = queued_behind_lock(sqlite_hall, [(issue, sqlite_hall)] * 10)
    answers = [f.result(timeout=10) for f in futures]

    # Each request saw what the requests before it in the group wrote: numbers and people
    # ahead follow the order of arrival.
    assert answers == [(f"A{n:03d}", n - 1) for n in range(1, 11)]
    assert ticket_numbers(sqlite_hall) == [f"A{n:03d}" for n in range(1, 11)]
    assert writer.jobs == 10
    assert writer.groups <= 2  # not one commit per ticket


def test_a_refused_request_rolls_back_alone(sqlite_hall: Hall) -> None:
    # spjy has a daily quota of 3: the fourth is refused, the rest of the group is kept.
    jobs = [(issue, sqlite_hall, "spjy")] * 4 + [(issue, sqlite_hall, "yyzz")]
    futures = queued_behind_lock(sqlite_hall, jobs)
    assert [f.result(timeout=10)[0] for f in futures[:3]] == ["A001", "A002", "A003"]
    with pytest.raises(errors.QuotaExhausted):
        futures[3].result(timeout=10)
    assert futures[4].result(timeout=10) == ("A004", 3)
    assert ticket_numbers(sqlite_hall) == ["A001", "A002", "A003", "A004"]


def test_a_request_that_breaks_the_transaction_does_not_cost_the_others(
    sqlite_hall: Hall,
) -> None:
    def broken(hall: Hall) -> None:
        with hall.uow() as uow:
            uow.conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")

    futures = queued_behind_lock(
        sqlite_hall,
        [(issue, sqlite_hall), (issue, sqlite_hall), (broken, sqlite_hall), (issue, sqlite_hall)],
    )
    assert futures[0].result(timeout=10)[0] == "A001"
    assert futures[1].result(timeout=10)[0] == "A002"
    with pytest.raises(OperationalError):
        futures[2].result(timeout=10)
    assert futures[3].result(timeout=10)[0] == "A003"
    # The group was rolled back and its requests run again one by one: no ticket twice.
    assert ticket_numbers(sqlite_hall) == ["A001", "A002", "A003"]


def test_nobody_is_answered_before_the_commit(
    sqlite_hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_commit = Connection.commit
    failing = threading.Event()

    def commit(self: Connection) -> None:
        if failing.is_set() and threading.current_thread().name == "hallq-writer":
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        real_commit(self)

    monkeypatch.setattr(Connection, "commit", commit)
    failing.set()
    futures = queued_behind_lock(sqlite_hall, [(issue, sqlite_hall)] * 3)
    for future in futures:
        with pytest.raises(OperationalError):
            future.result(timeout=10)
    failing.clear()
    assert ticket_numbers(sqlite_hall) == []
    # The writer recovers with a fresh connection.
    assert sqlite_hall.writer is not None
    assert sqlite_hall.writer.submit(issue, sqlite_hall).result(timeout=10) == ("A001", 0)


def test_requests_queued_behind_a_held_lock_get_database_busy_in_time(sqlite_hall: Hall) -> None:
    writer, engine = sqlite_hall.writer, sqlite_hall.engine
    assert writer is not None and engine is not None
    lock = write_lock(engine)
    assert lock is not None
    with lock:  # another writer of this process holds the database for longer than 1 s
        start = time.monotonic()
        future = writer.submit(issue, sqlite_hall)
        with pytest.raises(errors.DatabaseBusy):
            future.result(timeout=10)
        waited = time.monotonic() - start
    assert 0.9 <= waited < 3.0
    assert ticket_numbers(sqlite_hall) == []


def test_after_commit_hooks_run_once_per_group_after_the_commit(sqlite_hall: Hall) -> None:
    seen: list[list[str]] = []

    class Hub:
        def poke(self) -> None:  # what the hub sees when woken: the committed tickets
            seen.append(ticket_numbers(sqlite_hall))

    hub = Hub()
    sqlite_hall.notify = lambda: after_commit(hub.poke)
    writer = sqlite_hall.writer
    assert writer is not None
    futures = queued_behind_lock(sqlite_hall, [(issue, sqlite_hall)] * 6)
    [f.result(timeout=10) for f in futures]
    assert len(seen) == writer.groups <= 2
    assert seen[-1] == [f"A{n:03d}" for n in range(1, 7)]


def test_the_group_hands_exactly_its_committed_events_to_the_hub(sqlite_hall: Hall) -> None:
    writer = sqlite_hall.writer
    assert writer is not None
    published: list[list[int]] = []
    writer.publish = lambda events: published.append([e.seq or 0 for e in events])

    def logged_then_refused(hall: Hall) -> None:
        with hall.uow():  # an outer unit of work whose inner one commits, then it fails
            with hall.uow() as inner:
                pause = Event(type="window.paused", at=hall.now(), actor="x", window=1)
                inner.events.append([pause])
                inner.commit()
            raise errors.NothingWaiting()

    # The fourth spjy is refused (daily quota 3), the other job after it logged an event:
    # their savepoints, events included, are gone.
    jobs = [(issue, sqlite_hall, "spjy")] * 4 + [(logged_then_refused, sqlite_hall)]
    jobs += [(issue, sqlite_hall, "yyzz")]
    futures = queued_behind_lock(sqlite_hall, jobs)
    for future in futures:
        future.exception(timeout=10)
    with sqlite_hall.uow(write=False) as uow:
        in_log = [
            e.seq for e in uow.events.since(0) if e.type in ("ticket.issued", "window.paused")
        ]
    sent = [seq for group in published for seq in group]
    assert len(in_log) == 4
    assert sent == in_log  # every committed event once, in seq order, nothing rolled back


def test_window_cycle_through_the_writer_from_the_event_loop(sqlite_hall: Hall) -> None:
    writer = sqlite_hall.writer
    assert writer is not None
    staff.login(sqlite_hall, staff_id="s1a", pin="1111", window=1)

    async def day() -> list[str]:
        await asyncio.gather(*(writer.run(issue, sqlite_hall) for _ in range(5)))
        called = []
        for _ in range(5):
            ticket = await writer.run(windows.call_next, sqlite_hall, 1, actor="s1a")
            called.append(ticket.number)
            await writer.run(
                windows.complete,
                sqlite_hall,
                1,
                actor="s1a",
                outcome="done",
                missing_materials=[],
                note="",
            )
        with pytest.raises(errors.NothingWaiting):
            await writer.run(windows.call_next, sqlite_hall, 1, actor="s1a")
        return called

    assert asyncio.run(day()) == [f"A{n:03d}" for n in range(1, 6)]
    with sqlite_hall.uow(write=False) as uow:
        done = uow.conn.execute(
            select(func.count()).select_from(t.tickets).where(t.tickets.c.status == "done")
        ).scalar_one()
    assert done == 5


def test_a_fault_in_the_writer_itself_answers_its_requests_and_the_writer_goes_on(
    sqlite_hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = sqlite_hall.writer
    assert writer is not None

    def broken(*_args: Any, **_kw: Any) -> None:
        raise RuntimeError("a bug in the writer")

    monkeypatch.setattr(writer, "_commit_group", broken)
    with pytest.raises(RuntimeError):
        writer.submit(issue, sqlite_hall).result(timeout=10)
    monkeypatch.undo()
    assert writer.submit(issue, sqlite_hall).result(timeout=10) == ("A001", 0)


def test_the_thread_ends_when_idle_and_comes_back(sqlite_hall: Hall) -> None:
    writer = sqlite_hall.writer
    assert writer is not None
    writer.idle_s = 0.2
    assert writer.submit(issue, sqlite_hall).result(timeout=10)[0] == "A001"
    deadline = time.monotonic() + 5
    while writer.running:
        assert time.monotonic() < deadline, "the idle writer thread did not end"
        time.sleep(0.05)
    assert writer.submit(issue, sqlite_hall).result(timeout=10)[0] == "A002"


def test_postgresql_halls_have_no_writer(settings: Settings, mini_config: HallConfig) -> None:
    hall = build_hall(settings, mini_config)
    assert (hall.writer is None) == (settings.database_url.startswith("postgresql"))
