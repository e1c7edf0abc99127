"""One writer thread per SQLite database: write use cases run in order, committed in groups.

SQLite has one writer at a time. Before this, every write request took a thread from the
pool, queued for the process's write lock and committed on its own: under load some forty
threads woke, fought for the GIL while the lock holder ran, and each commit paid its own
BEGIN IMMEDIATE and WAL fsync. Now the endpoints hand the use case to this writer and await
it. The writer takes what is queued (up to `max_batch`), runs each job inside a SAVEPOINT
of one write transaction, commits once, and only then answers every job of the group
(group commit). So:

- an answer still means committed: a crash before the COMMIT loses the whole group, none of
  which was answered (the kiosk retries with its Idempotency-Key);
- a job that fails (a domain error, a unique index) rolls back its own SAVEPOINT only; the
  others of the group commit;
- a job that breaks the transaction itself (a storage error) rolls the group back, and each of
  its jobs is run again alone, so every job gets the answer it would have had on its own;
- a job sees what the jobs before it in the group wrote (one connection, one transaction);
- every job is answered within the busy timeout, as before (503 database_busy after it).

Writes that do not come through the writer (sign-in, appointments, printer faults, the CLI) keep
the process's fair write lock (adapters/uow.py), which the writer also holds per group.
PostgreSQL runs transactions side by side and does not use this.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from queue_server.adapters.db import busy_timeout_s
from queue_server.adapters.uow import Batch, bind_batch, write_lock
from queue_server.domain import errors
from queue_server.domain.events import Event

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class WriteTiming:
    """Where a write request's time went on the writer, in seconds: queued until its group
    began, then its group's use cases and commit (the API's Server-Timing header)."""

    wait_s: float = 0.0
    run_s: float = 0.0


class _Job:
    __slots__ = (
        "answered",
        "args",
        "deadline",
        "done",
        "error",
        "fn",
        "kwargs",
        "ok",
        "queued",
        "result",
        "started",
        "timing",
    )

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        deadline: float,
        done: Callable[[_Job], None],
        timing: WriteTiming | None = None,
    ) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.deadline = deadline
        self.done = done
        self.ok = False
        self.answered = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.timing = timing
        self.queued = time.perf_counter()
        self.started: float | None = None

    def fail(self, error: BaseException) -> None:
        self.ok, self.result, self.error = False, None, error


def _breaks_transaction(error: BaseException) -> bool:
    """A database error other than a constraint: the group's transaction is suspect."""
    return isinstance(error, DBAPIError) and not isinstance(error, IntegrityError)


