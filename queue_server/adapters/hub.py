"""Live event fan-out: tail the event log in order and push to every subscriber.

The log in the database is the one source of truth: the hub reads it by `seq`, so the
order is the commit order and a subscriber of any server process sees every event. A
local commit wakes the hub at once; other processes' commits are seen by polling.

On SQLite the writer thread hands over each group's committed events itself (`offer`): when
they follow on from the last event published, they go out without reading the log back;
after a gap (a commit made elsewhere) the hub reads the log as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from queue_server.domain.events import Event

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """An event as every subscriber is sent it: encoded once, not once per subscriber."""

    event: Event
    text: str

    @property
    def seq(self) -> int | None:
        return self.event.seq


@dataclass(eq=False)
class Subscription:
    zone: str | None
    queue: asyncio.Queue[Outgoing | None] = field(default_factory=lambda: asyncio.Queue(2000))
    overflowed: bool = False

    def end(self) -> None:
        """Tell the reader to stop after what it has already been given (None), even when
        its queue is full: then the oldest event makes room, as the reader re-syncs anyway."""
        try:
            self.queue.put_nowait(None)
        except asyncio.QueueFull:
            self.queue.get_nowait()
            self.queue.put_nowait(None)


def _no_text(_event: Event, _zone: str | None) -> str:
    return ""


class EventHub:
    def __init__(
        self,
        read_since: Callable[[int], list[Event]],
        last_seq: Callable[[], int],
        zone_of: Callable[[Event], str | None],
        *,
        poll_s: float = 0.5,
        encode: Callable[[Event, str | None], str] = _no_text,
    ) -> None:
        """`encode(event, zone)`: the wire text of an event, made once per event for every
        subscriber (the API's JSON; at 500 subscribers, encoding per subscriber cost more
        than the sends)."""
        self._read_since = read_since
        self._encode = encode
        self._last_seq = last_seq
        self._zone_of = zone_of
        self._poll_s = poll_s
        self._subs: set[Subscription] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self.seq = 0
        self.offered = 0  # events published as offered, without reading the log

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self.seq = await asyncio.to_thread(self._last_seq)
        self._task = asyncio.create_task(self._run(), name="event-hub")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for sub in list(self._subs):
            sub.end()

    def poke(self) -> None:
        """Thread-safe: something was committed, look now."""
        if self._loop is not None and self._wake is not None:
            with contextlib.suppress(RuntimeError):  # loop closed during shutdown
                self._loop.call_soon_threadsafe(self._wake.set)

    def offer(self, events: list[Event]) -> None:
        """Thread-safe: these events (in seq order) were just committed."""
        if self._loop is not None and events:
            with contextlib.suppress(RuntimeError):  # loop closed during shutdown
                self._loop.call_soon_threadsafe(self._take_offer, events)

    def _take_offer(self, events: list[Event]) -> None:
        fresh = [ev for ev in events if ev.seq is not None and ev.seq > self.seq]
        if not fresh:
            return  # already read from the log
        if fresh[0].seq != self.seq + 1:
            assert self._wake is not None
            self._wake.set()  # something committed in between: read the log
            return
        for event in fresh:
            self._publish(event)
            self.seq = event.seq or self.seq
        self.offered += len(fresh)

    def subscribe(self, zone: str | None) -> Subscription:
        sub = Subscription(zone)
        self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.discard(sub)

    @property
    def subscribers(self) -> int:
        return len(self._subs)

    def zone_of(self, event: Event) -> str | None:
        return self._zone_of(event)

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow the
            # cancellation that stop() sends when the wake-up lands at the same moment,
            # and shutdown then waits forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll_s):
                    await self._wake.wait()
            self._wake.clear()
            try:
                events = await asyncio.to_thread(self._read_since, self.seq)
            except Exception:  # the database may be briefly unavailable; keep tailing
                log.exception("event hub could not read the event log")
                await asyncio.sleep(self._poll_s)
                continue
            for event in events:
                if event.seq is not None and event.seq <= self.seq:
                    continue  # offered by the writer while this read was under way
                self._publish(event)
                self.seq = event.seq or self.seq
            if len(events) >= 1000:
                self._wake.set()

    def _publish(self, event: Event) -> None:
        if not self._subs:
            return
        zone = self._zone_of(event)
        outgoing = Outgoing(event, self._encode(event, zone))
        for sub in list(self._subs):
            if sub.zone and zone and sub.zone != zone:
                continue
            try:
                sub.queue.put_nowait(outgoing)
            except asyncio.QueueFull:
                # A subscriber that cannot keep up is cut off; it reconnects and re-syncs.
                sub.overflowed = True
                self._subs.discard(sub)
                sub.end()