class SerialWriter:
    """Runs write use cases on one thread with one connection; see the module docstring.

    The thread starts on the first job and ends after `idle_s` without one (so a test's
    short-lived hall leaves no thread behind); `close()` ends it at shutdown.
    """

    def __init__(self, engine: Engine, *, max_batch: int = 32, idle_s: float = 10.0) -> None:
        self.engine = engine
        self.max_batch = max_batch
        self.idle_s = idle_s
        self._jobs: list[_Job] = []
        self._cond = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None
        self._closed = False
        self._conn: Connection | None = None
        # Given each group's committed events, in seq order, right after its COMMIT and
        # before its requests are answered (the event hub: no read of the log needed).
        self.publish: Callable[[list[Event]], None] | None = None
        # Groups committed and the jobs in them (the tests read them).
        self.groups = 0
        self.jobs = 0

    @property
    def running(self) -> bool:
        """Whether the writer thread is alive now."""
        with self._cond:
            return self._thread is not None

    # -- submitting ------------------------------------------------------------------------

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn(*args, **kwargs)` on the writer; its result once committed."""
        return await self.run_timed(None, fn, *args, **kwargs)

    async def run_timed(
        self, timing: WriteTiming | None, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T:
        """`run`, filling in `timing` before it answers (with an error too)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def done(job: _Job) -> None:
            try:
                loop.call_soon_threadsafe(_settle, future, job)
            except RuntimeError:  # the loop closed while the job ran (shutdown)
                pass

        self._put(_Job(fn, args, kwargs, self._deadline(), done, timing))
        return await future

    def submit(
        self, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[T]:
        """`run` for callers on other threads."""
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._put(_Job(fn, args, kwargs, self._deadline(), lambda job: _settle(future, job)))
        return future

    def _deadline(self) -> float:
        return time.monotonic() + busy_timeout_s(self.engine)

    def _put(self, job: _Job) -> None:
        with self._cond:
            if self._closed:
                raise errors.DatabaseBusy()
            self._jobs.append(job)
            if self._thread is None:
                self._thread = threading.Thread(target=self._main, name="hallq-writer", daemon=True)
                self._thread.start()
            else:
                self._cond.notify()

    def close(self, timeout: float = 10.0) -> None:
        """Answer what is queued, then end the thread (the next job starts a new one)."""
        with self._cond:
            self._closed = True
            thread = self._thread
            self._cond.notify()
        try:
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout)
        finally:
            with self._cond:
                self._closed = False

    # -- the writer thread -----------------------------------------------------------------

    def _take(self) -> list[_Job] | None:
        """The next group, or None when the thread should end (idle, or closed and empty).

        The connection is closed before the thread is marked gone, under the lock: a job
        arriving meanwhile starts a new thread, which must not find this one's connection.
        """
        with self._cond:
            while not self._jobs:
                if self._closed or (not self._cond.wait(self.idle_s) and not self._jobs):
                    self._disconnect()
                    self._thread = None
                    return None
            group = self._jobs[: self.max_batch]
            del self._jobs[: self.max_batch]
            return group

    def _main(self) -> None:
        while (group := self._take()) is not None:
            try:
                self._run_group(group)
            except BaseException as exc:  # a bug here must not leave requests unanswered
                log.exception("writer group failed")
                self._disconnect()
                unanswered = [job for job in group if not job.answered]
                for job in unanswered:
                    job.fail(exc)
                self._answer(unanswered, None)
                if not isinstance(exc, Exception):
                    with self._cond:
                        self._thread = None
                    raise

    def _run_group(self, group: list[_Job]) -> None:
        now = time.monotonic()
        live: list[_Job] = []
        for job in group:
            if job.deadline <= now:
                job.fail(errors.DatabaseBusy())
                self._answer([job], None)
            else:
                live.append(job)
        if not live:
            return
        try:
            done = self._commit_group(live)
        except _Poisoned:
            for job in live:  # each alone: its own error, the others' work kept
                self._answer([job], self._commit_group([job], solo=True))
            return
        self._answer(live, done)

    def _commit_group(self, jobs: list[_Job], *, solo: bool = False) -> Batch | None:
        """Run `jobs` in one transaction and commit it: the committed group (its
        after-commit hooks and events), or None when nothing was committed. Raises
        `_Poisoned` when a job broke the transaction, never with `solo`."""
        lock = write_lock(self.engine)
        # The earliest: no request of the group may be answered after its own deadline
        # (its kiosk gives up and retries; nothing may commit behind its back).
        deadline = min(job.deadline for job in jobs)
        if lock is not None and not lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            for job in jobs:
                job.fail(errors.DatabaseBusy())
            return None
        started = time.perf_counter()
        for job in jobs:
            job.started = started
        batch = Batch(self.engine)
        try:
            try:
                conn = self._connect()
                conn.info["hallq_write"] = True
                conn.info["hallq_deadline"] = deadline
                conn.begin()
                batch.conn = conn
                batch.driver = conn.connection.driver_connection
            except Exception as exc:
                self._disconnect()
                for job in jobs:
                    job.fail(exc)
                return None
            with bind_batch(batch):
                for job in jobs:
                    try:
                        job.result, job.ok = job.fn(*job.args, **job.kwargs), True
                    except Exception as exc:
                        job.fail(exc)
                        if not solo and _breaks_transaction(exc):
                            self._abandon(conn)
                            raise _Poisoned() from exc
            try:
                conn.commit()
            except Exception as exc:
                self._abandon(conn)
                for job in jobs:
                    if job.ok:
                        job.fail(exc)
                return None
            self.groups += 1
            self.jobs += len(jobs)
            return batch
        finally:
            if lock is not None:
                lock.release()

    def _answer(self, jobs: list[_Job], committed: Batch | None) -> None:
        if committed is not None and committed.events and self.publish is not None:
            try:
                self.publish(committed.events)
            except Exception:
                log.exception("could not hand the committed events to the hub")
        unique: list[Callable[[], None]] = []
        for hook in committed.hooks if committed is not None else []:
            # once per group, not once per job
            if hook not in unique:
                unique.append(hook)
        for hook in unique:
            try:
                hook()
            except Exception:
                log.exception("after-commit hook failed")
        now = time.perf_counter()
        for job in jobs:
            job.answered = True
            if job.timing is not None:
                began = job.started if job.started is not None else now
                job.timing.wait_s, job.timing.run_s = began - job.queued, now - began
            try:
                job.done(job)
            except Exception:
                log.exception("could not answer a writer job")

    def _connect(self) -> Connection:
        if self._conn is None or self._conn.closed or self._conn.invalidated:
            self._conn = self.engine.connect()
        return self._conn

    def _abandon(self, conn: Connection) -> None:
        try:
            conn.rollback()
        except Exception:
            log.exception("rollback of a writer group failed")
        self._disconnect()

    def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                log.exception("closing the writer's connection failed")


class _Poisoned(Exception):
    """A job broke the group's transaction: run the jobs one by one."""


def _settle(future: asyncio.Future[Any] | concurrent.futures.Future[Any], job: _Job) -> None:
    """Give `job`'s answer to whoever waits on `future` (gone if it was cancelled)."""
    if future.cancelled():
        return
    if job.ok:
        future.set_result(job.result)
    else:
        assert job.error is not None
        future.set_exception(job.error)
